"""The 2.x exceptions.

Every API error is an :class:`OFSAPIException` carrying the OFS error body as attributes
(``status_code``, ``type``, ``title``, ``detail``, ``o:errorCode`` through ``getattr``...)
and printing as ``"[404] Not Found <detail>"``. The 2.x sync client raised only the base
class; ``ofsc.v2`` raises the subclass for the status (all of them are still
``OFSAPIException``), so ``except OFSAPIException`` keeps working and ``except
OFSCNotFoundError`` becomes possible. ``OFSCNetworkError`` is raised when no response came.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
        super().__init__(*args)
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


class OFSCApiError(OFSAPIException):
    """An error response; the subclasses say which kind."""

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
        super().__init__(*(() if message is None else (message,)), **body)
        if status_code is not None:
            self.status_code = status_code
        self.response = response
        self.error_type = error_type if error_type is not None else self.type
        if title is not None:
            self.title = title
        if detail is not None:
            self.detail = detail


class OFSCAuthenticationError(OFSCApiError):
    """401: the credentials were refused."""


class OFSCAuthorizationError(OFSCApiError):
    """403: the application may not do this."""


class OFSCNotFoundError(OFSCApiError):
    """404."""


class OFSCConflictError(OFSCApiError):
    """409."""


class OFSCValidationError(OFSCApiError):
    """400, 422 and any other 4xx without a class of its own: the request was wrong."""


class OFSCRateLimitError(OFSCApiError):
    """429: too many requests."""


class OFSCServerError(OFSCApiError):
    """5xx."""


class OFSCNetworkError(OFSAPIException):
    """No response was received (connection refused, reset, timed out...)."""


_BY_STATUS: dict[int, type[OFSCApiError]] = {
    401: OFSCAuthenticationError,
    403: OFSCAuthorizationError,
    404: OFSCNotFoundError,
    409: OFSCConflictError,
    429: OFSCRateLimitError,
}


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


def exception_for(response: Response) -> OFSCApiError:
    """The exception for an error ``response``, carrying its body's fields."""
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
    error = cls(response=response, **fields)
    error.status_code = status
    return error
