"""TeamWorkItem

Generated from ``definitions.teamWork[]`` (parsed leniently: it is part of responses).
"""

from pydantic import Field

from ofsc.runtime import OFSCModel


class TeamWorkItem(OFSCModel):
    """TeamWorkItem"""

    activity_id: int | None = Field(default=None, alias="activityId")
