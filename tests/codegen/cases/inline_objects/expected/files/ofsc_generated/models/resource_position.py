"""ResourcePosition

Generated from ``definitions.resource.position`` (parsed leniently: it is part of responses).
"""

from ofsc.runtime import OFSCModel


class ResourcePosition(OFSCModel):
    """ResourcePosition"""

    lat: float | None = None
