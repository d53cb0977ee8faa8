"""Hooks, plugins, logging, redaction, OpenTelemetry spans and the audit log."""

from __future__ import annotations

import base64
import io
import logging
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

import ofsc._plugins
from ofsc import AuditSink, AuthenticationError, CallInfo, Hooks, InternalServerError, PluginError
from ofsc._tracing import default_tracer
from ofsc._wire import BaseURL, OutgoingRequest

from .conftest import ACTIVITY_PATH, CLIENT_ID, INSTANCE, SECRET, Facade, Server, error, json_lines

OK = httpx.Response(200, json={"activityId": 1}, headers={"X-Request-Id": "req-9"})


# ---- hooks ------------------------------------------------------------------------------


def test_hooks_see_every_attempt_and_may_change_the_request(facade: Facade, server: Server) -> None:
    seen: list[tuple[str, Any, int]] = []

    def on_request(request: httpx.Request, info: CallInfo) -> None:
        request.headers["X-Correlation-Id"] = f"corr-{info.attempt}"
        seen.append(("request", info.operation.name, info.attempt))

    hooks = Hooks(
        request=[on_request],
        response=[lambda response, info: seen.append(("response", response.status_code, info.attempt))],
        error=[lambda exc, info: seen.append(("error", type(exc).__name__, info.attempt))],
    )
    server.on("GET", ACTIVITY_PATH, error(503), OK)
    client = facade.client(server, hooks=hooks)
    facade(client.core.get_activity(activity_id=1))
    assert seen == [
        ("request", "get_activity", 1),
        ("response", 503, 1),
        ("request", "get_activity", 2),
        ("response", 200, 2),
    ]
    assert [r.headers["X-Correlation-Id"] for r in server.requests] == ["corr-1", "corr-2"]
    server.on("GET", ACTIVITY_PATH, error(404))
    facade.raises(Exception, lambda: client.core.get_activity(activity_id=1))
    assert seen[-1] == ("error", "NotFoundError", 1)


# ---- plugins ----------------------------------------------------------------------------

PLUGIN = """
imports = 0
imports += 1
registered = []

def register(hooks):
    hooks.request.append(lambda request, info: request.headers.__setitem__("X-Plugin", "tagger"))
    registered.append(hooks)

def broken(hooks):
    raise RuntimeError("cannot register")

not_callable = 42
"""


@pytest.fixture
def plugin_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    name = f"ofsc_plugin_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(PLUGIN))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name
    sys.modules.pop(name, None)


def install(monkeypatch: pytest.MonkeyPatch, *targets: str) -> list[int]:
    """Pretend the given ``module:attr`` targets are installed as ``ofsc.plugins`` entry points."""
    discovered = [0]

    def entry_points(*, group: str) -> list[EntryPoint]:
        assert group == "ofsc.plugins"
        discovered[0] += 1
        return [EntryPoint(name=f"p{i}", value=t, group=group) for i, t in enumerate(targets)]

    monkeypatch.setattr(ofsc._plugins, "entry_points", entry_points)
    monkeypatch.setattr(ofsc._plugins, "may_declare_plugins", lambda: True)
    return discovered


def test_a_plugin_declared_by_an_installed_distribution_is_found(
    facade: Facade, server: Server, plugin_module: str, tmp_path: Path
) -> None:
    """Discovery reads real distribution metadata: a ``*.dist-info`` folder on ``sys.path``
    whose ``entry_points.txt`` names the group installs its plugin on every client."""
    info = tmp_path / "acme_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[ofsc.plugins]\ntagger = {plugin_module}:register\n")
    assert ofsc._plugins.may_declare_plugins()
    facade(facade.client(server).core.get_activity(activity_id=1))
    assert server.requests[0].headers["X-Plugin"] == "tagger"


