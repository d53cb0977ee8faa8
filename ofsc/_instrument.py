"""What happens around each call besides I/O: interceptors, logging, audit, tracing.

One :class:`Instrumentation` per client; the request pipeline reports each call's life to
it through a :class:`CallTrace`. Secrets never reach any of these: headers are redacted
before they are logged, and audit lines hold no headers or bodies at all.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, Protocol

from ._exceptions import request_id
from ._redact import redact_headers, redact_text

if TYPE_CHECKING:
    import httpx

    from ._operation import Operation
    from ._wire import Answer, OutgoingRequest

logger = logging.getLogger("ofsc")
# A library stays quiet unless the application configures logging (no "last resort" output).
logger.addHandler(logging.NullHandler())


@dataclass(frozen=True, slots=True)
class CallInfo:
    """Passed to every interceptor: which operation, which attempt."""

    operation: Operation[Any]
    attempt: int


RequestHook = Callable[["httpx.Request", CallInfo], None]
ResponseHook = Callable[["httpx.Response", CallInfo], None]
ErrorHook = Callable[[BaseException, CallInfo], None]


class Tracer(Protocol):
    def start(self, op: Operation[Any], request: OutgoingRequest, attempt: int) -> Callable[..., None] | None:
        """Start a span for this attempt; the function that ends it, or None when not tracing."""


@dataclass
class Hooks:
    """Interceptors, run in registration order. A request hook may change the request."""

    request: list[RequestHook] = field(default_factory=list)
    response: list[ResponseHook] = field(default_factory=list)
    error: list[ErrorHook] = field(default_factory=list)

    def merged(self, other: Hooks) -> Hooks:
        return Hooks(self.request + other.request, self.response + other.response, self.error + other.error)


class AuditSink:
    """Writes one JSON line per call: client id, method, path template, status, duration, attempts."""

    def __init__(self, target: str | IO[str]) -> None:
        self._own = isinstance(target, str)
        self._file: IO[str] = open(target, "a", encoding="utf-8") if isinstance(target, str) else target  # noqa: SIM115
        self._lock = threading.Lock()

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, separators=(",", ":"), sort_keys=True)
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self) -> None:
        if self._own:
            self._file.close()


@dataclass
class Instrumentation:
    hooks: Hooks = field(default_factory=Hooks)
    audit: AuditSink | None = None
    tracer: Tracer | None = None
    client_id: str = ""

    def start(self, op: Operation[Any]) -> CallTrace:
        return CallTrace(self, op)


class CallTrace:
    """The life of one call (all its attempts)."""

    __slots__ = ("_end_span", "attempt", "inst", "op", "started", "status")

    def __init__(self, inst: Instrumentation, op: Operation[Any]) -> None:
        self.inst = inst
        self.op = op
        self.started = time.perf_counter()
        self.attempt = 0
        self.status: int | None = None
        self._end_span: Callable[..., None] | None = None

    def request(self, outgoing: OutgoingRequest, attempt: int) -> None:
        # The httpx.Request is built only for those who look at it: hooks, spans, debug logs.
        self.attempt = attempt
        if self.inst.hooks.request:
            request, info = outgoing.to_httpx(), CallInfo(self.op, attempt)
            for hook in self.inst.hooks.request:
                hook(request, info)
        if self.inst.tracer is not None:
            self._end_span = self.inst.tracer.start(self.op, outgoing, attempt)
        if logger.isEnabledFor(logging.DEBUG):
            request = outgoing.to_httpx()
            logger.debug(
                "%s %s attempt %d headers=%s",
                request.method,
                request.url.copy_with(query=None),
                attempt,
                redact_headers(request.headers),
                extra={"ofsc": {"method": request.method, "path": self.op.path, "attempt": attempt}},
            )

    def response(self, answer: Answer) -> None:
        self.status = answer.status_code
        if self.inst.hooks.response:
            response, info = answer.http_response, CallInfo(self.op, self.attempt)
            for hook in self.inst.hooks.response:
                hook(response, info)
        self._close_span(answer.status_code, None)
        if logger.isEnabledFor(logging.DEBUG):
            response = answer.http_response
            logger.debug(
                "%s %s -> %d",
                response.request.method,
                response.request.url.copy_with(query=None),
                response.status_code,
                extra={"ofsc": self._fields(response)},
            )

    def transport_error(self, error: BaseException) -> None:
        self._close_span(None, error)

    def retry(self, delay: float, reason: str) -> None:
        logger.info(
            "retrying %s %s in %.2fs (attempt %d failed: %s)",
            self.op.method,
            self.op.path,
            delay,
            self.attempt,
            reason,
            extra={
                "ofsc": {
                    "method": self.op.method,
                    "path": self.op.path,
                    "attempt": self.attempt,
                    "delay": delay,
                }
            },
        )

    def finish(self, error: BaseException | None = None) -> None:
        self._close_span(None, error)  # an attempt cut short (a hook raised, the task was cancelled)
        if error is not None:
            info = CallInfo(self.op, self.attempt)
            for hook in self.inst.hooks.error:
                hook(error, info)
        level = logging.WARNING if error is not None else logging.DEBUG
        logging_on = logger.isEnabledFor(level)
        if self.inst.audit is None and not logging_on:
            return  # nobody reads the record: don't build it (this runs on every call)
        elapsed = time.perf_counter() - self.started
        record = {
            "client_id": self.inst.client_id,
            "operation": self.op.name,
            "method": self.op.method,
            "path": self.op.path,
            "status": self.status,
            "duration_ms": round(elapsed * 1000, 3),
            "attempts": self.attempt,
        }
        if error is not None:
            record["error"] = type(error).__name__
        if self.inst.audit is not None:
            self.inst.audit.write(record)
        if logging_on:
            logger.log(
                level,
                "%s %s: %s in %.1f ms after %d attempt(s)",
                self.op.method,
                self.op.path,
                redact_text(f"{type(error).__name__}: {error}") if error else self.status,
                elapsed * 1000,
                self.attempt,
                extra={"ofsc": record},
            )

    def _fields(self, response: httpx.Response) -> dict[str, Any]:
        return {
            "method": response.request.method,
            "path": self.op.path,
            "status": response.status_code,
            "elapsed": time.perf_counter() - self.started,
            "attempt": self.attempt,
            "request_id": request_id(response),
        }

    def _close_span(self, status: int | None, error: BaseException | None) -> None:
        if self._end_span is not None:
            self._end_span(status=status, error=error)
            self._end_span = None


def configure_logging(level: str | None) -> None:
    """Honour ``OFSC_LOG`` / ``log=``: set the ``ofsc`` logger's level, and give it a stderr
    handler if the application has not configured one (so ``OFSC_LOG=debug`` just works)."""
    if not level:
        return
    logger.setLevel(level.upper())
    configured = any(not isinstance(h, logging.NullHandler) for h in logger.handlers)
    if not configured and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
