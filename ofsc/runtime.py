"""What generated code takes from the runtime, and nothing else.

``ofsc_generated`` imports the runtime only from here, so the runtime's private modules can
be reorganised without regenerating, and this list says what the two halves agree on:
model bases, the operation index's parts, the endpoint base classes and the types their
signatures name. Each name is imported on first use: a model module that needs only
``OFSCModel`` does not load the request machinery.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._models import OFSCModel, OFSCRootModel
    from ._operation import Binary, Body, Operation, Paging, Param
    from ._resource import AsyncAPI, FamilyAccess, SyncAPI
    from ._response import AsyncBinaryResponse, BinaryResponse, RawResponse
    from ._types import FileContent, RequestOptions

# name -> the private module that defines it
_SOURCES: dict[str, str] = {
    "OFSCModel": "_models",
    "OFSCRootModel": "_models",
    "Binary": "_operation",
    "Body": "_operation",
    "Operation": "_operation",
    "Paging": "_operation",
    "Param": "_operation",
    "AsyncAPI": "_resource",
    "FamilyAccess": "_resource",
    "SyncAPI": "_resource",
    "AsyncBinaryResponse": "_response",
    "BinaryResponse": "_response",
    "RawResponse": "_response",
    "FileContent": "_types",
    "RequestOptions": "_types",
}

__all__ = [
    "AsyncAPI",
    "AsyncBinaryResponse",
    "Binary",
    "BinaryResponse",
    "Body",
    "FamilyAccess",
    "FileContent",
    "OFSCModel",
    "OFSCRootModel",
    "Operation",
    "Paging",
    "Param",
    "RawResponse",
    "RequestOptions",
    "SyncAPI",
]


def __getattr__(name: str) -> Any:
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"ofsc.{source}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
