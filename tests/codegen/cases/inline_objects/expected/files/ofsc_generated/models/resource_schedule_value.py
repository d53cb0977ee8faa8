"""ResourceScheduleValue

Generated from ``definitions.resource.schedule{*}`` (parsed leniently: it is part of responses).
"""

from ofsc._models import OFSCModel


class ResourceScheduleValue(OFSCModel):
    """ResourceScheduleValue"""

    start: str | None = None
