"""The mock serves all 243 operations: a valid call through the SDK gets a success status,
and a body the SDK parses into the operation's model."""

from __future__ import annotations

from typing import Any

import pytest

from ofsc._operation import Operation
from ofsc.testing import COLLECTIONS, MockOFS, SchemaSampler
from ofsc_generated.operations import all_operations

from ..conftest import Call

OPERATIONS = all_operations()
KNOWN = "known"  # the id of the one object the mock holds in each collection
NUMERIC_IDS = {spec.param for spec in COLLECTIONS if spec.numeric}
TEXT_IDS = {spec.param for spec in COLLECTIONS if not spec.numeric}


@pytest.fixture
def ofsc_mock_options() -> dict[str, Any]:
    return {"fixture": {spec.name: [{spec.key: 1 if spec.numeric else KNOWN}] for spec in COLLECTIONS}}


def arguments(op: Operation[Any]) -> dict[str, Any]:
    """Valid arguments for ``op`` whose ids name the objects the mock holds."""
    kwargs = SchemaSampler(seed=1).arguments(op)
    for param in op.params:
        if param.location == "path" and param.wire in NUMERIC_IDS:
            kwargs[param.name] = 1 if int in param.types else "1"
        elif param.location == "path" and param.wire in TEXT_IDS:
            kwargs[param.name] = KNOWN
    if op.method == "POST" and op.path.endswith("/{label}"):
        kwargs["label"] = "new"  # a create
    if "q" in kwargs:
        kwargs["q"] = "activityId >= 0"  # a filter expression (a sampled string is not one)
    return kwargs


def test_the_operation_index_is_complete() -> None:
    assert len(OPERATIONS) == 243


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
async def test_every_operation_is_served(op: Operation[Any], call: Call, ofsc_mock: MockOFS) -> None:
    kwargs = arguments(op)
    if "subscription_id" in kwargs:  # the Events API reads subscriptions that exist
        kwargs["subscription_id"] = ofsc_mock.events.subscribe(["activityCreated"], title="known")
        kwargs.pop("since", None)  # a time, which a sampled string is not
        kwargs.pop("page", None)  # a cursor the mock returned, which a sampled string is not
    result = await call(f"{op.family}.{op.name}", **kwargs)
    if op.response_kind == "binary":
        assert len(await call.awaited(result.read())) == ofsc_mock.file_size
    assert ofsc_mock.calls[-1].operation == op.name
    assert ofsc_mock.calls[-1].status in op.success
