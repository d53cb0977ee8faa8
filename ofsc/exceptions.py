"""The exceptions ofsc raises (also importable from :mod:`ofsc`).

The 2.x names (``OFSAPIException``, ``OFSCNotFoundError``...) still resolve here, to
:mod:`ofsc.v2.exceptions`, with a :class:`DeprecationWarning`; they are raised by
``ofsc.v2`` only.
"""

from __future__ import annotations

import warnings
from typing import Any

from ._exceptions import *  # noqa: F403  (the public exceptions, listed in its __all__)
from ._exceptions import __all__ as __all__


def __getattr__(name: str) -> Any:
    from .v2 import exceptions as v2_exceptions

    if name not in v2_exceptions.__all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(
        f"{name} is a 2.x exception: import it from ofsc.v2.exceptions (v3 raises the classes of ofsc.exceptions)",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(v2_exceptions, name)
