"""ResourceScheduleValue

Generated from ``definitions.resource.schedule{*}`` (parsed leniently: it is part of responses).
"""

from ofsc.runtime import OFSCModel


class ResourceScheduleValue(OFSCModel):
    """ResourceScheduleValue"""

    start: str | None = None
