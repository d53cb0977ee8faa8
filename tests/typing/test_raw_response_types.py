"""``with_raw_response`` is typed: what mypy says its calls return is what they return."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from ofsc.testing import MockOFS
from ofsc_generated import FAMILIES
from ofsc_generated.raw import AsyncRawFamilies, RawFamilies
from tests.typing import raw_responses

ROOT = Path(__file__).resolve().parents[2]
CHECKED = Path(raw_responses.__file__)
ACTIVITY = {"resourceId": "tech1", "activityType": "install"}


def mypy(*paths: Path) -> str:
    """mypy's report on ``paths``, with the project's settings (strict, pydantic's plugin)."""
    command = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), *map(str, paths)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False).stdout


def test_raw_calls_have_the_types_users_rely_on(tmp_path: Path) -> None:
    """Promise: under mypy --strict, ``client.with_raw_response.<family>.<method>(...)`` is a
    ``RawResponse[<the method's result>]`` and ``.parse()`` that result (sync, and awaited
    async); downloads are ``RawResponse[BinaryResponse]``/``RawResponse[AsyncBinaryResponse]``,
    bodiless answers ``RawResponse[None]``. A wrong expectation is reported, so the check is
    not vacuous."""
    wrong = tmp_path / "wrong_raw_types.py"
    wrong.write_text(
        "from typing import assert_type\n"
        "from ofsc import OFSC, AsyncOFSC, RawResponse\n"
        "def sync(client: OFSC) -> None:\n"
        "    assert_type(client.with_raw_response.core.get_activity(activity_id=1), RawResponse[str])\n"
        "async def not_awaited(client: AsyncOFSC) -> None:\n"
        "    client.with_raw_response.core.get_activity(activity_id=1).parse()\n"
    )
    report = mypy(CHECKED, wrong)
    assert f"{CHECKED.name}:" not in report, report
    assert 'wrong_raw_types.py:4: error: Expression is of type "RawResponse[Activity]"' in report, report
    assert (
        'wrong_raw_types.py:6: error: "Coroutine[Any, Any, RawResponse[Activity]]" has no attribute' in report
    ), report


def test_sync_raw_calls_return_what_their_types_say() -> None:
    """Promise: each sync raw call returns what its annotation says (``raw_responses.sync_calls``)."""
    mock = MockOFS(seed=3)
    with mock.client() as client:
        activity = client.core.create_activity(body=ACTIVITY)
        assert activity.activity_id is not None
        raw_responses.sync_calls(client, activity.activity_id)


@pytest.mark.parametrize("http_backend", ["httpx", "aiohttp"])
def test_async_raw_calls_return_what_their_types_say(http_backend: str) -> None:
    """Promise: each awaited async raw call returns what its annotation says
    (``raw_responses.async_calls``), over either HTTP backend."""
    mock = MockOFS(seed=3)

    async def run(base_url: str) -> None:
        async with mock.async_client(base_url, http_backend=http_backend) as client:
            activity = await client.core.create_activity(body=ACTIVITY)
            assert activity.activity_id is not None
            await raw_responses.async_calls(client, activity.activity_id)

    with mock.serve() as base_url:
        asyncio.run(run(base_url))


def _methods(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(f)
        for name, f in vars(cls).items()
        if inspect.isfunction(f) and name[0] != "_"
    }


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_raw_family_mirrors_its_endpoint_classes(family: str) -> None:
    """Promise: ``client.with_raw_response.<family>`` (the generated protocols in
    ``ofsc_generated.raw``) has every method of ``client.<family>``, sync and async, with the
    same parameters, returning ``RawResponse`` of what the method returns."""
    module, sync_name, async_name = FAMILIES[family]
    endpoints = importlib.import_module(module)
    raw = importlib.import_module(f"ofsc_generated.raw.{family}")
    for endpoint_name, is_async in ((sync_name, False), (async_name, True)):
        expected = _methods(getattr(endpoints, endpoint_name))
        got = _methods(
            getattr(raw, endpoint_name.replace("Async", "AsyncRaw") if is_async else f"Raw{endpoint_name}")
        )
        assert got.keys() == expected.keys()
        for name, signature in expected.items():
            assert got[name].parameters == signature.parameters, name
            assert got[name].return_annotation == f"RawResponse[{signature.return_annotation}]", name
    families = {name for name, value in vars(RawFamilies).items() if isinstance(value, property)}
    assert (
        families == set(FAMILIES) == {n for n, v in vars(AsyncRawFamilies).items() if isinstance(v, property)}
    )
