"""Which spec this build of the SDK was generated from, and when it was built."""

from __future__ import annotations

import importlib
from typing import TypedDict


class SpecInfo(TypedDict):
    version: str
    sha256: str
    title: str
    build_date: str | None  # ISO 8601 UTC; None when running from a source checkout


def spec_info() -> SpecInfo:
    """The OFS REST spec version and sha256 the installed SDK was generated from, and its build date."""
    import ofsc_generated as generated

    return SpecInfo(
        version=generated.__spec_version__,
        sha256=generated.__spec_sha256__,
        title=generated.__spec_title__,
        build_date=_build_date(),
    )


def _build_date() -> str | None:
    # Stamped into wheels and sdists only: `make generate` output stays the same for the same spec.
    try:
        stamp = importlib.import_module("ofsc_generated._build")
    except ModuleNotFoundError:
        return None
    return str(stamp.BUILD_DATE)
