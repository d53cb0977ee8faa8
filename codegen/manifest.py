"""The spec manifest (``specs/manifest.toml``): which spec versions we build, and fetching them.

A spec is never committed. ``fetch`` copies (or downloads) the pinned file into
``specs/cache/`` and refuses it unless its sha256 is the pinned one.
"""

from __future__ import annotations

import hashlib
import shutil
import tomllib
import urllib.request
from dataclasses import dataclass
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

    @property
    def cached(self) -> Path:
        return CACHE / self.file


def read_manifest(path: Path = MANIFEST) -> tuple[str, list[PinnedSpec]]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    specs = [PinnedSpec(s["version"], s["file"], s["sha256"], s["source"]) for s in data.get("spec", [])]
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
    CACHE.mkdir(parents=True, exist_ok=True)
    if spec.cached.exists() and sha256_of(spec.cached) == spec.sha256:
        return spec.cached
    partial = spec.cached.with_suffix(".part")
    try:
        if "://" in origin:
            with urllib.request.urlopen(origin, timeout=60) as response, partial.open("wb") as out:
                shutil.copyfileobj(response, out)
        else:
            local = Path(origin)
            if not local.is_absolute():
                local = (SPECS_DIR.parent / local).resolve()
            if local.is_dir():
                local = local / spec.file
            shutil.copyfile(local, partial)
    except (OSError, ValueError) as exc:
        partial.unlink(missing_ok=True)
        raise ManifestError(
            f"cannot read spec {spec.version} from {origin} ({exc}); set SPEC_SOURCE to its path or URL"
        ) from exc
    actual = sha256_of(partial)
    if actual != spec.sha256:
        partial.unlink()
        raise ManifestError(
            f"{origin} has sha256 {actual}, but {spec.version} is pinned as {spec.sha256}; "
            "set SPEC_SOURCE to the pinned file, or pin the new one with `make regenerate`"
        )
    partial.replace(spec.cached)
    return spec.cached
