"""The whole pipeline on Oracle's spec: complete, deterministic, and fast enough to rerun at will."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from codegen.format import FormatError, format_sources
from codegen.manifest import pinned
from codegen.pipeline import generate
from codegen.write import write_tree

pytestmark = pytest.mark.mock


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_generating_twice_gives_byte_identical_output(tmp_path: Path) -> None:
    spec = pinned().cached
    first = generate(spec, tmp_path / "first")
    second = generate(spec, tmp_path / "second")
    assert (first.operations, first.models) == (243, second.models)
    assert first.warnings == [], "every operation has a reviewed name"
    assert tree_digest(tmp_path / "first") == tree_digest(tmp_path / "second")
    # Regenerating over an existing tree changes nothing.
    assert generate(spec, tmp_path / "first").changed == 0


def test_generated_package_is_up_to_date_with_the_pinned_spec(tmp_path: Path) -> None:
    generate(pinned().cached, tmp_path)
    here = Path(__file__).resolve().parents[2] / "generated"
    assert tree_digest(tmp_path / "ofsc_generated") == tree_digest(here / "ofsc_generated")


def test_format_reports_invalid_generated_python() -> None:
    with pytest.raises(FormatError, match="ruff format failed"):
        format_sources({"pkg/broken.py": "def f(:\n"})


def test_write_tree_removes_stale_files_and_keeps_unchanged_ones(tmp_path: Path) -> None:
    assert write_tree({"pkg/a.py": "a = 1\n", "pkg/b.py": "b = 1\n"}, tmp_path) == 2
    stamp = (tmp_path / "pkg/a.py").stat().st_mtime_ns
    assert write_tree({"pkg/a.py": "a = 1\n"}, tmp_path) == 0
    assert (tmp_path / "pkg/a.py").stat().st_mtime_ns == stamp
    assert not (tmp_path / "pkg/b.py").exists()
