"""Every generated model against the schema it was generated from.

Each model's module says where in the normalised spec it comes from ("Generated from
``definitions.activity``", or an inline location such as ``definitions.capacity.areas[]``
or ``POST /path body``). Samples synthesised from that schema must validate, and dumping
the model (API names, only what was set) must give back exactly the input: nothing lost,
nothing added, unknown fields included. Models are lenient where the API may grow: an
enum value or a field the spec does not know yet is kept, not rejected.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ofsc_generated.models
from ofsc._models import OFSCModel, OFSCRootModel
from ofsc.testing import SchemaSampler, normalised_spec

Schema = dict[str, Any]

MODELS = sorted(ofsc_generated.models.__all__)
SEEDS = range(5)
_SOURCE = re.compile(r"Generated from ``(?P<source>[^`]+)``(?P<lenient> \(parsed leniently)?")
_STEP = re.compile(r"\.(?P<property>[^.\[{]+)|(?P<item>\[\])|(?P<value>\{\*\})")


def model(name: str) -> type[OFSCModel | OFSCRootModel[Any]]:
    cls: type[OFSCModel | OFSCRootModel[Any]] = getattr(ofsc_generated.models, name)
    return cls


def origin(name: str) -> re.Match[str]:
    docstring = sys.modules[model(name).__module__].__doc__ or ""
    found = _SOURCE.search(docstring)
    assert found, f"{name}: its module does not say which schema it was generated from"
    return found


def is_response_model(name: str) -> bool:
    return origin(name)["lenient"] is not None


@cache
def schema_of(name: str) -> Schema:
    """The schema ``name`` was generated from, found in the normalised spec."""
    source = origin(name)["source"]
    document = normalised_spec()
    node: Schema
    if source.startswith("definitions."):
        location = source.removeprefix("definitions.")
        definition = max(  # the longest definition name the location starts with
            (d for d in document["definitions"] if location == d or location.startswith((f"{d}.", f"{d}["))),
            key=len,
        )
        node, steps = document["definitions"][definition], location[len(definition) :]
    else:  # "METHOD /path body" or "METHOD /path response"
        method, path, part = source.split(" ")
        operation = document["paths"][path][method.lower()]
        if part == "body":
            node = next(p["schema"] for p in operation["parameters"] if p["in"] == "body")
        else:
            node = next(r["schema"] for c, r in sorted(operation["responses"].items()) if c[0] == "2")
        steps = ""
    for step in _STEP.finditer(steps):
        node = resolve(node)
        if step["property"]:
            node = properties(node)[step["property"]]
        else:
            node = node["items"] if step["item"] else node["additionalProperties"]
    return node


def resolve(schema: Schema) -> Schema:
    while "$ref" in schema:
        schema = normalised_spec()["definitions"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def properties(schema: Schema) -> dict[str, Schema]:
    """An object schema's properties, its allOf parents' included."""
    schema = resolve(schema)
    found: dict[str, Schema] = {}
    for parent in schema.get("allOf", []):
        found.update(properties(parent))
    found.update(schema.get("properties", {}))
    return found


def sample(name: str, seed: int) -> Any:
    return SchemaSampler(seed=seed).sample(schema_of(name))


def with_unknown_fields(value: Any, schema: Schema, unknown: dict[str, Any]) -> Any:
    """``value`` with the ``unknown`` fields added to it and to every object inside it."""
    schema = resolve(schema)
    known = properties(schema)
    if isinstance(value, dict) and known:
        return {**unknown, **{k: with_unknown_fields(v, known.get(k, {}), unknown) for k, v in value.items()}}
    if isinstance(value, dict) and isinstance(schema.get("additionalProperties"), dict):
        return {k: with_unknown_fields(v, schema["additionalProperties"], unknown) for k, v in value.items()}
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [with_unknown_fields(v, schema["items"], unknown) for v in value]
    return value


def round_trip(name: str, data: Any) -> Any:
    return model(name).model_validate(data).to_api()


@pytest.mark.parametrize("name", MODELS)
def test_model_validates_samples_of_its_schema_and_dumps_them_back(name: str) -> None:
    for seed in SEEDS:
        data = sample(name, seed)
        assert round_trip(name, data) == data, f"seed {seed}"


# Field names no model has: the spec's names are camelCase words, the Python names snake_case.
unknown_names = st.from_regex(r"\Azz[A-Za-z0-9]{1,8}\Z")
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(MODELS),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    unknown=st.dictionaries(unknown_names, json_values, max_size=3),
)
def test_any_sample_with_unknown_fields_survives_a_round_trip(
    name: str, seed: int, unknown: dict[str, Any]
) -> None:
    data = with_unknown_fields(sample(name, seed), schema_of(name), unknown)
    assert round_trip(name, data) == data


def enum_fields(name: str) -> list[tuple[str, str]]:
    return [
        (name, wire)
        for wire, schema in properties(schema_of(name)).items()
        if "enum" in resolve(schema) and resolve(schema).get("type") == "string"
    ]


RESPONSE_ENUM_FIELDS = [field for name in MODELS if is_response_model(name) for field in enum_fields(name)]


def test_response_models_with_enums_are_checked() -> None:
    assert len({name for name, _ in RESPONSE_ENUM_FIELDS}) > 20


@pytest.mark.parametrize(("name", "wire"), RESPONSE_ENUM_FIELDS, ids="-".join)
def test_a_response_may_bring_an_enum_value_and_a_field_the_spec_does_not_know(name: str, wire: str) -> None:
    data = {**sample(name, seed=0), wire: "valueAddedLater", "fieldAddedLater": {"nested": [1, "two"]}}
    parsed = model(name).model_validate_json(json.dumps(data))  # as the client parses a body
    assert parsed.to_api() == data
