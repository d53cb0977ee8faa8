"""Things

Generated from ``definitions.things`` (parsed leniently: it is part of responses).
"""

from pydantic import Field

from ofsc.runtime import OFSCModel


class Things(OFSCModel):
    """Things"""

    items: list[str] | None = None

    total_results: int | None = Field(default=None, alias="totalResults")
