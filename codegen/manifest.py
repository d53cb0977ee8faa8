"""The spec manifest (``specs/manifest.toml``): which spec versions we build, and fetching them.

A spec is never committed. ``fetch`` copies (or downloads) the pinned file into
``specs/cache/`` and refuses it unless its sha256 is the pinned one. ``pin`` brings a
new spec in and adds it to the manifest as ``current``. The cache sits beside the
manifest it serves.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tomllib
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .overlay import SPECS_DIR

MANIFEST = SPECS_DIR / "manifest.toml"
CACHE = SPECS_DIR / "cache"


class ManifestError(Exception):
    """The manifest is wrong, or a spec could not be brought in as pinned (one line, says what to set)."""


@dataclass(frozen=True)
class PinnedSpec:
    version: str
    file: str
    sha256: str
    source: str
    cache: Path = field(default=CACHE, compare=False)

    @property
    def cached(self) -> Path:
        return self.cache / self.file


def read_manifest(path: Path = MANIFEST) -> tuple[str, list[PinnedSpec]]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    cache = path.parent / CACHE.name
    specs = [
        PinnedSpec(s["version"], s["file"], s["sha256"], s["source"], cache) for s in data.get("spec", [])
    ]
    return str(data.get("current", specs[-1].version if specs else "")), specs


def pinned(version: str | None = None, path: Path = MANIFEST) -> PinnedSpec:
    current, specs = read_manifest(path)
    wanted = version or current
    for spec in specs:
        if spec.version == wanted:
            return spec
    known = ", ".join(s.version for s in specs) or "none"
    raise ManifestError(f"spec version {wanted!r} is not pinned in {path} (known: {known}); set SPEC_VERSION")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(spec: PinnedSpec, source: str | None = None) -> Path:
    """Bring ``spec`` into the cache from ``source`` (a path or URL; default: the manifest's)."""
    origin = source or spec.source
    spec.cached.parent.mkdir(parents=True, exist_ok=True)
    if spec.cached.exists() and sha256_of(spec.cached) == spec.sha256:
        return spec.cached
    partial = spec.cached.with_suffix(".part")
    _copy(origin, partial, spec.file, f"spec {spec.version}")
    actual = sha256_of(partial)
    if actual != spec.sha256:
        partial.unlink()
        raise ManifestError(
            f"{origin} has sha256 {actual}, but {spec.version} is pinned as {spec.sha256}; "
            "set SPEC_SOURCE to the pinned file, or pin the new one with `make regenerate`"
        )
    partial.replace(spec.cached)
    return spec.cached


def _copy(origin: str, target: Path, file: str, what: str) -> None:
    """Copy or download ``origin`` (a URL, a file, or a directory holding ``file``) to ``target``."""
    try:
        if "://" in origin:
            with urllib.request.urlopen(origin, timeout=60) as response, target.open("wb") as out:
                shutil.copyfileobj(response, out)
        else:
            local = Path(origin)
            if not local.is_absolute():
                local = (SPECS_DIR.parent / local).resolve()
            if local.is_dir():
                local = local / file
            shutil.copyfile(local, target)
    except (OSError, ValueError) as exc:
        target.unlink(missing_ok=True)
        raise ManifestError(
            f"cannot read {what} from {origin} ({exc}); set SPEC_SOURCE to its path or URL"
        ) from exc


# A spec version becomes a file name and part of a wheel's version: keep it plain.
_VERSION = re.compile(r"^[0-9][0-9A-Za-z.]*$")
_ENTRY_KEYS = ("version", "file", "sha256", "source")


def pin(source: str, path: Path = MANIFEST) -> PinnedSpec:
    """Bring the spec at ``source`` (a path or URL) in and pin it in ``path`` as ``current``.

    Its version is its own ``info.version``. A version already pinned is made current
    again if the file is the same, and refused if it differs (a pin never changes).
    A relative ``source`` is read from the working directory and recorded relative to
    the repository when it lies beside it, as the pinned one does.
    """
    cache = path.parent / CACHE.name
    cache.mkdir(parents=True, exist_ok=True)
    origin = source if "://" in source else _recorded_path(Path(source))
    incoming = cache / "incoming.part"
    _copy(origin, incoming, "", "the new spec")
    try:
        version = _spec_version(incoming)
        spec = PinnedSpec(version, f"ofsc-rest-{version}.swagger.json", sha256_of(incoming), origin, cache)
        _, specs = read_manifest(path)
        known = next((s for s in specs if s.version == version), None)
        if known is not None and known.sha256 != spec.sha256:
            raise ManifestError(
                f"spec {version} is already pinned with sha256 {known.sha256}, but {source} has "
                f"{spec.sha256}; a pin never changes: remove the old entry from {path} first"
            )
        incoming.replace(spec.cached)
    finally:
        incoming.unlink(missing_ok=True)
    _write_pin(path, spec, append=known is None)
    return pinned(version, path)


def _recorded_path(local: Path) -> str:
    """``local`` as the manifest records it: relative to the repository when it lies beside it."""
    local = local.expanduser().resolve()
    root = SPECS_DIR.parent
    return os.path.relpath(local, root) if local.is_relative_to(root.parent) else str(local)


def _spec_version(path: Path) -> str:
    try:
        document = json.loads(path.read_bytes())
        version = str(document["info"]["version"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ManifestError(
            f"the new spec has no info.version ({exc!r}); is it Oracle's Swagger file?"
        ) from exc
    if not _VERSION.match(version):
        raise ManifestError(f"the new spec's info.version {version!r} is not a plain version like 2025.12.23")
    return version


def _write_pin(path: Path, spec: PinnedSpec, append: bool) -> None:
    """Edit the manifest as text, so its comments stay."""
    text = path.read_text(encoding="utf-8")
    current = f"current = {json.dumps(spec.version)}"
    text, found = re.subn(r"(?m)^current\s*=.*$", current, text, count=1)
    if not found:
        head, sep, tail = text.partition("[[spec]]")
        text = f"{head.rstrip()}\n\n{current}\n\n{sep}{tail}".lstrip()
    if append:
        entry = "\n".join(f"{key} = {json.dumps(getattr(spec, key))}" for key in _ENTRY_KEYS)
        text = f"{text.rstrip()}\n\n[[spec]]\n{entry}\n"
    path.write_text(text, encoding="utf-8")
