"""Turning an operation and the caller's arguments into an HTTP request (no I/O).

Everything a caller can get wrong is checked here, before anything is sent: missing or
mistyped parameters, values outside the spec's bounds, and bodies that do not validate
against their model. Path values are percent-encoded as whole segments, so a ``/``,
space or ``%`` inside a label cannot change the route, and a value that a URL parser,
proxy or server would resolve as a dot segment (``.``, ``..``) or collapse (empty) is
refused; arrays are sent comma-separated. A URL longer than HTTP libraries accept is
refused here too, before anything is sent.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx
from pydantic import ValidationError

from ._exceptions import RequestValidationError
from ._operation import Operation, Param, resolve_model
from ._wire import BaseURL, OutgoingRequest

if TYPE_CHECKING:
    from ._types import RequestOptions

JSON = "application/json"
OCTET_STREAM = "application/octet-stream"
# httpx refuses longer URLs (and servers refuse far shorter ones).
MAX_URL_LENGTH = 65_536


@dataclass(slots=True)
class PreparedRequest:
    """A request ready to be sent, minus the per-attempt parts (auth, base URL, timeout)."""

    method: str
    path: str
    query: list[tuple[str, str | int | float | bool | None]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    content: Any = None  # bytes, a file, or an iterable of chunks
    form: dict[str, str] | None = None
    files: dict[str, Any] | None = None
    replayable: bool = True  # False when the body is a one-shot stream
    _target: str | None = field(default=None, repr=False)  # the encoded path and query, once built

    def build(
        self,
        base: BaseURL,
        headers: Mapping[str, str],
        timeout: httpx.Timeout,
        authorization: str | None = None,
    ) -> OutgoingRequest:
        """One attempt's request: the client's headers, then ``authorization``, then this request's."""
        target = self.target()
        sent = (
            {**headers, "Authorization": authorization, **self.headers}
            if authorization
            else {**headers, **self.headers}
        )
        return OutgoingRequest(
            self.method,
            base,
            target,
            sent,
            timeout,
            content=self.content,
            form=self.form,
            files=self.files,
        )

    def target(self) -> str:
        """The encoded path and query (encoded once: every attempt sends the same)."""
        if self._target is None:
            self._target = f"{self.path}?{httpx.QueryParams(self.query)}" if self.query else self.path
        return self._target


def check_url_length(operation: str, base: BaseURL, request: PreparedRequest) -> None:
    """Refuse a URL too long to send, before anything is built from it."""
    length = len(base.text) + len(request.target())
    if length > MAX_URL_LENGTH:
        raise RequestValidationError(
            operation, [("url", f"is {length} characters long; at most {MAX_URL_LENGTH} can be sent")]
        )


def prepare_request(
    op: Operation[Any], args: Mapping[str, object], options: RequestOptions | None
) -> PreparedRequest:
    errors: list[tuple[str, str]] = []
    path_values: dict[str, str] = {}
    request = PreparedRequest(op.method, "", [], {})
    form: dict[str, str] = {}
    files: dict[str, Any] = {}
    for param in op.params:
        value = args.get(param.name)
        if value is None:
            if param.required:
                errors.append((param.name, "required"))
            continue
        problem = check_param(param, value)
        if problem:
            errors.append((param.name, problem))
            continue
        if param.location == "path":
            segment = to_wire(value)
            if segment in _DOT_SEGMENTS:
                errors.append((param.name, f"{segment!r} cannot be a path value: it would change the route"))
                continue
            path_values[param.wire] = _path_segment(segment)
        elif param.location == "query":
            request.query.append((param.wire, to_wire(value)))
        elif param.location == "header":
            text = to_wire(value)
            if problem := header_problem(param.wire, text):
                errors.append((param.name, problem))
            else:
                request.headers[param.wire] = text
        elif param.location == "form":
            form[param.wire] = to_wire(value)
        else:
            files[param.wire] = value
    if op.body is not None:
        _prepare_body(op, args, request, form, files, errors)
    extra_headers = (options.get("headers") or {}) if options else {}
    if extra_headers:
        errors.extend(header_problems(extra_headers, 'options["headers"]'))
    if errors:
        raise RequestValidationError(op.name, errors)
    request.path = op.path.format_map(path_values)
    if "Accept" not in request.headers:
        request.headers["Accept"] = OCTET_STREAM if op.response_kind == "binary" else JSON
    if options:
        request.headers.update(extra_headers)
        request.query.extend((str(k), str(v)) for k, v in (options.get("query") or {}).items())
    return request


