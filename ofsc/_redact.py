"""Keeping secrets out of logs, exception texts, reprs and audit lines."""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
SECRET_FIELDS = frozenset({"client_secret", "secret", "assertion", "access_token", "token", "password"})
REDACTED = "[REDACTED]"
_SECRET_IN_TEXT = re.compile(
    r"(?i)((?:basic|bearer)\s+)[A-Za-z0-9._~+/=-]+|"
    r"((?:client_secret|signing_key|assertion|access_token|token|password)[\"']?\s*[=:]\s*[\"']?)[^\"'&\s,}]+|"
    r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"  # a JWT anywhere
)


# The secrets of every client made in this process, and the bare base64 of their Basic
# credentials: a server may echo them without a keyword (an error detail quoting the header).
_known: set[str] = set()
_known_pattern: re.Pattern[str] | None = None
_known_lock = threading.Lock()
_SHORTEST = 8  # shorter values would mask ordinary words ("secret" in "client_secret")


def remember_secret(value: str) -> None:
    """Mask ``value`` wherever :func:`redact_text` runs from now on."""
    global _known_pattern
    if len(value) < _SHORTEST or value in _known:
        return
    with _known_lock:
        _known.add(value)
        alternatives = sorted(_known, key=len, reverse=True)
        _known_pattern = re.compile("|".join(map(re.escape, alternatives)))


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: (REDACTED if k.lower() in SECRET_HEADERS else v) for k, v in headers.items()}


def redact_text(text: str) -> str:
    """Mask credentials that appear in free text (``Bearer …``, ``client_secret=…``, JWTs,
    and any client's secret or Basic credentials as they are)."""
    known = _known_pattern
    if known is not None:
        text = known.sub(REDACTED, text)
    return _SECRET_IN_TEXT.sub(lambda m: (m.group(1) or m.group(2) or "") + REDACTED, text)
