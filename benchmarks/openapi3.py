"""Oracle's Swagger 2.0 spec as OpenAPI 3.0, for generators that only read OpenAPI 3.

It converts what the OFS spec uses (body and form parameters, ``collectionFormat``,
``type: file``, ``x-nullable``, shared parameters, per-operation ``consumes``/``produces``)
and makes the fixes openapi-python-client needs to generate from it: schema titles are
dropped (it names models after them, and the spec reuses titles), arrays without
``items`` accept anything, operations without a usable ``operationId`` get one from their
method and path, duplicate ids are made unique, and schemas whose names differ only in
case (``workSkills``, ``WorkSkills``) are told apart.
"""

from __future__ import annotations

import copy
import re
from typing import Any

Json = dict[str, Any]
METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
# Keywords that describe a parameter's value: in OpenAPI 3 they move into its schema.
VALUE_KEYWORDS = ("type", "format", "items", "enum", "default", "minimum", "maximum", "minLength",
                  "maxLength", "pattern", "minItems", "maxItems", "exclusiveMinimum", "exclusiveMaximum",
                  "multipleOf", "uniqueItems", "x-nullable")  # fmt: skip


def convert(swagger: Json) -> Json:
    """An OpenAPI 3.0.3 document equivalent to ``swagger`` (which is not modified)."""
    source = copy.deepcopy(swagger)
    renames = _class_name_clashes(source.get("definitions", {}))
    source["definitions"] = {renames.get(name, name): s for name, s in source.get("definitions", {}).items()}
    _rewrite_refs(source, renames)
    document: Json = {
        "openapi": "3.0.3",
        "info": source.get("info", {"title": "API", "version": "1"}),
        "servers": [{"url": _server(source)}],
        "paths": {},
        "components": {
            "schemas": {name: _schema(s) for name, s in source.get("definitions", {}).items()},
            "parameters": {
                name: _parameter(p) for name, p in source.get("parameters", {}).items() if p["in"] != "body"
            },
        },
    }
    if "tags" in source:
        document["tags"] = source["tags"]
    shared = source.get("parameters", {})
    seen_ids: set[str] = set()
    for path, item in source.get("paths", {}).items():
        out_item: Json = {}
        for method in METHODS:
            if method in item:
                out_item[method] = _operation(source, path, method, item[method], shared, seen_ids)
        document["paths"][path] = out_item
    return document


def _operation(source: Json, path: str, method: str, op: Json, shared: Json, seen_ids: set[str]) -> Json:
    out = {k: v for k, v in op.items() if k in ("summary", "description", "tags", "deprecated")}
    out["operationId"] = _operation_id(op.get("operationId"), method, path, seen_ids)
    consumes = op.get("consumes") or source.get("consumes") or ["application/json"]
    produces = op.get("produces") or source.get("produces") or ["application/json"]
    parameters, form = [], {}
    for param in op.get("parameters", []):
        resolved = param
        if "$ref" in param:
            resolved = shared[param["$ref"].rsplit("/", 1)[-1]]
            if resolved["in"] not in ("body", "formData"):
                parameters.append({"$ref": param["$ref"]})
                continue
        if resolved["in"] == "body":
            out["requestBody"] = {
                "required": bool(resolved.get("required")),
                "content": {consumes[0] if consumes[0] != "application/x-www-form-urlencoded" else
                            "application/json": {"schema": _schema(resolved.get("schema", {}))}},
            }  # fmt: skip
        elif resolved["in"] == "formData":
            form[resolved["name"]] = resolved
        else:
            parameters.append(_parameter(resolved))
    if parameters:
        out["parameters"] = parameters
    if form:
        out["requestBody"] = _form_body(form, consumes)
    out["responses"] = {
        str(code): _response(response, produces) for code, response in op.get("responses", {}).items()
    } or {"default": {"description": "response"}}
    return out


