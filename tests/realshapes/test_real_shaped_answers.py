"""Answers shaped the way real OFS instances send them come back as their typed models.

Each file in ``answers/`` is one answer: the ``operation`` (``family.method``), where its
shape comes from (``source``: an Oracle documentation page with its example, or a public
capture), optional ``arguments`` for the call and ``status``, and the ``body``. Every
answer is served to the sync client and the async client (through httpx, and through
aiohttp on loopback when it is installed) and must come back as the operation's model,
with no error, no shape mismatch (``result.shape_mismatches`` is empty) and no warning, and with every field of the body typed: no value of
the answer may end up only in a model's untyped extras because the model lacks its field
(except ``links``, the hypermedia links OFS adds to most objects, which the spec declares
on few and the models keep as they come).
"""

from __future__ import annotations

import json
import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from pydantic import BaseModel, RootModel

from ofsc import OFSC, AsyncOFSC, ResponseShapeWarning
from ofsc._operation import Operation, resolve_model
from ofsc.testing import SchemaSampler
from ofsc_generated.operations import all_operations

pytestmark = pytest.mark.mock

ANSWERS = Path(__file__).parent / "answers"
BASE = "https://acme.fs.ocs.oraclecloud.com"
CREDENTIALS: dict[str, Any] = {
    "instance": "acme",
    "client_id": "cid",
    "client_secret": "s3cr3t",
    "max_retries": 0,
}


@dataclass(frozen=True)
class Answer:
    name: str
    op: Operation[Any]
    arguments: dict[str, Any]
    status: int
    body: Any

    @property
    def content(self) -> bytes:
        return json.dumps(self.body).encode()


def load_answers() -> list[Answer]:
    operations = {f"{op.family}.{op.name}": op for op in all_operations()}
    answers = []
    for path in sorted(ANSWERS.glob("*.json")):
        data = json.loads(path.read_text())
        assert data.get("source", "").startswith("https://"), f"{path.name}: no source"
        op = operations[data["operation"]]
        arguments = SchemaSampler(seed=0).arguments(op, optional=False) | data.get("arguments", {})
        status = data.get("status", op.success[0] if op.success else 200)
        answers.append(Answer(path.stem, op, arguments, status, data["body"]))
    return answers


def untyped(value: Any, where: str = "") -> list[str]:
    """Where the parsed result holds answer values in untyped extras (a field the model lacks)."""
    found: list[str] = []
    if isinstance(value, RootModel):
        return untyped(value.root, where)
    if isinstance(value, BaseModel):
        found += [f"{where}.{key}".lstrip(".") for key in value.model_extra or {} if key != "links"]
        for name in type(value).model_fields:
            found += untyped(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, list):
        for item in value:
            found += untyped(item, f"{where}[]")
    elif isinstance(value, dict):
        for key, item in value.items():
            found += untyped(item, f"{where}{{{key}}}")
    return sorted(set(found))


def check(answer: Answer, result: Any, caught: list[warnings.WarningMessage]) -> None:
    assert answer.op.response_model is not None, "an answer with a body needs an operation with a model"
    model = resolve_model(answer.op.response_model)
    assert isinstance(result, model), f"got {type(result).__name__}, expected {model.__name__}"
    assert result.shape_mismatches == (), [f"{m.path}: {m.message}" for m in result.shape_mismatches]
    shape_warnings = [str(w.message) for w in caught if issubclass(w.category, ResponseShapeWarning)]
    assert not shape_warnings, shape_warnings
    assert not untyped(result), f"values kept untyped: {untyped(result)}"


def call(client: OFSC | AsyncOFSC, answer: Answer) -> Any:
    return getattr(getattr(client, answer.op.family), answer.op.name)(**answer.arguments)


class _Loopback:
    """A loopback HTTP server answering every request with the answer set last."""

    def __init__(self) -> None:
        served = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self.send_response(served.answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(served.answer.content)))
                self.end_headers()
                self.wfile.write(served.answer.content)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.answer: Answer
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def loopback() -> Iterator[_Loopback]:
    server = _Loopback()
    yield server
    server.close()


async def test_every_real_shaped_answer_comes_back_typed(
    loopback: _Loopback, summary: Callable[[str], None]
) -> None:
    """The promise: an answer shaped as real OFS sends it is returned as the operation's
    typed model, every value in a declared field, by every client and transport."""
    answers = load_answers()
    failures: list[str] = []
    typed = raised = 0
    with OFSC(**CREDENTIALS) as sync_client:
        async with (
            AsyncOFSC(**CREDENTIALS, transport=httpx.AsyncHTTPTransport()) as async_httpx,
            AsyncOFSC(**CREDENTIALS | {"base_url": loopback.base_url}) as async_default,
        ):
            for answer in answers:
                loopback.answer = answer
                ok = True
                for kind in ("sync", "async httpx", "async default transport"):
                    try:
                        with warnings.catch_warnings(record=True) as caught:
                            warnings.simplefilter("always")
                            if kind == "sync":
                                with respx.mock(base_url=BASE) as router:
                                    router.route().mock(
                                        return_value=httpx.Response(answer.status, content=answer.content)
                                    )
                                    result = call(sync_client, answer)
                            elif kind == "async httpx":
                                with respx.mock(base_url=BASE) as router:
                                    router.route().mock(
                                        return_value=httpx.Response(answer.status, content=answer.content)
                                    )
                                    result = await call(async_httpx, answer)
                            else:
                                result = await call(async_default, answer)
                        check(answer, result, caught)
                    except AssertionError as exc:
                        failures.append(f"{answer.name} ({kind}): {exc}")
                        ok = False
                    except Exception as exc:  # collect every answer that raised, not just the first
                        failures.append(f"{answer.name} ({kind}): {type(exc).__name__}: {exc}")
                        raised += 1
                        ok = False
                typed += ok
    summary(f"real-shaped answers: {typed}/{len(answers)} typed, {raised} raised")
    assert not failures, "\n".join(failures)
    assert len(answers) >= 40


def test_the_corpus_covers_every_corrected_operation() -> None:
    """Every operation the reality overlay corrects has at least one answer in the corpus."""
    from codegen.overlay import load_overlay

    covered = {answer.op.path for answer in load_answers()}
    corrected = set()
    for fix in load_overlay().corrections:
        if fix.path.startswith("/paths/"):
            corrected.add(fix.path.split("/")[2].replace("~1", "/"))
    assert corrected <= covered, sorted(corrected - covered)
