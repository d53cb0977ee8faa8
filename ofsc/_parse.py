"""Turning a successful response into the operation's result (no I/O).

The body is validated by the model's own validator (the fast path). Only when that fails:
with ``strict`` the call raises :class:`ResponseValidationError`; otherwise the result is
built anyway by :mod:`ofsc._shapes`, keeping what did not fit, and the caller is told.
A body that is not JSON at all always raises; after a write the error says the write
was applied, since the server answered 2xx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pydantic_core
from pydantic import ValidationError

from ._exceptions import ResponseValidationError
from ._internals import private_state, validate_json
from ._operation import Operation, resolve_model
from ._wire import attach_response

if TYPE_CHECKING:
    import httpx
    from pydantic import BaseModel

    from ._wire import Answer

_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def parse_result(op: Operation[Any], answer: Answer, *, strict: bool = False) -> Any:
    """The model (with ``raw_response`` attached), or None for operations without a body."""
    if op.response_kind == "none":
        return None
    content = answer.content
    if not content or content.isspace():
        if op.response_kind == "optional_model" or answer.status_code == 204:
            return None
        raise _unreadable(op, answer, f"has no body; expected {op.response_model}", None)
    assert op.response_model is not None
    model = resolve_model(op.response_model)
    try:
        result = validate_json(model, content)
    except ValidationError as exc:
        return _misfit(op, model, answer, exc, strict=strict)
    attach_response(result, answer)
    return result


def _misfit(
    op: Operation[Any], model: type[BaseModel], answer: Answer, exc: ValidationError, *, strict: bool
) -> Any:
    """The result of a body its model refused: an error, or a tolerant build."""
    try:
        data = pydantic_core.from_json(answer.content)
    except ValueError as decode_error:
        raise _unreadable(op, answer, f"is not JSON ({decode_error})", exc) from None
    if strict:
        first = exc.errors()[0]
        raise ResponseValidationError(
            f"{op.name}(): response does not fit {model.__name__}: {exc.error_count()} error(s), "
            f"first at {'.'.join(map(str, first['loc'])) or 'the top level'}: {first['msg']}"
            + _applied(op, answer.status_code),
            response=answer.http_response,
            body=data,
            errors=exc.errors(include_url=False),
        ) from None
    from ._shapes import SHAPE_KEY, build_tolerantly, report  # only for a body that does not fit

    result, mismatches = build_tolerantly(model, data)
    attach_response(result, answer)
    private_state(result)[SHAPE_KEY] = mismatches  # type: ignore[index]
    report(op, mismatches)
    return result


def _unreadable(
    op: Operation[Any], answer: Answer, problem: str, exc: ValidationError | None
) -> ResponseValidationError:
    """The error for a 2xx body that cannot be read at all."""
    response = answer.http_response
    return ResponseValidationError(
        f"{op.name}(): the {answer.status_code} response {problem}" + _applied(op, answer.status_code),
        response=response,
        body=_body(response) if exc is not None else None,
        errors=exc.errors(include_url=False) if exc is not None else [],
    )


def _applied(op: Operation[Any], status: int) -> str:
    """For a write, the plain statement that it happened: the caller must not simply resend it."""
    if op.method not in _WRITES:
        return ""
    return f". The server answered {status}, so the {op.method} was applied; check its outcome before sending it again"


def _body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except (ValueError, RecursionError):  # RecursionError: nested deeper than Python's json can read
        return response.text
