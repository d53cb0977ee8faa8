"""Schema-valid sample data, synthesised from the (normalised) spec, deterministic per seed.

Used by the mock OFS to answer requests, and by tests to call every operation with
valid arguments::

    sampler = SchemaSampler(seed=7)
    kwargs = sampler.arguments(op)          # keyword arguments for the endpoint method
    body = sampler.response_body(op)        # a JSON value the operation may return
"""

from __future__ import annotations

import datetime as dt
import json
import random
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._operation import Operation

Schema = dict[str, Any]

# The spec's few patterns, each with a value that matches it.
_PATTERN_SAMPLES = {
    r"^\d{2}:\d{2}$": "08:30",
    r"^[A-Za-z0-9_]+$": "label_1",
    r"^$|^(\d+(,\d+)*)$": "10,20",
}
_BASE_DATE = dt.date(2025, 6, 25)


@cache
def normalised_spec() -> dict[str, Any]:
    """The normalised spec the installed SDK was generated from."""
    text = resources.files("ofsc_generated").joinpath("openapi.normalised.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


class SchemaSampler:
    def __init__(self, document: dict[str, Any] | None = None, seed: int = 0, *, max_depth: int = 8) -> None:
        self.document = document if document is not None else normalised_spec()
        self.rng = random.Random(seed)
        self.max_depth = max_depth
        self._counter = 0

    # ---- operations ----------------------------------------------------------------

    def spec_operation(self, op: Operation[Any]) -> Schema:
        spec_op: Schema = self.document["paths"][op.path][op.method.lower()]
        return spec_op

    def arguments(self, op: Operation[Any], *, optional: bool = True) -> dict[str, Any]:
        """Keyword arguments for ``op``'s endpoint method: every required one, and the
        optional ones too unless ``optional=False``."""
        spec_params = {(p["in"], p["name"]): p for p in self.spec_operation(op).get("parameters", [])}
        args: dict[str, Any] = {}
        for param in op.params:
            location = {"form": "formData", "file": "formData"}.get(param.location, param.location)
            spec = spec_params.get((location, param.wire), {})
            if not (param.required or optional):
                continue
            if param.location == "file":
                args[param.name] = ("upload.bin", b"sample file content", "application/octet-stream")
            elif param.location == "header" and param.wire.lower() == "content-type":
                # The media type of a raw upload: one the operation accepts.
                args[param.name] = self.spec_operation(op).get("consumes", ["application/octet-stream"])[0]
            else:
                args[param.name] = self._param_value(spec, param.location == "path")
        if op.body is not None and op.body.name:
            body_spec: Schema = spec_params.get(("body", op.body.name)) or next(
                (p for (where, _), p in spec_params.items() if where == "body"), {}
            )
            if op.body.kind == "binary":
                args[op.body.name] = b"sample file content"
            else:
                args[op.body.name] = self.sample(body_spec.get("schema", {}))
        return args

    def _param_value(self, spec: Schema, in_path: bool) -> Any:
        if spec.get("type") == "array":
            items = spec.get("items", {})
            return [self.sample(items) for _ in range(2 if not items.get("enum") else 1)]
        value = self.sample(spec)
        if spec.get("format") == "date" and isinstance(value, str):
            return dt.date.fromisoformat(value)
        return value

    def response_body(self, op: Operation[Any]) -> Any:
        """A JSON value ``op`` may answer with on success (None when it has no body)."""
        responses = self.spec_operation(op).get("responses", {})
        for code in sorted(c for c in responses if c.startswith("2")):
            if "schema" in responses[code]:
                return self.sample(responses[code]["schema"])
        return None

    # ---- schemas -------------------------------------------------------------------

    def resolve(self, schema: Schema) -> Schema:
        while "$ref" in schema:
            schema = self.document["definitions"][schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def sample(self, schema: Schema, depth: int = 0, hint: str = "value") -> Any:
        schema = self.resolve(schema)
        if "example" in schema and self.rng.random() < 0.5:
            return schema["example"]
        if "enum" in schema:
            return self.rng.choice(schema["enum"])
        kind = schema.get("type")
        if kind == "object" or "allOf" in schema or "properties" in schema:
            return self._object(schema, depth)
        if kind == "array":
            return self._array(schema, depth, hint)
        if kind == "string":
            return self._string(schema, hint)
        if kind == "integer":
            return self.rng.randint(int(schema.get("minimum", 1)), int(schema.get("maximum", 1000)))
        if kind == "number":
            low, high = float(schema.get("minimum", 0)), float(schema.get("maximum", 100))
            return round(self.rng.uniform(low, high), 4)
        if kind == "boolean":
            return self.rng.random() < 0.5
        return "any value"

    def _object(self, schema: Schema, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for member in schema.get("allOf", []):
            value = self.sample(member, depth)
            if isinstance(value, dict):
                result.update(value)
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            # Past max_depth only required fields are filled, so samples stay finite.
            if name in required or depth < self.max_depth:
                result[name] = self.sample(prop, depth + 1, name)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra and depth < self.max_depth:
            result[_BASE_DATE.isoformat()] = self.sample(extra, depth + 1)
        return result

    def _array(self, schema: Schema, depth: int, hint: str) -> list[Any]:
        low = int(schema.get("minItems", 1 if depth < self.max_depth else 0))
        high = max(low, min(int(schema.get("maxItems", 2)), 2))
        items = schema.get("items", {})
        values: list[Any] = []
        for _ in range(self.rng.randint(low, high)):
            value = self.sample(items, depth + 1, hint)
            if schema.get("uniqueItems") and value in values:
                continue
            values.append(value)
        return values

    def _string(self, schema: Schema, hint: str) -> str:
        fmt = schema.get("format")
        if fmt is None and "'YYYY-MM-DD'" in str(schema.get("description", "")):
            fmt = "date"  # a date the spec describes in prose only (recurrence dayFrom/dayTo)
        if fmt == "date":
            return (_BASE_DATE + dt.timedelta(days=self.rng.randint(0, 30))).isoformat()
        if fmt == "time":
            return f"{self.rng.randint(6, 19):02d}:{self.rng.choice((0, 15, 30, 45)):02d}"
        if fmt in ("date-time", "timestamp-date-time-iso8601"):
            return f"{_BASE_DATE.isoformat()}T{self.rng.randint(6, 19):02d}:00:00Z"
        if "pattern" in schema:
            return _PATTERN_SAMPLES.get(schema["pattern"], "")
        self._counter += 1
        text = f"{hint[:20]}_{self._counter}"
        low, high = int(schema.get("minLength", 0)), int(schema.get("maxLength", 64))
        if len(text) < low:
            text = text.ljust(low, "x")
        return text[: max(high, low)] if high >= 1 else text
