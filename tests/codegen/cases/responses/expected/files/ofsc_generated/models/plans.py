"""Plans

Generated from ``definitions.plans`` (parsed leniently: it is part of responses).
"""

from ofsc.runtime import OFSCModel


class Plans(OFSCModel):
    """Plans"""

    items: list[str] | None = None