def test_without_a_declared_plugin_distribution_metadata_is_not_parsed(
    facade: Facade, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When no ``entry_points.txt`` on the path names the group, importlib.metadata (which
    builds every installed distribution) is not asked: a script's start stays cheap."""
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    other = tmp_path / "other-1.0.dist-info"
    other.mkdir()
    (other / "entry_points.txt").write_text("[console_scripts]\nother = other:main\n")
    assert not ofsc._plugins.may_declare_plugins()
    (other / "entry_points.txt").write_text("[ofsc.plugins]\nother = other:register\n")
    assert ofsc._plugins.may_declare_plugins()
    monkeypatch.setattr(sys, "path", [str(tmp_path / "archive.zip")])
    (tmp_path / "archive.zip").write_bytes(b"PK")
    assert ofsc._plugins.may_declare_plugins()  # inside an archive: importlib.metadata looks


def test_plugins_register_on_each_client_and_load_once(
    facade: Facade, server: Server, plugin_module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    discovered = install(monkeypatch, f"{plugin_module}:register")
    first, second = facade.client(server), facade.client(server)
    facade(first.core.get_activity(activity_id=1))
    facade(second.core.get_activity(activity_id=1))
    assert [r.headers["X-Plugin"] for r in server.requests] == ["tagger", "tagger"]
    module = sys.modules[plugin_module]
    assert discovered == [1] and module.imports == 1 and len(module.registered) == 2
    facade(facade.client(server, plugins=False).core.get_activity(activity_id=1))
    assert "X-Plugin" not in server.requests[-1].headers


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("broken", "RuntimeError: cannot register"),
        ("not_callable", "is not callable"),
        ("missing", "AttributeError"),
    ],
)
def test_a_failing_plugin_stops_client_construction(
    facade: Facade, plugin_module: str, monkeypatch: pytest.MonkeyPatch, target: str, message: str
) -> None:
    install(monkeypatch, f"{plugin_module}:{target}")
    with pytest.raises(
        PluginError, match=f"ofsc plugin 'p0' \\({plugin_module}:{target}\\) failed: .*{message}"
    ):
        facade.client(Server())


def test_a_plugin_that_cannot_be_imported_is_named(facade: Facade, monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, "no_such_module_here:register")
    with pytest.raises(
        PluginError, match="'p0' \\(no_such_module_here:register\\) failed: ModuleNotFoundError"
    ):
        facade.client(Server())


# ---- logging and redaction --------------------------------------------------------------


def test_structured_log_records(facade: Facade, server: Server, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="ofsc")
    server.on("GET", ACTIVITY_PATH, error(503), OK)
    client = facade.client(server)
    facade(client.core.get_activity(activity_id=1))
    fields = [r.ofsc for r in caplog.records]  # type: ignore[attr-defined]
    response = next(f for f in fields if f.get("status") == 200 and "elapsed" in f)
    assert response["method"] == "GET" and response["path"] == "/rest/ofscCore/v1/activities/{activityId}"
    assert response["attempt"] == 2 and response["request_id"] == "req-9" and response["elapsed"] >= 0
    retry = next(r for r in caplog.records if r.getMessage().startswith("retrying"))
    assert retry.levelno == logging.INFO and retry.ofsc["attempt"] == 1  # type: ignore[attr-defined]
    summary = caplog.records[-1].ofsc  # type: ignore[attr-defined]
    assert summary["attempts"] == 2 and summary["status"] == 200 and summary["client_id"] == CLIENT_ID


