"""Detail

Generated from ``definitions.detail`` (parsed leniently: it is part of responses).
"""

from ofsc.runtime import OFSCModel


class Detail(OFSCModel):
    """Detail"""

    id: int | None = None
