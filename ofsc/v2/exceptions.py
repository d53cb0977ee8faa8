"""The 2.x exceptions.

Every API error is an :class:`OFSAPIException` carrying the OFS error body as attributes
(``status_code``, ``type``, ``title``, ``detail``, ``o:errorCode`` through ``getattr``...)
and printing as ``"[404] Not Found <detail>"``. The 2.x sync client raised only the base
class; ``ofsc.v2`` raises the subclass for the status (all of them are still
``OFSAPIException``), so ``except OFSAPIException`` keeps working and ``except
OFSCNotFoundError`` becomes possible. ``OFSCNetworkError`` is raised when no response came.

Each is also the matching v3 exception (:mod:`ofsc.exceptions`): ``OFSCNotFoundError`` is a
``NotFoundError``, a 400 is a ``BadRequestError`` as well as an ``OFSCValidationError``,
``OFSCNetworkError`` is an ``APIConnectionError``..., so code moving to v3 can catch either.
The 2.x attributes and message keep their 2.x meaning (``str(e)`` is
``"[404] Not Found <detail>"``, or the message given).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

from .._exceptions import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    request_id,
)

if TYPE_CHECKING:
    from .common import Response

__all__ = [
    "OFSAPIException",
    "OFSCApiError",
    "OFSCAuthenticationError",
    "OFSCAuthorizationError",
    "OFSCConflictError",
    "OFSCNetworkError",
    "OFSCNotFoundError",
    "OFSCRateLimitError",
    "OFSCServerError",
    "OFSCValidationError",
]


class OFSAPIException(Exception):
    """An error answered by OFS; each key of the error body is an attribute."""

    status_code: int | None = None
    type: str | None = None
    title: str | None = None
    detail: str | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Exception's, not the next class's: a subclass may also be a v3 exception (below).
        Exception.__init__(self, *args)
        for key, value in kwargs.items():
            setattr(self, key, value)
        if "status" in kwargs:
            try:
                self.status_code = int(kwargs["status"])
            except (TypeError, ValueError):
                self.status_code = None

    def __str__(self) -> str:
        if self.args:
            return super().__str__()
        return f"[{self.status_code}] {self.title or ''} {self.detail or ''}".rstrip()


# The ignores below: 2.x lets status_code be None where v3 declares an int.
class OFSCApiError(OFSAPIException, APIStatusError):  # type: ignore[misc]
    """An error response; the subclasses say which kind (and are the v3 class for the status too)."""

    def __init__(
        self,
        message: str | None = None,
        status_code: int | None = None,
        response: Response | None = None,
        error_type: str | None = None,
        title: str | None = None,
        detail: str | None = None,
        **body: Any,
    ) -> None:
        # Not APIStatusError.__init__: 2.x code builds these without a response.
        OFSAPIException.__init__(self, *(() if message is None else (message,)), **body)
        if status_code is not None:
            self.status_code = status_code
        self.response = response  # type: ignore[assignment]
        self.error_type = error_type if error_type is not None else self.type
        if title is not None:
            self.title = title
        if detail is not None:
            self.detail = detail
        # What v3 code reads from an APIStatusError.
        http_response = getattr(response, "http_response", response)
        request = _request_of(http_response)
        self.method = request.method if request is not None else ""
        self.url = str(request.url.copy_with(query=None)) if request is not None else ""
        self.attempts = 1
        self.body = body or None
        code = body.get("o:errorCode")
        self.error_code = None if code is None else str(code)
        self.request_id = request_id(http_response) if isinstance(http_response, httpx.Response) else None


class OFSCAuthenticationError(OFSCApiError, AuthenticationError):  # type: ignore[misc]
    """401: the credentials were refused."""


class OFSCAuthorizationError(OFSCApiError, PermissionDeniedError):  # type: ignore[misc]
    """403: the application may not do this."""


class OFSCNotFoundError(OFSCApiError, NotFoundError):  # type: ignore[misc]
    """404."""


class OFSCConflictError(OFSCApiError, ConflictError):  # type: ignore[misc]
    """409."""


class OFSCValidationError(OFSCApiError):
    """400, 422 and any other 4xx without a class of its own: the request was wrong."""


class OFSCRateLimitError(OFSCApiError, RateLimitError):  # type: ignore[misc]
    """429: too many requests."""


class OFSCServerError(OFSCApiError, InternalServerError):  # type: ignore[misc]
    """5xx."""


class OFSCNetworkError(OFSAPIException, APIConnectionError):
    """No response was received (connection refused, reset, timed out...)."""

    def __init__(self, *args: Any, method: str = "", url: str = "", attempts: int = 1, **kwargs: Any) -> None:
        OFSAPIException.__init__(self, *args, **kwargs)
        self.method = method
        self.url = url
        self.attempts = attempts


class _OFSCBadRequestError(OFSCValidationError, BadRequestError):  # type: ignore[misc]
    """400: an ``OFSCValidationError`` that is also v3's ``BadRequestError``."""


class _OFSCUnprocessableEntityError(OFSCValidationError, UnprocessableEntityError):  # type: ignore[misc]
    """422: an ``OFSCValidationError`` that is also v3's ``UnprocessableEntityError``."""


_BY_STATUS: dict[int, type[OFSCApiError]] = {
    401: OFSCAuthenticationError,
    403: OFSCAuthorizationError,
    404: OFSCNotFoundError,
    409: OFSCConflictError,
    429: OFSCRateLimitError,
    400: _OFSCBadRequestError,
    422: _OFSCUnprocessableEntityError,
}


def _request_of(http_response: Any) -> Any:
    try:
        return None if http_response is None else http_response.request
    except (AttributeError, RuntimeError):  # a response built in memory has no request
        return None


def error_body(response: Response) -> dict[str, Any]:
    """The OFS error body of ``response``; one in the same shape when the body is not JSON
    (an HTML page from a proxy, say), so that an error never surfaces as a decoding error."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        return body
    text = " ".join(response.text.split())
    return {
        "type": "about:blank",
        "title": response.reason,
        "status": str(response.status_code),
        "detail": text if len(text) <= 200 else text[:199] + "…",
    }


def exception_for(response: Response, message: str | None = None) -> OFSCApiError:
    """The exception for an error ``response``, carrying its body's fields (and ``message``,
    which then is its ``str()``)."""
    status = response.status_code
    cls = _BY_STATUS.get(status)
    if cls is None:
        if 500 <= status < 600:
            cls = OFSCServerError
        elif 400 <= status < 500:
            cls = OFSCValidationError
        else:
            cls = OFSCApiError
    fields = error_body(response)
    fields.setdefault("status", str(status))
    fields.setdefault("title", response.reason)
    error = cls(message, response=response, **fields)
    error.status_code = status
    return error
