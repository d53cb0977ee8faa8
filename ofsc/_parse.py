"""Turning a successful response into the operation's result (no I/O)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ._exceptions import ResponseValidationError
from ._operation import Operation, resolve_model

if TYPE_CHECKING:
    import httpx


def parse_result(op: Operation[Any], response: httpx.Response) -> Any:
    """The model (with ``raw_response`` attached), or None for operations without a body."""
    if op.response_kind == "none":
        return None
    content = response.content
    if not content.strip():
        if op.response_kind == "optional_model" or response.status_code == 204:
            return None
        raise ResponseValidationError(
            f"{op.name}(): {response.status_code} response has no body; expected {op.response_model}",
            response=response,
            body=None,
            errors=[],
        )
    assert op.response_model is not None
    model = resolve_model(op.response_model)
    try:
        result = model.model_validate_json(content)
    except ValidationError as exc:
        raise ResponseValidationError(
            f"{op.name}(): response does not fit {model.__name__}: {exc.error_count()} error(s), "
            f"first at {'.'.join(map(str, exc.errors()[0]['loc'])) or 'the top level'}: {exc.errors()[0]['msg']}",
            response=response,
            body=_body(response),
            errors=exc.errors(include_url=False),
        ) from None
    from ._models import attach_response  # loaded with the first model anyway

    attach_response(result, response)
    return result


def _body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text
