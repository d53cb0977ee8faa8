"""What a list request's filters keep, as OFS applies them.

- ``fields=activityId,status`` keeps those properties of each object returned (each item
  of a page, or the object itself); a dotted name such as ``parent.label`` keeps ``parent``
  with only its ``label``. A name that is not a property of the objects returned (the
  capacity operations' ``area.name`` speaks of nested areas, not of the items) leaves the
  answer whole: the mock does not guess what such a name selects.
- ``GET /activities`` keeps the activities of ``resources`` (and, as ``includeChildren``
  says, of the resources below them), dated from ``dateFrom`` to ``dateTo``, the
  non-scheduled ones only with ``includeNonScheduled=true``, those of a ``svcWorkOrderId``,
  and those its ``q`` filter expression matches (see :mod:`ofsc.testing._query`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._query import parse

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._schema import Schema, SchemaChecker


def requested_fields(query: Mapping[str, Any]) -> list[str] | None:
    """The names in a request's ``fields`` parameter, or None when it has none."""
    value = query.get("fields")
    return None if value is None else _names(value) or None


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


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else str(value).split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def activity_search(
    activities: list[dict[str, Any]], query: Mapping[str, Any], resources: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The activities ``GET /activities`` answers with for ``query`` (see the module docstring)."""
    found = activities
    if query.get("resources"):
        wanted = _with_descendants(
            _names(query["resources"]), resources, query.get("includeChildren") or "all"
        )
        found = [a for a in found if str(a.get("resourceId")) in wanted]
    date_from, date_to = query.get("dateFrom"), query.get("dateTo")
    non_scheduled = str(query.get("includeNonScheduled", "")).lower() == "true"
    if date_from or date_to or non_scheduled:
        low, high = str(date_from or "0000-00-00"), str(date_to or "9999-12-31")
        dated = date_from is not None or date_to is not None

        def kept(activity: dict[str, Any]) -> bool:
            day = activity.get("date")
            if not day:
                return non_scheduled
            return dated and low <= str(day) <= high

        found = [a for a in found if kept(a)]
    if query.get("svcWorkOrderId") is not None:
        found = [a for a in found if str(a.get("svcWorkOrderId")) == str(query["svcWorkOrderId"])]
    if query.get("q"):
        matches = parse(str(query["q"]))  # QuerySyntaxError for an expression OFS would refuse
        found = [a for a in found if matches(a)]
    return found


def _with_descendants(roots: list[str], resources: list[dict[str, Any]], depth: str) -> set[str]:
    """``roots`` and, for ``immediate``, their children or, for ``all``, everything below them."""
    children: dict[str, list[str]] = {}
    for resource in resources:
        parent = resource.get("parentResourceId")
        if parent is not None:
            children.setdefault(str(parent), []).append(str(resource.get("resourceId")))
    found, level = set(roots), list(roots)
    while level and depth != "none":
        level = [child for parent in level for child in children.get(parent, ()) if child not in found]
        found.update(level)
        if depth == "immediate":
            break
    return found
