"""HolderArrayNoItemsItem

Generated from ``definitions.holder.arrayNoItems[]`` (parsed leniently: it is part of responses).
"""

from ofsc.runtime import OFSCModel


class HolderArrayNoItemsItem(OFSCModel):
    """HolderArrayNoItemsItem"""

    b: int | None = None