def test_ofsc_log_debug_turns_on_request_and_response_logs(
    facade: Facade, server: Server, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = facade.client(server)
    facade(client.core.get_activity(activity_id=1))
    assert not [r for r in caplog.records if r.levelno == logging.DEBUG]  # quiet by default
    monkeypatch.setenv("OFSC_LOG", "debug")
    client = facade.client(server)
    facade(client.core.get_activity(activity_id=1))
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert any("attempt 1 headers=" in m for m in messages) and any(m.endswith("-> 200") for m in messages)


def test_failed_call_is_logged_as_a_warning(
    facade: Facade, server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    server.on("GET", ACTIVITY_PATH, error(500, "database down"))
    client = facade.client(server, max_retries=0)
    facade.raises(InternalServerError, lambda: client.core.get_activity(activity_id=1))
    warning = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warning) == 1 and "InternalServerError: 500 Failure: database down" in warning[0].getMessage()


def test_no_secret_reaches_logs_errors_reprs_audit_or_spans(
    facade: Facade, server: Server, caplog: pytest.LogCaptureFixture, spans: Any
) -> None:
    assertion = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkaXNwYXRjaGVyIn0.c2lnbmF0dXJlLXNlY3JldA"
    caplog.set_level(logging.DEBUG, logger="ofsc")
    audit = io.StringIO()
    server.on("GET", ACTIVITY_PATH, error(401, "token expired"))
    client = facade.client(server, auth="oauth2", assertion=assertion, log="debug", audit=AuditSink(audit))
    exc = facade.raises(AuthenticationError, lambda: client.core.get_activity(activity_id=1))
    assert server.tokens_issued == 2  # the token was refreshed once, then the call failed
    basic = base64.b64encode(f"{CLIENT_ID}@{INSTANCE}:{SECRET}".encode()).decode()
    secrets = [SECRET, basic, assertion, "tok-1", "tok-2"]
    span_text = repr([dict(s.attributes or {}) for s in spans.get_finished_spans()])
    span_text += repr([s.status.description for s in spans.get_finished_spans()])
    texts = {
        "logs": caplog.text + repr([getattr(r, "ofsc", None) for r in caplog.records]),
        "exception": f"{exc} {exc!r} {exc.body}",
        "client": f"{client!r} {client.settings!r} {client.token_state!r}",
        "audit": audit.getvalue(),
        "spans": span_text,
    }
    assert "'authorization': '[REDACTED]'" in caplog.text  # headers were logged, their values masked
    for where, text in texts.items():
        for secret in secrets:
            assert secret not in text, f"{secret!r} leaked into {where}"


# ---- audit ------------------------------------------------------------------------------


def test_audit_sink_writes_one_json_line_per_call(facade: Facade, server: Server, tmp_path: Path) -> None:
    server.on("GET", ACTIVITY_PATH, error(503), OK)
    path = tmp_path / "audit.jsonl"
    client = facade.client(server, audit_log=str(path))
    facade(client.core.get_activity(activity_id=1))
    server.on("GET", ACTIVITY_PATH, error(404))
    facade.raises(Exception, lambda: client.core.get_activity(activity_id=1))
    facade(client.close())
    ok, failed = json_lines(path.read_text())
    assert ok["client_id"] == CLIENT_ID and ok["method"] == "GET" and ok["operation"] == "get_activity"
    assert ok["path"] == "/rest/ofscCore/v1/activities/{activityId}"  # the template: no ids in the audit
    assert (ok["status"], ok["attempts"]) == (200, 2) and ok["duration_ms"] >= 0
    assert (failed["status"], failed["error"]) == (404, "NotFoundError")


# ---- tracing ----------------------------------------------------------------------------


def test_recording_spans_leaves_no_tracer_provider_behind() -> None:
    """Promise: the ``spans`` fixture installs OpenTelemetry's SDK for its test only, so a
    later test in the same process meets OpenTelemetry as it was (there: no provider, so the
    aiohttp path builds no httpx objects). Run as the two tests in that order, in one process."""
    tests = Path(__file__).parent
    order = [
        f"{tests / 'test_observability.py'}::test_connection_failure_span_records_the_error_type",
        f"{tests / 'test_faults.py'}::test_the_aiohttp_path_builds_no_httpx_objects_nobody_asked_for",
    ]
    plugins = ["-p", "no:randomly", "-p", "no:cacheprovider", "-p", "no:cov"]
    command = [sys.executable, "-m", "pytest", "-q", "-n", "0", *plugins, *order]
    run = subprocess.run(command, capture_output=True, text=True, check=False, cwd=tests.parents[1])
    assert run.returncode == 0 and "3 passed" in run.stdout, run.stdout[-3000:]


def test_one_span_per_attempt_with_http_conventions(facade: Facade, server: Server, spans: Any) -> None:
    from opentelemetry.trace import SpanKind, StatusCode

    server.on("GET", ACTIVITY_PATH, error(503), OK)
    client = facade.client(server)
    facade(client.core.get_activity(activity_id=1, options={"query": {"fields": "activityId"}}))
    first, second = spans.get_finished_spans()
    assert first.name == second.name == "GET /rest/ofscCore/v1/activities/{activityId}"
    assert first.kind == SpanKind.CLIENT
    attributes = dict(first.attributes)
    assert attributes == {
        "http.request.method": "GET",
        "url.full": f"https://acme.fs.ocs.oraclecloud.com{ACTIVITY_PATH}",  # no query string
        "url.template": "/rest/ofscCore/v1/activities/{activityId}",
        "server.address": "acme.fs.ocs.oraclecloud.com",
        "server.port": 443,
        "http.response.status_code": 503,
        "error.type": "503",
    }
    assert first.status.status_code == StatusCode.ERROR
    assert second.attributes["http.response.status_code"] == 200
    assert second.attributes["http.request.resend_count"] == 1
    assert second.status.status_code == StatusCode.UNSET
    traceparent = server.requests[1].headers["traceparent"]  # the context travels with the request
    assert traceparent.split("-")[1] == format(second.context.trace_id, "032x")


def test_connection_failure_span_records_the_error_type(facade: Facade, server: Server, spans: Any) -> None:
    from opentelemetry.trace import StatusCode

    server.on("GET", ACTIVITY_PATH, httpx.ConnectError("refused"))
    client = facade.client(server, max_retries=0)
    facade.raises(Exception, lambda: client.core.get_activity(activity_id=1))
    (span,) = spans.get_finished_spans()
    assert span.attributes["error.type"] == "ConnectError" and span.status.status_code == StatusCode.ERROR
    assert "http.response.status_code" not in span.attributes


def test_without_opentelemetry_there_is_no_tracer(
    facade: Facade, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "opentelemetry", None)  # as if it were not installed
    assert default_tracer() is None
    client = facade.client(server)
    assert facade(client.core.get_activity(activity_id=1)).activity_id == 1
    assert "traceparent" not in server.requests[0].headers


def test_import_ofsc_does_not_import_opentelemetry() -> None:
    code = "import sys, ofsc; ofsc.OFSC; print(any(m.startswith('opentelemetry') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_client_loads_opentelemetry_only_once_the_application_has() -> None:
    """Tracing costs a script nothing until the application imports OpenTelemetry (no
    provider can be installed before); a provider installed after the client was built is
    then followed, spans and trace context included."""
    code = """if True:
        import sys
        from ofsc.testing import MockOFS
        mock = MockOFS()
        mock.store.put("activities", "1", {"activityId": 1})
        client = mock.client(max_retries=0)
        client.core.get_activity(activity_id=1)
        print(any(m.startswith("opentelemetry") for m in sys.modules))
        from opentelemetry import trace
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
        exporter = InMemorySpanExporter()
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(exporter))
        trace.set_tracer_provider(provider)
        client.core.get_activity(activity_id=1)
        print([span.name for span in exporter.get_finished_spans()])
    """
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:2] == ["False", "['GET /rest/ofscCore/v1/activities/{activityId}']"]


