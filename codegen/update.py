"""Take a new spec from Oracle: pin it as current, regenerate, and diff it against the last one.

The previous spec is brought into the cache first, so a failure there leaves the
manifest as it was. Once the new spec is pinned it stays pinned even if generation
fails (an overlay fix that no longer applies, say): the maintainer edits the overlays
and runs ``make generate`` and ``python -m codegen diff`` again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .diff import diff_ir, load_ir
from .manifest import MANIFEST, fetch, pin, pinned, read_manifest
from .overlay import SPECS_DIR
from .pipeline import generate

if TYPE_CHECKING:
    from pathlib import Path

    from .diff import SpecDiff
    from .manifest import PinnedSpec
    from .pipeline import GenerationReport


@dataclass(frozen=True)
class UpdateResult:
    spec: PinnedSpec
    previous: PinnedSpec | None
    generation: GenerationReport
    diff: SpecDiff | None  # None when nothing was pinned before


def update(source: str, out: Path, manifest: Path = MANIFEST, specs_dir: Path = SPECS_DIR) -> UpdateResult:
    current, _ = read_manifest(manifest)
    previous = pinned(current, manifest) if current else None
    previous_path = fetch(previous) if previous else None
    spec = pin(source, manifest)
    report = generate(spec.cached, out, specs_dir)
    diff = (
        diff_ir(load_ir(previous_path, specs_dir), load_ir(spec.cached, specs_dir)) if previous_path else None
    )
    return UpdateResult(spec=spec, previous=previous, generation=report, diff=diff)
