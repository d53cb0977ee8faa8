"""TravelRequest

Generated from ``definitions.travelRequest``.
"""

from pydantic import Field

from ofsc.runtime import OFSCModel


class TravelRequest(OFSCModel):
    """TravelRequest"""

    key_id: int = Field(alias="keyId", ge=1)

    name: str | None = Field(default=None, max_length=5)
