"""Which spec this build of the SDK was generated from."""

from __future__ import annotations

from typing import TypedDict


class SpecInfo(TypedDict):
    version: str
    sha256: str
    title: str


def spec_info() -> SpecInfo:
    """The OFS REST spec version and sha256 the installed SDK was generated from."""
    import ofsc_generated as generated

    return SpecInfo(version=generated.__spec_version__, sha256=generated.__spec_sha256__,
                    title=generated.__spec_title__)  # fmt: skip
