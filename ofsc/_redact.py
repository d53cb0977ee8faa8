"""Keeping secrets out of logs, exception texts, reprs and audit lines."""

from __future__ import annotations

import re
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


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: (REDACTED if k.lower() in SECRET_HEADERS else v) for k, v in headers.items()}


def redact_text(text: str) -> str:
    """Mask credentials that appear in free text (``Bearer …``, ``client_secret=…``, JWTs)."""
    return _SECRET_IN_TEXT.sub(lambda m: (m.group(1) or m.group(2) or "") + REDACTED, text)
