"""Every error the SDK raises. All derive from :class:`OFSCError`.

::

    OFSCError
    ├── RequestValidationError    bad arguments, caught before anything is sent
    ├── ConfigError               invalid configuration (each bad field and its source)
    ├── PluginError               an ``ofsc.plugins`` entry point failed to load or register
    ├── APIConnectionError        the request did not get a response
    │   └── APITimeoutError
    ├── CircuitOpenError          too many consecutive failures: failing fast
    ├── ResponseValidationError   a 2xx body that is not JSON (strict: or does not fit its model)
    ├── ResponseTooLargeError     an answer larger than max_response_size (after decompression)
    └── APIStatusError            a non-2xx response
        ├── BadRequestError 400, AuthenticationError 401, PermissionDeniedError 403,
        ├── NotFoundError 404, ConflictError 409, UnprocessableEntityError 422,
        └── RateLimitError 429, InternalServerError 5xx

    ResponseShapeWarning          (a warning) a 2xx body did not fit its model; the result
                                  keeps what did not fit (see ``docs/RESPONSES.md``)
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ._redact import redact_text

if TYPE_CHECKING:
    import httpx

REQUEST_ID_HEADERS = ("x-request-id", "x-oracle-dms-ecid", "x-ofsc-request-id", "opc-request-id")


# The public exceptions (``ofsc`` and ``ofsc.exceptions`` export exactly these).
__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "CircuitOpenError",
    "ConfigError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "OFSCError",
    "PermissionDeniedError",
    "PluginError",
    "RateLimitError",
    "RequestValidationError",
    "ResponseShapeWarning",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "UnprocessableEntityError",
]


class OFSCError(Exception):
    """Base of every error raised by ofsc."""


class RequestValidationError(OFSCError, ValueError):
    """The call's arguments do not fit the operation; nothing was sent.

    ``errors`` lists each problem as ``(where, message)``, e.g. ``("body.activityType", "Field required")``.
    """

    def __init__(self, operation: str, errors: list[tuple[str, str]]) -> None:
        self.operation = operation
        self.errors = errors
        lines = "; ".join(f"{where}: {message}" for where, message in errors)
        super().__init__(f"{operation}(): {lines}")


class ConfigError(OFSCError, ValueError):
    """The configuration is invalid. ``problems`` maps each bad field to ``(source, message)``."""

    def __init__(self, problems: dict[str, tuple[str, str]]) -> None:
        self.problems = problems
        lines = "\n".join(
            f"  {name} (from {source}): {message}" for name, (source, message) in problems.items()
        )
        super().__init__(f"invalid ofsc configuration:\n{lines}")


class PluginError(OFSCError):
    """An ``ofsc.plugins`` entry point could not be loaded, or failed while registering."""

    def __init__(self, name: str, value: str, cause: BaseException) -> None:
        self.name = name
        self.value = value
        super().__init__(f"ofsc plugin {name!r} ({value}) failed: {type(cause).__name__}: {cause}")


class APIConnectionError(OFSCError):
    """No response was received (DNS, connect, TLS, reset...)."""

    def __init__(self, message: str, *, method: str, url: str, attempts: int = 1) -> None:
        self.method = method
        self.url = url
        self.attempts = attempts
        plural = "s" if attempts != 1 else ""
        super().__init__(redact_text(f"{message} ({method} {url}, {attempts} attempt{plural})"))


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class CircuitOpenError(OFSCError):
    """Calls fail fast: the circuit breaker opened after consecutive failed calls.

    ``operation``, ``method`` and ``url`` name the call that was refused (nothing was sent).
    """

    def __init__(
        self,
        retry_in: float,
        failures: int,
        *,
        operation: str | None = None,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        self.retry_in = retry_in
        self.failures = failures
        self.operation = operation
        self.method = method
        self.url = url
        call = f" ({operation}: {method} {url})" if operation else ""
        super().__init__(
            f"circuit open after {failures} consecutive failed calls; next probe in {retry_in:.1f}s{call}"
        )


class ResponseTooLargeError(OFSCError):
    """An answer's body was larger than ``max_response_size`` bytes, counted after
    decompression. Reading stopped there and the body was dropped; the call is not retried.
    Streamed downloads (``BinaryResponse``) have no such limit."""

    def __init__(self, *, limit: int, status_code: int, method: str, url: str) -> None:
        self.limit = limit
        self.status_code = status_code
        self.method = method
        self.url = url
        super().__init__(
            f"the {status_code} answer is larger than max_response_size ({limit} bytes) ({method} {url})"
        )


class ResponseValidationError(OFSCError):
    """A successful response whose body could not be made into the declared result.

    Raised for a body that is not JSON at all, and, with ``strict_responses=True``, for a
    JSON body that does not fit the model (by default such a body is returned as a typed
    result that keeps what did not fit: see :class:`ResponseShapeWarning`).
    """

    def __init__(self, message: str, *, response: httpx.Response, body: Any, errors: list[Any]) -> None:
        self.response = response
        self.body = body
        self.errors = errors
        super().__init__(message)


class ResponseShapeWarning(UserWarning):
    """A successful response's body did not fit its model; the result kept each value that
    did not fit as received (``result.shape_mismatches`` lists them).

    Issued once per operation and field path per process, and logged on the ``ofsc`` logger.
    """


class APIStatusError(OFSCError):
    """The server answered with a non-2xx status.

    Carries the OFS error fields (``type``, ``title``, ``detail``, ``error_code`` from
    ``o:errorCode``), the request id, how many attempts were made, and the raw response.
    """

    status_code: int

    def __init__(self, response: httpx.Response, *, attempts: int = 1) -> None:
        self.response = response
        self.status_code = response.status_code
        self.method = response.request.method
        self.url = str(response.request.url).partition("?")[0]  # never re-parsed: it was sent as it is
        self.attempts = attempts
        self.body = _json_or_none(response)
        fields = self.body if isinstance(self.body, dict) else {}
        self.type: str | None = _str(fields.get("type"))
        # A server may echo what it was sent, credentials included.
        self.title: str | None = _redacted(fields.get("title")) or response.reason_phrase or None
        self.detail: str | None = _redacted(fields.get("detail"))
        self.error_code: str | None = _str(fields.get("o:errorCode"))
        self.request_id = request_id(response)
        if self.detail is None and self.body is None and response.content:
            self.detail = redact_text(_snippet(response))
        super().__init__(redact_text(self._message()))

    def _message(self) -> str:
        parts = [f"{self.status_code} {self.title or ''}".strip()]
        if self.detail:
            parts.append(f": {self.detail}")
        parts.append(f" ({self.method} {self.url}")
        if self.error_code:
            parts.append(f", error code {self.error_code}")
        if self.request_id:
            parts.append(f", request id {self.request_id}")
        if self.attempts > 1:
            parts.append(f", after {self.attempts} attempts")
        parts.append(")")
        return "".join(parts)


class BadRequestError(APIStatusError):
    status_code = 400


class AuthenticationError(APIStatusError):
    status_code = 401


class PermissionDeniedError(APIStatusError):
    status_code = 403


class NotFoundError(APIStatusError):
    status_code = 404


class ConflictError(APIStatusError):
    status_code = 409


class UnprocessableEntityError(APIStatusError):
    status_code = 422


class RateLimitError(APIStatusError):
    status_code = 429


class InternalServerError(APIStatusError):
    """Any 5xx."""


def show_as_public(cls: type[BaseException]) -> None:
    """Name ``cls`` as ``ofsc.<Name>`` in reprs and tracebacks: where users import it from,
    not the private module it is defined in (``ofsc`` exports it lazily, so pickling works)."""
    cls.__module__ = "ofsc"


for _name in __all__:
    show_as_public(globals()[_name])


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def request_id(response: httpx.Response) -> str | None:
    """The id the server gave the request, for support tickets and log correlation."""
    return next((response.headers[h] for h in REQUEST_ID_HEADERS if h in response.headers), None)


def status_error(response: httpx.Response, *, attempts: int = 1) -> APIStatusError:
    """The typed error for a non-2xx response (the body must already be read)."""
    cls = _BY_STATUS.get(response.status_code)
    if cls is None:
        cls = InternalServerError if response.status_code >= 500 else APIStatusError
    return cls(response, attempts=attempts)


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return json.loads(response.content) if response.content else None
    except (ValueError, UnicodeDecodeError, RecursionError):  # nested too deep to be an error body
        return None


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _redacted(value: Any) -> str | None:
    return None if value is None else redact_text(str(value))


def _snippet(response: httpx.Response, limit: int = 200) -> str:
    text = " ".join(response.text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
