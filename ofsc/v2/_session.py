"""``Session``: the v3 client behind a 2.x client, and how a 2.x :class:`~._wire.Call` is
sent through it.

Every request goes through the v3 pipeline of an :class:`ofsc.OFSC` (timeouts, retries of
idempotent calls, OAuth2 token refresh, the circuit breaker). The answer comes back as an
:class:`~.common.Response` whatever its status: turning it into a 2.x result is
:mod:`.common`'s job.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib
import threading
import time
from typing import TYPE_CHECKING, Any, Literal

from .._exceptions import APIConnectionError, APIStatusError
from .._operation import Body, Operation, Param
from ._config import DEFAULT_BASE_URL, JWT_BEARER
from ._wire import FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, Call, origin
from .common import Response
from .exceptions import OFSCNetworkError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .. import OFSC
    from .._types import RequestOptions
    from ._config import OFSConfig, OFSOAuthRequest

TOKEN_PATH = "/rest/oauthTokenService/v2/token"
# 2.x cached a token response for 50 minutes whatever its expires_in said.
TOKEN_CACHE_SECONDS = 3000.0
_GRANT_TYPES = ("client_credentials", JWT_BEARER)


@functools.cache
def _operations(family: str) -> dict[str, Operation[Any]]:
    module = importlib.import_module(f"ofsc_generated.operations.{family}")
    return {op.name: op for op in module.OPERATIONS}


def generated_operation(name: str) -> Operation[Any]:
    """``"core.get_activity"`` -> the generated :class:`Operation` (what v3 calls it)."""
    family, _, op_name = name.partition(".")
    return _operations(family)[op_name]


def _carrier(v3_name: str | None, call: Call) -> tuple[Operation[Any], dict[str, object]]:
    """An operation that makes the v3 pipeline send ``call`` exactly, and its arguments.

    It keeps the generated operation's identity (for logs, hooks and metrics) and its
    retry safety; the path, query and body are the ones 2.x built.
    """
    params: list[Param] = []
    args: dict[str, object] = {}
    for index, (key, value) in enumerate(call.query):
        params.append(Param(f"query{index}", key, "query", False, (str,)))
        args[f"query{index}"] = value
    body: Body | None = None
    if call.content is not None:
        body = Body("binary", "content", required=False)
        args["content"] = call.content
    elif call.files is not None or call.form is not None:
        body = Body("form" if call.files is None else "multipart", required=False)
        for index, (key, value) in enumerate((call.form or {}).items()):
            params.append(Param(f"form{index}", key, "form", False, (str,)))
            args[f"form{index}"] = value
        for index, (key, value) in enumerate((call.files or {}).items()):
            params.append(Param(f"file{index}", key, "file", False, (object,)))
            args[f"file{index}"] = value
    base = generated_operation(v3_name) if v3_name else None
    operation: Operation[Any] = Operation(
        family=base.family if base else "v2",
        name=base.name if base else "call",
        method=call.method.upper(),
        path=call.path.replace("{", "{{").replace("}", "}}"),
        params=tuple(params),
        success=(),
        response_kind="none",
        body=body,
        retry_safe=base.retry_safe if base else call.method.upper() in ("GET", "HEAD", "OPTIONS"),
        operation_id=base.operation_id if base else "",
    )
    return operation, args


class Session:
    """The v3 client behind an :class:`OFSConfig`, shared by the sub-APIs of one 2.x client.

    The client is rebuilt when the credentials, base URL or ``useToken`` of the config
    change (2.x read them on every request).
    """

    def __init__(
        self, config: OFSConfig, options: Mapping[str, Any] | None = None, *, client: OFSC | None = None
    ) -> None:
        self.config = config
        self._options = dict(options or {})
        # A transport or HTTP client the caller passed in is shared by every client built here.
        self._shared_transport = bool({"transport", "http_client"} & self._options.keys())
        self._lock = threading.Lock()
        self._clients: dict[str, OFSC] = {}
        self._key: tuple[object, ...] | None = None
        self._tokens: dict[OFSOAuthRequest, tuple[float, Response]] = {}
        if client is not None:  # already built for this config: reuse it
            self._key = self._connection_key()
            self._clients[client.settings.auth] = client

    def _connection_key(self) -> tuple[object, ...]:
        c = self.config
        return (c.clientID, c.companyName, c.secret, c.baseURL, c.useToken)

    def client(self, *, basic: bool = False) -> OFSC:
        """The v3 client for API calls; ``basic=True`` for one that always sends Basic
        credentials (the token service takes no Bearer token)."""
        with self._lock:
            key = self._connection_key()
            if key != self._key:
                self._close_clients(closing_shared=False)
                self._key = key
            auth: Literal["basic", "oauth2"] = "basic" if basic or not self.config.useToken else "oauth2"
            client = self._clients.get(auth)
            if client is None:
                client = self._clients[auth] = self._new_client(auth)
            return client

    def _new_client(self, auth: Literal["basic", "oauth2"]) -> OFSC:
        from .. import OFSC

        c = self.config
        return OFSC(
            instance=c.companyName,
            client_id=c.clientID,
            client_secret=c.secret,
            auth=auth,
            # 2.x joined "/rest/..." to the base URL, dropping any path it had.
            base_url=origin(c.baseURL or DEFAULT_BASE_URL.format(companyName=c.companyName)),
            **self._options,
        )

    def send(self, v3_name: str | None, call: Call, *, basic: bool = False) -> Response:
        """Send ``call``; the response whatever its status (transport failures raise
        :class:`OFSCNetworkError`)."""
        client = self.client(basic=basic)
        operation, args = _carrier(v3_name, call)
        headers = dict(call.headers)
        if call.form is None and call.files is None:
            headers.setdefault("Content-Type", JSON_CONTENT_TYPE)  # 2.x sent it with every request
        options: RequestOptions = {"headers": headers}
        if call.timeout is not None:
            options["timeout"] = call.timeout
        started = time.perf_counter()
        try:
            http_response = client.raw(client.request, operation, args, options).http_response
        except APIStatusError as exc:
            http_response = exc.response
        except APIConnectionError as exc:
            raise OFSCNetworkError(str(exc)) from exc
        return Response(http_response, dt.timedelta(seconds=time.perf_counter() - started))

    def token(self, auth: OFSOAuthRequest) -> Response:
        """The token service's answer for ``auth``, cached per request until it expires
        (successful answers only)."""
        if auth.grant_type not in _GRANT_TYPES:
            raise NotImplementedError(f"grant_type {auth.grant_type} not implemented yet")
        now = time.monotonic()
        cached = self._tokens.get(auth)
        if cached is not None and now < cached[0]:
            return cached[1]
        call = Call(
            "POST",
            TOKEN_PATH,
            form=auth.model_dump(exclude_none=True),
            headers={"Content-Type": FORM_CONTENT_TYPE},
        )
        response = self.send("auth.get_token", call, basic=True)
        if response.ok:
            lifetime = TOKEN_CACHE_SECONDS
            with contextlib.suppress(ValueError, KeyError, TypeError):
                lifetime = min(lifetime, float(response.json()["expires_in"]))
            self._tokens[auth] = (now + lifetime, response)
        return response

    def _close_clients(self, *, closing_shared: bool) -> None:
        # Closing a client closes its transport: one the caller passed in is closed only at the end.
        if closing_shared or not self._shared_transport:
            for client in self._clients.values():
                client.close()
        self._clients.clear()
        self._tokens.clear()

    def close(self) -> None:
        with self._lock:
            self._close_clients(closing_shared=True)
            self._key = None
