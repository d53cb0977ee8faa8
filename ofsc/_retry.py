"""When to retry, and how long to wait (pure decisions; the clients only sleep).

Retried: connection errors and timeouts, and the statuses 408, 429, 500, 502, 503, 504.
A request that may have reached the server (anything but a failure to connect) is
replayed only when its operation is safe to repeat (``Operation.retry_safe``, generated per
operation: GET, PUT and DELETE, and the operations ``specs/overlay.toml`` lists) or the
caller says so; that decision is :func:`ofsc._pipeline.decide`'s. Waits grow exponentially with full jitter, capped; a server's
``Retry-After`` (seconds or an HTTP date) is honoured up to a cap.
"""

from __future__ import annotations

import email.utils
import random
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import httpx

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._config import Settings

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


class HasHeaders(Protocol):
    """An answer's headers (an :class:`~ofsc._wire.Answer` or an ``httpx.Response``)."""

    @property
    def headers(self) -> Mapping[str, str]: ...


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    jitter: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        return cls(
            max_retries=settings.max_retries,
            initial_delay=settings.initial_retry_delay,
            max_delay=settings.max_retry_delay,
            max_retry_after=settings.max_retry_after,
        )

    def backoff(self, retry_number: int, rng: random.Random | None = None) -> float:
        """Seconds to wait before retry ``retry_number`` (1-based): full jitter over an exponential cap."""
        ceiling = min(self.max_delay, self.initial_delay * 2.0 ** (retry_number - 1))
        if not self.jitter:
            return ceiling
        return float((rng or random).uniform(0, ceiling))

    def delay_for_response(self, response: HasHeaders, retry_number: int) -> float:
        hinted = retry_after_seconds(response.headers.get("retry-after"))
        if hinted is not None:
            return min(hinted, self.max_retry_after)
        return self.backoff(retry_number)


def should_retry_status(status: int) -> bool:
    return status in RETRY_STATUSES


def is_transient(exc: httpx.TransportError) -> bool:
    """False when the request itself could not be sent as it is: sending it again cannot help."""
    return not isinstance(exc, httpx.LocalProtocolError | httpx.UnsupportedProtocol)


def reached_server(exc: httpx.TransportError) -> bool:
    """False only when the connection was never made (nothing can have been processed)."""
    # ofsc._aiohttp maps aiohttp's errors onto these same classes.
    return not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
