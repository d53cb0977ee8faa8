"""Every model of the OFS API (4 classes), imported on first use.

``from ofsc_generated.models import Activity`` loads only ``Activity`` and the models it
refers to, so that importing the SDK stays cheap.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pagination_link import PaginationLink as PaginationLink
    from .resource import Resource as Resource
    from .resource_position import ResourcePosition as ResourcePosition
    from .resource_schedule_value import ResourceScheduleValue as ResourceScheduleValue

_MODULES: dict[str, str] = {
    "PaginationLink": "pagination_link",
    "Resource": "resource",
    "ResourcePosition": "resource_position",
    "ResourceScheduleValue": "resource_schedule_value",
}

__all__ = [
    "PaginationLink",
    "Resource",
    "ResourcePosition",
    "ResourceScheduleValue",
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
