"""ErrorWithResponseCode

Generated from ``definitions.ErrorWithResponseCode`` (parsed leniently: it is part of responses).
"""

from pydantic import Field

from ofsc.runtime import OFSCModel


class ErrorWithResponseCode(OFSCModel):
    """ErrorWithResponseCode"""

    o_error_code: str | None = Field(default=None, alias="o:errorCode")

    type: str | None = None

    title: str | None = None
