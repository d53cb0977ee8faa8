"""What the generator tells the runtime about each operation: plain, immutable data.

The generated ``ofsc_generated.operations.<family>`` modules hold one :class:`Operation`
per API operation; the sync and async endpoint methods pass it, with the caller's
arguments, to the one request pipeline in :mod:`ofsc._base_client`. Tools can read the
same objects (``ofsc_generated.operations.all_operations()``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

T = TypeVar("T")

ParamLocation = Literal["path", "query", "header", "form", "file"]
BodyKind = Literal["json", "binary", "form", "multipart"]
ResponseKind = Literal["model", "optional_model", "none", "binary"]


class Binary:
    """Type marker for operations whose success body is a file (streamed, not parsed)."""


@dataclass(frozen=True, slots=True)
class Param:
    name: str  # the keyword argument
    wire: str  # the name on the wire
    location: ParamLocation
    required: bool
    types: tuple[type, ...]  # accepted at runtime (for arrays: the item types)
    array: bool = False  # sent comma-separated
    min_length: int | None = None
    max_length: int | None = None
    ge: float | None = None
    le: float | None = None
    pattern: str | None = None


@dataclass(frozen=True, slots=True)
class Body:
    kind: BodyKind
    name: str = ""  # keyword argument holding the body ("" for form/multipart: see params)
    required: bool = True
    model: str | None = None  # "package.module:Class" of a json body


@dataclass(frozen=True, slots=True)
class Paging:
    kind: Literal["offset", "cursor"]
    has_more: bool = False
    total_results: bool = False


@dataclass(frozen=True, slots=True)
class Operation[T]:
    family: str
    name: str
    method: str
    path: str
    params: tuple[Param, ...]
    success: tuple[int, ...]
    response_kind: ResponseKind
    response_model: str | None = None  # "package.module:Class"
    body: Body | None = None
    paging: Paging | None = None
    retry_safe: bool = False  # may be replayed after it may have reached the server
    operation_id: str = ""
    summary: str = ""
    tag: str = ""
    deprecated: bool = False

    @property
    def key(self) -> str:
        """``"GET /rest/ofscCore/v1/activities/{activityId}"``: how the spec names it."""
        return f"{self.method} {self.path}"

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_models: dict[str, type[Any]] = {}


def resolve_model(ref: str) -> type[BaseModel]:
    """Import ``"package.module:Class"`` on first use (models load lazily, per operation)."""
    model = _models.get(ref)
    if model is None:
        module, _, name = ref.partition(":")
        model = _models[ref] = getattr(importlib.import_module(module), name)
    return model
