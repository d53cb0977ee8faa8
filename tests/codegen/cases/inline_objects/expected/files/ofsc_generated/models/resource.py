"""Resource

Generated from ``definitions.resource`` (parsed leniently: it is part of responses).
"""

from ofsc.runtime import OFSCModel

from .pagination_link import PaginationLink
from .resource_position import ResourcePosition
from .resource_schedule_value import ResourceScheduleValue


class Resource(OFSCModel):
    """Resource"""

    avatar: list[PaginationLink] | None = None

    schedule: dict[str, ResourceScheduleValue] | None = None

    position: ResourcePosition | None = None
