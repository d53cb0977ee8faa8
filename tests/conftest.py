"""Shared test plumbing.

- Layers: a test under ``tests/models``, ``tests/mock``, ``tests/livemock`` or ``tests/live``
  gets that layer's marker. ``make test`` runs all but ``live``.
- One test body for both clients: ``client_kind`` is parametrised over ``sync`` and
  ``async``; ``make_client(**settings)`` builds that kind of client (defaults from the
  overridable ``ofsc_settings`` fixture) and ``call`` drives the default one::

      async def test_zone(call):
          zone = await call("metadata.get_workzone", label="ALL")

- Failures show their HTTP traffic: every request a client built here makes is recorded,
  and a failing test's report gets the exchanges, secrets redacted.
- ``summary(line)`` adds a line to the end-of-run summary; ``tally(...)`` counts outcomes
  into a table printed there. Both work under pytest-xdist (they travel as user properties).
"""

from __future__ import annotations

import inspect
import os
import ssl
from collections import Counter, defaultdict
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from hypothesis import settings as hypothesis_settings

from ofsc import OFSC, AsyncOFSC
from ofsc._redact import redact_headers, redact_text

TESTS = Path(__file__).resolve().parent
LAYERS = ("models", "mock", "livemock", "live")
TEST_CREDENTIALS = {"instance": "acme", "client_id": "cid", "client_secret": "s3cr3t"}
BODY_LIMIT = 4000  # characters of a recorded body shown in a failure report


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ofsc", "real OFS instance (tests/live)")
    group.addoption(
        "--ofsc-env",
        metavar="NAME",
        help="section of config.test.toml naming the OFS instance the live tests use",
    )
    group.addoption(
        "--ofsc-write",
        action="store_true",
        help="also run the live tests that create (and then delete) objects",
    )


# Mutation runs (make mutation) set HYPOTHESIS_PROFILE=mutation: property tests draw the
# same examples every run, so a mutant is killed or not, never by chance.
hypothesis_settings.register_profile("mutation", deadline=None, derandomize=True, database=None)
if os.environ.get("HYPOTHESIS_PROFILE") == "mutation":
    hypothesis_settings.load_profile("mutation")


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_RunSummary(), "ofsc-run-summary")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = item.path.relative_to(TESTS).parts if item.path.is_relative_to(TESTS) else ()
        if parts and parts[0] in LAYERS:
            item.add_marker(parts[0])


# ---- one test body, both clients ---------------------------------------------------------


async def resolve(value: object) -> Any:
    """``value``, awaited if it is awaitable (what an async client's method returns)."""
    return await value if inspect.isawaitable(value) else value


async def collect[T](items: Iterable[T] | AsyncIterable[T], first: int | None = None) -> list[T]:
    """The items (or the ``first`` ones) of a sync or async iterator, e.g. ``client.paginate``'s."""
    if not isinstance(items, AsyncIterable):
        return list(islice(items, first))
    found: list[T] = []
    iterator = aiter(items)
    try:
        while first is None or len(found) < first:
            try:
                found.append(await anext(iterator))
            except StopAsyncIteration:
                break
    finally:
        close = getattr(iterator, "aclose", None)
        if close is not None:  # stop pages still being fetched
            await close()
    return found


class Call:
    """Calls endpoint methods by name on a sync or async client, awaiting when needed."""

    def __init__(self, client: OFSC | AsyncOFSC) -> None:
        self.client = client
        self.kind = "async" if isinstance(client, AsyncOFSC) else "sync"

    def method(self, name: str) -> Callable[..., Any]:
        """The bound endpoint method ``"family.method"``, e.g. ``"core.get_activity"``."""
        family, _, method = name.partition(".")
        bound: Callable[..., Any] = getattr(getattr(self.client, family), method)
        return bound

    async def __call__(self, name: str, /, **kwargs: Any) -> Any:
        return await resolve(self.method(name)(**kwargs))

    async def awaited(self, value: object) -> Any:
        """``value`` (say, ``download.read()``), awaited when the client is async."""
        return await resolve(value)

    async def items(self, name: str, /, first: int | None = None, **kwargs: Any) -> list[Any]:
        """The items of a paged list operation, page after page: all, or the ``first`` ones."""
        return await collect(self.client.paginate(self.method(name), **kwargs), first)


