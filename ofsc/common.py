"""Deprecated: the 2.x ``ofsc.common`` (``wrap_return`` and the ``*_RESPONSE`` constants),
now :mod:`ofsc.v2.common`. Each name still resolves here, with a :class:`DeprecationWarning`."""

from __future__ import annotations

import warnings
from typing import Any


def __getattr__(name: str) -> Any:
    from .v2 import common

    if name.startswith("_") or name not in common.__all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(
        f"ofsc.common is the 2.x module: import {name} from ofsc.v2.common",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(common, name)
