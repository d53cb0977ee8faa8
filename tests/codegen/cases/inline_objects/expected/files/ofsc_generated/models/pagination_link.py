"""PaginationLink

Generated from ``definitions.PaginationLink`` (parsed leniently: it is part of responses).
"""

from ofsc.runtime import OFSCModel


class PaginationLink(OFSCModel):
    """PaginationLink"""

    rel: str | None = None

    href: str | None = None
