"""Stage 3, operations: the method of every operation, with its signature, body, result,
paging and replay safety.

Method names come from the reviewed overlay (``specs/names.toml``); an operation missing
from it gets ``<tag>_<summary>`` in snake case and a warning. Bodies and results are typed by
the classes :mod:`codegen.name_models` gives their schemas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import text
from .identifiers import pascal, safe_identifier, snake
from .ir import BodyIR, FamilyIR, OperationIR, PagingIR, ParamIR
from .name_models import CONSTRAINTS, DATE, NamingError, scalar_annotation
from .normalise import HTTP_METHODS
from .types import ANY, STR, ListOf, MapOf, Ref, Scalar, TypeExpr, Union

if TYPE_CHECKING:
    from .name_models import ModelNamer

Schema = dict[str, Any]

# The spec's path prefixes (/rest/<prefix>/...) -> API family: the one list of families;
# the generated package's FAMILIES is rendered from the families found here.
FAMILIES = {
    "ofscCore": "core",
    "ofscMetadata": "metadata",
    "ofscCapacity": "capacity",
    "ofscStatistics": "statistics",
    "ofscPartsCatalog": "parts_catalog",
    "ofscCollaboration": "collaboration",
    "oauthTokenService": "auth",
}
RESERVED_PARAMS = frozenset({"self", "options"})
FILE_CONTENT = Scalar("FileContent")  # bytes, a binary file, or (name, file, media type)


class OperationNamer:
    """Builds the families of operations, asking ``namer`` for the classes they use."""

    def __init__(self, namer: ModelNamer) -> None:
        self.namer = namer
        self.doc = namer.doc
        self.overlay = namer.overlay
        self.warnings = namer.warnings

    def build_families(self) -> list[FamilyIR]:
        int_path_params = self._integer_path_params()
        by_family: dict[str, list[OperationIR]] = {}
        for path, item in self.doc["paths"].items():
            for method in HTTP_METHODS:
                if method in item:
                    op = self._operation(path, method, item[method], int_path_params)
                    by_family.setdefault(op.family, []).append(op)
        for name in self.overlay.method_names:
            method, _, path = name.partition(" ")
            if method.lower() not in self.doc["paths"].get(path, {}):
                self.warnings.append(f"specs/names.toml names {name!r}, which the spec does not have")
        for name in self.namer.def_class:  # unreachable definitions are generated too
            self.namer.model_for_def(name)
        self._check_body_decisions()
        for key in sorted(self.overlay.retry_safe):
            method, _, path = key.partition(" ")
            if method.lower() not in self.doc["paths"].get(path, {}):
                self.warnings.append(
                    f"specs/overlay.toml marks {key!r} retry-safe; the spec does not have it"
                )
        order = list(FAMILIES.values())
        families = []
        for family in sorted(by_family, key=lambda f: (order.index(f) if f in order else len(order), f)):
            ops = by_family[family]
            seen: dict[str, str] = {}
            for op in ops:
                key = f"{op.http_method} {op.path}"
                if op.name in seen:
                    raise NamingError(f"{family}: {key} and {seen[op.name]} are both named {op.name!r}")
                seen[op.name] = key
            families.append(FamilyIR(family, pascal(family) + "API", ops))
        return families

    def _check_body_decisions(self) -> None:
        """Once specs/overlay.toml decides request bodies, every JSON body must be decided."""
        if not self.overlay.decides_bodies:
            return
        decided = self.overlay.optional_bodies | self.overlay.required_bodies
        bodies = set()
        for path, item in self.doc["paths"].items():
            for method in HTTP_METHODS:
                for p in item.get(method, {}).get("parameters", []):
                    if p.get("in") == "body" and not _is_binary(self.namer.resolve(p.get("schema", {}))):
                        bodies.add(f"{method.upper()} {path}")
        for key in sorted(bodies - decided):
            self.warnings.append(
                f"{key}: specs/overlay.toml [request_bodies] does not say whether its body is optional"
            )
        for key in sorted(decided - bodies):
            self.warnings.append(f"specs/overlay.toml [request_bodies] names {key!r}, which has no JSON body")

    def _integer_path_params(self) -> set[str]:
        names = set()
        for item in self.doc["paths"].values():
            for method in HTTP_METHODS:
                for p in item.get(method, {}).get("parameters", []):
                    if p.get("in") == "path" and p.get("type") == "integer":
                        names.add(p["name"])
        return names

    def _operation(self, path: str, method: str, op: Schema, int_path_params: set[str]) -> OperationIR:
        key = f"{method.upper()} {path}"
        prefix = path.split("/")[2] if path.count("/") >= 2 else path
        family = FAMILIES.get(prefix) or snake(prefix)
        tag = (op.get("tags") or ["untagged"])[0]
        name = self.overlay.method_names.get(key)
        if name is None:
            name = safe_identifier(f"{snake(tag.split('/')[-1])}_{snake(op.get('summary') or method)}")
            self.warnings.append(f"{key} has no reviewed name in specs/names.toml; named {name!r}")
        elif not name.isidentifier() or name != name.lower():
            raise NamingError(f"specs/names.toml: {key} = {name!r} is not a snake_case identifier")
        method_class = pascal(name)
        params: list[ParamIR] = []
        body: BodyIR | None = None
        for p in op.get("parameters", []):
            if p["in"] == "body":
                body = self._body(p, op, method_class, key)
            else:
                params.append(self._param(p, int_path_params))
        if any(p.location == "file" for p in params):
            body = BodyIR(kind="multipart", name="", annotation=None, required=True)
        elif any(p.location == "form" for p in params):
            body = BodyIR(kind="form", name="", annotation=None, required=True)
        names = [p.name for p in params] + ([body.name] if body and body.name else [])
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise NamingError(f"{key}: parameters collide as {', '.join(dupes)}")
        params.sort(key=lambda p: not p.required)  # required first, spec order otherwise
        success, response_kind, response_model = self._response(op, method_class, key)
        paging = self._paging(params, response_model)
        return OperationIR(
            family=family,
            name=name,
            constant=name.upper(),
            http_method=method.upper(),
            path=path,
            operation_id=str(op.get("operationId", "")),
            internal_id=str(op.get("x-internal-id", "")),
            tag=tag,
            summary=text.one_line(op.get("summary", "")),
            description=text.html_to_text(op.get("description", "")),
            deprecated=bool(op.get("deprecated")) or "(deprecated)" in op.get("summary", "").lower(),
            params=params,
            body=body,
            success=success,
            response_kind=response_kind,
            response_model=response_model,
            paging=paging,
            retry_safe=method in ("get", "put", "delete") or key in self.overlay.retry_safe,
            named_by_overlay=key in self.overlay.method_names,
        )

    def _param(self, p: Schema, int_path_params: set[str]) -> ParamIR:
        location = {"formData": "file" if p.get("type") == "file" else "form"}.get(p["in"], p["in"])
        name = safe_identifier(snake(p["name"]), RESERVED_PARAMS)
        array = p.get("type") == "array"
        runtime: tuple[str, ...]
        annotation: TypeExpr
        if location == "file":
            annotation, runtime = FILE_CONTENT, ("bytes", "IOBase", "tuple")
        elif array:
            item = p.get("items", {})
            annotation, runtime = ListOf(scalar_annotation(item), any_sequence=True), _runtime_types(item)
        elif location == "path" and p.get("type") == "string" and p["name"] in int_path_params:
            annotation, runtime = Union((Scalar("int"), STR)), ("int", "str")
        else:
            annotation, runtime = param_annotation(p), _runtime_types(p)
        constraints = {py: p[key] for key, py in CONSTRAINTS.items() if key in p}
        return ParamIR(
            name=name,
            wire=p["name"],
            location=location,  # type: ignore[arg-type]
            annotation=annotation,
            required=bool(p.get("required")),
            runtime_types=runtime,
            array=array,
            description=text.html_to_text(p.get("description", "")),
            constraints=constraints,
        )

    def _body(self, p: Schema, op: Schema, method_class: str, key: str) -> BodyIR:
        schema = p.get("schema", {})
        description = text.html_to_text(
            p.get("description", "") or self.namer.resolve(schema).get("description", "")
        )
        if _is_binary(self.namer.resolve(schema)):
            return BodyIR("binary", "content", FILE_CONTENT, True, None, description)
        cls = self.namer.class_for(schema, f"{method_class}Request", f"{key} body")
        model = self.namer.models[cls]
        # The model, or the plain JSON the caller already has.
        accepts = (
            ListOf(ANY, any_sequence=True) if isinstance(model.root, ListOf) else MapOf(ANY, any_mapping=True)
        )
        annotation = Union((Ref(cls), accepts))
        return BodyIR("json", "body", annotation, bool(p.get("required", True)), cls, description)

    def _response(self, op: Schema, method_class: str, key: str) -> tuple[tuple[int, ...], Any, str | None]:
        responses = op.get("responses", {})
        codes = sorted(int(c) for c in responses if c.isdigit() and c.startswith("2"))
        schema = next((responses[str(c)]["schema"] for c in codes if "schema" in responses[str(c)]), None)
        if schema is None:
            return tuple(codes), "none", None
        if _is_binary(self.namer.resolve(schema)):
            return tuple(codes), "binary", None
        cls = self.namer.class_for(schema, f"{method_class}Response", f"{key} response")
        kind = "optional_model" if 204 in codes else "model"
        return tuple(codes), kind, cls

    def _paging(self, params: list[ParamIR], response_model: str | None) -> PagingIR | None:
        if response_model is None:
            return None
        wires = {f.wire for f in self.namer.all_fields(response_model)}
        query = {p.wire for p in params if p.location == "query"}
        if "items" in wires and "offset" in query and ({"hasMore", "totalResults"} & wires):
            return PagingIR("offset", has_more="hasMore" in wires, total_results="totalResults" in wires)
        if "items" in wires and "nextPage" in wires and "page" in query:
            return PagingIR("cursor")
        return None


def param_annotation(p: Schema) -> TypeExpr:
    annotation = scalar_annotation(p)
    # A date parameter also takes the string the user already has.
    return Union((DATE, STR)) if annotation == DATE else annotation


def _runtime_types(p: Schema) -> tuple[str, ...]:
    kind = p.get("type")
    if kind == "string":
        return ("date", "str") if p.get("format") == "date" else ("str",)
    return {"integer": ("int",), "number": ("float", "int"), "boolean": ("bool",)}.get(
        kind or "", ("object",)
    )


def _is_binary(schema: Schema) -> bool:
    return schema.get("type") == "file" or (
        schema.get("type") == "string" and schema.get("format") == "binary"
    )