def _parameter(param: Json) -> Json:
    out = {
        k: v for k, v in param.items() if k not in (*VALUE_KEYWORDS, "collectionFormat", "allowEmptyValue")
    }
    out["schema"] = _schema({k: param[k] for k in VALUE_KEYWORDS if k in param})
    if param.get("collectionFormat") == "csv":
        out["style"], out["explode"] = ("simple" if param["in"] == "path" else "form"), False
    if param["in"] == "path":
        out["required"] = True
    return out


def _form_body(form: dict[str, Json], consumes: list[str]) -> Json:
    media = "multipart/form-data" if any(p.get("type") == "file" for p in form.values()) else consumes[0]
    properties = {}
    for name, param in form.items():
        value = {k: param[k] for k in VALUE_KEYWORDS if k in param}
        if "description" in param:
            value["description"] = param["description"]
        properties[name] = _schema(value)
    schema: Json = {"type": "object", "properties": properties}
    required = [name for name, param in form.items() if param.get("required")]
    if required:
        schema["required"] = required
    return {"content": {media: {"schema": schema}}}


def _response(response: Json, produces: list[str]) -> Json:
    out: Json = {"description": response.get("description") or "response"}
    if "schema" in response:
        schema = _schema(response["schema"])
        out["content"] = {media: {"schema": schema} for media in produces}
    if "headers" in response:
        out["headers"] = {
            name: {"description": h.get("description", ""), "schema": _schema({k: v for k, v in h.items()
                                                                                if k in VALUE_KEYWORDS})}
            for name, h in response["headers"].items()
        }  # fmt: skip
    return out


def _schema(schema: Any) -> Any:
    """Swagger 2 schema keywords that differ in OpenAPI 3, fixed recursively."""
    if isinstance(schema, list):
        return [_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    # openapi-python-client names models after their title, and Oracle reuses titles
    # ("Activity Properties" titles four different schemas): drop them, names come from keys.
    out = {key: _schema(value) for key, value in schema.items() if key not in ("x-nullable", "title")}
    if schema.get("x-nullable"):
        out["nullable"] = True
    if out.get("type") == "file":
        out["type"], out["format"] = "string", "binary"
    if out.get("type") == "array" and "items" not in out:
        out["items"] = {}  # a few arrays leave their items unspecified
    return out


def _class_name_clashes(definitions: Json) -> dict[str, str]:
    """New names for definitions that become the same class name as an earlier one
    (``workSkills`` and ``WorkSkills``)."""
    taken: set[str] = set()
    renames = {}
    for name in definitions:
        key = re.sub(r"[^a-z0-9]", "", name.lower())
        if key in taken:
            counter = 2
            while f"{key}{counter}" in taken:
                counter += 1
            renames[name] = f"{name}{counter}"
            key = f"{key}{counter}"
        taken.add(key)
    return renames


def _rewrite_refs(node: Any, renames: dict[str, str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref.startswith("#/definitions/"):
                name = ref.removeprefix("#/definitions/")
                node["$ref"] = "#/components/schemas/" + renames.get(name, name)
            else:
                node["$ref"] = ref.replace("#/parameters/", "#/components/parameters/")
        for value in node.values():
            _rewrite_refs(value, renames)
    elif isinstance(node, list):
        for item in node:
            _rewrite_refs(item, renames)


def _operation_id(given: str | None, method: str, path: str, seen: set[str]) -> str:
    base = given if given and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", given) else _from_path(method, path)
    candidate, counter = base, 2
    while candidate in seen:
        candidate, counter = f"{base}_{counter}", counter + 1
    seen.add(candidate)
    return candidate


def _from_path(method: str, path: str) -> str:
    words = re.sub(r"[^A-Za-z0-9]+", "_", path.replace("{", "by_")).strip("_")
    return f"{method}_{words}"


def _server(source: Json) -> str:
    scheme = (source.get("schemes") or ["https"])[0]
    host = source.get("host", "example.fs.ocs.oraclecloud.com")
    return f"{scheme}://{host}{source.get('basePath', '')}"
