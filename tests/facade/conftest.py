"""Helpers for the facade tests: one test body drives either client.

``facade`` is parametrised over ``OFSC`` and ``AsyncOFSC``. ``facade(value)`` resolves what
an endpoint method returned (awaiting it for the async client), ``facade.items(iterator)``
drains a ``paginate`` iterator, and ``facade.client(...)`` builds a client whose transport
is an in-process :class:`Server` (or whatever ``transport=``/``base_url=`` says).
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from ofsc import OFSC, AsyncOFSC
from ofsc._plugins import forget_plugins

INSTANCE, CLIENT_ID, SECRET = "acme", "cid", "s3cr3t-value"
TOKEN_PATH = "/rest/oauthTokenService/v2/token"
ACTIVITY_PATH = "/rest/ofscCore/v1/activities/1"

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


@dataclass
class Server:
    """An in-process OFS: answers each route from its script (the last answer repeats),
    issues numbered tokens at the token service, and records every request."""

    routes: dict[tuple[str, str], list[Answer]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)
    tokens_issued: int = 0
    token_lifetime: int = 3600

    def on(self, method: str, path: str, *answers: Answer) -> Server:
        self.routes[(method, path)] = list(answers)
        return self

    def calls(self, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path == path]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        script = self.routes.get((request.method, request.url.path))
        if script is None and request.url.path == TOKEN_PATH:
            return self.issue_token()
        if script is None:
            return httpx.Response(200, json={"activityId": 1, "status": "pending"})
        answer = script.pop(0) if len(script) > 1 else script[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        # A fresh copy: a response object can be sent only once.
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    def issue_token(self) -> httpx.Response:
        self.tokens_issued += 1
        return httpx.Response(
            200,
            json={
                "access_token": f"tok-{self.tokens_issued}",
                "token_type": "bearer",
                "expires_in": self.token_lifetime,
            },
        )


def error(status: int, detail: str = "it failed", **headers: str) -> httpx.Response:
    body = {"type": "https://example.test/type", "title": "Failure", "status": str(status), "detail": detail}
    return httpx.Response(status, json=body, headers=headers)


class Facade:
    """Runs one test body against the sync or the async client."""

    def __init__(self, cls: type[OFSC] | type[AsyncOFSC]) -> None:
        self.cls = cls
        self.is_async = cls is AsyncOFSC
        self.loop = asyncio.new_event_loop()
        self._clients: list[OFSC | AsyncOFSC] = []

    def __repr__(self) -> str:
        return self.cls.__name__

    def client(self, server: Server | None = None, **settings: Any) -> Any:
        settings.setdefault("instance", INSTANCE)
        settings.setdefault("client_id", CLIENT_ID)
        settings.setdefault("client_secret", SECRET)
        settings.setdefault("initial_retry_delay", 0.0)
        if server is not None:
            settings.setdefault("transport", httpx.MockTransport(server))
        client = self.cls(**settings)
        self._clients.append(client)
        return client

    def __call__(self, value: Any) -> Any:
        """The result of an endpoint call, awaited when the client is async."""
        return self.loop.run_until_complete(value) if inspect.isawaitable(value) else value

    def raises(self, expected: type[BaseException], value: Callable[[], Any]) -> Any:
        with pytest.raises(expected) as info:
            self(value())
        return info.value

    def items(self, iterator: Iterator[Any] | AsyncIterator[Any], limit: int | None = None) -> list[Any]:
        """Drain a ``paginate`` iterator (at most ``limit`` items), sync or async."""
        if isinstance(iterator, Iterator):
            return _take(iterator, limit)

        async def drain() -> list[Any]:
            found = []
            async for item in iterator:  # type: ignore[union-attr]
                found.append(item)
                if limit is not None and len(found) >= limit:
                    break
            return found

        return self(drain())

    def gather(self, calls: Iterable[Callable[[], Awaitable[Any] | Any]]) -> list[Any]:
        """Run the calls concurrently: as tasks for the async client, sequentially otherwise."""
        if not self.is_async:
            return [call() for call in calls]

        async def run() -> list[Any]:
            return list(await asyncio.gather(*(call() for call in calls)))  # type: ignore[misc]

        return self(run())

    def close(self) -> None:
        for client in self._clients:
            self(client.close())
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.close()


def _take(iterator: Iterator[Any], limit: int | None) -> list[Any]:
    found = []
    for item in iterator:
        found.append(item)
        if limit is not None and len(found) >= limit:
            break
    return found


@pytest.fixture(params=[OFSC, AsyncOFSC], ids=["sync", "async"])
def facade(request: pytest.FixtureRequest) -> Iterator[Facade]:
    driver = Facade(request.param)
    yield driver
    driver.close()


@pytest.fixture
def server() -> Server:
    return Server()


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No OFSC_* variable, config file or plugin of the machine running the tests leaks in."""
    import os

    for name in list(os.environ):
        if name.startswith("OFSC_"):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(home)
    forget_plugins()
    logger = logging.getLogger("ofsc")
    level = logger.level
    yield
    logger.setLevel(level)
    forget_plugins()


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
