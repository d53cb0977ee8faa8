"""Plumbing for the ``ofsc.v2`` tests: a scripted in-process OFS and 2.x clients wired to it.

``ofs`` answers each ``(method, path)`` from a script (the last answer repeats; anything
unscripted is an OFS-style 404) and records every request. ``v2(...)`` builds a 2.x client
(``OFSCV2("cid", "acme", "s3cr3t")`` unless told otherwise) whose transport is ``ofs``.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from ofsc.v2 import OFSC as OFSCV2

CLIENT_ID, COMPANY, SECRET = "cid", "acme", "s3cr3t"
BASE = f"https://{COMPANY}.fs.ocs.oraclecloud.com"
TOKEN_PATH = "/rest/oauthTokenService/v2/token"
SURFACE = json.loads((Path(__file__).parent / "data" / "v2_surface.json").read_text())

Answer = httpx.Response | Callable[[httpx.Request], httpx.Response]


def reply(
    status: int = 200, body: Any = None, *, content: bytes | None = None, **headers: str
) -> httpx.Response:
    if content is not None:
        return httpx.Response(status, content=content, headers=headers)
    if body is None:
        return httpx.Response(status, headers=headers)
    return httpx.Response(status, json=body, headers=headers)


def error(status: int, detail: str, title: str = "") -> httpx.Response:
    title = title or httpx.codes.get_reason_phrase(status)
    return reply(status, {"type": "about:blank", "title": title, "status": str(status), "detail": detail})


@dataclass
class ScriptedOFS:
    routes: dict[tuple[str, str], list[Answer]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)
    tokens_issued: int = 0

    def on(self, method: str, path: str, *answers: Answer) -> ScriptedOFS:
        """Answer ``method path`` (the raw, still-encoded path) with ``answers`` in turn."""
        self.routes[(method, path)] = list(answers)
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        path = request.url.raw_path.decode().split("?")[0]
        if (request.method, path) == ("POST", TOKEN_PATH) and ("POST", TOKEN_PATH) not in self.routes:
            self.tokens_issued += 1
            body = {"access_token": f"token-{self.tokens_issued}", "token_type": "bearer", "expires_in": 3600}
            return reply(200, body)
        answers = self.routes.get((request.method, path))
        if not answers:
            return error(404, f"no route for {request.method} {path}")
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        return answer(request) if callable(answer) else answer

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def api_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path != TOKEN_PATH]


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No OFSC_* variable, config file or plugin of the machine running the tests leaks in."""
    for name in list(os.environ):
        if name.startswith("OFSC_"):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("OFSC_PLUGINS", "0")
    monkeypatch.chdir(home)


@pytest.fixture
def ofs() -> ScriptedOFS:
    return ScriptedOFS()


@pytest.fixture
def v2(ofs: ScriptedOFS) -> Callable[..., OFSCV2]:
    """``v2(*args, **kwargs)``: a 2.x client on ``ofs``; no retries, so errors answer at once."""

    def build(*args: Any, **kwargs: Any) -> OFSCV2:
        if not args and not {"clientID", "companyName", "company", "secret"} & kwargs.keys():
            args = (CLIENT_ID, COMPANY, SECRET)
        kwargs.setdefault("transport", httpx.MockTransport(ofs))
        kwargs.setdefault("max_retries", 0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return OFSCV2(*args, **kwargs)

    return build


@pytest.fixture
def c(v2: Callable[..., OFSCV2]) -> Iterator[OFSCV2]:
    """The scenario fixture: ``OFSCV2("cid", "acme", "s3cr3t")``."""
    client = v2()
    yield client
    client.close()