@pytest.fixture(params=["sync", "async"])
def client_kind(request: pytest.FixtureRequest) -> str:
    kind: str = request.param
    return kind


@pytest.fixture
def ofsc_settings() -> dict[str, Any]:
    """Settings of the clients ``make_client`` builds; override it to point them elsewhere."""
    return {**TEST_CREDENTIALS, "max_retries": 0}


@pytest.fixture
def ofsc_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the machine's ``OFSC_*`` variables and config files away from the clients built
    here; tests/live overrides it to use them."""
    for name in list(os.environ):
        if name.startswith("OFSC_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("OFSC_CONFIG", str(tmp_path / "no-config.toml"))


@pytest.fixture
async def make_client(
    request: pytest.FixtureRequest,
    client_kind: str,
    ofsc_settings: dict[str, Any],
    ofsc_environment: None,
) -> AsyncIterator[Callable[..., Any]]:
    """``make_client(**overrides)``: an ``OFSC`` or ``AsyncOFSC`` (per ``client_kind``) whose
    traffic is recorded for the failure report; closed when the test ends."""
    exchanges = request.node.stash.setdefault(EXCHANGES, [])
    made: list[OFSC | AsyncOFSC] = []

    def make(**overrides: Any) -> OFSC | AsyncOFSC:
        settings = {**ofsc_settings, **overrides}
        client: OFSC | AsyncOFSC
        if client_kind == "sync":
            inner = settings.pop("transport", None) or httpx.HTTPTransport(verify=_ssl_context())
            client = OFSC(**settings, transport=_RecordingTransport(inner, exchanges))
        else:
            inner = settings.pop("transport", None) or httpx.AsyncHTTPTransport(verify=_ssl_context())
            client = AsyncOFSC(**settings, transport=_AsyncRecordingTransport(inner, exchanges))
        made.append(client)
        return client

    yield make
    for client in reversed(made):
        await resolve(client.close())


@pytest.fixture
def client(make_client: Callable[..., Any]) -> OFSC | AsyncOFSC:
    built: OFSC | AsyncOFSC = make_client()
    return built


@pytest.fixture
def call(client: OFSC | AsyncOFSC) -> Call:
    return Call(client)


@pytest.fixture
def spans(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The spans OpenTelemetry's SDK records during the test (an in-memory exporter).

    The SDK's tracer provider is installed for this test only and OpenTelemetry's global
    put back afterwards: a provider left installed would make every later client in the
    process trace (and build the httpx objects spans need), whatever those tests expect.
    ``set_tracer_provider`` can be called once per process, so the global is set directly;
    ``tests/facade/test_internals.py`` checks that it is where this looks."""
    pytest.importorskip("opentelemetry.sdk")
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(trace, "_TRACER_PROVIDER", provider)
    yield exporter
    provider.shutdown()


@pytest.fixture
def exchanges(request: pytest.FixtureRequest) -> list[Exchange]:
    """The HTTP exchanges the test's clients have made so far, oldest first."""
    recorded: list[Exchange] = request.node.stash.setdefault(EXCHANGES, [])
    return recorded


@cache
def _ssl_context() -> ssl.SSLContext:
    # Built once: loading the CA bundle for every client would dominate short tests.
    return httpx.create_ssl_context()


# ---- HTTP exchanges in failure reports ---------------------------------------------------


@dataclass
class Exchange:
    request: httpx.Request
    response: httpx.Response | None = None

    def describe(self) -> str:
        request, response = self.request, self.response
        lines = [f"> {request.method} {request.url}", *_headers(request.headers, "> ")]
        lines += _body(request, "> ")
        if response is None:
            return "\n".join([*lines, "< (no response)"])
        lines.append(f"< {response.status_code} {response.reason_phrase}")
        lines += _headers(response.headers, "< ")
        lines += _body(response, "< ")
        return "\n".join(lines)


EXCHANGES = pytest.StashKey[list[Exchange]]()


class _RecordingTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, exchanges: list[Exchange]) -> None:
        self.inner = inner
        self.exchanges = exchanges

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        exchange = Exchange(request)
        self.exchanges.append(exchange)
        exchange.response = self.inner.handle_request(request)
        return exchange.response

    def close(self) -> None:
        self.inner.close()


