"""How a 2.x request travels through the v3 pipeline, shared by the sync and async 2.x
clients (no I/O here).

A 2.x method describes its request as a :class:`~._wire.Call`; :func:`prepare` turns it into
an :class:`~ofsc._operation.Operation` that makes the v3 pipeline send exactly that request,
keeping the generated operation's identity (for logs, hooks, tracing and metrics) and its
retry safety. The answer comes back as a :class:`~.common.Response` whatever its status.
"""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING, Any

from .._operation import Body, Operation, Param
from ._wire import JSON_CONTENT_TYPE, Call
from .exceptions import OFSCNetworkError

if TYPE_CHECKING:
    from .._exceptions import APIConnectionError
    from .._types import RequestOptions


@functools.cache
def _operations(family: str) -> dict[str, Operation[Any]]:
    module = importlib.import_module(f"ofsc_generated.operations.{family}")
    return {op.name: op for op in module.OPERATIONS}


def generated_operation(name: str) -> Operation[Any]:
    """``"core.get_activity"`` -> the generated :class:`Operation` (what v3 calls it)."""
    family, _, op_name = name.partition(".")
    return _operations(family)[op_name]


def carrier(v3_name: str | None, call: Call) -> tuple[Operation[Any], dict[str, object]]:
    """An operation that makes the v3 pipeline send ``call`` exactly, and its arguments.

    It keeps the generated operation's identity (for logs, hooks and metrics) and its
    retry safety; the path, query and body are the ones 2.x built.
    """
    params: list[Param] = []
    args: dict[str, object] = {}
    for index, (key, value) in enumerate(call.query):
        params.append(Param(f"query{index}", key, "query", False, (str,)))
        args[f"query{index}"] = value
    body: Body | None = None
    if call.content is not None:
        body = Body("binary", "content", required=False)
        args["content"] = call.content
    elif call.files is not None or call.form is not None:
        body = Body("form" if call.files is None else "multipart", required=False)
        for index, (key, value) in enumerate((call.form or {}).items()):
            params.append(Param(f"form{index}", key, "form", False, (str,)))
            args[f"form{index}"] = value
        for index, (key, value) in enumerate((call.files or {}).items()):
            params.append(Param(f"file{index}", key, "file", False, (object,)))
            args[f"file{index}"] = value
    base = generated_operation(v3_name) if v3_name else None
    operation: Operation[Any] = Operation(
        family=base.family if base else "v2",
        name=base.name if base else "call",
        method=call.method.upper(),
        path=call.path.replace("{", "{{").replace("}", "}}"),
        params=tuple(params),
        success=(),
        response_kind="none",
        body=body,
        retry_safe=base.retry_safe if base else call.method.upper() in ("GET", "HEAD", "OPTIONS"),
        operation_id=base.operation_id if base else "",
    )
    return operation, args


def prepare(v3_name: str | None, call: Call) -> tuple[Operation[Any], dict[str, object], RequestOptions]:
    """The operation, arguments and request options that send ``call`` through the v3 pipeline."""
    operation, args = carrier(v3_name, call)
    headers = dict(call.headers)
    if call.form is None and call.files is None:
        headers.setdefault("Content-Type", JSON_CONTENT_TYPE)  # 2.x sent it with every request
    options: RequestOptions = {"headers": headers}
    if call.timeout is not None:
        options["timeout"] = call.timeout
    return operation, args, options


def network_error(exc: APIConnectionError) -> OFSCNetworkError:
    """The 2.x error for a request that got no response (also v3's ``APIConnectionError``)."""
    return OFSCNetworkError(str(exc), method=exc.method, url=exc.url, attempts=exc.attempts)
