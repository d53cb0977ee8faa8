"""``OFSApi``: what every 2.x sub-API shares: ``config``, ``baseUrl``, ``headers``,
``token()`` and ``call()``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import parse_qsl, quote, urljoin, urlsplit

from ._config import ConfiguredAPI, OFSConfig, OFSOAuthRequest
from ._endpoint import v3_equivalent
from ._session import Session
from ._wire import JSON_CONTENT_TYPE, REQUESTS_SAFE, Call, json_body, origin, query_pairs
from .common import FULL_RESPONSE, Response, shape_result


class OFSApi(ConfiguredAPI):
    """The base of the 2.x sub-APIs: ``config``, ``baseUrl``, ``headers``, ``token()``, ``call()``."""

    # The 2.x ``OFSApi.token`` default argument (a frozen, hashable request).
    _DEFAULT_TOKEN_REQUEST: ClassVar[OFSOAuthRequest] = OFSOAuthRequest()

    def __init__(self, config: OFSConfig, *, session: Session | None = None, **options: Any) -> None:
        """``OFSCore(config)`` as in 2.x; ``options`` configure the v3 client underneath
        (``timeout=``, ``transport=``...). The sub-APIs of one ``OFSC`` share its ``session``."""
        self._config = config
        self._session = session if session is not None else Session(config, options)

    @property
    def headers(self) -> dict[str, str]:
        """The headers 2.x sent with every request (built anew on each access)."""
        if self._config.useToken:
            authorization = f"Bearer {self.token().json()['access_token']}"
        else:
            authorization = "Basic " + self._config.basicAuthString.decode()
        return {"Content-Type": JSON_CONTENT_TYPE, "Authorization": authorization}

    @v3_equivalent(
        "auth.get_token",
        args={"auth": None},
        note="v3 fetches, caches and refreshes tokens itself with OFSC(auth='oauth2')",
    )
    def token(self, auth: OFSOAuthRequest = _DEFAULT_TOKEN_REQUEST, **kwargs: Any) -> Any:
        """The token service's answer (a :class:`~ofsc.v2.common.Response` unless
        ``response_type=`` says otherwise), cached until the token expires."""
        return self._token_result(auth, FULL_RESPONSE, kwargs)

    def _token_result(self, auth: OFSOAuthRequest, default_type: int, kwargs: dict[str, Any]) -> Any:
        response_type = kwargs.pop("response_type", default_type)
        model = kwargs.pop("model", None)
        if kwargs:
            raise TypeError(f"unexpected keyword arguments: {', '.join(kwargs)}")
        return shape_result(self._session.token(auth), response_type, (200,), model, self._config)

    @v3_equivalent(
        "the endpoint method for the operation",
        note="every operation has a method; client.raw(method, ...) gives the HTTP response",
    )
    def call(
        self,
        *,
        method: str,
        partialUrl: str,
        additionalHeaders: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> Response:
        """Send any request (requests-style ``params=``, ``data=``, ``json=``, ``files=``,
        ``timeout=``); the response whatever its status."""
        params = kwargs.pop("params", None)
        data = kwargs.pop("data", None)
        json_value = kwargs.pop("json", None)
        files = kwargs.pop("files", None)
        timeout = kwargs.pop("timeout", None)
        if kwargs:
            raise TypeError(f"call() does not support {', '.join(sorted(kwargs))} in ofsc.v2")
        base = self.baseUrl.rstrip("/") + "/"
        target = urlsplit(urljoin(base, partialUrl))
        if f"{target.scheme}://{target.netloc}" != origin(base):
            raise ValueError(f"call() only reaches {origin(base)}, not {partialUrl!r}")
        path = quote(target.path, safe=REQUESTS_SAFE + "%")
        query = query_pairs(_split_query(target.query)) + query_pairs(params)
        headers = dict(additionalHeaders or {})
        form: dict[str, str] | None = None
        content: bytes | None = None
        if json_value is not None:
            content = json_body(json_value)
        elif isinstance(data, Mapping):
            form = {str(k): str(v) for k, v in data.items()}
        elif data is not None:
            content = data.encode() if isinstance(data, str) else bytes(data)
        call = Call(method, path, query, content, form, files, headers, timeout)
        return self._session.send(None, call)


def _split_query(query: str) -> list[tuple[str, str]]:
    return parse_qsl(query, keep_blank_values=True)
