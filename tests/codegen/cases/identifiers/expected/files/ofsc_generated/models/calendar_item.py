"""CalendarItem

Generated from ``definitions.calendarItem`` (parsed leniently: it is part of responses).
"""

from pydantic import Field

from ofsc.runtime import OFSCModel


class CalendarItem(OFSCModel):
    """CalendarItem"""

    on_call: bool | None = Field(default=None, alias="on-call")

    json_: str | None = Field(default=None, alias="json")

    headers_: str | None = Field(default=None, alias="headers")

    ip_addresses_to_allow: str | None = Field(default=None, alias="IPAddressesToAllow")

    model_property: str | None = Field(default=None, alias="modelProperty")
