"""Every model of the OFS API (5 classes), imported on first use.

``from ofsc_generated.models import Activity`` loads only ``Activity`` and the models it
refers to, so that importing the SDK stays cheap.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .holder import Holder as Holder
    from .holder_array_no_items_item import HolderArrayNoItemsItem as HolderArrayNoItemsItem
    from .holder_string_with_props import HolderStringWithProps as HolderStringWithProps
    from .team_work import TeamWork as TeamWork
    from .team_work_item import TeamWorkItem as TeamWorkItem

_MODULES: dict[str, str] = {
    "Holder": "holder",
    "HolderArrayNoItemsItem": "holder_array_no_items_item",
    "HolderStringWithProps": "holder_string_with_props",
    "TeamWork": "team_work",
    "TeamWorkItem": "team_work_item",
}

__all__ = [
    "Holder",
    "HolderArrayNoItemsItem",
    "HolderStringWithProps",
    "TeamWork",
    "TeamWorkItem",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
