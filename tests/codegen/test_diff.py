"""Taking a new spec: the diff for SDK users, pinning it, and old clients reading new responses.

The "next release" is the pinned spec with edits Oracle could plausibly make, applied
to a copy in tmp_path.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING, Any

import pytest

from codegen.cli import EXIT_BREAKING, main
from codegen.diff import diff_ir, diff_specs, load_ir
from codegen.manifest import MANIFEST, ManifestError, fetch, pin, pinned, read_manifest, sha256_of
from codegen.normalise import normalise
from codegen.overlay import load_overlay
from codegen.pipeline import generate
from codegen.update import update

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from codegen.diff import SpecDiff
    from codegen.ir import SdkIR

Spec = dict[str, Any]
NEXT_VERSION = "2026.02.10"
# Under `--dist loadgroup` all of this module runs on one worker, so the specs are loaded and
# generated once (module fixtures), not once per worker.
pytestmark = pytest.mark.xdist_group("codegen-diff")
ACTIVITY = "/rest/ofscCore/v1/activities/{activityId}"
ACTIVITIES = "/rest/ofscCore/v1/activities"
FOOTPRINT = "/rest/ofscCore/v1/activities/{activityId}/carbonFootprint"


# ---- edits Oracle might make ---------------------------------------------------------


def _param(doc: Spec, path: str, name: str) -> Spec:
    found: Spec = next(p for p in doc["paths"][path]["get"]["parameters"] if p.get("name") == name)
    return found


def add_operation(doc: Spec) -> None:
    get_activity = doc["paths"][ACTIVITY]["get"]
    doc["paths"][FOOTPRINT] = {
        "get": {
            "tags": get_activity["tags"],
            "summary": "Get the carbon footprint of an activity",
            "operationId": "getActivityCarbonFootprint",
            "parameters": copy.deepcopy(get_activity["parameters"]),
            "responses": {
                "200": {
                    "description": "The footprint.",
                    "schema": {"type": "object", "properties": {"co2Grams": {"type": "number"}}},
                }
            },
        }
    }


def _activity_definitions(doc: Spec) -> list[Spec]:
    """The spec defines ``Activity`` twice, with one shape (``activity``, ``getActivitySchema``)."""
    return [doc["definitions"]["activity"], doc["definitions"]["getActivitySchema"]]


def add_response_field(doc: Spec) -> None:
    for activity in _activity_definitions(doc):
        activity["properties"]["carbonFootprint"] = {"type": "number"}


def add_enum_values(doc: Spec) -> None:
    for activity in _activity_definitions(doc):
        activity["properties"]["status"]["enum"].append("onhold")  # response
    doc["definitions"]["updateActivitySchema"]["properties"]["status"]["enum"].append("onhold")  # request


def remove_parameter(doc: Spec) -> None:
    operation = doc["paths"][ACTIVITIES]["get"]
    operation["parameters"].remove(_param(doc, ACTIVITIES, "svcWorkOrderId"))


def require_parameter(doc: Spec) -> None:
    _param(doc, ACTIVITIES, "dateFrom")["required"] = True


def change_field_type(doc: Spec) -> None:
    for activity in _activity_definitions(doc):
        activity["properties"]["travelTime"]["type"] = "string"


def remove_request_enum_value(doc: Spec) -> None:
    _param(doc, ACTIVITIES, "includeChildren")["enum"].remove("all")


ADDITIVE = (add_operation, add_response_field, add_enum_values)
BREAKING = (remove_parameter, require_parameter, change_field_type, remove_request_enum_value)


@pytest.fixture(scope="module")
def pinned_spec() -> Path:
    return fetch(pinned())


@pytest.fixture(scope="module")
def pinned_document(pinned_spec: Path) -> Spec:
    document: Spec = json.loads(pinned_spec.read_bytes())
    return document


def next_release(document: Spec, *edits: Callable[[Spec], None]) -> Spec:
    doc = copy.deepcopy(document)
    doc["info"]["version"] = NEXT_VERSION
    for edit in edits:
        edit(doc)
    return doc


def write_spec(doc: Spec, path: Path) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pinned_ir(pinned_spec: Path) -> SdkIR:
    return load_ir(pinned_spec)


@pytest.fixture(scope="module")
def next_spec(pinned_document: Spec, tmp_path_factory: pytest.TempPathFactory) -> Path:
    doc = next_release(pinned_document, *ADDITIVE, *BREAKING)
    return write_spec(doc, tmp_path_factory.mktemp("next") / "next.swagger.json")


@pytest.fixture(scope="module")
def spec_diff(pinned_ir: SdkIR, next_spec: Path) -> SpecDiff:
    return diff_ir(pinned_ir, load_ir(next_spec))


# ---- the diff ------------------------------------------------------------------------

NEW_METHOD = "client.core.activities_get_the_carbon_footprint_of_an_activity"

EXPECTED_CHANGES = [
    # kind, target, detail, breaking, side
    ("operation-added", NEW_METHOD, f"new method for `GET {FOOTPRINT}`", False, None),
    ("parameter-required", "client.core.get_activities(date_from)", "now required", True, None),
    (
        "enum-values-removed",
        "client.core.get_activities(include_children)",
        'value `"all"` removed',
        True,
        None,
    ),
    ("parameter-removed", "client.core.get_activities(svc_work_order_id)", "parameter removed", True, None),
    ("model-added", "ActivitiesGetTheCarbonFootprintOfAnActivityResponse", "new model", False, "response"),
    ("field-added", "Activity.carbon_footprint", "new field, `float`", False, "response"),
    ("enum-values-added", "Activity.status", 'new value `"onhold"`', False, "response"),
    ("field-type", "Activity.travel_time", "type `int` -> `str`", True, "response"),
    ("enum-values-added", "ActivityUpdate.status", 'new value `"onhold"`', False, "request"),
]


def test_every_change_for_sdk_users_is_found_and_classified(spec_diff: SpecDiff) -> None:
    found = [(c.kind, c.target, c.detail, c.breaking, c.side) for c in spec_diff.changes]
    assert found == EXPECTED_CHANGES


def test_the_changelog_section_lists_breaking_changes_first(spec_diff: SpecDiff, pinned_spec: Path) -> None:
    old_sha = sha256_of(pinned_spec)[:12]
    new_sha = spec_diff.new.sha256[:12]
    assert spec_diff.to_markdown() == textwrap.dedent(f"""\
        ## OFS REST spec {NEXT_VERSION}

        Generated from OFS REST spec {NEXT_VERSION} (sha256 `{new_sha}`), previously 2025.12.23 (sha256 `{old_sha}`).

        ### Breaking changes

        - `client.core.get_activities(date_from)`: now required
        - `client.core.get_activities(include_children)`: value `"all"` removed
        - `client.core.get_activities(svc_work_order_id)`: parameter removed
        - `Activity.travel_time`: type `int` -> `str` (response)

        ### Other changes

        - `{NEW_METHOD}`: new method for `GET {FOOTPRINT}`
        - `ActivitiesGetTheCarbonFootprintOfAnActivityResponse`: new model (response)
        - `Activity.carbon_footprint`: new field, `float` (response)
        - `Activity.status`: new value `"onhold"` (response)
        - `ActivityUpdate.status`: new value `"onhold"` (request)

        ### Needs review

        - `GET {FOOTPRINT}` has no reviewed name in `specs/names.toml`; generated as `{NEW_METHOD}`
        """)


def test_new_operations_without_a_reviewed_name_are_listed(spec_diff: SpecDiff) -> None:
    assert [(u.operation, u.method) for u in spec_diff.unnamed] == [(f"GET {FOOTPRINT}", NEW_METHOD)]
    assert spec_diff.warnings == []


def test_cli_writes_json_and_markdown_and_fails_on_breaking(
    spec_diff: SpecDiff,
    pinned_spec: Path,
    next_spec: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    report, section = tmp_path / "diff.json", tmp_path / "diff.md"
    argv = ["diff", "2025.12.23", str(next_spec), "--json", str(report), "--markdown", str(section)]
    assert main([*argv, "--fail-on-breaking"]) == EXIT_BREAKING
    assert section.read_text() == spec_diff.to_markdown()
    data = json.loads(report.read_text())
    assert data["old"] == {"version": "2025.12.23", "sha256": sha256_of(pinned_spec)}
    assert data["new"] == {"version": NEXT_VERSION, "sha256": sha256_of(next_spec)}
    assert data["breaking"] == 4
    assert [[c["kind"], c["target"], c["detail"], c["breaking"], c["side"]] for c in data["changes"]] == [
        list(change) for change in EXPECTED_CHANGES
    ]
    assert data["unnamed_operations"] == [{"operation": f"GET {FOOTPRINT}", "method": NEW_METHOD}]
    output = capsys.readouterr().out
    assert spec_diff.to_markdown() in output
    assert output.rstrip().endswith("4 breaking, 5 other changes; 1 unnamed operations")
    assert main(argv) == 0  # without --fail-on-breaking the diff is only a report


def test_the_same_spec_has_no_changes(pinned_spec: Path) -> None:
    same = diff_specs(pinned_spec, pinned_spec)
    assert same.changes == [] and same.unnamed == []
    assert "No change for SDK users." in same.to_markdown()
    assert main(["diff", str(pinned_spec), "2025.12.23", "--fail-on-breaking"]) == 0


# ---- one rule at a time ----------------------------------------------------------------


def remove_response_field(doc: Spec) -> None:
    for activity in _activity_definitions(doc):
        del activity["properties"]["customerEmail"]


def remove_response_enum_value(doc: Spec) -> None:
    for activity in _activity_definitions(doc):
        activity["properties"]["status"]["enum"].remove("enroute")


def remove_request_model_enum_value(doc: Spec) -> None:
    doc["definitions"]["updateActivitySchema"]["properties"]["status"]["enum"].remove("enroute")


def add_required_request_field(doc: Spec) -> None:
    schema = doc["definitions"]["updateActivitySchema"]
    schema["properties"]["reason"] = {"type": "string"}
    schema.setdefault("required", []).append("reason")


def add_optional_request_field(doc: Spec) -> None:
    doc["definitions"]["updateActivitySchema"]["properties"]["reason"] = {"type": "string"}


def add_optional_parameter(doc: Spec) -> None:
    doc["paths"][ACTIVITIES]["get"]["parameters"].append({"name": "region", "in": "query", "type": "string"})


def add_required_parameter(doc: Spec) -> None:
    parameter = {"name": "region", "in": "query", "type": "string", "required": True}
    doc["paths"][ACTIVITIES]["get"]["parameters"].append(parameter)


def restrict_parameter_to_values(doc: Spec) -> None:
    _param(doc, ACTIVITIES, "q")["enum"] = ["a", "b"]


def remove_operation(doc: Spec) -> None:
    del doc["paths"][ACTIVITY]["get"]


def deprecate_operation(doc: Spec) -> None:
    doc["paths"][ACTIVITY]["get"]["deprecated"] = True


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (remove_response_field, ("field-removed", "Activity.customer_email", True, "response")),
        (remove_response_enum_value, ("enum-values-removed", "Activity.status", False, "response")),
        (
            remove_request_model_enum_value,
            ("enum-values-removed", "ActivityUpdate.status", True, "request"),
        ),
        (add_required_request_field, ("field-added", "ActivityUpdate.reason", True, "request")),
        (add_optional_request_field, ("field-added", "ActivityUpdate.reason", False, "request")),
        (add_optional_parameter, ("parameter-added", "client.core.get_activities(region)", False, None)),
        (add_required_parameter, ("parameter-added", "client.core.get_activities(region)", True, None)),
        (restrict_parameter_to_values, ("enum-restricted", "client.core.get_activities(q)", True, None)),
        (remove_operation, ("operation-removed", "client.core.get_activity", True, None)),
        (deprecate_operation, ("operation-deprecated", "client.core.get_activity", False, None)),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_classification_rule(
    edit: Callable[[Spec], None],
    expected: tuple[str, str, bool, str | None],
    pinned_ir: SdkIR,
    pinned_document: Spec,
    tmp_path: Path,
) -> None:
    changed = write_spec(next_release(pinned_document, edit), tmp_path / "next.swagger.json")
    found = [(c.kind, c.target, c.breaking, c.side) for c in diff_ir(pinned_ir, load_ir(changed)).changes]
    assert found == [expected]


def test_a_renamed_class_is_followed_to_what_changed_inside(
    pinned_ir: SdkIR, pinned_document: Spec, tmp_path: Path
) -> None:
    renamed = json.dumps(pinned_document).replace(
        '"#/definitions/updateActivitySchema"', '"#/definitions/activityPatch"'
    )
    doc = next_release(json.loads(renamed))
    doc["definitions"]["activityPatch"] = doc["definitions"].pop("updateActivitySchema")
    doc["definitions"]["activityPatch"]["properties"]["reason"] = {"type": "string"}
    changed = write_spec(doc, tmp_path / "next.swagger.json")
    found = [(c.kind, c.target, c.detail, c.breaking) for c in diff_ir(pinned_ir, load_ir(changed)).changes]
    assert found == [
        (
            "body-changed",
            "client.core.update_activity(body)",
            "typed `ActivityPatch` (was `ActivityUpdate`)",
            False,
        ),
        ("field-added", "client.core.update_activity(body).reason", "new field, `str`", False),
        ("model-added", "ActivityPatch", "new model", False),
        ("model-removed", "ActivityUpdate", "removed from `ofsc_generated.models`", True),
    ]


# ---- pinning a new spec ------------------------------------------------------------------


def test_update_pins_the_new_spec_regenerates_and_diffs(
    pinned_spec: Path, next_spec: Path, tmp_path: Path
) -> None:
    manifest = tmp_path / "specs" / "manifest.toml"
    manifest.parent.mkdir()
    original = MANIFEST.read_text()
    manifest.write_text(original)
    (tmp_path / "specs" / "cache").mkdir()
    (tmp_path / "specs" / "cache" / pinned_spec.name).write_bytes(pinned_spec.read_bytes())

    result = update(str(next_spec), tmp_path / "generated", manifest)

    sha = sha256_of(next_spec)
    assert (result.spec.version, result.spec.sha256) == (NEXT_VERSION, sha)
    assert result.previous is not None and result.previous.version == "2025.12.23"
    assert manifest.read_text() == original.replace(
        'current = "2025.12.23"', f'current = "{NEXT_VERSION}"'
    ) + textwrap.dedent(f"""
        [[spec]]
        version = "{NEXT_VERSION}"
        file = "ofsc-rest-{NEXT_VERSION}.swagger.json"
        sha256 = "{sha}"
        source = "{next_spec}"
        """)
    assert sha256_of(result.spec.cached) == sha and result.spec.cached.parent == manifest.parent / "cache"
    generated = (tmp_path / "generated" / "ofsc_generated" / "__init__.py").read_text()
    assert f'__spec_version__ = "{NEXT_VERSION}"' in generated
    assert result.diff is not None
    assert [(c.kind, c.target, c.detail, c.breaking, c.side) for c in result.diff.changes] == EXPECTED_CHANGES

    # Pinning the same file again only makes it current; a different file under a pinned version is refused.
    pin(str(next_spec), manifest)
    assert [s.version for s in read_manifest(manifest)[1]] == ["2025.12.23", NEXT_VERSION]
    tampered = next_release(json.loads(next_spec.read_bytes()), add_optional_parameter)
    with pytest.raises(ManifestError, match="already pinned"):
        pin(str(write_spec(tampered, tmp_path / "tampered.json")), manifest)


# ---- forward compatibility ------------------------------------------------------------

# Run with the old client first on the path: parse what the new spec's server would send.
_PARSE_NEW_RESPONSES = """
import json, sys
import httpx
import ofsc_generated
from ofsc import OFSC
from ofsc._operation import resolve_model
from ofsc.testing import SchemaSampler
from ofsc_generated.operations import all_operations

