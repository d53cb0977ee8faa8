"""OpenTelemetry spans, one per request attempt, when ``opentelemetry-api`` is installed.

Spans follow the HTTP client semantic conventions: named ``"{method} {path template}"``,
kind CLIENT, with ``http.request.method``, ``url.full`` (without the query string, which
may carry values nobody asked to export), ``url.template``, ``server.address``,
``server.port``, ``http.response.status_code``, ``http.request.resend_count`` on retries,
and ``error.type`` plus an ERROR status on failure. The trace context is propagated in the
request headers. Without an SDK configured the API's no-op tracer makes this free;
without ``opentelemetry-api`` no tracer is installed at all. OpenTelemetry is imported when
the application has imported it (no provider can be installed before), never by
``import ofsc``.
"""

from __future__ import annotations

import os
import sys
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from ._internals import UNKNOWN, installed_tracer_provider
from ._redact import redact_text
from ._version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._operation import Operation
    from ._wire import OutgoingRequest

_PROVIDER_VARIABLE = "OTEL_PYTHON_TRACER_PROVIDER"


class OpenTelemetryTracer:
    """The :class:`~ofsc._instrument.Tracer` that reports to OpenTelemetry."""

    def __init__(self) -> None:
        self._trace: Any = None  # opentelemetry.trace, once the application has loaded it
        self._tracer: Any = None
        self._configured = False
        # A provider named in the environment is loaded by the API itself, on first use.
        self._named_provider = bool(os.environ.get(_PROVIDER_VARIABLE))

    def start(self, op: Operation[Any], request: OutgoingRequest, attempt: int) -> Callable[..., None] | None:
        # Until the application installs an SDK provider every span would be a no-op:
        # skip building its attributes and injecting an empty context (this runs per attempt).
        if not self._configured and not self._provider_installed():
            return None
        return self._start(op, request, attempt)

    def _provider_installed(self) -> bool:
        """Whether the application has installed a tracer provider (it cannot be replaced after)."""
        trace = self._trace or self._load()
        if trace is None:
            return False
        installed = installed_tracer_provider(trace)
        if installed is UNKNOWN:  # the public call, which costs more
            installed = trace.get_tracer_provider()
            self._configured = not isinstance(installed, trace.ProxyTracerProvider)
        else:
            self._configured = installed is not None
        return self._configured

    def _load(self) -> Any:
        """OpenTelemetry's trace API once the application could have set a provider up: it
        has imported the API, or names a provider in the environment. Until then nothing is
        imported, which keeps a short script's start cheap."""
        if "opentelemetry.trace" not in sys.modules and not self._named_provider:
            return None  # checked on every attempt: a dictionary lookup
        try:
            from opentelemetry import trace
        except ImportError:  # another OpenTelemetry package, without the API
            return None
        # The API returns a proxy that follows whatever provider the application installs later.
        self._tracer = trace.get_tracer("ofsc", __version__)
        trace.get_tracer_provider()  # loads a provider named in OTEL_PYTHON_TRACER_PROVIDER, if any
        self._trace = trace
        return trace

    def _start(self, op: Operation[Any], outgoing: OutgoingRequest, attempt: int) -> Callable[..., None]:
        request = outgoing.to_httpx()  # the trace context goes into the headers sent
        url = request.url
        attributes: dict[str, str | int] = {
            "http.request.method": request.method,
            # Cut the query off the text: URL.copy_with would re-parse the whole URL (~30 us a call).
            "url.full": str(url).partition("?")[0],
            "url.template": op.path,
            "server.address": url.host,
            "server.port": url.port or (443 if url.scheme == "https" else 80),
        }
        if attempt > 1:
            attributes["http.request.resend_count"] = attempt - 1
        span = self._tracer.start_span(
            f"{request.method} {op.path}", kind=self._trace.SpanKind.CLIENT, attributes=attributes
        )
        from opentelemetry import propagate  # reads OTEL_PROPAGATORS: loaded with the first span

        propagate.inject(request.headers, context=self._trace.set_span_in_context(span))

        def end(status: int | None = None, error: BaseException | None = None) -> None:
            if status is not None:
                span.set_attribute("http.response.status_code", status)
            if error is not None:
                span.set_attribute("error.type", type(error).__qualname__)
                description = redact_text(f"{type(error).__name__}: {error}")
                span.set_status(self._trace.Status(self._trace.StatusCode.ERROR, description))
            elif status is not None and status >= 400:
                span.set_attribute("error.type", str(status))
                span.set_status(self._trace.Status(self._trace.StatusCode.ERROR))
            span.end()

        return end


def default_tracer() -> OpenTelemetryTracer | None:
    """An OpenTelemetry tracer if ``opentelemetry-api`` is installed, else None."""
    try:
        installed = find_spec("opentelemetry") is not None
    except (ImportError, ValueError):  # a parent package that is not importable
        installed = False
    return OpenTelemetryTracer() if installed else None
