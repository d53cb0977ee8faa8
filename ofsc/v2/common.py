"""The 2.x return conventions: the ``*_RESPONSE`` constants and ``@wrap_return``.

A 2.x method returns, depending on ``response_type=`` (a keyword every method takes):

- ``OBJ_RESPONSE`` (the default): the model (when ``auto_model`` is on and the method has
  one; the body's top-level ``links`` is dropped) or the decoded JSON, ``""`` for a 204;
  an error raises :class:`~ofsc.v2.exceptions.OFSAPIException` (or, with ``auto_raise``
  off, returns the error body);
- ``FILE_RESPONSE``: the body as bytes, errors as for ``OBJ_RESPONSE``;
- ``FULL_RESPONSE``: the :class:`Response` itself, whatever its status;
- ``TEXT_RESPONSE`` (or any other value): the body as text, whatever its status.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any, Protocol

from .exceptions import error_body, exception_for

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterator

    import httpx
    from pydantic import BaseModel

TEXT_RESPONSE = 1
FULL_RESPONSE = 2
OBJ_RESPONSE = 3
FILE_RESPONSE = 4

__all__ = [
    "FILE_RESPONSE",
    "FULL_RESPONSE",
    "OBJ_RESPONSE",
    "TEXT_RESPONSE",
    "Response",
    "wrap_return",
]


class Response:
    """An HTTP response with the ``requests.Response`` attributes 2.x scripts use.

    ``status_code``, ``ok``, ``reason``, ``url``, ``headers``, ``content``, ``text``,
    ``json()``, ``elapsed``, ``encoding``; anything else is read from the underlying
    :class:`httpx.Response` (``http_response``).
    """

    def __init__(self, http_response: httpx.Response, elapsed: dt.timedelta | None = None) -> None:
        self.http_response = http_response
        self._elapsed = elapsed  # measured by the sender, for responses httpx did not time

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def ok(self) -> bool:
        return self.http_response.status_code < 400

    @property
    def reason(self) -> str:
        return self.http_response.reason_phrase

    @property
    def url(self) -> str:
        return str(self.http_response.url)

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    @property
    def encoding(self) -> str | None:
        return self.http_response.encoding

    @property
    def elapsed(self) -> dt.timedelta:
        """The time from sending the request to reading the response."""
        try:
            return self.http_response.elapsed
        except RuntimeError:  # a response built in memory (a test double) is never timed by httpx
            if self._elapsed is None:
                raise
            return self._elapsed

    def json(self, **kwargs: Any) -> Any:
        return json.loads(self.http_response.content, **kwargs)

    def iter_content(self, chunk_size: int | None = 1) -> Iterator[bytes]:
        return self.http_response.iter_bytes(chunk_size)

    def raise_for_status(self) -> None:
        """Raise the :class:`~ofsc.v2.exceptions.OFSAPIException` for a 4xx/5xx status."""
        if self.status_code >= 400:
            raise exception_for(self)

    def __bool__(self) -> bool:
        return self.ok

    def __getattr__(self, name: str) -> Any:
        if name == "http_response":  # not set yet (a copy being built): no recursion
            raise AttributeError(name)
        return getattr(self.http_response, name)

    def __repr__(self) -> str:
        return f"<Response [{self.status_code}]>"


class _HasConfig(Protocol):
    @property
    def config(self) -> Any: ...


def wrap_return(
    *_args: Any,
    response_type: int = OBJ_RESPONSE,
    expected: list[int] | tuple[int, ...] = (200,),
    model: type[BaseModel] | None = None,
) -> Callable[[Callable[..., Response]], Callable[..., Any]]:
    """Decorate a method of an ``OFSApi`` subclass that returns a :class:`Response`
    (for example ``self.call(...)``) so that it returns what ``response_type=`` asks for.

    The caller may pass ``response_type=`` and ``model=`` to override the defaults given
    here; ``expected`` lists the statuses that count as success besides any other 2xx.
    """

    def decorate(func: Callable[..., Response]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(api: _HasConfig, /, *args: Any, **kwargs: Any) -> Any:
            chosen_type = kwargs.pop("response_type", response_type)
            chosen_model = kwargs.pop("model", model)
            response = func(api, *args, **kwargs)
            return shape_result(response, chosen_type, tuple(expected), chosen_model, api.config)

        return wrapper

    return decorate


def shape_result(
    response: Response,
    response_type: int,
    expected: tuple[int, ...],
    model: type[BaseModel] | None,
    config: Any,
) -> Any:
    """What a 2.x method returns for ``response`` (see the module docstring)."""
    if response_type == FULL_RESPONSE:
        return response
    if response_type not in (OBJ_RESPONSE, FILE_RESPONSE):
        return response.text
    status = response.status_code
    if status in expected or 200 <= status < 300:
        if response_type == FILE_RESPONSE:
            return response.content
        if status == 204 or not response.content.strip():
            return response.text
        data = response.json()
        if config.auto_model and model is not None:
            if isinstance(data, dict):
                data.pop("links", None)
            return model.model_validate(data)
        return data
    if not config.auto_raise:
        return error_body(response)
    raise exception_for(response)
