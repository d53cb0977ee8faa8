"""Run the stages in order: load -> normalise -> name -> render -> format -> write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from .format import format_sources
from .load import load_spec
from .name import build_ir
from .normalise import normalise
from .overlay import SPECS_DIR, load_overlay
from .render import render
from .write import write_tree

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

T = TypeVar("T")


@dataclass
class GenerationReport:
    spec_version: str
    operations: int
    models: int
    files: int
    changed: int
    warnings: list[str]
    notes: list[str]
    timings: dict[str, float] = field(default_factory=dict)


def generate(spec: Path, out: Path, specs_dir: Path = SPECS_DIR) -> GenerationReport:
    timings: dict[str, float] = {}

    def stage(name: str, fn: Callable[[], T]) -> T:
        start = time.perf_counter()
        result = fn()
        timings[name] = time.perf_counter() - start
        return result

    loaded = stage("load", lambda: load_spec(spec))
    overlay = load_overlay(specs_dir)
    normalised = stage("normalise", lambda: normalise(loaded.document, overlay))
    ir = stage("name", lambda: build_ir(normalised.document, overlay, loaded.sha256))
    files = stage("render", lambda: render(ir, normalised.document))
    files = stage("format", lambda: format_sources(files))
    changed = stage("write", lambda: write_tree(files, out))
    return GenerationReport(
        spec_version=ir.spec_version,
        operations=len(ir.operations),
        models=len(ir.models),
        files=len(files),
        changed=changed,
        warnings=ir.warnings,
        notes=normalised.notes,
        timings=timings,
    )