def _prepare_body(
    op: Operation[Any],
    args: Mapping[str, object],
    request: PreparedRequest,
    form: dict[str, str],
    files: dict[str, Any],
    errors: list[tuple[str, str]],
) -> None:
    body = op.body
    assert body is not None
    if body.kind == "form":
        request.form = form
        return
    if body.kind == "multipart":
        request.form, request.files = form or None, files
        request.replayable = all(isinstance(v, bytes | tuple) for v in files.values())
        return
    value = args.get(body.name)
    if value is None:
        if body.required:
            errors.append((body.name, "required"))
        return
    if body.kind == "binary":
        if not isinstance(value, bytes | bytearray | io.IOBase | Iterable) or isinstance(value, str):
            errors.append(
                (body.name, f"expected bytes, a binary file or an iterable of bytes, got {_kind(value)}")
            )
            return
        request.content = value
        request.replayable = isinstance(value, bytes | bytearray)
        request.headers.setdefault("Content-Type", OCTET_STREAM)
        return
    assert body.model is not None
    model = resolve_model(body.model)
    try:
        instance = value if isinstance(value, model) else model.model_validate(value)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            where = ".".join(str(p) for p in (body.name, *err["loc"]))
            errors.append((where, err["msg"]))
        return
    request.content = instance.model_dump_json(by_alias=True, exclude_unset=True).encode()
    request.headers["Content-Type"] = JSON


# RFC 9110: a field name is a token; a value is visible ASCII, spaces and tabs (httpx sends
# ASCII only, and a CR or LF would start a new header).
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_FIELD_VALUE = re.compile(r"[\t\x20-\x7e]*")


def header_problem(name: object, value: object) -> str | None:
    """Why ``name: value`` cannot be sent as an HTTP header, or None."""
    if not isinstance(name, str) or not _TOKEN.fullmatch(name):
        return f"{name!r} is not a valid header name"
    if not isinstance(value, str):
        return f"header values must be str, got {_kind(value)}"
    if not _FIELD_VALUE.fullmatch(value):
        # Where, not the value itself: it may be a credential.
        at = next(i for i, c in enumerate(value) if not ("\x20" <= c <= "\x7e" or c == "\t"))
        hint = ""
        if name.lower() == "content-disposition":
            hint = "; for a non-ASCII file name use filename*=UTF-8''<percent-encoded name>"
        return f"header values must be printable ASCII, found {value[at]!r} at position {at}{hint}"
    return None


def header_problems(headers: Mapping[str, object], where: str) -> list[tuple[str, str]]:
    """``(where[name], problem)`` for each header in ``headers`` that cannot be sent."""
    return [
        (f"{where}[{name!r}]", problem)
        for name, value in headers.items()
        if (problem := header_problem(name, value))
    ]


def check_param(param: Param, value: object) -> str | None:
    """Why ``value`` does not fit ``param``, or None."""
    if param.array:
        if isinstance(value, str):
            return _check_bounds(param, value)
        if not isinstance(value, Iterable):
            return f"expected a list, got {_kind(value)}"
        for item in value:
            if not _is_instance(item, param.types):
                return f"items must be {_names(param.types)}, got {_kind(item)}"
        return None
    if type(value) not in param.types and not _is_instance(value, param.types):
        return f"expected {_names(param.types)}, got {_kind(value)}"
    return _check_bounds(param, value)


def _check_bounds(param: Param, value: object) -> str | None:
    if isinstance(value, str):
        if param.min_length is not None and len(value) < param.min_length:
            return f"must be at least {param.min_length} characters, got {len(value)}"
        if param.max_length is not None and len(value) > param.max_length:
            return f"must be at most {param.max_length} characters, got {len(value)}"
        if param.pattern is not None and not re.search(param.pattern, value):
            return f"must match {param.pattern!r}"
    elif (
        (param.ge is not None or param.le is not None)
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        if param.ge is not None and value < param.ge:
            return f"must be >= {param.ge:g}, got {value}"
        if param.le is not None and value > param.le:
            return f"must be <= {param.le:g}, got {value}"
    return None


def _is_instance(value: object, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool):
        return bool in types or object in types
    if isinstance(value, enum.Enum):
        return _is_instance(value.value, types)
    return isinstance(value, types)


# Values a URL parser, proxy or server resolves or collapses rather than sending as a segment.
_DOT_SEGMENTS = frozenset({"", ".", ".."})


def _path_segment(text: str) -> str:
    """``text`` percent-encoded as one path segment (ids, mostly, need nothing done)."""
    return text if text.isascii() and text.isalnum() else inert_dots(quote(text, safe=""))


def inert_dots(segment: str) -> str:
    """An encoded path segment that is ``.`` or ``..`` with its dots encoded too: as they
    are, URL normalisation would move the request to another path."""
    return segment.replace(".", "%2E") if segment and set(segment) == {"."} else segment


def to_wire(value: object) -> str:
    """The text form OFS expects: ``true``/``false``, ISO dates, comma-separated lists."""
    if isinstance(value, str):
        return value
    if type(value) is int:  # the usual case, ahead of the slower checks below
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return to_wire(value.value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Iterable):
        return ",".join(to_wire(v) for v in value)
    return str(value)


def _kind(value: object) -> str:
    return (
        f"{type(value).__name__} {value!r}" if isinstance(value, str | int | float) else type(value).__name__
    )


def _names(types: tuple[type, ...]) -> str:
    names = {"date": "datetime.date", "IOBase": "a binary file"}
    return " or ".join(names.get(t.__name__, t.__name__) for t in types)
