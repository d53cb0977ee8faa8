"""Turning a successful response into the operation's result (no I/O)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ._exceptions import ResponseValidationError
from ._operation import Operation, resolve_model
from ._wire import as_httpx, attach_response

if TYPE_CHECKING:
    import httpx

    from ._wire import Answer


def parse_result(op: Operation[Any], answer: Answer) -> Any:
    """The model (with ``raw_response`` attached), or None for operations without a body."""
    if op.response_kind == "none":
        return None
    content = answer.content
    if not content or content.isspace():
        if op.response_kind == "optional_model" or answer.status_code == 204:
            return None
        raise ResponseValidationError(
            f"{op.name}(): {answer.status_code} response has no body; expected {op.response_model}",
            response=as_httpx(answer),
            body=None,
            errors=[],
        )
    assert op.response_model is not None
    model = resolve_model(op.response_model)
    try:
        # The validator itself: model_validate_json() only adds keyword handling (~6% of a parse).
        result = model.__pydantic_validator__.validate_json(content)
    except ValidationError as exc:
        response = as_httpx(answer)
        raise ResponseValidationError(
            f"{op.name}(): response does not fit {model.__name__}: {exc.error_count()} error(s), "
            f"first at {'.'.join(map(str, exc.errors()[0]['loc'])) or 'the top level'}: {exc.errors()[0]['msg']}",
            response=response,
            body=_body(response),
            errors=exc.errors(include_url=False),
        ) from None
    attach_response(result, answer)
    return result


def _body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except (ValueError, RecursionError):  # RecursionError: nested deeper than Python's json can read
        return response.text
