"""Error

Generated from ``definitions.Error``.
"""

from pydantic import Field

from ofsc._models import OFSCModel


class Error(OFSCModel):
    """Error"""

    type_: str | None = Field(default=None, alias="type")

    title: str | None = None
