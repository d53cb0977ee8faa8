"""Every model of the OFS API (2 classes), imported on first use.

``from ofsc_generated.models import Activity`` loads only ``Activity`` and the models it
refers to, so that importing the SDK stays cheap.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .calendar_item import CalendarItem as CalendarItem
    from .error_with_response_code import ErrorWithResponseCode as ErrorWithResponseCode

_MODULES: dict[str, str] = {
    "CalendarItem": "calendar_item",
    "ErrorWithResponseCode": "error_with_response_code",
}

__all__ = [
    "CalendarItem",
    "ErrorWithResponseCode",
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
