"""The operation index: one :class:`ofsc._operation.Operation` per API operation.

The endpoint methods are built from these same objects; tools can read them too.
"""

import importlib
from typing import Any

from ofsc._operation import Operation

FAMILIES: tuple[str, ...] = (
    "core",
    "metadata",
    "capacity",
)
OPERATION_COUNT = 3


def all_operations() -> tuple[Operation[Any], ...]:
    """Every operation, family by family, in spec order."""
    found: list[Operation[Any]] = []
    for family in FAMILIES:
        found.extend(importlib.import_module(f"{__name__}.{family}").OPERATIONS)
    return tuple(found)
