"""Stage 3, models: the class of every schema and the Python type of every value.

Class names come from the reviewed ``[models]`` table of ``specs/names.toml`` where it names
the schema's place, else from definition names (PascalCase), and inline objects are named
after where they sit (``Parent`` + ``Property`` [+ ``Item``/``Value``]), deduplicated by
structure. Two definitions share a class only when ``[models]`` says so and their shapes
agree. Any other collision that would make two classes share a name, or a class name longer
than ``MAX_CLASS_NAME``, is a hard error.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import text
from .identifiers import pascal, safe_identifier, snake
from .ir import FamilyIR, FieldIR, ModelIR
from .types import ANY, STR, ListOf, MapOf, OpenEnum, Ref, Scalar, TypeExpr

if TYPE_CHECKING:
    from .overlay import Overlay

Schema = dict[str, Any]

# Attribute names a field must not take: pydantic's BaseModel API, our result metadata,
# and the names the model modules import.
RESERVED_FIELDS = frozenset(
    {
        "copy", "dict", "json", "schema", "schema_json", "construct", "validate", "fields",
        "parse_obj", "parse_raw", "parse_file", "from_orm", "update_forward_refs",
        "raw_response", "status_code", "headers", "dt", "Any", "Literal", "Field",
    }
)  # fmt: skip
MAX_CLASS_NAME = 60
DATE = Scalar("dt.date")
RESERVED_CLASSES = frozenset({"Any", "Literal", "Field", "OFSCModel", "OFSCRootModel", "BaseModel"})
_SKIP_IN_STRUCTURE = frozenset({"description", "title", "example"})
CONSTRAINTS = {  # the spec's value limits -> pydantic's
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


class ModelNamer:
    """Builds a model for each schema it is asked about, and every definition on request."""

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
        self._named_places: set[str] = set()  # [models] keys that named something
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
                twin = self._def_of_class.get(class_name)
                if twin is not None and (
                    name in self.overlay.model_names or twin in self.overlay.model_names
                ):
                    # One entity the spec defines twice (``activity``, ``getActivitySchema``).
                    if _shape(schema) == _shape(self.defs[twin]):
                        self.def_class[name] = class_name
                        continue
                    # A new spec changed one of them: keep generating, under a name of its own.
                    class_name = self._unique_inline_name(pascal(name))
                    self.warnings.append(
                        f"specs/names.toml [models] makes definitions {twin!r} and {name!r} one class, "
                        f"but their shapes now differ; {name!r} generated as {class_name!r}"
                    )
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

    def _inline_name(self, hint: str, source: str) -> str:
        """The reviewed name of the inline object at ``source``, else one from its place."""
        place = source.removeprefix("definitions.")
        reviewed = self.overlay.model_names.get(place)
        if reviewed is not None:
            self._named_places.add(place)
            return reviewed
        return self._unique_inline_name(hint)

    def check_model_names(self) -> None:
        """Every class name fits ``MAX_CLASS_NAME``; every ``[models]`` entry names something."""
        too_long = sorted(
            f"{m.class_name} ({m.source.removeprefix('definitions.')})"
            for m in self.models.values()
            if len(m.class_name) > MAX_CLASS_NAME
        )
        if too_long:
            raise NamingError(
                f"class names longer than {MAX_CLASS_NAME} characters; name them in "
                f"specs/names.toml [models]: {', '.join(too_long)}"
            )
        for place in sorted(set(self.overlay.model_names) - set(self.defs) - self._named_places):
            self.warnings.append(f"specs/names.toml [models] names {place!r}, which names no class")

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
        if name not in self._built_defs and class_name not in self.models:
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
        class_name = self._inline_name(hint, source)
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
        class_name = self._inline_name(hint, source)
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

    def _names_in(self, annotation: TypeExpr) -> set[str]:
        return {name for name in annotation.refs() if name in self.models}

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
                for key, py in CONSTRAINTS.items()
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

    def annotate(self, schema: Schema, hint: str, model: ModelIR | None, source: str) -> TypeExpr:
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
                return MapOf(self.annotate(extra, f"{hint}Value", model, source + "{*}"))
            return MapOf(ANY)
        if kind == "array":
            items = schema.get("items") or {}
            item_hint = hint if hint.endswith("Item") else f"{hint}Item"
            return ListOf(self.annotate(items, item_hint, model, source + "[]")) if items else ListOf(ANY)
        return scalar_annotation(schema)

    def _use(self, class_name: str, model: ModelIR | None) -> Ref:
        if model is not None and class_name != model.class_name:
            model.deps.add(class_name)
        return Ref(class_name)

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


def scalar_annotation(schema: Schema) -> TypeExpr:
    kind = schema.get("type")
    enum = schema.get("enum")
    if enum and kind in ("string", "integer", None):
        return OpenEnum(tuple(enum), "int" if kind == "integer" else "str")
    if kind == "string":
        if schema.get("format") == "date":
            return DATE
        if schema.get("format") == "binary":
            return Scalar("bytes")
        return STR
    return Scalar({"integer": "int", "number": "float", "boolean": "bool"}.get(kind or "", "Any"))


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


def _strip(node: Any, skip: frozenset[str] = _SKIP_IN_STRUCTURE) -> Any:
    if isinstance(node, dict):
        return {k: _strip(v, skip) for k, v in node.items() if k not in skip}
    if isinstance(node, list):
        return [_strip(v, skip) for v in node]
    return node


def _shape(schema: Schema) -> str:
    """What makes two definitions the same class: their structure, read-only marks aside."""
    return json.dumps(_strip(schema, _SKIP_IN_STRUCTURE | {"readOnly"}), sort_keys=True)
