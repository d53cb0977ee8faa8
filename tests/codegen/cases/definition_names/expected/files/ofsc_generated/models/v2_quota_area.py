"""V2QuotaArea

Generated from ``definitions.v2-quota-area`` (parsed leniently: it is part of responses).
"""

from ofsc.runtime import OFSCModel


class V2QuotaArea(OFSCModel):
    """V2QuotaArea"""

    label: str | None = None
