"""Event

Generated from ``definitions.event`` (parsed leniently: it is part of responses).
"""

from pydantic import Field

from ofsc.runtime import OFSCModel

from .detail import Detail


class Event(OFSCModel):
    """Event"""

    activity_details: Detail | None = Field(default=None, alias="activityDetails")
    """The details."""
