"""Running the generator's stages on the small case specs in ``tests/codegen/cases/``.

Each case directory holds a ``spec.json`` written to exercise one hard part of Oracle's
spec, optional overlays (``names.toml``, ``overlay.toml``) and the ``expected/`` output of
each stage. Set ``OFSC_UPDATE_GOLDEN=1`` to rewrite the expected files after a deliberate
change, then review the diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from codegen.format import format_sources
from codegen.ir import SdkIR
from codegen.load import load_spec
from codegen.name import build_ir
from codegen.normalise import Normalised, normalise
from codegen.overlay import load_overlay
from codegen.render import render
from codegen.types import ListOf, MapOf, OpenEnum, Ref, Scalar, Union
from codegen.write import write_tree

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "spec.json").exists())
UPDATE = os.environ.get("OFSC_UPDATE_GOLDEN") == "1"
TYPE_EXPRESSIONS = (Scalar, Ref, ListOf, MapOf, OpenEnum, Union)


@dataclass(frozen=True)
class CaseRun:
    name: str
    normalised: Normalised
    ir: SdkIR
    files: dict[str, str]

    @property
    def dir(self) -> Path:
        return CASES_DIR / self.name

    def model(self, class_name: str) -> Any:
        return next(m for m in self.ir.models if m.class_name == class_name)

    def operation(self, name: str) -> Any:
        return next(op for op in self.ir.operations if op.name == name)


@cache
def run_case(name: str) -> CaseRun:
    case_dir = CASES_DIR / name
    loaded = load_spec(case_dir / "spec.json")
    overlay = load_overlay(case_dir)
    normalised = normalise(loaded.document, overlay)
    ir = build_ir(normalised.document, overlay, loaded.sha256)
    files = format_sources(render(ir, normalised.document))
    return CaseRun(name, normalised, ir, files)


def _plain(value: Any) -> Any:
    """The IR as JSON data; a type expression as the annotation it renders."""
    if isinstance(value, TYPE_EXPRESSIONS):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def ir_as_json(ir: SdkIR) -> str:
    data = _plain(ir)
    data["spec_sha256"] = "<sha256>"  # the case specs' bytes are not what the goldens pin

    def default(value: object) -> object:
        if isinstance(value, set | frozenset):
            return sorted(value)
        raise TypeError(type(value))

    return json.dumps(data, indent=1, sort_keys=True, default=default) + "\n"


def check_golden(path: Path, actual: str) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(
            f"no golden file {path.relative_to(CASES_DIR)}; run with OFSC_UPDATE_GOLDEN=1 and review it"
        )
    assert actual == path.read_text(encoding="utf-8"), (
        f"{path.relative_to(CASES_DIR)} differs from the golden file"
    )


def run_generated(files: dict[str, str], tmp_path: Path, code: str) -> str:
    """Write a case's generated package to ``tmp_path`` and run ``code`` against it in a fresh
    interpreter (the real ``ofsc_generated`` is importable in this one)."""
    write_tree(files, tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(Path.cwd())])}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
