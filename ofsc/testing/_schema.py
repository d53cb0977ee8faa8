"""Checking values against the spec's (Swagger 2.0) schemas, and making values fit them.

The mock validates every request with :meth:`SchemaChecker.errors`, and passes what it
stores or samples through :meth:`SchemaChecker.conform` before answering, so that every
response body is valid for its operation's response schema whatever a caller stored.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .samples import SchemaSampler

Schema = dict[str, Any]
Problem = tuple[str, str]  # (where, what is wrong)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")
_TYPE_NAMES = {
    "object": "an object",
    "array": "an array",
    "integer": "an integer",
    "number": "a number",
    "string": "a string",
    "boolean": "a boolean",
}


class ObjectView:
    """An object schema with its ``allOf`` parents merged in."""

    __slots__ = ("additional", "properties", "required")

    def __init__(self, properties: dict[str, Schema], required: list[str], additional: Any) -> None:
        self.properties = properties
        self.required = required
        self.additional = additional  # False, a schema, or None (anything goes)


class SchemaChecker:
    def __init__(self, document: dict[str, Any]) -> None:
        self.definitions: dict[str, Schema] = document["definitions"]
        self._views: dict[int, ObjectView] = {}

    def resolve(self, schema: Schema) -> Schema:
        while "$ref" in schema:
            schema = self.definitions[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def object_view(self, schema: Schema) -> ObjectView:
        schema = self.resolve(schema)
        view = self._views.get(id(schema))
        if view is None:
            properties: dict[str, Schema] = {}
            required: list[str] = []
            additional: Any = None
            for member in schema.get("allOf", ()):
                parent = self.object_view(member)
                properties.update(parent.properties)
                required.extend(parent.required)
                additional = parent.additional if parent.additional is not None else additional
            properties.update(schema.get("properties", {}))
            required.extend(r for r in schema.get("required", ()) if r not in required)
            if "additionalProperties" in schema:
                additional = schema["additionalProperties"]
            view = self._views[id(schema)] = ObjectView(properties, required, additional)
        return view

    # ---- validation ------------------------------------------------------------------

    def errors(self, value: Any, schema: Schema, where: str = "") -> list[Problem]:
        """Every way ``value`` breaks ``schema``, each as ``(where, problem)``; ``where`` is a
        dotted path below the given one, such as ``"items[0].label"``."""
        found: list[Problem] = []
        self._check(value, schema, where, found)
        return found

    def _check(self, value: Any, schema: Schema, where: str, found: list[Problem]) -> None:
        schema = self.resolve(schema)
        kind = _kind(schema)
        problem = own_problem(value, schema, kind)
        if problem is not None:
            found.append((where, problem))
        elif kind == "object" and isinstance(value, dict):
            self._check_object(value, schema, where, found)
        elif kind == "array" and isinstance(value, list):
            self._check_array(value, schema, where, found)

    def _check_object(self, value: dict[str, Any], schema: Schema, where: str, found: list[Problem]) -> None:
        view = self.object_view(schema)
        for name in view.required:
            if name not in value:
                found.append((_child(where, name), "is required"))
        for name, item in value.items():
            if name in view.properties:
                self._check(item, view.properties[name], _child(where, name), found)
            elif view.additional is False:
                found.append((_child(where, name), "is not a known field"))
            elif isinstance(view.additional, dict) and view.additional:
                self._check(item, view.additional, _child(where, name), found)

    def _check_array(self, value: list[Any], schema: Schema, where: str, found: list[Problem]) -> None:
        if "minItems" in schema and len(value) < schema["minItems"]:
            found.append((where, f"needs at least {schema['minItems']} items, got {len(value)}"))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            found.append((where, f"takes at most {schema['maxItems']} items, got {len(value)}"))
        if schema.get("uniqueItems") and len({_freeze(item) for item in value}) < len(value):
            found.append((where, "items must be unique"))
        items = schema.get("items")
        if isinstance(items, dict):
            for index, item in enumerate(value):
                self._check(item, items, f"{where}[{index}]", found)

    # ---- conforming ------------------------------------------------------------------

    def conform(self, value: Any, schema: Schema, sampler: SchemaSampler) -> Any:
        """``value`` made valid for ``schema``: valid parts are kept, missing required fields
        and invalid values are replaced by samples."""
        schema = self.resolve(schema)
        kind = _kind(schema)
        if kind == "object" and isinstance(value, dict) and "enum" not in schema:
            view = self.object_view(schema)
            fitted: dict[str, Any] = {}
            for name, item in value.items():
                if name in view.properties:
                    fitted[name] = self.conform(item, view.properties[name], sampler)
                elif isinstance(view.additional, dict) and view.additional:
                    fitted[name] = self.conform(item, view.additional, sampler)
                elif view.additional is not False:
                    fitted[name] = item
            for name in view.required:
                if name not in fitted:
                    fitted[name] = sampler.sample(view.properties.get(name, {}), hint=name)
            return fitted
        if kind == "array" and isinstance(value, list):
            items_schema = schema.get("items", {})
            items = [self.conform(item, items_schema, sampler) for item in value]
            if schema.get("uniqueItems"):
                unique: dict[Any, Any] = {}
                for item in items:
                    unique.setdefault(_freeze(item), item)
                items = list(unique.values())
            items = items[: schema.get("maxItems", len(items))]
            while len(items) < schema.get("minItems", 0):
                items.append(sampler.sample(items_schema))
            return items
        return value if own_problem(value, schema, kind) is None else sampler.sample(schema)


def _kind(schema: Schema) -> str | None:
    return schema.get("type") or ("object" if "allOf" in schema or "properties" in schema else None)


def own_problem(value: Any, schema: Schema, kind: str | None) -> str | None:
    """Why ``value`` itself (not its members) breaks ``schema``: its type, enum or bounds."""
    if value is None:
        return None if kind is None or schema.get("x-nullable") else "must not be null"
    if kind is not None and not is_type(value, kind):
        return f"expected {_TYPE_NAMES.get(kind, kind)}, got {describe(value)}"
    if "enum" in schema and not any(same_value(value, option) for option in schema["enum"]):
        return f"must be one of {', '.join(repr(option) for option in schema['enum'][:12])}; got {value!r}"
    if isinstance(value, str):
        return string_problem(value, schema)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_problem(value, schema)
    return None


def is_type(value: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    return True  # "file" and unknown types: nothing to check


def same_value(value: Any, option: Any) -> bool:
    """Equality that does not take ``True`` for ``1``."""
    if isinstance(value, bool) or isinstance(option, bool):
        return type(value) is type(option) and value == option
    return bool(value == option)


def string_problem(value: str, schema: Schema) -> str | None:
    if "minLength" in schema and len(value) < schema["minLength"]:
        return f"must be at least {schema['minLength']} characters, got {len(value)}"
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        return f"must be at most {schema['maxLength']} characters, got {len(value)}"
    if "pattern" in schema and not re.search(schema["pattern"], value):
        return f"must match {schema['pattern']!r}, got {value!r}"
    fmt = schema.get("format")
    if fmt == "date" and not _is_date(value):
        return f"must be a date (YYYY-MM-DD), got {value!r}"
    if fmt == "date-time" and not _DATE_TIME.fullmatch(value):
        return f"must be a date-time (RFC 3339), got {value!r}"
    return None


def number_problem(value: float, schema: Schema) -> str | None:
    if "minimum" in schema:
        low = schema["minimum"]
        if value < low or (schema.get("exclusiveMinimum") and value == low):
            return f"must be {'>' if schema.get('exclusiveMinimum') else '>='} {low}, got {value}"
    if "maximum" in schema:
        high = schema["maximum"]
        if value > high or (schema.get("exclusiveMaximum") and value == high):
            return f"must be {'<' if schema.get('exclusiveMaximum') else '<='} {high}, got {value}"
    step = schema.get("multipleOf")
    if step and not math.isclose(value / step, round(value / step), abs_tol=1e-9):
        return f"must be a multiple of {step}, got {value}"
    return None


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return f"{type(value).__name__} {value!r}"


def _child(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return (type(value).__name__, value)
