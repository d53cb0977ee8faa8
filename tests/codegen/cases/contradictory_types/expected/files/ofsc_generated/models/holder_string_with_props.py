"""HolderStringWithProps

Generated from ``definitions.holder.stringWithProps`` (parsed leniently: it is part of responses).
"""

from ofsc.runtime import OFSCModel


class HolderStringWithProps(OFSCModel):
    """HolderStringWithProps"""

    a: str | None = None
