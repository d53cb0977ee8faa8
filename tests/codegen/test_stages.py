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
    """The files a case is about: its models, operations, endpoint classes and their raw
    forms. The package scaffolding (``__init__`` modules, ``clients.py``) is the same template
    output for every case; the whole-spec tests cover it."""
    parts = name.split("/")
    return (
        name.endswith(".py")
        and parts[-1] != "__init__.py"
        and parts[-2] in ("models", "operations", "resources", "raw")
    )


@pytest.mark.parametrize("case", CASES)
def test_render_and_format_match_golden(case: str) -> None:
    files = {name: text for name, text in run_case(case).files.items() if case_specific(name)}
    expected_dir = CASES_DIR / case / "expected" / "files"
    for name, text in files.items():
        check_golden(expected_dir / name, text)
    on_disk = {str(p.relative_to(expected_dir)) for p in expected_dir.rglob("*.py")}
    assert on_disk == set(files), "generated file set changed"


def test_type_expressions_render_as_generated_code_writes_them_and_list_their_classes() -> None:
    """The IR's types are values: each renders itself as the annotation generated code
    writes, lists the model classes it refers to and the names its module imports."""
    from codegen.types import ANY, STR, ListOf, MapOf, OpenEnum, Ref, Scalar, Union

    schedule = MapOf(ListOf(Union((Ref("Slot"), Ref("Gap")))))
    assert str(schedule) == "dict[str, list[Slot | Gap]]"
    assert schedule.refs() == {"Slot", "Gap"} and schedule.imports() == set()
    status = OpenEnum(("pending", "started"), "str")
    assert str(status) == 'Literal["pending", "started"] | str' and status.imports() == {"Literal"}
    assert str(OpenEnum((1, 2), "int")) == "Literal[1, 2] | int"
    body = Union((Ref("Activity"), MapOf(ANY, any_mapping=True)))
    assert str(body) == "Activity | Mapping[str, Any]" and body.refs() == {"Activity"}
    assert str(ListOf(STR, any_sequence=True)) == "Sequence[str]"
    assert Union((Scalar("dt.date"), STR)).imports() == {"dt"}


def test_generated_code_takes_the_runtime_only_from_ofsc_runtime() -> None:
    """Generated modules import nothing of the runtime but ``ofsc.runtime``, and every name
    that module offers resolves (its private homes may move without regenerating)."""
    import re

    import ofsc.runtime
    from tests.codegen.support import CASES, run_case

    imported: set[str] = set()
    for case in CASES:
        for path, text in run_case(case).files.items():
            for module, names in re.findall(r"^\s*from (ofsc(?:\.[\w.]+)?) import (.+)$", text, re.MULTILINE):
                assert module == "ofsc.runtime", (case, path, module)
                imported |= {n.strip() for n in names.split(",")}
    assert imported <= set(ofsc.runtime.__all__)
    for name in ofsc.runtime.__all__:
        assert getattr(ofsc.runtime, name) is not None
