"""Types and signatures the generator derives from shapes the spec often uses: allOf
wrappers around one schema, free-form objects, and request bodies that may be omitted."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import pytest

from codegen.ir import SdkIR
from codegen.load import load_spec
from codegen.manifest import pinned
from codegen.name import build_ir
from codegen.normalise import normalise
from codegen.overlay import Overlay, load_overlay

pytestmark = pytest.mark.mock

WRAPPERS: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/rest/ofscCore/v1/things": {
            "get": {
                "operationId": "getThings",
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Found"}}},
            },
            "post": {
                "operationId": "actOnThings",
                "parameters": [
                    {
                        "name": "body",
                        "in": "body",
                        "schema": {"type": "object", "properties": {"when": {"type": "string"}}},
                    }
                ],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Thing"}}},
            },
        }
    },
    "definitions": {
        "Thing": {"type": "object", "properties": {"id": {"type": "integer"}}},
        "Found": {
            "type": "object",
            "properties": {
                "one": {
                    "type": "object",
                    "description": "a thing",
                    "allOf": [{"$ref": "#/definitions/Thing"}],
                },
                "many": {
                    "type": "array",
                    "items": {"type": "object", "allOf": [{"$ref": "#/definitions/Thing"}]},
                },
                "inline": {
                    "type": "object",
                    "allOf": [{"type": "object", "properties": {"x": {"type": "string"}}}],
                },
                "free": {"type": "object"},
                "widened": {
                    "type": "object",
                    "allOf": [{"$ref": "#/definitions/Thing"}],
                    "properties": {"extra": {"type": "string"}},
                },
            },
        },
    },
}


def run(document: dict[str, Any], overlay: Overlay) -> SdkIR:
    return build_ir(normalise(copy.deepcopy(document), overlay).document, overlay, "sha")


def field_types(ir: SdkIR, class_name: str) -> dict[str, str]:
    model = next(m for m in ir.models if m.class_name == class_name)
    return {f.wire: str(f.annotation) for f in model.fields}


def test_an_allof_around_one_schema_is_that_schema() -> None:
    """The promise: {type: object, allOf: [one schema]} types a field as that schema's
    model (not dict[str, Any]); a free-form object stays a dict; an allOf that adds
    properties is its own class."""
    found = field_types(run(WRAPPERS, Overlay()), "Found")
    assert found["one"] == "Thing"
    assert found["many"] == "list[Thing]"
    assert found["inline"] == "FoundInline" and "x" in field_types(run(WRAPPERS, Overlay()), "FoundInline")
    assert found["free"] == "dict[str, Any]"
    assert found["widened"] == "FoundWidened"


@cache
def pinned_ir() -> tuple[SdkIR, dict[str, Any]]:
    loaded = load_spec(pinned().cached)
    overlay = load_overlay()
    document = normalise(loaded.document, overlay).document
    return build_ir(document, overlay, loaded.sha256), document


def test_no_field_of_oracles_spec_is_any_where_the_spec_gives_a_schema() -> None:
    """Every field typed Any (or dict[str, Any]) is one the spec leaves free-form: an
    object without properties, items or a schema for its values."""
    ir, document = pinned_ir()
    loose = []
    for model in ir.models:
        for field in model.fields:
            if "Any" in field.annotation.imports():
                loose.append((model.source, field.wire))
    assert loose, "the spec has free-form objects (submitted form details)"
    for source, wire in loose:
        node: Any = document
        for part in source.split("."):
            node = node[part] if part in node else node["properties"][part]
        schema = node["properties"][wire]
        while "$ref" in schema:
            schema = document["definitions"][schema["$ref"].rsplit("/", 1)[-1]]
        assert schema.get("type") == "object", (source, wire)
        assert not schema.get("allOf") and not schema.get("properties"), (source, wire)
        assert not isinstance(schema.get("additionalProperties"), dict), (source, wire)


def test_bodies_are_optional_exactly_where_the_overlay_decides() -> None:
    """The promise: a JSON body may be omitted when specs/overlay.toml's [request_bodies]
    says so (start_activity(activity_id=1) needs no body), and is required otherwise."""
    ir, _ = pinned_ir()
    overlay = load_overlay()
    json_bodies = {
        f"{op.http_method} {op.path}": op for op in ir.operations if op.body and op.body.kind == "json"
    }
    assert set(json_bodies) == overlay.optional_bodies | overlay.required_bodies
    assert {k for k, op in json_bodies.items() if not op.body.required} == overlay.optional_bodies  # type: ignore[union-attr]
    start = json_bodies["POST /rest/ofscCore/v1/activities/{activityId}/custom-actions/start"]
    assert start.body is not None and not start.body.required
    assert ir.warnings == []


def test_an_undecided_body_is_reported_and_a_decision_reaches_the_spec(tmp_path: Any) -> None:
    """Once bodies are decided, an operation left out is a warning; a decision is written
    into the normalised spec, which the mocks serve."""
    key = "POST /rest/ofscCore/v1/things"
    (tmp_path / "overlay.toml").write_text(f'[request_bodies]\noptional = ["{key}"]\n')
    overlay = load_overlay(tmp_path)
    document = normalise(copy.deepcopy(WRAPPERS), overlay).document
    assert document["paths"]["/rest/ofscCore/v1/things"]["post"]["parameters"][0]["required"] is False
    assert not [w for w in run(WRAPPERS, overlay).warnings if "request_bodies" in w]
    (tmp_path / "overlay.toml").write_text('[request_bodies]\nrequired = ["PUT /rest/ofscCore/v1/other"]\n')
    warnings = run(WRAPPERS, load_overlay(tmp_path)).warnings
    assert any(key in w and "does not say" in w for w in warnings)
    assert any("PUT /rest/ofscCore/v1/other" in w and "has no JSON body" in w for w in warnings)
