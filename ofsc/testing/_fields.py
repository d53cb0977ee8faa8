"""The ``fields`` parameter: OFS answers with only the fields a request names.

``fields=activityId,status`` keeps those properties of each object returned (each item of
a page, or the object itself); a dotted name such as ``parent.label`` keeps ``parent``
with only its ``label``. A name that is not a property of the objects returned (the
capacity operations' ``area.name`` speaks of nested areas, not of the items) leaves the
answer whole: the mock does not guess what such a name selects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._schema import Schema, SchemaChecker


def requested_fields(query: dict[str, Any]) -> list[str] | None:
    """The names in a request's ``fields`` parameter, or None when it has none."""
    value = query.get("fields")
    if value is None:
        return None
    names = value if isinstance(value, list) else str(value).split(",")
    return [str(name).strip() for name in names if str(name).strip()] or None


def project(body: Any, names: list[str], checker: SchemaChecker, schema: Schema) -> Any:
    """``body`` with only ``names`` in each object it returns (see the module docstring)."""
    view = checker.object_view(schema)
    if isinstance(body, dict) and isinstance(body.get("items"), list) and "items" in view.properties:
        item_schema = checker.resolve(view.properties["items"]).get("items", {})
        if _names_properties(names, checker, item_schema):
            return {**body, "items": [_keep(item, names) for item in body["items"]]}
        return body
    if isinstance(body, dict) and _names_properties(names, checker, schema):
        return _keep(body, names)
    return body


def _names_properties(names: list[str], checker: SchemaChecker, schema: Schema) -> bool:
    properties = checker.object_view(schema).properties
    return bool(properties) and all(name.partition(".")[0] in properties for name in names)


def _keep(value: Any, names: list[str]) -> Any:
    """``value`` cut down to ``names``; a list keeps that of each of its objects."""
    if isinstance(value, list):
        return [_keep(item, names) for item in value]
    if not isinstance(value, dict):
        return value
    whole: set[str] = set()
    nested: dict[str, list[str]] = {}
    for name in names:
        head, _, rest = name.partition(".")
        if rest:
            nested.setdefault(head, []).append(rest)
        else:
            whole.add(head)
    kept = {key: item for key, item in value.items() if key in whole}
    for key, inner in nested.items():
        if key in value and key not in whole:
            kept[key] = _keep(value[key], inner)
    return kept
