"""What each hard case must come out as: the facts behind the golden files."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from codegen.identifiers import safe_identifier
from codegen.load import SpecError, load_spec
from codegen.name import NamingError, build_ir
from codegen.normalise import normalise
from codegen.overlay import Overlay, OverlayError, apply_fixes, load_overlay
from tests.codegen.support import CASES_DIR, run_case, run_generated

pytestmark = pytest.mark.mock


def field(run_name: str, class_name: str, wire: str) -> object:
    model = run_case(run_name).model(class_name)
    return next(f for f in model.fields if f.wire == wire)


def test_ref_with_contradicting_type_sibling_resolves_to_the_target() -> None:
    assert str(field("ref_siblings", "Event", "activityDetails").annotation) == "Detail"  # type: ignore[attr-defined]
    node = run_case("ref_siblings").normalised.document["definitions"]["event"]["properties"][
        "activityDetails"
    ]
    assert node == {"$ref": "#/definitions/detail", "description": "The details."}


def test_contradictory_types_are_repaired() -> None:
    assert (
        str(field("contradictory_types", "Holder", "stringWithProps").annotation) == "HolderStringWithProps"
    )  # type: ignore[attr-defined]
    assert str(field("contradictory_types", "Holder", "stringEmptyProps").annotation) == "str"  # type: ignore[attr-defined]
    assert (
        str(field("contradictory_types", "Holder", "arrayNoItems").annotation)
        == "list[HolderArrayNoItemsItem]"
    )  # type: ignore[attr-defined]
    assert str(field("contradictory_types", "Holder", "objectWithItems").annotation) == "list[str]"  # type: ignore[attr-defined]
    # teamWork: no type, items that say "array" but list properties: an array of objects.
    assert str(run_case("contradictory_types").model("TeamWork").root) == "list[TeamWorkItem]"


def test_inline_objects_are_named_by_place_and_deduplicated_by_structure() -> None:
    run = run_case("inline_objects")
    assert str(field("inline_objects", "Resource", "avatar").annotation) == "list[PaginationLink]"  # type: ignore[attr-defined]
    assert (
        str(field("inline_objects", "Resource", "schedule").annotation) == "dict[str, ResourceScheduleValue]"
    )  # type: ignore[attr-defined]
    assert str(field("inline_objects", "Resource", "position").annotation) == "ResourcePosition"  # type: ignore[attr-defined]
    assert sorted(m.class_name for m in run.ir.models) == [
        "PaginationLink",
        "Resource",
        "ResourcePosition",
        "ResourceScheduleValue",
    ]


def test_hyphenated_names_become_classes_and_case_collisions_need_the_overlay() -> None:
    run = run_case("definition_names")
    assert {m.class_name for m in run.ir.models} >= {"V2QuotaArea", "ResourceWorkSkillList", "WorkSkills"}
    document = run.normalised.document
    with pytest.raises(NamingError, match="same name ignoring case"):
        build_ir(document, Overlay(), "sha")


def _named(model_names: dict[str, str], edit: object = None) -> tuple[dict[str, str], list[str]]:
    """Class name -> where it comes from, and the warnings, for the inline_objects case."""
    document = copy.deepcopy(run_case("inline_objects").normalised.document)
    if callable(edit):
        edit(document["definitions"])
    overlay = dataclasses.replace(load_overlay(CASES_DIR / "inline_objects"), model_names=model_names)
    ir = build_ir(document, overlay, "sha")
    return {m.class_name: m.source for m in ir.models}, ir.warnings


def test_reviewed_model_names_name_definitions_and_inline_objects_by_their_place() -> None:
    """``[models]`` names a definition by its name and an inline object by its place; the
    objects inside a renamed class are named after the new name."""
    named, warnings = _named({"resource": "Technician", "resource.schedule{*}": "Shift"})
    assert named == {
        "PaginationLink": "definitions.PaginationLink",
        "Technician": "definitions.resource",
        "TechnicianPosition": "definitions.resource.position",
        "Shift": "definitions.resource.schedule{*}",
    }
    assert warnings == []
    _, warnings = _named({"resource.nowhere": "Nothing"})
    assert warnings == ["specs/names.toml [models] names 'resource.nowhere', which names no class"]


def test_two_definitions_of_one_shape_are_one_class_when_reviewed_so() -> None:
    """An entity the spec defines twice is one class when ``[models]`` gives both its name;
    if a later spec makes their shapes differ, the second gets a name of its own and a warning."""

    def twin(definitions: dict[str, Any]) -> None:
        definitions["getResourceSchema"] = copy.deepcopy(definitions["resource"])

    named, warnings = _named({"getResourceSchema": "Resource"}, twin)
    assert "GetResourceSchema" not in named and named["Resource"] == "definitions.resource"
    assert warnings == []

    def drifted(definitions: dict[str, Any]) -> None:
        twin(definitions)
        definitions["getResourceSchema"]["properties"]["extra"] = {"type": "string"}

    named, warnings = _named({"getResourceSchema": "Resource"}, drifted)
    assert named["GetResourceSchema"] == "definitions.getResourceSchema"
    assert warnings == [
        "specs/names.toml [models] makes definitions 'resource' and 'getResourceSchema' one class, "
        "but their shapes now differ; 'getResourceSchema' generated as 'GetResourceSchema'"
    ]


def test_a_class_name_longer_than_sixty_characters_is_refused() -> None:
    """No generated class name exceeds 60 characters: a longer one must be named in ``[models]``."""
    with pytest.raises(NamingError, match=r"longer than 60 characters.*\(resource.position\)"):
        _named({"resource.position": "P" * 61})
    named, _ = _named({"resource.position": "P" * 60})
    assert "P" * 60 in named


def test_invalid_and_reserved_property_names_get_safe_attributes_with_aliases() -> None:
    names = {f.wire: f.name for m in run_case("identifiers").ir.models for f in m.fields}
    assert names["o:errorCode"] == "o_error_code"
    assert names["on-call"] == "on_call"
    assert names["json"] == "json_"  # a BaseModel method
    assert names["headers"] == "headers_"  # the result metadata property
    assert names["IPAddressesToAllow"] == "ip_addresses_to_allow"
    assert names["modelProperty"] == "model_property"
    assert names["type"] == "type"  # a soft keyword: a valid field and argument name


def test_soft_keywords_keep_their_names_and_hard_keywords_get_an_underscore() -> None:
    """``type``, ``match`` and ``case`` stay as they are (arguments and fields accept them);
    ``class`` and ``from`` cannot, and become ``class_`` and ``from_``."""
    assert [safe_identifier(n) for n in ("type", "match", "case")] == ["type", "match", "case"]
    assert [safe_identifier(n) for n in ("class", "from")] == ["class_", "from_"]


def test_identifier_case_round_trips_through_the_generated_model(tmp_path: Path) -> None:
    code = (
        "from ofsc_generated.models import ErrorWithResponseCode, CalendarItem\n"
        "e = ErrorWithResponseCode.model_validate({'o:errorCode': 'E1', 'type': 't'})\n"
        "c = CalendarItem.model_validate({'on-call': True, 'json': 'j', 'headers': 'h'})\n"
        "print(e.o_error_code, c.on_call, c.json_, c.headers_, e.type, e.to_api(), c.to_api())\n"
    )
    out = run_generated(run_case("identifiers").files, tmp_path, code)
    assert out.split(" ", 5)[:5] == ["E1", "True", "j", "h", "t"]
    assert "'o:errorCode': 'E1'" in out and "'on-call': True" in out


def test_fields_named_date_and_time_do_not_shadow_the_date_type(tmp_path: Path) -> None:
    assert str(field("date_shadowing", "Capacity", "date").annotation) == "dt.date"  # type: ignore[attr-defined]
    code = (
        "from ofsc_generated.models import Capacity\n"
        "c = Capacity.model_validate({'date': '2025-06-25', 'time': '10:00', 'day': '2025-06-26'})\n"
        "print(repr(c.date), c.time, c.to_api())\n"
    )
    out = run_generated(run_case("date_shadowing").files, tmp_path, code)
    assert out.startswith("datetime.date(2025, 6, 25) 10:00 {'date': '2025-06-25'")


def test_string_constraints_on_integers_are_dropped_and_others_enforced(tmp_path: Path) -> None:
    assert field("integer_max_length", "TravelRequest", "keyId").constraints == {"ge": 1}  # type: ignore[attr-defined]
    code = (
        "from pydantic import ValidationError\n"
        "from ofsc_generated.models import TravelRequest\n"
        "print(TravelRequest(key_id=5).to_api())\n"
        "try:\n    TravelRequest(key_id=5, name='far too long')\nexcept ValidationError as e:\n"
        "    print(e.errors()[0]['loc'])\n"
    )
    out = run_generated(run_case("integer_max_length").files, tmp_path, code)
    assert out.splitlines() == ["{'keyId': 5}", "('name',)"]


def test_response_anomalies_are_normalised() -> None:
    run = run_case("responses")
    subscriptions = run.operation("get_subscriptions")
    assert (subscriptions.success, subscriptions.response_kind) == ((200,), "model")
    assert str(run.model(subscriptions.response_model).root) == "list[Subscription]"
    plans = run.operation("get_plans")
    assert (plans.success, plans.response_kind, plans.response_model) == (
        (200, 204),
        "optional_model",
        "Plans",
    )
    spec_op = run.normalised.document["paths"]["/rest/ofscCore/v1/resources/{resourceId}/plans"]["get"]
    assert "consumes" not in spec_op
    assert run.model("Error").response_side is False  # declared, but only as an error body


def test_parameters_csv_enums_required_first_and_fallback_names() -> None:
    run = run_case("parameters")
    op = run.ir.operations[0]
    assert op.name == "things_get_things"
    assert any("no reviewed name" in w for w in run.ir.warnings)
    assert [p.name for p in op.params] == ["date_from", "fields", "include_children", "offset"]
    by_name = {p.name: p for p in op.params}
    assert by_name["fields"].array and str(by_name["fields"].annotation) == "Sequence[str]"
    assert str(by_name["include_children"].annotation) == 'Literal["none", "immediate", "all"] | str'
    assert str(by_name["date_from"].annotation) == "dt.date | str"
    assert by_name["offset"].constraints == {"ge": 0}
    assert op.paging is not None and op.paging.kind == "offset" and op.paging.total_results


def test_load_refuses_what_is_not_swagger_2(tmp_path: Path) -> None:
    bad = tmp_path / "openapi3.json"
    bad.write_text(json.dumps({"openapi": "3.0.0", "paths": {}}))
    with pytest.raises(SpecError, match=r"not a Swagger 2\.0 document"):
        load_spec(bad)
    with pytest.raises(SpecError, match="cannot read spec"):
        load_spec(tmp_path / "missing.json")
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(SpecError, match="is not JSON"):
        load_spec(tmp_path / "broken.json")


def test_overlay_fixes_apply_and_fail_loudly_when_stale(tmp_path: Path) -> None:
    (tmp_path / "overlay.toml").write_text(
        '[[fix]]\nwhy = "wrong type"\nop = "replace"\npath = "/definitions/detail/properties/id/type"\n'
        'value = "string"\n'
    )
    overlay = load_overlay(tmp_path)
    document = json.loads((CASES_DIR / "ref_siblings" / "spec.json").read_text())
    notes = normalise(document, overlay).notes
    assert notes[0] == "replace /definitions/detail/properties/id/type: wrong type"
    with pytest.raises(OverlayError, match="does the fix still apply"):
        apply_fixes({"definitions": {}}, overlay.fixes)
    (tmp_path / "overlay.toml").write_text('[[fix]]\nop = "replace"\npath = "/x"\n')
    with pytest.raises(OverlayError, match="lacks why"):
        load_overlay(tmp_path)


def test_names_overlay_rejects_names_that_are_not_snake_case(tmp_path: Path) -> None:
    (tmp_path / "names.toml").write_text('"GET /rest/ofscCore/v1/things" = "getThings"\n')
    document = json.loads((CASES_DIR / "parameters" / "spec.json").read_text())
    overlay = load_overlay(tmp_path)
    with pytest.raises(NamingError, match="not a snake_case identifier"):
        build_ir(normalise(document, overlay).document, overlay, "sha")


def test_names_overlay_reads_class_names_from_its_models_table(tmp_path: Path) -> None:
    """``[models]`` in names.toml holds class names, not method names; each must be a
    PascalCase identifier, and it may not contradict overlay.toml's ``[model_names]``."""
    names = tmp_path / "names.toml"
    names.write_text('"GET /rest/ofscCore/v1/things" = "get_things"\n[models]\nthing = "Thing"\n')
    overlay = load_overlay(tmp_path)
    assert overlay.method_names == {"GET /rest/ofscCore/v1/things": "get_things"}
    assert overlay.model_names == {"thing": "Thing"}
    names.write_text('[models]\nthing = "thing"\n')
    with pytest.raises(OverlayError, match="PascalCase"):
        load_overlay(tmp_path)
    names.write_text('[models]\nthing = "Thing"\n')
    (tmp_path / "overlay.toml").write_text('[model_names]\nthing = "Other"\n')
    with pytest.raises(OverlayError, match="disagree on thing"):
        load_overlay(tmp_path)