def test_spans_start_once_a_provider_is_installed_after_the_client(
    spans: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opentelemetry import trace

    from ofsc._tracing import OpenTelemetryTracer

    installed = trace.get_tracer_provider()
    monkeypatch.setattr(trace, "_TRACER_PROVIDER", None)  # as before the application set one up
    tracer = OpenTelemetryTracer()
    op = SimpleNamespace(path="/x")
    request = OutgoingRequest("GET", BaseURL("http://h"), "/x", {}, httpx.Timeout(1.0))
    assert tracer.start(op, request, 1) is None  # type: ignore[arg-type]
    monkeypatch.setattr(trace, "_TRACER_PROVIDER", installed)
    end = tracer.start(op, request, 1)  # type: ignore[arg-type]
    assert end is not None and "traceparent" in request.to_httpx().headers
    end(status=200)


def test_without_the_module_global_the_public_call_decides(spans: Any) -> None:
    from opentelemetry import trace

    from ofsc._tracing import OpenTelemetryTracer

    tracer = OpenTelemetryTracer()
    request = OutgoingRequest("GET", BaseURL("http://h"), "/x", {}, httpx.Timeout(1.0))
    # An OpenTelemetry API without the global: what get_tracer_provider() answers decides.
    api = SimpleNamespace(ProxyTracerProvider=trace.ProxyTracerProvider)
    tracer._trace = api  # type: ignore[assignment]
    api.get_tracer_provider = trace.ProxyTracerProvider
    assert tracer.start(SimpleNamespace(path="/x"), request, 1) is None  # type: ignore[arg-type]
    api.get_tracer_provider = trace.get_tracer_provider  # the session's SDK provider
    assert tracer._provider_installed()
