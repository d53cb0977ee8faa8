"""Golden tests: each stage's output for each case spec is exactly the reviewed one."""

from __future__ import annotations

import json

import pytest

from tests.codegen.support import CASES, CASES_DIR, check_golden, ir_as_json, run_case

pytestmark = pytest.mark.mock


@pytest.mark.parametrize("case", CASES)
def test_normalise_matches_golden(case: str) -> None:
    run = run_case(case)
    check_golden(
        CASES_DIR / case / "expected" / "normalised.json",
        json.dumps(run.normalised.document, indent=1) + "\n",
    )
    check_golden(CASES_DIR / case / "expected" / "notes.txt", "\n".join(run.normalised.notes) + "\n")


@pytest.mark.parametrize("case", CASES)
def test_name_matches_golden(case: str) -> None:
    check_golden(CASES_DIR / case / "expected" / "ir.json", ir_as_json(run_case(case).ir))


def case_specific(name: str) -> bool:
    """The files a case is about: its models, operations and endpoint classes. The package
    scaffolding (``__init__`` modules, ``clients.py``) is the same template output for every
    case; the whole-spec tests cover it."""
    parts = name.split("/")
    return (
        name.endswith(".py")
        and parts[-1] != "__init__.py"
        and parts[-2] in ("models", "operations", "resources")
    )


@pytest.mark.parametrize("case", CASES)
def test_render_and_format_match_golden(case: str) -> None:
    files = {name: text for name, text in run_case(case).files.items() if case_specific(name)}
    expected_dir = CASES_DIR / case / "expected" / "files"
    for name, text in files.items():
        check_golden(expected_dir / name, text)
    on_disk = {str(p.relative_to(expected_dir)) for p in expected_dir.rglob("*.py")}
    assert on_disk == set(files), "generated file set changed"