def test_reality_corrections_need_evidence_and_apply_after_the_overlay(tmp_path: Path) -> None:
    """A correction in reality.toml is refused without an https:// source; with one, it is
    applied by normalise after the overlay's fixes, and keeps its source for the docs."""
    fix = '[[fix]]\nwhy = "real answers send a string"\nop = "replace"\npath = "/definitions/detail/properties/id/type"\n'
    (tmp_path / "reality.toml").write_text(fix + 'value = "string"\n')
    with pytest.raises(OverlayError, match="lacks source"):
        load_overlay(tmp_path)
    (tmp_path / "reality.toml").write_text(fix + 'value = "string"\nsource = ""\n')
    with pytest.raises(OverlayError, match="lacks source"):
        load_overlay(tmp_path)
    (tmp_path / "reality.toml").write_text(fix + 'value = "string"\nsource = "a colleague said so"\n')
    with pytest.raises(OverlayError, match="not an https:// address"):
        load_overlay(tmp_path)
    (tmp_path / "reality.toml").write_text(fix + 'value = "string"\nsource = "https://example.com/capture"\n')
    (tmp_path / "overlay.toml").write_text(
        fix.replace("real answers send a string", "spec defect") + 'value = "number"\n'
    )
    overlay = load_overlay(tmp_path)
    assert overlay.corrections[0].source == ("https://example.com/capture",)
    document = json.loads((CASES_DIR / "ref_siblings" / "spec.json").read_text())
    result = normalise(document, overlay)
    assert result.document["definitions"]["detail"]["properties"]["id"]["type"] == "string"
    assert result.notes[:2] == [
        "replace /definitions/detail/properties/id/type: spec defect",
        "replace /definitions/detail/properties/id/type: real answers send a string",
    ]
