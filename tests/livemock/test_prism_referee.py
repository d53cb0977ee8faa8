"""All 243 operations, through the sync and the async client, refereed by Prism.

Each operation is called with valid arguments synthesised from the spec (every optional
parameter included). Prism's request validator must accept the request, and the success
body it answers (the spec's examples in static mode, generated data in dynamic mode) must
parse into the operation's return type and dump back to the same JSON.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from ofsc import APIStatusError, AsyncBinaryResponse, BinaryResponse, ResponseValidationError
from ofsc._models import OFSCModel, OFSCRootModel
from ofsc._operation import Operation, resolve_model
from ofsc.testing import SchemaSampler
from ofsc_generated.operations import OPERATION_COUNT, all_operations

from .conftest import DYNAMIC

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Callable

    from ..conftest import Call, Exchange
    from .conftest import PrismProcesses, PrismServer

OPERATIONS = all_operations()
SEEDS = {op.key: index for index, op in enumerate(OPERATIONS)}
TABLE = "Prism referee, operations per API family"
COUNTERS = ("called", "accepted", "parsed")


def test_the_referee_sees_every_operation() -> None:
    assert len(OPERATIONS) == len(SEEDS) == OPERATION_COUNT == 243


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: f"{op.family}.{op.name}")
async def test_prism_accepts_the_request_and_its_answer_parses(
    op: Operation[Any],
    prism: PrismServer,
    call: Call,
    exchanges: list[Exchange],
    tally: Callable[..., Counter[str]],
) -> None:
    outcome = tally(TABLE, row=op.family, column=f"{prism.mode} {call.kind}", counters=COUNTERS)
    arguments = SchemaSampler(seed=SEEDS[op.key]).arguments(op)
    outcome["called"] += 1
    try:
        result = await call(f"{op.family}.{op.name}", **arguments)
    except APIStatusError as exc:
        pytest.fail(f"Prism rejected the request: {exc.status_code}\n{violations(exc.response)}")
    except ResponseValidationError as exc:
        result = exc
    response = exchanges[-1].response
    assert response is not None
    assert not request_violations(response), violations(response)
    outcome["accepted"] += 1

    if isinstance(result, ResponseValidationError):
        pytest.fail(f"the {response.status_code} body does not fit the return type: {result}")
    assert response.status_code in op.success
    if op.response_kind == "binary":
        assert isinstance(result, BinaryResponse | AsyncBinaryResponse)
        assert isinstance(await call.awaited(result.read()), bytes)
    elif op.response_kind == "none" or (op.response_kind == "optional_model" and not response.content):
        assert result is None
    else:
        assert op.response_model is not None
        assert isinstance(result, resolve_model(op.response_model))
        assert isinstance(result, OFSCModel | OFSCRootModel)
        assert result.raw_response is response
        assert result.to_api() == response.json()  # nothing lost, nothing added
    outcome["parsed"] += 1


def request_violations(response: httpx.Response) -> list[dict[str, Any]]:
    """What Prism found wrong with the request. (It also lists what is wrong with its own
    answer, e.g. a placeholder that misses a pattern; those are not the client's doing.)"""
    found: list[dict[str, Any]] = json.loads(response.headers.get("sl-violations", "[]"))
    return [v for v in found if v.get("location", [""])[0] == "request"]


def violations(response: httpx.Response) -> str:
    """Prism's violations, one a line."""
    header = response.headers.get("sl-violations")
    if header is None:
        return f"(no sl-violations header) {response.text[:2000]}"
    return "\n".join(
        f"  {'.'.join(map(str, v.get('location', [])))}: {v.get('message')}" for v in json.loads(header)
    )


@pytest.mark.xdist_group("prism")
def test_the_dynamic_mode_answers_generated_data(prism_processes: PrismProcesses) -> None:
    """The one Prism process plays both modes: a request that prefers ``dynamic`` gets data
    generated from the schema (the same every time: the seed is fixed), others the spec's
    examples or placeholders."""
    url = f"{prism_processes.server('static').url}/rest/ofscMetadata/v1/workZones"
    headers = {"Authorization": "Basic Y2lkQGFjbWU6czNjcjN0"}
    static = httpx.get(url, headers=headers)
    dynamic = [httpx.get(url, headers={**headers, **DYNAMIC}) for _ in range(2)]
    assert static.status_code == dynamic[0].status_code == 200
    assert static.json() != dynamic[0].json()
    assert dynamic[0].json() == dynamic[1].json()
