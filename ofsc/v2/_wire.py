"""How 2.x put a request on the wire: the :class:`Call` a 2.x method describes, and the
encodings it used for path segments, query parameters and bodies."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus, urlsplit

from .._token_service import TOKEN_PATH, token_form

if TYPE_CHECKING:
    from ._config import OFSOAuthRequest

JSON_CONTENT_TYPE = "application/json;charset=UTF-8"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
# Characters requests leaves alone when it cleans up a URL: a raw label keeps its "/".
REQUESTS_SAFE = "!$&'()*+,/:;=@~"


@dataclass(frozen=True, slots=True)
class Call:
    """One request as 2.x sent it: path (and query pairs) already encoded, body serialised."""

    method: str
    path: str
    query: Sequence[tuple[str, str]] = ()
    content: bytes | None = None
    form: Mapping[str, str] | None = None
    files: Mapping[str, Any] | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    timeout: float | None = None


def token_call(request: OFSOAuthRequest) -> Call:
    """The token request 2.x sent for ``request`` (``token()``, ``oauth2.get_token()``): a form
    POST to the token service, built as the v3 runtime builds its own."""
    form = token_form(request.grant_type, request.assertion)
    return Call("POST", TOKEN_PATH, form=form, headers={"Content-Type": FORM_CONTENT_TYPE})


def raw_segment(value: object) -> str:
    """A value inserted into a path as 2.x did (unencoded; requests only cleaned it up:
    a space became ``%20`` and a ``/`` stayed a separator)."""
    return quote(str(value), safe=REQUESTS_SAFE)


def plus_segment(value: object) -> str:
    """A label encoded with ``urllib.parse.quote_plus``, as some 2.x methods did (``A B`` -> ``A+B``)."""
    return quote_plus(str(value))


def query_pairs(params: Mapping[str, Any] | Sequence[tuple[str, Any]] | None) -> list[tuple[str, str]]:
    """A params dict as requests sent it: ``None`` dropped, a list repeated, anything else ``str()``."""
    if not params:
        return []
    items = params.items() if isinstance(params, Mapping) else params
    pairs: list[tuple[str, str]] = []
    for key, value in items:
        for item in value if isinstance(value, list | tuple) else (value,):
            if item is not None:
                pairs.append((str(key), item.decode() if isinstance(item, bytes) else str(item)))
    return pairs


def verbatim_body(data: Any) -> bytes:
    """A body 2.x passed through as given: a JSON string (or bytes) is sent unchanged."""
    if isinstance(data, bytes | bytearray):
        return bytes(data)
    if isinstance(data, str):
        return data.encode()
    if isinstance(data, dict | list):
        # 2.x form-encoded a dict here, which OFS always refused; JSON is what was meant.
        return json.dumps(data).encode()
    raise TypeError(f"expected a JSON string, bytes, a dict or a list, got {type(data).__name__}")


def json_body(value: Any) -> bytes:
    return json.dumps(value).encode()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
