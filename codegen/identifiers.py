"""Turning the spec's names (camelCase, hyphens, colons, spaces) into Python identifiers."""

from __future__ import annotations

import keyword
import re

_WORD_BREAK = re.compile(r"[^0-9A-Za-z]+")
_CAMEL_1 = re.compile(r"([A-Z]+)([A-Z][a-z])")
_CAMEL_2 = re.compile(r"([a-z0-9])([A-Z])")


def snake(name: str) -> str:
    """``activityId`` -> ``activity_id``; ``IPAddressesToAllow`` -> ``ip_addresses_to_allow``;
    ``o:errorCode`` -> ``o_error_code``; ``on-call`` -> ``on_call``."""
    words = []
    for part in _WORD_BREAK.split(name):
        if part:
            part = _CAMEL_2.sub(r"\1_\2", _CAMEL_1.sub(r"\1_\2", part))
            words.append(part.lower())
    result = "_".join(words) or "value"
    if result[0].isdigit():
        result = f"n_{result}"
    return result


def pascal(name: str) -> str:
    """``v2-patch-quota`` -> ``V2PatchQuota``; ``activityDetails`` -> ``ActivityDetails``."""
    parts = [p for p in _WORD_BREAK.split(name) if p]
    result = "".join(p[0].upper() + p[1:] for p in parts) or "Model"
    if result[0].isdigit():
        result = f"M{result}"
    return result


def safe_identifier(name: str, reserved: frozenset[str] = frozenset()) -> str:
    """Append ``_`` to keywords and names the caller reserves. Soft keywords (``type``,
    ``match``, ``case``) are ordinary names for arguments and pydantic fields: they stay."""
    while keyword.iskeyword(name) or name in reserved:
        name += "_"
    return name


def constant(name: str) -> str:
    return snake(name).upper()
