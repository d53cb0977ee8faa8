"""The spec manifest (``specs/manifest.toml``): which spec versions we build, and fetching them.

A spec is never committed. ``fetch`` copies (or downloads) the pinned file into
``specs/cache/`` and refuses it unless its sha256 is the pinned one. It reads the source
it is given, else keeps a cached copy that checks out, else tries the entry's ``sources``
in order (``source`` for a single one). ``pin`` brings a new spec in and adds it to the
manifest as ``current``. The cache sits beside the manifest it serves.
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
# Where Oracle publishes the spec: its "REST API for Oracle Fusion Field Service" documentation,
# whose navigation offers the Swagger 2.0 file for download.
ORACLE_DOCS = "https://docs.oracle.com/en/cloud/saas/field-service/cxfsc/index.html"


class ManifestError(Exception):
    """The manifest is wrong, or a spec could not be brought in as pinned (says what to set)."""


@dataclass(frozen=True)
class PinnedSpec:
    version: str
    file: str
    sha256: str
    sources: tuple[str, ...]  # paths (relative to the repository, ``~`` allowed) or URLs, in order
    cache: Path = field(default=CACHE, compare=False)

    @property
    def cached(self) -> Path:
        return self.cache / self.file

    @property
    def source(self) -> str:
        """The first source: the one a new pin records."""
        return self.sources[0]


@dataclass(frozen=True)
class Fetched:
    """Where a fetched spec is, and where it came from (``None``: the cached copy was kept)."""

    path: Path
    origin: str | None


def read_manifest(path: Path = MANIFEST) -> tuple[str, list[PinnedSpec]]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    cache = path.parent / CACHE.name
    specs = [
        PinnedSpec(s["version"], s["file"], s["sha256"], _sources(s, path), cache)
        for s in data.get("spec", [])
    ]
    return str(data.get("current", specs[-1].version if specs else "")), specs


def _sources(entry: dict[str, object], path: Path) -> tuple[str, ...]:
    listed = entry.get("sources", [entry["source"]] if "source" in entry else [])
    if not isinstance(listed, list) or not listed or not all(isinstance(s, str) and s for s in listed):
        raise ManifestError(
            f"spec {entry.get('version')!r} in {path} needs `sources`, a list of paths or URLs"
        )
    return tuple(listed)


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
    """Bring ``spec`` into the cache (see :func:`bring_in`); its path."""
    return bring_in(spec, source).path


def bring_in(spec: PinnedSpec, source: str | None = None) -> Fetched:
    """Bring ``spec`` into the cache and verify its sha256.

    A ``source`` given is always read and checked, even when the cache already holds the
    spec: asking for a source that is wrong is an error, never silently ignored. Without
    one, a cached copy that checks out is kept; otherwise the manifest's sources are tried
    in order, and the error names each one and why it failed.
    """
    spec.cached.parent.mkdir(parents=True, exist_ok=True)
    if source is not None:
        _take(spec, source)
        return Fetched(spec.cached, source)
    if spec.cached.exists() and sha256_of(spec.cached) == spec.sha256:
        return Fetched(spec.cached, None)
    failures: list[str] = []
    for origin in spec.sources:
        try:
            _take(spec, origin)
            return Fetched(spec.cached, origin)
        except ManifestError as exc:
            failures.append(f"  {origin}: {exc.__cause__ or exc}")
    tried = "\n".join(failures)
    raise ManifestError(
        f"spec {spec.version} ({spec.file}) is not in {_shown(spec.cache)} and none of its sources "
        f"could provide it:\n{tried}\n"
        f"Download Oracle's Swagger 2.0 file of the OFS REST API ({ORACLE_DOCS}, the download link "
        "in its navigation) and give its path or URL once: `make demo SPEC_SOURCE=/path/to/file.json` "
        "(or `python -m codegen fetch --source ...`). A file of another version needs `make regenerate`."
    )


def _take(spec: PinnedSpec, origin: str) -> None:
    """Copy ``origin`` into the cache if its sha256 is the pinned one; else raise."""
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


def _shown(path: Path) -> str:
    root = SPECS_DIR.parent
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _copy(origin: str, target: Path, file: str, what: str) -> None:
    """Copy or download ``origin`` (a URL, a file, or a directory holding ``file``) to ``target``."""
    try:
        if "://" in origin:
            with urllib.request.urlopen(origin, timeout=60) as response, target.open("wb") as out:
                shutil.copyfileobj(response, out)
        else:
            local = Path(origin).expanduser()
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
        spec = PinnedSpec(version, f"ofsc-rest-{version}.swagger.json", sha256_of(incoming), (origin,), cache)
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
