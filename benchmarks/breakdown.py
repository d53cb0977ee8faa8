"""Where an async call's time goes: ``python -m benchmarks.breakdown [--seconds S] [--rounds N]``.

Not a target, a diagnosis. At 20 requests in flight against the benchmark server, it
measures the SDK's ``core.get_activity`` as it is, then with parts of the call replaced
in place, each variant in the same rounds (rotating order), and prints the median client
time per request:

- ``sdk``: the client as it is;
- ``no policies``: the pipeline only builds the request (validation, encoding, headers)
  and sends it: no retries, circuit breaker, tracing or token logic;
- ``no request building``: no policies either, and a request built once is sent every
  time (the answer is still parsed);
- ``aiohttp as sent``: aiohttp called exactly as the SDK's sender calls it (headers, the
  attempt's deadline as the one timeout, no cookies, the body read whole) and the body
  validated into ``Activity``: what the SDK's own per-call work is measured against;
- ``as sent, json.loads``: the same, with the body decoded as ``raw aiohttp`` does instead
  of validated (validating costs about what decoding does);
- ``raw aiohttp``: ``aiohttp.ClientSession`` GET + ``.json()``, for scale.

It also times building the ``httpx.Request`` and ``httpx.Response`` of such a call, which
the client skips unless something asks for them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import timeit
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import aiohttp
import httpx

import ofsc._base_client as client_module
from ofsc import _pipeline
from ofsc._operation import resolve_model
from ofsc._request import prepare_request
from ofsc._wire import BaseURL, OutgoingRequest
from ofsc_generated.operations.core import GET_ACTIVITY

from . import payloads
from .calls import ACTIVITY_PATH, _headers, _throughput
from .context import ACTIVITY_ID, async_client
from .server import running_server
from .timing import Samples, schedule

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterator


def _prepared_only(settings: _pipeline.CallSettings, op: Any, args: Any, options: Any) -> _pipeline.Flow:
    prepared = prepare_request(op, args, options)
    request = prepared.build(settings.base_url, settings.headers, settings.timeout, settings.basic)
    answer = yield _pipeline.Send(request)
    return answer


def _prebuilt(settings: _pipeline.CallSettings, op: Any, args: Any, options: Any) -> _pipeline.Flow:
    request = OutgoingRequest(
        "GET", settings.base_url, ACTIVITY_PATH,
        {**settings.headers, "Authorization": settings.basic, "Accept": "application/json"}, settings.timeout,
    )  # fmt: skip
    answer = yield _pipeline.Send(request)
    return answer


@contextmanager
def _replaced(module: Any, name: str, value: Any) -> Iterator[None]:
    original = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, original)


async def _rounds(url: str, seconds: float, count: int) -> dict[str, Samples]:
    async with (
        async_client(url) as sdk,
        aiohttp.ClientSession(headers=_headers()) as raw,
        aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as as_sent,
    ):
        sent_headers = {**sdk._state.call.headers, "Authorization": sdk._state.call.basic,
                        "Accept": "application/json"}  # fmt: skip
        activity = resolve_model(GET_ACTIVITY.response_model or "")
        validator = activity.__pydantic_validator__

        async def sdk_call() -> object:
            return await sdk.core.get_activity(activity_id=ACTIVITY_ID)

        async def raw_call() -> object:
            async with raw.get(url + ACTIVITY_PATH) as response:
                return await response.json()

        async def as_sent_body() -> bytes:
            # The sender's timeout for the client's 30 s: the deadline as the total, no step
            # limits (none is shorter than the time left).
            timeout = aiohttp.ClientTimeout(30.0, None, None, None, math.inf)
            async with as_sent.request("GET", url + ACTIVITY_PATH, headers=sent_headers, data=None,
                                       allow_redirects=False, proxy=None, timeout=timeout) as response:  # fmt: skip
                return await response.read()

        async def as_sent_call() -> object:
            return validator.validate_json(await as_sent_body())

        async def as_sent_decoded() -> object:
            return json.loads(await as_sent_body())

        variants: dict[str, tuple[Callable[[], Awaitable[object]], Any, str, Any]] = {
            "sdk": (sdk_call, None, "", None),
            "no policies": (sdk_call, client_module, "call_flow", _prepared_only),
            "no request building": (sdk_call, client_module, "call_flow", _prebuilt),
            "aiohttp as sent": (as_sent_call, None, "", None),
            "as sent, json.loads": (as_sent_decoded, None, "", None),
            "raw aiohttp": (raw_call, None, "", None),
        }

        async def rate_of(name: str) -> float:
            call, module, attribute, replacement = variants[name]
            if module is None:
                return await _throughput(call, seconds)
            with _replaced(module, attribute, replacement):
                return await _throughput(call, seconds)

        for name in variants:  # warm up: imports, model building, connections
            await rate_of(name)
        results = {name: Samples() for name in variants}
        for name in schedule(list(variants), count):
            results[name].add(1e6 / await rate_of(name))
        return results


def _httpx_objects() -> dict[str, float]:
    """What building the call's httpx objects costs, as the client would build them."""
    body = payloads.encode(payloads.activity(ACTIVITY_ID))
    base, timeout = BaseURL("http://127.0.0.1:8000"), httpx.Timeout(30.0)
    headers = {**_headers(), "Accept": "application/json"}
    raw_headers = [(b"Content-Type", b"application/json"), (b"Content-Length", str(len(body)).encode())]
    request = OutgoingRequest("GET", base, ACTIVITY_PATH, headers, timeout).to_httpx()

    def build_request() -> object:
        return OutgoingRequest("GET", base, ACTIVITY_PATH, headers, timeout).to_httpx()

    def build_response() -> object:
        return httpx.Response(200, headers=raw_headers, content=body, request=request)

    number = 5000
    return {
        name: min(timeit.repeat(build, number=number, repeat=5)) / number * 1e6
        for name, build in (("httpx.Request", build_request), ("httpx.Response", build_response))
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.breakdown", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seconds", type=float, default=0.5, help="per variant per round")
    parser.add_argument("--rounds", type=int, default=12)
    args = parser.parse_args(argv)
    with running_server() as url:
        results = asyncio.run(_rounds(url, args.seconds, args.rounds))
    print("client time per request at 20 in flight (median over rounds):")
    base = results["sdk"].median
    for name, samples in results.items():
        print(f"  {name:<20} {samples.median:7.1f} us   ({samples.median - base:+.1f} us against sdk)")
    print("building, outside the loop (best of 5):")
    for name, micros in _httpx_objects().items():
        print(f"  {name:<20} {micros:7.1f} us")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
