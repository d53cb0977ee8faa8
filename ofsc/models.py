"""The models of the OFS API: ``from ofsc.models import Activity``.

Every model of :mod:`ofsc_generated.models`, each imported on first use. A name only
``ofsc`` 2.x had (``Workzone``, ``CsvList``, ``OFSResponseList``...) still resolves, to
:mod:`ofsc.v2.models`, with a :class:`DeprecationWarning`: import it from there (``python -m
ofsc.migrate --apply`` rewrites the import). A name both had (``Activity``, ``Resource``...)
is the v3 model here, with snake_case attributes; the 2.x one is in ``ofsc.v2.models``.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import ofsc_generated.models as _generated

if TYPE_CHECKING:
    from ofsc_generated.models import *  # noqa: F403

__all__ = list(_generated.__all__)


def __getattr__(name: str) -> Any:
    if name in _generated.__all__:
        value = getattr(_generated, name)
        globals()[name] = value
        return value
    from .v2 import models as v2_models

    if name in v2_models.__all__:
        warnings.warn(
            f"{name} is a 2.x model: import it from ofsc.v2.models",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(v2_models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
