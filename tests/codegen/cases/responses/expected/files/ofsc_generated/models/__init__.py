"""Every model of the OFS API (4 classes), imported on first use.

``from ofsc_generated.models import Activity`` loads only ``Activity`` and the models it
refers to, so that importing the SDK stays cheap.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .error import Error as Error
    from .get_subscriptions_response import GetSubscriptionsResponse as GetSubscriptionsResponse
    from .plans import Plans as Plans
    from .subscription import Subscription as Subscription

_MODULES: dict[str, str] = {
    "Error": "error",
    "GetSubscriptionsResponse": "get_subscriptions_response",
    "Plans": "plans",
    "Subscription": "subscription",
}

__all__ = [
    "Error",
    "GetSubscriptionsResponse",
    "Plans",
    "Subscription",
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
