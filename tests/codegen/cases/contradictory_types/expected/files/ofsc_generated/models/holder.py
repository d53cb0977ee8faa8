"""Holder

Generated from ``definitions.holder`` (parsed leniently: it is part of responses).
"""

from pydantic import Field

from ofsc.runtime import OFSCModel

from .holder_array_no_items_item import HolderArrayNoItemsItem
from .holder_string_with_props import HolderStringWithProps


class Holder(OFSCModel):
    """Holder"""

    string_with_props: HolderStringWithProps | None = Field(default=None, alias="stringWithProps")

    string_empty_props: str | None = Field(default=None, alias="stringEmptyProps")

    array_no_items: list[HolderArrayNoItemsItem] | None = Field(default=None, alias="arrayNoItems")

    object_with_items: list[str] | None = Field(default=None, alias="objectWithItems")
