"""Stage 2: turn Oracle's legal-but-hostile Swagger 2.0 into one a generator can trust.

Every rule here answers a defect listed in ``shared/specs/ANALYSIS.md`` and works on the
shape of the schema, never on a particular name; one-off defects are fixed by the
reviewed ``[[fix]]`` entries in ``specs/overlay.toml``, applied first, followed by those
of ``specs/reality.toml`` (where real OFS answers differ from the spec, with evidence). The result is
still Swagger 2.0 (it is what the live-mock tests serve), with these guarantees:

- a ``$ref`` node carries nothing but ``$ref`` and ``description``;
- every schema node that has properties, items or allOf says its ``type``, and the
  type agrees with its structure (arrays have ``items``, objects have no ``items``);
- string constraints sit only on strings, numeric ones only on numbers;
- ``required`` names only properties the object (or its allOf parents) has;
- ``example`` values match their type;
- parameters are inlined (no ``#/parameters`` refs in operations) and every operation
  has an ``operationId``;
- each operation has at most one success schema, under a 2xx code, and
  ``consumes`` exactly when it sends a body (``application/json`` unless it says otherwise);
- no schema carries the format ``time``, which JSON Schema reads as ``HH:MM:SS`` with a
  zone, while OFS sends and expects ``HH:MM``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from .overlay import Overlay, apply_fixes

Schema = dict[str, Any]

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
_STRING_ONLY = ("minLength", "maxLength", "pattern")
_NUMBER_ONLY = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
_EXAMPLE_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


@dataclass
class Normalised:
    document: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def normalise(document: dict[str, Any], overlay: Overlay | None = None) -> Normalised:
    doc = copy.deepcopy(document)
    notes: list[str] = []
    if overlay is not None:
        notes.extend(apply_fixes(doc, overlay.fixes + overlay.corrections))
    fixer = _SchemaFixer(doc, notes)
    for name, schema in doc["definitions"].items():
        doc["definitions"][name] = fixer.fix(schema, f"definitions.{name}")
    for path, item in doc["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                _normalise_operation(doc, fixer, path, method, item[method], notes, overlay)
    return Normalised(doc, notes)


class _SchemaFixer:
    def __init__(self, doc: dict[str, Any], notes: list[str]) -> None:
        self.doc = doc
        self.notes = notes

    def note(self, where: str, what: str) -> None:
        self.notes.append(f"{where}: {what}")

    def fix(self, node: Schema, where: str) -> Schema:
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            extra = sorted(k for k in node if k not in ("$ref", "description"))
            if extra:
                self.note(where, f"dropped siblings of $ref: {', '.join(extra)}")
            kept = {"$ref": node["$ref"]}
            if "description" in node:
                kept["description"] = node["description"]
            return kept
        node = dict(node)
        self._fix_type(node, where)
        self._fix_constraints(node, where)
        if isinstance(node.get("properties"), dict):
            node["properties"] = {
                key: self.fix(value, f"{where}.{key}") for key, value in node["properties"].items()
            }
        if "allOf" in node:
            node["allOf"] = [self.fix(m, f"{where}.allOf[{i}]") for i, m in enumerate(node["allOf"])]
        if isinstance(node.get("items"), dict):
            node["items"] = self.fix(node["items"], f"{where}[]")
        if isinstance(node.get("additionalProperties"), dict):
            node["additionalProperties"] = self.fix(node["additionalProperties"], f"{where}{{*}}")
        self._fix_required(node, where)
        self._fix_example(node, where)
        return node

    def _fix_type(self, node: Schema, where: str) -> None:
        kind = node.get("type")
        props = node.get("properties")
        if kind is None:
            if props is not None or "allOf" in node or "additionalProperties" in node:
                node["type"] = "object"
                self.note(where, "no type: object inferred")
            elif "items" in node:
                node["type"] = "array"
                self.note(where, "no type: array inferred from items")
            kind = node.get("type")
        if kind == "string" and props is not None:
            if props:
                node["type"] = "object"
                self.note(where, "type string with properties: object")
            else:
                del node["properties"]
                self.note(where, "type string with empty properties: properties dropped")
        elif kind == "array" and "items" not in node:
            item: Schema = {"type": "object"}
            for key in ("properties", "required"):
                if key in node:
                    item[key] = node.pop(key)
            node["items"] = item if "properties" in item else {}
            self.note(where, "array without items: properties moved to an object item")
        elif kind == "object" and "items" in node and not props:
            node["type"] = "array"
            self.note(where, "type object with items: array")
        items = node.get("items")
        if (
            node.get("type") == "array"
            and isinstance(items, dict)
            and items.get("type") == "array"
            and "properties" in items
            and "items" not in items
        ):
            # An item that says "array" but lists properties is the object the array holds.
            items["type"] = "object"
            self.note(f"{where}[]", "array item with properties: object")

    def _fix_constraints(self, node: Schema, where: str) -> None:
        kind = node.get("type")
        wrong: tuple[str, ...] = ()
        if kind in ("integer", "number", "boolean"):
            wrong = _STRING_ONLY
        elif kind == "string":
            wrong = _NUMBER_ONLY
        for key in wrong:
            if key in node:
                del node[key]
                self.note(where, f"{key} on a {kind}: dropped")
        if node.get("format") == "time":
            del node["format"]
            self.note(where, "format time (the API's HH:MM is not JSON Schema's time): dropped")

    def _fix_required(self, node: Schema, where: str) -> None:
        required = node.get("required")
        if not isinstance(required, list) or node.get("type") != "object":
            return
        known = set(node.get("properties", {}))
        for member in node.get("allOf", []):
            known |= self._property_names(member)
        kept = [name for name in required if name in known]
        if len(kept) != len(required):
            gone = sorted(set(required) - set(kept))
            self.note(where, f"required names without a property dropped: {', '.join(gone)}")
            if kept:
                node["required"] = kept
            else:
                del node["required"]

    def _property_names(self, node: Schema) -> set[str]:
        node = self.resolve(node)
        names = set(node.get("properties", {}))
        for member in node.get("allOf", []):
            names |= self._property_names(member)
        return names

    def _fix_example(self, node: Schema, where: str) -> None:
        if "example" not in node:
            return
        allowed = _EXAMPLE_TYPES.get(node.get("type", ""))
        value = node["example"]
        wrong_bool = isinstance(value, bool) and node.get("type") in ("integer", "number")
        if allowed is not None and (not isinstance(value, allowed) or wrong_bool):
            del node["example"]
            self.note(where, f"example {value!r} is not a {node['type']}: dropped")

    def resolve(self, node: Schema) -> Schema:
        seen = 0
        while "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            node = self.doc["definitions"][name]
            seen += 1
            if seen > 50:
                raise ValueError(f"$ref cycle at {name}")
        return node


def _normalise_operation(
    doc: dict[str, Any],
    fixer: _SchemaFixer,
    path: str,
    method: str,
    op: dict[str, Any],
    notes: list[str],
    overlay: Overlay | None = None,
) -> None:
    where = f"{method.upper()} {path}"
    if not op.get("operationId"):
        op["operationId"] = op.get("x-internal-id") or f"{method} {path}"
        notes.append(f"{where}: missing operationId set to {op['operationId']!r}")
    params = []
    for param in op.get("parameters", []):
        if "$ref" in param:
            param = copy.deepcopy(doc["parameters"][param["$ref"].rsplit("/", 1)[-1]])
        if param.get("in") == "body":
            param["schema"] = fixer.fix(param.get("schema", {}), f"{where} body")
            if overlay is not None and overlay.decides_bodies:
                _decide_body(param, where, overlay, notes)
        else:
            fixer._fix_constraints(param, f"{where} {param['name']}")
            if isinstance(param.get("items"), dict):
                fixer._fix_constraints(param["items"], f"{where} {param['name']}[]")
        params.append(param)
    is_download = "application/octet-stream" in op.get("produces", [])
    if is_download:
        before = len(params)
        params = [p for p in params if not (p.get("in") == "header" and p["name"].lower() == "accept")]
        if len(params) != before:
            notes.append(f"{where}: Accept header parameter removed (the client sets it)")
    consumes = op.get("consumes")
    sends_body = any(p.get("in") in ("body", "formData") for p in params)
    if consumes and not sends_body:
        if "application/octet-stream" in consumes and method in ("put", "post"):
            params.append(
                {
                    "name": "content",
                    "in": "body",
                    "required": True,
                    "description": "The file to upload.",
                    "schema": {"$ref": "#/definitions/file"},
                }
            )
            notes.append(f"{where}: octet-stream upload without a body parameter: body added")
        else:
            del op["consumes"]
            notes.append(f"{where}: consumes without a body: dropped")
    elif sends_body and not consumes:
        # The spec has no global default: say what the client sends, so servers built from
        # the normalised spec (the live-mock tests) accept it.
        op["consumes"] = [_default_media_type(params)]
        notes.append(f"{where}: body without consumes: {op['consumes'][0]}")
    op["parameters"] = params
    _normalise_responses(fixer, where, op, notes)


def _decide_body(param: dict[str, Any], where: str, overlay: Overlay, notes: list[str]) -> None:
    """Say whether the body may be omitted, as ``[request_bodies]`` decided; the spec's own
    flag is absent on most bodies and contradicts their fields on others."""
    if where in overlay.optional_bodies:
        required = False
    elif where in overlay.required_bodies:
        required = True
    else:
        return  # undecided: the name stage warns
    if param.get("required") is not required:
        notes.append(f"{where}: body {'required' if required else 'optional'} as [request_bodies] decides")
    param["required"] = required


def _default_media_type(params: list[dict[str, Any]]) -> str:
    if any(p.get("in") == "body" for p in params):
        return "application/json"
    if any(p.get("type") == "file" for p in params):
        return "multipart/form-data"
    return "application/x-www-form-urlencoded"


def _normalise_responses(fixer: _SchemaFixer, where: str, op: dict[str, Any], notes: list[str]) -> None:
    responses: dict[str, Any] = op.setdefault("responses", {})
    for code, response in list(responses.items()):
        if isinstance(response, dict) and "schema" in response:
            response["schema"] = fixer.fix(response["schema"], f"{where} {code}")
    success = [c for c in responses if c.startswith("2")]
    if not success and "schema" in responses.get("default", {}):
        responses["200"] = responses.pop("default")
        responses["200"]["description"] = "The successful response."
        notes.append(f"{where}: success body declared under 'default': moved to 200")
    no_content = responses.get("204")
    if isinstance(no_content, dict) and "schema" in no_content:
        schema = no_content.pop("schema")
        responses.setdefault("200", {"description": "The response, when there is one.", "schema": schema})
        notes.append(f"{where}: 204 with a body schema: schema moved to 200, 204 kept empty")
