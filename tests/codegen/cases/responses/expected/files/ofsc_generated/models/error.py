"""Error

Generated from ``definitions.Error``.
"""

from ofsc.runtime import OFSCModel


class Error(OFSCModel):
    """Error"""

    type: str | None = None

    title: str | None = None
