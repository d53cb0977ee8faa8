"""Stage 3: decide every name and every Python type; produce the IR the templates render.

Names: method names come from the reviewed overlay (``specs/names.toml``); an operation
missing from it gets ``<tag>_<summary>`` in snake case and a warning. Class names come
from definition names (PascalCase, overridable in ``specs/overlay.toml``), and inline
objects are named after where they sit (``Parent`` + ``Property`` [+ ``Item``/``Value``]),
deduplicated by structure. Any collision that would make two things share a name is a
hard error.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import text
from .identifiers import pascal, safe_identifier, snake
from .ir import BodyIR, FamilyIR, FieldIR, ModelIR, OperationIR, PagingIR, ParamIR, SdkIR
from .normalise import HTTP_METHODS

if TYPE_CHECKING:
    from .overlay import Overlay

Schema = dict[str, Any]

FAMILIES = {
    "ofscCore": "core",
    "ofscMetadata": "metadata",
    "ofscCapacity": "capacity",
    "ofscStatistics": "statistics",
    "ofscPartsCatalog": "parts_catalog",
    "ofscCollaboration": "collaboration",
    "oauthTokenService": "auth",
}

# Attribute names a field must not take: pydantic's BaseModel API, our result metadata,
# and the names the model modules import.
RESERVED_FIELDS = frozenset(
    {
        "copy", "dict", "json", "schema", "schema_json", "construct", "validate", "fields",
        "parse_obj", "parse_raw", "parse_file", "from_orm", "update_forward_refs",
        "raw_response", "status_code", "headers", "dt", "Any", "Literal", "Field",
    }
)  # fmt: skip
RESERVED_PARAMS = frozenset({"self", "options"})
RESERVED_CLASSES = frozenset({"Any", "Literal", "Field", "OFSCModel", "OFSCRootModel", "BaseModel"})
_SKIP_IN_STRUCTURE = frozenset({"description", "title", "example"})
_CONSTRAINTS = {
    "minLength": "min_length",
    "maxLength": "max_length",
    "minimum": "ge",
    "maximum": "le",
    "pattern": "pattern",
    "minItems": "min_length",
    "maxItems": "max_length",
}


class NamingError(Exception):
    """Two things would get the same name, or a name is not usable."""


def build_ir(doc: dict[str, Any], overlay: Overlay, sha256: str) -> SdkIR:
    builder = _Builder(doc, overlay)
    families = builder.build_families()
    builder.mark_sides(families)
    models = sorted(builder.models.values(), key=lambda m: m.class_name)
    return SdkIR(
        spec_version=str(doc["info"].get("version", "unknown")),
        spec_sha256=sha256,
        spec_title=str(doc["info"].get("title", "")),
        models=models,
        families=families,
        warnings=builder.warnings,
    )


class _Builder:
    def __init__(self, doc: dict[str, Any], overlay: Overlay) -> None:
        self.doc = doc
        self.defs: dict[str, Schema] = doc["definitions"]
        self.overlay = overlay
        self.warnings: list[str] = []
        self.models: dict[str, ModelIR] = {}
        self.by_structure: dict[str, str] = {}
        self.def_class: dict[str, str] = {}
        self._def_of_class: dict[str, str] = {}
        self._built_defs: set[str] = set()
        self._taken_modules: dict[str, str] = {}
        self._name_definitions()

    # ---- classes -------------------------------------------------------------------

    def _is_class_def(self, schema: Schema) -> bool:
        if "$ref" in schema:
            return False
        if schema.get("type") == "array":
            return True
        if schema.get("type") != "object":
            return False
        refs = [m for m in schema.get("allOf", []) if "$ref" in m]
        if schema.get("allOf") and len(refs) == 1 and len(schema["allOf"]) == 1:
            # A wrapper around one $ref is that class, unless it adds properties or requirements.
            return bool(schema.get("properties") or schema.get("required"))
        return bool(schema.get("properties") or schema.get("allOf"))

    def _name_definitions(self) -> None:
        for name, schema in self.defs.items():
            if self._is_class_def(schema):
                class_name = self.overlay.model_names.get(name) or pascal(name)
                self._claim(class_name, f"definition {name!r}")
                self.def_class[name] = class_name
                self._def_of_class[class_name] = name
                # An inline object shaped exactly like a definition is that definition.
                self.by_structure.setdefault(self._structure_key(schema), class_name)

    def _claim(self, class_name: str, source: str) -> str:
        if class_name in RESERVED_CLASSES:
            raise NamingError(
                f"{source}: class name {class_name!r} is reserved; rename it in specs/overlay.toml"
            )
        module = snake(class_name)
        if module in self._taken_modules:
            raise NamingError(
                f"{source}: class {class_name!r} collides with {self._taken_modules[module]} "
                "(same name ignoring case); add a [model_names] entry to specs/overlay.toml"
            )
        self._taken_modules[module] = source
        return module

    def _unique_inline_name(self, hint: str) -> str:
        candidate, n = hint, 2
        while snake(candidate) in self._taken_modules or candidate in RESERVED_CLASSES:
            candidate, n = f"{hint}{n}", n + 1
        return candidate

    def resolve(self, schema: Schema) -> Schema:
        while "$ref" in schema:
            schema = self.defs[_ref_name(schema)]
        return schema

    def _structure_key(self, schema: Schema) -> str:
        return json.dumps(_strip(schema), sort_keys=True)

    def model_for_def(self, name: str) -> str:
        class_name = self.def_class[name]
        if name not in self._built_defs:
            self._built_defs.add(name)
            schema = self.defs[name]
            model = self._build_model(schema, class_name, f"definitions.{name}")
            self.models[class_name] = model
        return class_name

    def _inline_class(self, schema: Schema, hint: str, source: str) -> str:
        key = self._structure_key(schema)
        if key in self.by_structure:
            existing = self.by_structure[key]
            if existing in self._def_of_class:
                self.model_for_def(self._def_of_class[existing])
            return existing
        class_name = self._unique_inline_name(hint)
        self._claim(class_name, source)
        self.by_structure[key] = class_name
        self.models[class_name] = self._build_model(schema, class_name, source)
        return class_name

    def class_for(self, schema: Schema, hint: str, source: str) -> str:
        """The class that represents ``schema`` as a whole (a body or a response)."""
        if "$ref" in schema:
            target = _ref_name(schema)
            if target in self.def_class:
                return self.model_for_def(target)
            return self.class_for(self.defs[target], hint, source)
        wrapped = _single_member(schema)
        if wrapped is not None:
            return self.class_for(wrapped, hint, source)
        if self._is_class_def(schema):
            return self._inline_class(schema, hint, source)
        # A map, a free-form object or a primitive: wrap it so a result can carry its response.
        key = "root:" + self._structure_key(schema)
        if key in self.by_structure:
            return self.by_structure[key]
        class_name = self._unique_inline_name(hint)
        self._claim(class_name, source)
        model = ModelIR(class_name=class_name, module=snake(class_name), source=source)
        model.root = self.annotate(schema, f"{class_name}Item", model, source)
        model.description = text.html_to_text(schema.get("description", ""))
        self.models[class_name] = model
        self.by_structure[key] = class_name
        return class_name

    def _build_model(self, schema: Schema, class_name: str, source: str) -> ModelIR:
        model = ModelIR(
            class_name=class_name,
            module=snake(class_name),
            source=source,
            description=text.html_to_text(schema.get("description", "") or schema.get("title", "")),
        )
        if schema.get("type") == "array":
            model.root = self.annotate(schema, f"{class_name}Item", model, source)
            return model
        props: dict[str, Schema] = dict(schema.get("properties", {}))
        required: list[str] = list(schema.get("required", []))
        base_classes: list[str] = []
        for member in schema.get("allOf", []):
            if "$ref" in member:
                base_classes.append(self.class_for(member, f"{class_name}Base", source))
            else:
                member = self.resolve(member)
                props.update(member.get("properties", {}))
                required.extend(member.get("required", []))
        own = self._fields(props, required, class_name, model, source)
        if len(base_classes) == 1:
            model.bases = base_classes
            model.deps.add(base_classes[0])
            inherited = {f.wire: f for f in self.all_fields(base_classes[0])}
            own_wires = {f.wire for f in own}
            # A sibling "required" may tighten a parent's field: redeclare it as required.
            for wire in required:
                if wire not in own_wires and wire in inherited and not inherited[wire].required:
                    parent = inherited[wire]
                    own.append(FieldIR(parent.name, parent.wire, parent.annotation, True, parent.nullable,
                                       parent.description, dict(parent.constraints)))  # fmt: skip
                    model.deps |= self._names_in(parent.annotation)
        elif len(base_classes) > 1:
            # allOf over several objects is their union of fields (no conflicts in practice).
            merged: dict[str, FieldIR] = {}
            for base in base_classes:
                for f in self.all_fields(base):
                    merged.setdefault(f.wire, f)
                    model.deps |= self._names_in(f.annotation)
            for f in own:
                merged[f.wire] = f
            own = list(merged.values())
        model.fields = own
        seen: dict[str, str] = {}
        for f in self.all_fields_of(model):
            if f.name in seen and seen[f.name] != f.wire:
                raise NamingError(f"{source}: fields {seen[f.name]!r} and {f.wire!r} both become {f.name!r}")
            seen[f.name] = f.wire
        return model

    def all_fields(self, class_name: str) -> list[FieldIR]:
        return self.all_fields_of(self.models[class_name])

    def all_fields_of(self, model: ModelIR) -> list[FieldIR]:
        fields: dict[str, FieldIR] = {}
        for base in model.bases:
            for f in self.all_fields(base):
                fields[f.wire] = f
        for f in model.fields:
            fields[f.wire] = f
        return list(fields.values())

    def _names_in(self, annotation: str) -> set[str]:
        return {word for word in _identifier_words(annotation) if word in self.models}

    def _fields(
        self, props: dict[str, Schema], required: list[str], owner: str, model: ModelIR, source: str
    ) -> list[FieldIR]:
        fields = []
        for wire, prop in props.items():
            name = safe_identifier(snake(wire), RESERVED_FIELDS)
            annotation = self.annotate(prop, owner + pascal(wire), model, f"{source}.{wire}")
            resolved = self.resolve(prop)
            constraints = {
                py: resolved[key]
                for key, py in _CONSTRAINTS.items()
                if key in resolved and resolved.get("type") in ("string", "integer", "number", "array")
            }
            fields.append(
                FieldIR(
                    name=name,
                    wire=wire,
                    annotation=annotation,
                    required=wire in required,
                    nullable=bool(prop.get("x-nullable")),
                    description=text.html_to_text(
                        prop.get("description", "") or resolved.get("description", "")
                    ),
                    constraints=constraints,
                )
            )
        return fields

    # ---- types ---------------------------------------------------------------------

    def annotate(self, schema: Schema, hint: str, model: ModelIR | None, source: str) -> str:
        """The Python type for ``schema``; records in ``model.deps`` the classes it uses."""
        if "$ref" in schema:
            target = _ref_name(schema)
            if target in self.def_class:
                return self._use(self.model_for_def(target), model)
            return self.annotate(self.defs[target], hint, model, source)
        kind = schema.get("type")
        wrapped = _single_member(schema)
        if wrapped is not None:
            return self.annotate(wrapped, hint, model, source)
        if kind == "object" or "allOf" in schema:
            if self._is_class_def(schema):
                return self._use(self._inline_class(schema, hint, source), model)
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return f"dict[str, {self.annotate(extra, f'{hint}Value', model, source + '{*}')}]"
            return "dict[str, Any]"
        if kind == "array":
            items = schema.get("items") or {}
            item_hint = hint if hint.endswith("Item") else f"{hint}Item"
            return f"list[{self.annotate(items, item_hint, model, source + '[]')}]" if items else "list[Any]"
        return scalar_annotation(schema)

    def _use(self, class_name: str, model: ModelIR | None) -> str:
        if model is not None and class_name != model.class_name:
            model.deps.add(class_name)
        return class_name

    # ---- operations ----------------------------------------------------------------

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
        for name in self.def_class:  # unreachable definitions are generated too
            self.model_for_def(name)
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
                    if p.get("in") == "body" and not _is_binary(self.resolve(p.get("schema", {}))):
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
            body = BodyIR(kind="multipart", name="", annotation="", required=True)
        elif any(p.location == "form" for p in params):
            body = BodyIR(kind="form", name="", annotation="", required=True)
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
        if location == "file":
            annotation, runtime = "FileContent", ("bytes", "IOBase", "tuple")
        elif array:
            item = p.get("items", {})
            annotation, runtime = f"Sequence[{scalar_annotation(item)}]", _runtime_types(item)
        elif location == "path" and p.get("type") == "string" and p["name"] in int_path_params:
            annotation, runtime = "int | str", ("int", "str")
        else:
            annotation, runtime = param_annotation(p), _runtime_types(p)
        constraints = {py: p[key] for key, py in _CONSTRAINTS.items() if key in p}
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
            p.get("description", "") or self.resolve(schema).get("description", "")
        )
        if _is_binary(self.resolve(schema)):
            return BodyIR("binary", "content", "FileContent", True, None, description)
        cls = self.class_for(schema, f"{method_class}Request", f"{key} body")
        model = self.models[cls]
        accepts = "Sequence[Any]" if model.root and model.root.startswith("list[") else "Mapping[str, Any]"
        return BodyIR("json", "body", f"{cls} | {accepts}", bool(p.get("required", True)), cls, description)

    def _response(self, op: Schema, method_class: str, key: str) -> tuple[tuple[int, ...], Any, str | None]:
        responses = op.get("responses", {})
        codes = sorted(int(c) for c in responses if c.isdigit() and c.startswith("2"))
        schema = next((responses[str(c)]["schema"] for c in codes if "schema" in responses[str(c)]), None)
        if schema is None:
            return tuple(codes), "none", None
        if _is_binary(self.resolve(schema)):
            return tuple(codes), "binary", None
        cls = self.class_for(schema, f"{method_class}Response", f"{key} response")
        kind = "optional_model" if 204 in codes else "model"
        return tuple(codes), kind, cls

    def _paging(self, params: list[ParamIR], response_model: str | None) -> PagingIR | None:
        if response_model is None:
            return None
        wires = {f.wire for f in self.all_fields(response_model)}
        query = {p.wire for p in params if p.location == "query"}
        if "items" in wires and "offset" in query and ({"hasMore", "totalResults"} & wires):
            return PagingIR("offset", has_more="hasMore" in wires, total_results="totalResults" in wires)
        if "items" in wires and "nextPage" in wires and "page" in query:
            return PagingIR("cursor")
        return None

    def mark_sides(self, families: list[FamilyIR]) -> None:
        def walk(class_name: str, attr: str) -> None:
            model = self.models[class_name]
            if getattr(model, attr):
                return
            setattr(model, attr, True)
            for dep in sorted(model.deps):
                walk(dep, attr)

        for family in families:
            for op in family.operations:
                if op.response_model:
                    walk(op.response_model, "response_side")
                if op.body and op.body.model:
                    walk(op.body.model, "request_side")


def scalar_annotation(schema: Schema) -> str:
    kind = schema.get("type")
    enum = schema.get("enum")
    if enum and kind in ("string", "integer", None):
        values = ", ".join(json.dumps(v) for v in enum)
        return f"Literal[{values}] | {'int' if kind == 'integer' else 'str'}"
    if kind == "string":
        if schema.get("format") == "date":
            return "dt.date"
        if schema.get("format") == "binary":
            return "bytes"
        return "str"
    return {"integer": "int", "number": "float", "boolean": "bool"}.get(kind or "", "Any")


def param_annotation(p: Schema) -> str:
    annotation = scalar_annotation(p)
    # A date parameter also takes the string the user already has.
    return "dt.date | str" if annotation == "dt.date" else annotation


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


def _single_member(schema: Schema) -> Schema | None:
    """The one member of an ``allOf`` that only wraps it (adding no properties, requirements
    or map values): such a wrapper is that member, not a free-form object."""
    members = schema.get("allOf")
    if not isinstance(members, list) or len(members) != 1:
        return None
    if schema.get("properties") or schema.get("required") or schema.get("additionalProperties"):
        return None
    member: Schema = members[0]
    return member


def _ref_name(schema: Schema) -> str:
    return str(schema["$ref"]).rsplit("/", 1)[-1]


def _strip(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in _SKIP_IN_STRUCTURE}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def _identifier_words(annotation: str) -> list[str]:
    word, words = [], []
    for ch in annotation + " ":
        if ch.isalnum() or ch == "_":
            word.append(ch)
        elif word:
            words.append("".join(word))
            word = []
    return words
