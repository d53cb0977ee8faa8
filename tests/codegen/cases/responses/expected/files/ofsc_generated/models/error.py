"""Error

Generated from ``definitions.Error``.
"""

from ofsc._models import OFSCModel


class Error(OFSCModel):
    """Error"""

    type: str | None = None

    title: str | None = None
