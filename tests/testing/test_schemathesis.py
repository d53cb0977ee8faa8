"""The mock checked against the spec by an independent tool.

schemathesis reads the spec, generates valid and invalid requests for every operation,
sends them to the mock over HTTP (with Basic auth) and checks every answer: no server
error, a documented status and content type, a body valid for the response schema, valid
requests accepted and invalid ones rejected.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import APIOperation, Case, GenerationMode

from ofsc.testing import COLLECTIONS, MockOFS, normalised_spec

if TYPE_CHECKING:
    from schemathesis.specs.openapi.schemas import OpenApiSchema

VALID_EXAMPLES = 3  # per operation
INVALID_EXAMPLES = 2
# One object per collection, so that requests naming these ids reach an existing object.
FIXTURE = {spec.name: [{spec.key: 1 if spec.numeric else "known"}] for spec in COLLECTIONS}
KNOWN_IDS = {spec.param: "1" if spec.numeric else "known" for spec in COLLECTIONS}
CONSTRAINTS = {"enum", "format", "pattern", "minLength", "maxLength"}
EXAMPLES = {GenerationMode.POSITIVE: VALID_EXAMPLES, GenerationMode.NEGATIVE: INVALID_EXAMPLES}
# Generating the bodies of a few operations (PATCH quota, application API access) takes
# over 15 s alone, several times that on a loaded machine with coverage on.
pytestmark = pytest.mark.timeout(300)


def spec_for_checking() -> dict[str, Any]:
    """The normalised spec, plus what it leaves out: OFS answers errors with its ``Error``
    body in JSON on every operation, also on the two that declare no error response and on
    downloads (whose ``produces`` lists only the file type); and creating a subscription
    needs a non-empty ``subscriptionConfig`` whose elements name events, which Oracle's
    page of the operation states in prose (the mock refuses it as OFS does)."""
    document = copy.deepcopy(normalised_spec())
    definitions = document["definitions"]
    definitions["createSubscriptionRequest"]["required"] = ["subscriptionConfig"]
    definitions["subscriptionConfig"]["minItems"] = 1
    definitions["subscriptionConfigItem"]["required"] = ["events"]
    definitions["subscriptionEventList"]["minItems"] = 1
    error = {"description": "An error.", "schema": {"$ref": "#/definitions/Error"}}
    for item in document["paths"].values():
        for operation in item.values():
            operation["responses"].setdefault("default", error)
            produces = operation.get("produces")
            if produces and "application/json" not in produces:
                operation["produces"] = [*produces, "application/json"]
    return document


def can_be_invalid(operation: APIOperation) -> bool:
    """Whether some request to ``operation`` breaks the spec: one of its parameters is typed,
    bounded, enumerated or formatted, or it takes a JSON body (plain strings cannot be wrong)."""
    definitions = operation.schema.raw_schema["definitions"]
    for param in operation.definition.raw.get("parameters", []):
        if param["in"] == "body":
            schema = param.get("schema", {})
            if "$ref" in schema:
                schema = definitions[schema["$ref"].rsplit("/", 1)[-1]]
            if schema.get("format") != "binary":
                return True
        elif param.get("type") != "string" or CONSTRAINTS & set(param):
            return True
    return False


def known_ids(operation: APIOperation) -> dict[str, str]:
    """The path parameters of ``operation`` that can name an object of :data:`FIXTURE`."""
    parameters = operation.definition.raw.get("parameters", [])
    return {
        p["name"]: KNOWN_IDS[p["name"]] for p in parameters if p["in"] == "path" and p["name"] in KNOWN_IDS
    }


def check(
    operation: APIOperation, mode: GenerationMode, ids: dict[str, str], send: Callable[[Case], object]
) -> str | None:
    """Run ``mode`` examples of ``operation`` (with the path parameters ``ids`` fixed); the
    failure report, or None."""

    @settings(
        max_examples=EXAMPLES[mode],
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=ids or None))
    def examples(case: Case) -> None:
        send(case)

    try:
        examples()
    except Unsatisfiable:
        return None  # no request of this kind can be made
    except (Exception, BaseExceptionGroup) as failure:
        return f"{operation.label} ({mode.value} data{' on known objects' if ids else ''}): {failure}"
    return None


@cache
def schema_for_checking() -> OpenApiSchema:
    """Loaded once per test process (seconds): every operation's test reads it."""
    return schemathesis.openapi.from_dict(spec_for_checking())


def operation_keys() -> list[tuple[str, str]]:
    """``(METHOD, path)`` of every operation of the spec, in its order."""
    paths = normalised_spec()["paths"]
    return [(method.upper(), path) for path, item in paths.items() for method in item]


OPERATIONS = operation_keys()
SCHEMATHESIS_TABLE = "schemathesis: the mock checked against the spec, operations per API"


def test_every_operation_is_checked() -> None:
    assert len(OPERATIONS) == len(set(OPERATIONS)) == 243


# One test per operation, so that the 243 checks spread over the test workers.
@pytest.mark.mock
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_mock_conforms_to_the_spec(
    ofsc_mock: MockOFS, ofsc_mock_server: str, method: str, path: str, tally: Callable[..., Counter[str]]
) -> None:
    """Valid requests to the operation are accepted and answered as the spec says; invalid
    ones are rejected; requests naming an object the mock holds reach it."""
    counts = tally(
        SCHEMATHESIS_TABLE, row=path.split("/")[2], column="operations", counters=("checked", "failed")
    )
    counts["failed"] += 1  # until every run passed
    operation = schema_for_checking()[path][method]
    auth = {"Authorization": ofsc_mock.basic_auth}

    def send(case: Case) -> None:
        case.call_and_validate(base_url=ofsc_mock_server, headers=auth)

    runs = [(GenerationMode.POSITIVE, {})]
    if can_be_invalid(operation):
        runs.append((GenerationMode.NEGATIVE, {}))
    if ids := known_ids(operation):
        runs.append((GenerationMode.POSITIVE, ids))
    failures: list[str] = []
    for mode, fixed in runs:
        ofsc_mock.store.load(FIXTURE)  # brings back what an earlier run deleted
        failures += filter(None, [check(operation, mode, fixed, send)])
    assert not failures, "\n\n".join(failures)
    counts.update(checked=1, failed=-1)
