"""The intermediate representation the templates render: names and Python types decided.

Everything in here is plain data, sorted and deterministic, so that rendering the same
IR twice gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .types import TypeExpr

BodyKind = Literal["json", "binary", "form", "multipart"]
ResponseKind = Literal["model", "optional_model", "none", "binary"]
ParamLocation = Literal["path", "query", "header", "form", "file"]


@dataclass
class FieldIR:
    name: str  # Python attribute
    wire: str  # the API's name (alias)
    annotation: TypeExpr  # without "| None"
    required: bool  # as the spec says
    nullable: bool
    description: str = ""
    constraints: dict[str, object] = field(default_factory=dict)


@dataclass
class ModelIR:
    class_name: str
    module: str  # module name under ofsc_generated.models
    source: str  # where in the spec it comes from (definition name or location)
    description: str = ""
    bases: list[str] = field(default_factory=list)  # generated base classes
    fields: list[FieldIR] = field(default_factory=list)
    root: TypeExpr | None = None  # a RootModel's root, when the schema is not an object
    deps: set[str] = field(default_factory=set)  # class names this module imports
    response_side: bool = False  # reachable from a response: lenient (every field optional)
    request_side: bool = False


@dataclass
class ParamIR:
    name: str
    wire: str
    location: ParamLocation
    annotation: TypeExpr
    required: bool
    runtime_types: tuple[str, ...]  # names of Python types accepted at runtime
    array: bool = False
    default: str | None = None  # Python literal
    description: str = ""
    constraints: dict[str, object] = field(default_factory=dict)


@dataclass
class BodyIR:
    kind: BodyKind
    name: str  # keyword argument
    annotation: TypeExpr | None  # None for form and multipart bodies (their fields are parameters)
    required: bool
    model: str | None = None  # class name for json bodies
    description: str = ""


@dataclass
class PagingIR:
    kind: Literal["offset", "cursor"]
    has_more: bool = False
    total_results: bool = False


@dataclass
class OperationIR:
    family: str
    name: str  # method name
    constant: str  # name of its Operation constant
    http_method: str
    path: str
    operation_id: str
    internal_id: str
    tag: str
    summary: str
    description: str
    deprecated: bool
    params: list[ParamIR]
    body: BodyIR | None
    success: tuple[int, ...]
    response_kind: ResponseKind
    response_model: str | None  # class name
    paging: PagingIR | None
    retry_safe: bool
    named_by_overlay: bool


@dataclass
class FamilyIR:
    name: str  # core, metadata, ...
    class_name: str  # CoreAPI
    operations: list[OperationIR]


@dataclass
class SdkIR:
    spec_version: str
    spec_sha256: str
    spec_title: str
    models: list[ModelIR]
    families: list[FamilyIR]
    warnings: list[str] = field(default_factory=list)

    @property
    def operations(self) -> list[OperationIR]:
        return [op for fam in self.families for op in fam.operations]