sampler = SchemaSampler(json.loads(open(sys.argv[1]).read()), seed=3)
body = sampler.response_body(next(op for op in all_operations() if op.name == "get_activities"))
body["items"][0]["status"] = "onhold"
client = OFSC(instance="acme", client_id="cid", client_secret="secret",
              transport=httpx.MockTransport(lambda request: httpx.Response(200, json=body)))
first = client.core.get_activities().items[0]
with_models = [op for op in all_operations() if op.response_model]
for op in with_models:
    resolve_model(op.response_model).model_validate(sampler.response_body(op))
print(json.dumps({
    "generated_from": [ofsc_generated.__file__, ofsc_generated.__spec_version__],
    "status": first.status,
    "extras": first.model_extra,
    "sent_footprint": body["items"][0]["carbonFootprint"],
    "parsed": len(with_models),
}))
"""


def test_client_from_the_old_spec_parses_responses_of_the_new_one(
    pinned_spec: Path, pinned_document: Spec, tmp_path: Path
) -> None:
    generate(pinned_spec, tmp_path / "old")
    new = normalise(next_release(pinned_document, *ADDITIVE), load_overlay()).document
    new_spec = write_spec(new, tmp_path / "new.normalised.json")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "old")}
    result = subprocess.run(
        [sys.executable, "-c", _PARSE_NEW_RESPONSES, str(new_spec)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert facts["generated_from"] == [str(tmp_path / "old" / "ofsc_generated" / "__init__.py"), "2025.12.23"]
    assert facts["status"] == "onhold"  # a value the old client's enum does not list
    assert facts["extras"] == {"carbonFootprint": facts["sent_footprint"]}  # a field it does not know
    assert facts["parsed"] > 150  # and every other operation's response parsed too


def test_a_class_renamed_in_names_toml_is_reported_with_its_new_name() -> None:
    """Renaming a class in ``specs/names.toml [models]`` breaks imports of the old name: the
    diff says so, and names the class that took its place in the spec."""
    from codegen.name import build_ir
    from codegen.overlay import Overlay
    from tests.codegen.support import run_case

    document = run_case("inline_objects").normalised.document
    old = build_ir(document, Overlay(), "sha")
    new = build_ir(document, Overlay(model_names={"resource.position": "GeoPoint"}), "sha")
    found = [(c.kind, c.target, c.detail, c.breaking) for c in diff_ir(old, new).changes]
    assert ("model-removed", "ResourcePosition", "renamed `GeoPoint`", True) in found
    assert ("model-added", "GeoPoint", "new model", False) in found
