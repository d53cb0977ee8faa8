"""PaginationLink

Generated from ``definitions.PaginationLink`` (parsed leniently: it is part of responses).
"""

from ofsc._models import OFSCModel


class PaginationLink(OFSCModel):
    """PaginationLink"""

    rel: str | None = None

    href: str | None = None