class _AsyncRecordingTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, exchanges: list[Exchange]) -> None:
        self.inner = inner
        self.exchanges = exchanges

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        exchange = Exchange(request)
        self.exchanges.append(exchange)
        exchange.response = await self.inner.handle_async_request(request)
        return exchange.response

    async def aclose(self) -> None:
        await self.inner.aclose()


def _headers(headers: httpx.Headers, prefix: str) -> list[str]:
    return [f"{prefix}{name}: {value}" for name, value in redact_headers(dict(headers.items())).items()]


def _body(message: httpx.Request | httpx.Response, prefix: str) -> list[str]:
    try:
        content = message.content
    except (httpx.RequestNotRead, httpx.ResponseNotRead):
        return [f"{prefix}(streamed body, not read)"]
    if not content:
        return []
    try:
        text = redact_text(content.decode())
    except UnicodeDecodeError:
        return [f"{prefix}({len(content)} bytes of binary content)"]
    if len(text) > BODY_LIMIT:
        text = f"{text[:BODY_LIMIT]}... ({len(text) - BODY_LIMIT} more characters)"
    return [prefix + line for line in text.splitlines()]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    exchanges = item.stash.get(EXCHANGES, [])
    if report.failed and exchanges:
        text = "\n\n".join(exchange.describe() for exchange in exchanges)
        report.sections.append((f"HTTP exchanges ({len(exchanges)}, up to {report.when})", text))
    return report


# ---- end-of-run summary ------------------------------------------------------------------

_SUMMARY = "ofsc-summary"
_TALLY = "ofsc-tally"


@pytest.fixture
def summary(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """``summary(line)``: print ``line`` in the summary at the end of the run."""

    def add(line: str) -> None:
        request.node.user_properties.append((_SUMMARY, line))

    return add


@pytest.fixture
def tally(request: pytest.FixtureRequest) -> Callable[..., Counter[str]]:
    """``tally(table, row=, column=, counters=)``: a cell of a table printed at the end of
    the run. The test increments the counters it reached; cells of all tests are summed."""

    def cell(table: str, *, row: str, column: str, counters: Iterable[str]) -> Counter[str]:
        counts: Counter[str] = Counter(dict.fromkeys(counters, 0))
        # Recorded at teardown, so that a test failing half-way still counts what it reached.
        request.addfinalizer(
            lambda: request.node.user_properties.append((_TALLY, (table, row, column, tuple(counts.items()))))
        )
        return counts

    return cell


class _RunSummary:
    """Gathers summary lines and tallies from test reports (the controller's, under xdist)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tables: defaultdict[str, defaultdict[tuple[str, str], Counter[str]]] = defaultdict(
            lambda: defaultdict(Counter)
        )
        self.counters: dict[str, list[str]] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "teardown":  # the teardown report carries all the test's properties
            return
        for key, value in report.user_properties:
            if key == _SUMMARY:
                self.lines.append(str(value))
            elif key == _TALLY:
                table, row, column, counts = cast("tuple[str, str, str, tuple[tuple[str, int], ...]]", value)
                self.tables[table][(row, column)].update(dict(counts))
                order = self.counters.setdefault(table, [])
                order.extend(name for name, _ in counts if name not in order)

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.lines or self.tables:
            terminalreporter.section("ofsc summary")
        for line in sorted(self.lines):
            terminalreporter.write_line(line)
        for table, cells in self.tables.items():
            terminalreporter.write_line("")
            for line in _table_lines(table, cells, self.counters[table]):
                terminalreporter.write_line(line)


def _table_lines(title: str, cells: dict[tuple[str, str], Counter[str]], counters: list[str]) -> list[str]:
    rows = sorted({row for row, _ in cells})
    columns = sorted({column for _, column in cells})
    totals: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for (_, column), counts in cells.items():
        totals[column].update(counts)

    def text(counts: Counter[str]) -> str:
        return " / ".join(str(counts[name]) for name in counters)

    table = [["", *columns]]
    table += [[row, *(text(cells.get((row, column), Counter())) for column in columns)] for row in rows]
    table.append(["total", *(text(totals[column]) for column in columns)])
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]

    def aligned(line: list[str]) -> str:
        first, *rest = zip(line, widths, strict=True)
        return "  ".join([first[0].ljust(first[1]), *(cell.rjust(width) for cell, width in rest)])

    return [f"{title} ({' / '.join(counters)})", *map(aligned, table)]
