"""Checking a request against its operation in the spec, as OFS does before acting on it.

Path, query, header and form parameters are parsed from their text form (``csv`` arrays
split on commas) and checked for type, enum, bounds, pattern and format; a JSON body is
checked against its schema (``$ref`` and ``allOf`` resolved). The first problems found
become one 400 error whose detail names each offending field.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from ._http import JSON, OFSError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._http import MockRequest
    from ._routes import Match
    from ._schema import SchemaChecker

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
_INTEGER = re.compile(r"[+-]?\d+")
_MAX_PROBLEMS = 5


@dataclass(slots=True)
class ValidRequest:
    """A request that passed validation, with its parameters parsed."""

    path: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    form: dict[str, Any] = field(default_factory=dict)
    body: Any = None  # the parsed JSON body, the raw bytes of a binary one, or None


def validate(request: MockRequest, match: Match, checker: SchemaChecker) -> ValidRequest:
    """``request``'s parameters and body, parsed; raises a 400 :class:`OFSError` naming every
    problem (up to a few) otherwise."""
    valid = ValidRequest()
    problems: list[str] = []
    params = match.endpoint.spec.get("parameters", [])
    sources: dict[str, tuple[dict[str, Any], Mapping[str, Any]]] = {
        "path": (valid.path, match.path_params),
        "query": (valid.query, dict(parse_qsl(request.query, keep_blank_values=True))),
        "header": (valid.headers, request.headers),
        "formData": (valid.form, _read_form(request, params, problems)),
    }
    for param in params:
        if param["in"] == "body":
            valid.body = _check_body(request, param, checker, problems)
        else:
            target, values = sources[param["in"]]
            _check_param(param, values, target, checker, problems)
    if problems:
        more = len(problems) - _MAX_PROBLEMS
        raise OFSError(400, "; ".join(problems[:_MAX_PROBLEMS]) + (f"; and {more} more" if more > 0 else ""))
    return valid


def _check_param(
    param: dict[str, Any],
    values: Mapping[str, Any],
    target: dict[str, Any],
    checker: SchemaChecker,
    problems: list[str],
) -> None:
    where, name = param["in"], param["name"]
    raw = values.get(name.lower() if where == "header" else name)
    if raw is None:
        if param.get("required"):
            problems.append(f"{_LABELS[where]} '{name}' is required")
        return
    if param.get("type") == "file":
        target[name] = raw
        return
    value, problem = _parse(raw, param)
    if problem is None and not (raw == "" and param.get("allowEmptyValue")):
        found = checker.errors(value, param)
        problem = found[0][1] if found else None
    if problem is not None:
        problems.append(f"{_LABELS[where]} '{name}': {problem}")
    target[name] = value


_LABELS = {"path": "path parameter", "query": "query parameter", "header": "header", "formData": "form field"}


def _parse(text: str, param: dict[str, Any]) -> tuple[Any, str | None]:
    """The typed value of a parameter's text, or the text and why it is not one."""
    kind = param.get("type")
    if kind == "array":
        items = param.get("items", {})
        values = []
        for part in text.split(",") if text else []:
            value, problem = _parse(part, items)
            if problem is not None:
                return text, f"item {part!r}: {problem}"
            values.append(value)
        return values, None
    if kind == "integer":
        return (int(text), None) if _INTEGER.fullmatch(text) else (text, f"expected an integer, got {text!r}")
    if kind == "number":
        try:
            number = float(text)
        except ValueError:
            return text, f"expected a number, got {text!r}"
        return (
            (number, None) if number == number and abs(number) != float("inf") else (text, "must be finite")
        )
    if kind == "boolean":
        lowered = text.lower()
        if lowered in ("true", "false"):
            return lowered == "true", None
        return text, f"expected true or false, got {text!r}"
    return text, None


def _content_type(request: MockRequest) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _check_body(
    request: MockRequest, param: dict[str, Any], checker: SchemaChecker, problems: list[str]
) -> Any:
    schema = checker.resolve(param.get("schema", {}))
    if schema.get("format") == "binary" or schema.get("type") == "file":
        return request.body  # any bytes are a file, none at all an empty one
    if not request.body:
        if param.get("required"):
            problems.append("a JSON request body is required")
        return None
    content_type = _content_type(request)
    if content_type and content_type != JSON and not content_type.endswith("+json"):
        raise OFSError(415, f"the request body must be {JSON}, got {content_type}")
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError) as exc:
        problems.append(f"the request body is not valid JSON: {exc}")
        return None
    problems.extend(
        f"body field '{where}': {problem}" if where else f"the request body: {problem}"
        for where, problem in checker.errors(body, schema)
    )
    return body


def _read_form(request: MockRequest, params: list[dict[str, Any]], problems: list[str]) -> dict[str, Any]:
    """The form fields of an operation that takes a form; fields it does not take are problems."""
    known = {p["name"] for p in params if p["in"] == "formData"}
    if not known:
        return {}
    fields = _form_fields(request, problems)
    problems += [
        f"form field '{name}' is not a field of this operation" for name in fields if name not in known
    ]
    return fields


def _form_fields(request: MockRequest, problems: list[str]) -> dict[str, Any]:
    content_type = _content_type(request)
    if content_type == FORM or (not content_type and request.body):
        try:
            return dict(parse_qsl(request.body.decode(), keep_blank_values=True))
        except UnicodeDecodeError:
            problems.append("the form body is not valid UTF-8")
            return {}
    if content_type == MULTIPART:
        return _read_multipart(request)
    if request.body or content_type:
        raise OFSError(
            415, f"the request body must be {FORM} or {MULTIPART}, got {content_type or 'nothing'}"
        )
    return {}


def _read_multipart(request: MockRequest) -> dict[str, Any]:
    head = f"Content-Type: {request.headers.get('content-type', '')}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.body)
    fields: dict[str, Any] = {}
    if message.is_multipart():
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if isinstance(name, str):
                payload = part.get_payload(decode=True)
                fields[name] = (
                    payload if part.get_filename() else bytes(payload or b"").decode(errors="replace")
                )
    return fields
