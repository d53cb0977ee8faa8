"""How a row of the 2.x async table becomes a request, and its answer a 2.x result (no I/O).

The request is the one 2.x sent: the path from the row with each placeholder filled in (and
percent-encoded, so that no value can add a path segment), the remaining parameters as the
query (under their name in Oracle's spec, booleans as ``true``/``false``, lists as CSV,
dates as ISO text), and the body parameter serialised as 2.x did (a model without its
``None`` fields, a dict as it is, a list of items as ``{"items": [...]}``).

The result is what 2.x returned: the model of the row (the body's top-level ``links``
dropped), ``None``, the bytes or the dict; an error status raises the 2.x ``OFSC*Error``
for it, whose message is ``"Failed to <what the method does>: <detail>"`` as in 2.x.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus

from pydantic import BaseModel, RootModel

from .._request import inert_dots
from ..v2._carrier import generated_operation
from ..v2._endpoint import v2_model
from ..v2._wire import Call
from ..v2.exceptions import error_body, exception_for
from ..v2.models import CsvList, GetActivitiesParams, parse_application_api_access

if TYPE_CHECKING:
    from ..v2.common import Response
    from ._table import MethodSpec

OCTET_STREAM = "application/octet-stream"
_PLACEHOLDER = re.compile(r"\{([^}]+)\}")
_EXPAND_FLAGS = (
    ("expand_inventories", "inventories"),
    ("expand_workskills", "workSkills"),
    ("expand_workzones", "workZones"),
    ("expand_workschedules", "workSchedules"),
)
# 2.x parameters sent under a name other than their name in Oracle's spec.
_QUERY_NAMES = {"position_date": "date", "actual_date": "actualDate"}
# Per method: a parameter 2.x sent under a name of its own.
_QUERY_NAMES_BY_METHOD = {("get_resource_descendants", "fields"): "resourceFields"}
# Parameters that never go in the query: they shape headers or the body.
HEADER_PARAMETERS = frozenset({"media_type", "content_type", "filename"})
_NOT_QUERY = HEADER_PARAMETERS | {"content"}
# Body parameters holding a list (of models or dicts) that 2.x sent as {"items": [...]}, and
# the methods whose ``data`` list it sent so (other ``data`` lists, the bulk updates', as given).
_ITEM_LISTS = frozenset({"inventories", "preferences", "workskills", "workzones", "value"})
_ITEM_LIST_METHODS = frozenset({"replace_workzones", "update_workzones", "replace_workskill_conditions"})
# Methods whose body is a file upload (2.x: a path or the bytes), as multipart "file".
_UPLOADS = {"populate_map_layers": "mapLayers.csv", "populate_workzone_shapes": "workZoneShapes.csv"}


def build_call(spec: MethodSpec, arguments: Mapping[str, Any]) -> Call:
    """The request 2.x sent for ``spec`` called with ``arguments`` (the bound parameters)."""
    used: set[str] = set()
    path = _PLACEHOLDER.sub(lambda m: _segment(spec, m.group(1), arguments, used), spec.path)
    query = _query(spec, arguments, used)
    headers: dict[str, str] = {}
    content: bytes | None = None
    files: dict[str, Any] | None = None
    body_name = spec.body
    if body_name is not None:
        value = arguments.get(body_name)
        if body_name == "plugin":
            files = {"pluginFile": _plugin_file(value)}
        elif spec.name in _UPLOADS:
            files = {"file": _upload(value, _UPLOADS[spec.name])}
        elif body_name in ("content", "plan_data"):
            content = value if isinstance(value, bytes) else str(value).encode()
            headers["Content-Type"] = OCTET_STREAM
        elif isinstance(value, str | bytes):  # a JSON text: sent as it is
            content = value.encode() if isinstance(value, str) else value
        elif value is not None:
            content = json.dumps(_json_body(spec.name, body_name, value)).encode()
    if "media_type" in arguments:
        key = "Accept" if spec.method == "GET" else "Content-Type"
        headers[key] = str(arguments["media_type"])
    if "content_type" in arguments:
        headers["Content-Type"] = str(arguments["content_type"])
    if arguments.get("filename"):
        headers["Content-Disposition"] = f'attachment; filename="{arguments["filename"]}"'
    if spec.returns == "bytes" and spec.method == "GET":
        headers.setdefault("Accept", OCTET_STREAM)
    return Call(spec.method, path, query, content, None, files, headers)


def _segment(spec: MethodSpec, placeholder: str, arguments: Mapping[str, Any], used: set[str]) -> str:
    """A path placeholder's value, percent-encoded (2.x: ``quote_plus`` for labels)."""
    name, attribute, encoded = placeholder_source(spec, placeholder, list(arguments), used)
    value = arguments[name]
    if attribute == "isoformat()" or isinstance(value, dt.date):
        text = value if isinstance(value, str) else value.isoformat()
    elif attribute:
        text = str(value[attribute] if isinstance(value, Mapping) else getattr(value, attribute))
    else:
        text = str(value)
    if encoded or spec.api == "metadata":
        return inert_dots(quote_plus(text))
    return inert_dots(quote(text, safe=""))


def placeholder_source(
    spec: MethodSpec, placeholder: str, names: list[str], used: set[str]
) -> tuple[str, str, bool]:
    """Where a path placeholder's value comes from: ``(parameter, attribute, plus_encoded)``.

    ``{activity_id}`` is the parameter; ``{encoded_login}`` the parameter ``login``,
    ``quote_plus``-encoded; ``{workzone.workZoneLabel}`` an attribute of one; a ``{label}``
    without a parameter of that name is the next ``*_label`` parameter, or the body's label.
    """
    name, _, attribute = placeholder.partition(".")
    encoded = name.startswith("encoded_")
    name = name.removeprefix("encoded_")
    if name not in names:
        name = next((n for n in names if n.endswith("label") and n not in used), "")
        if not name:
            name, attribute = spec.body or "", "label"
    used.add(name)
    return name, attribute, encoded


def query_key(spec: MethodSpec, name: str) -> str:
    """The query parameter name 2.x sent the parameter ``name`` under."""
    return (
        _QUERY_NAMES_BY_METHOD.get((spec.name, name))
        or _QUERY_NAMES.get(name)
        or _wire_names(spec.v3).get(name, name)
    )


def _query(spec: MethodSpec, arguments: Mapping[str, Any], used: set[str]) -> list[tuple[str, str]]:
    if spec.name == "get_activities":
        return _activities_query(arguments)
    if spec.name == "get_events":
        return _pairs(arguments["params"])
    if spec.name == "get_capacity_areas":
        return _capacity_areas_query(arguments)
    pairs: list[tuple[str, str]] = []
    expand = [value for flag, value in _EXPAND_FLAGS if arguments.get(flag)]
    for name, value in arguments.items():
        if name in used or name == spec.body or name in _NOT_QUERY or name.startswith("expand_"):
            continue
        if name == "kwargs":  # get_activity_booking_options(**kwargs): sent as given
            pairs.extend(_pairs(value))
            continue
        if name == "auto_resolve_conflicts" and not value:  # 2.x sent it only when true
            continue
        if name == "identify_by_internal_id":
            if value:
                pairs.append(("identifyResourceBy", "resourceInternalId"))
            continue
        text = _text(value)
        if text is not None:
            pairs.append((query_key(spec, name), text))
    if expand:
        pairs.append(("expand", ",".join(expand)))
    return pairs


@cache
def _wire_names(v3: str | None) -> dict[str, str]:
    """2.x parameter name -> its name on the wire, from the v3 operation (``date_from`` ->
    ``dateFrom``; a camelCase 2.x name is already the wire name)."""
    if v3 is None:
        return {}
    names: dict[str, str] = {}
    for param in generated_operation(v3).params:
        if param.location == "query":
            names[param.name] = param.wire
            names[param.wire] = param.wire
    return names


def _activities_query(arguments: Mapping[str, Any]) -> list[tuple[str, str]]:
    params = arguments["params"]
    if isinstance(params, Mapping):
        params = GetActivitiesParams.model_validate(params)
    api_params = dict(params.to_api_params())
    api_params["offset"] = arguments["offset"]
    api_params["limit"] = arguments["limit"]
    return _pairs(api_params)


def _capacity_areas_query(arguments: Mapping[str, Any]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    if arguments["expandParent"]:
        pairs.append(("expand", "parent"))
    if arguments["fields"]:
        pairs.append(("fields", str(_text(arguments["fields"]))))
    if arguments["activeOnly"]:
        pairs.append(("status", "active"))
    if arguments["areasOnly"]:
        pairs.append(("type", "area"))
    return pairs


def _pairs(params: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, value in (params or {}).items():
        text = _text(value)
        if text is not None:
            pairs.append((str(key), text))
    return pairs


def _text(value: Any) -> str | None:
    """A query value as 2.x sent it: booleans ``true``/``false``, lists as CSV, dates ISO."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(str(_text(item)) for item in value)
    if isinstance(value, CsvList):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _json_body(method: str, name: str, value: Any) -> Any:
    """The JSON body 2.x sent for the body parameter ``name``."""
    if name == "users":
        return {"items": [{"login": user} for user in value]}
    if name == "groups":
        return {"items": [group if isinstance(group, Mapping) else {"name": group} for group in value]}
    if isinstance(value, RootModel) and isinstance(value.root, list):
        value = value.root
    if isinstance(value, list | tuple) and (name in _ITEM_LISTS or method in _ITEM_LIST_METHODS):
        return {"items": [_plain(item) for item in value]}
    return _plain(value)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    return value


def _plugin_file(value: Any) -> tuple[str, bytes, str]:
    """The multipart part of a plugin import: a file (``import_plugin_file``) or XML text."""
    if isinstance(value, Path):
        return (value.name, value.read_bytes(), "text/xml")
    return ("plugin.xml", value.encode() if isinstance(value, str) else bytes(value), "text/xml")


def _upload(value: Any, default_name: str) -> tuple[str, bytes, str]:
    if isinstance(value, Path):
        return (value.name, value.read_bytes(), OCTET_STREAM)
    return (default_name, value if isinstance(value, bytes) else str(value).encode(), OCTET_STREAM)


def error_context(spec: MethodSpec) -> str:
    """``"Failed to get activity"``: how 2.x's messages began for this method."""
    return "Failed to " + spec.name.replace("_", " ")


def shape_result(spec: MethodSpec, response: Response, arguments: Mapping[str, Any]) -> Any:
    """What the 2.x async method returned for ``response``; an error status raises."""
    status = response.status_code
    if not 200 <= status < 300:
        detail = error_body(response).get("detail") or response.text
        raise exception_for(response, f"{error_context(spec)}: {detail}")
    returns = spec.returns
    if returns == "None":
        return None
    if returns == "bytes":
        return response.content
    if status == 204 or not response.content.strip():
        return {} if returns == "dict" else None
    data = response.json()
    if returns == "dict":
        return data
    if isinstance(data, dict):
        data.pop("links", None)
    if spec.name in ("link_activities", "set_activity_link") and "fromActivityId" not in data:
        return _link_without_body(spec, arguments)
    if returns == "ApplicationApiAccess":  # a union: the class depends on the API
        return parse_application_api_access(data)
    model = v2_model(str(returns).split(" | ")[0])
    if issubclass(model, RootModel) and isinstance(data, dict) and "items" in data:
        data = data["items"]  # 2.x read a root list model from the envelope's items
    return model.model_validate(data)


def _link_without_body(spec: MethodSpec, arguments: Mapping[str, Any]) -> Any:
    # OFS may answer a link request with HATEOAS links only; 2.x then returned the link asked for.
    model = v2_model("LinkedActivity")
    if spec.name == "link_activities":
        link = arguments["link"]
        return link if isinstance(link, BaseModel) else model.model_validate(link)
    return model.model_validate(
        {
            "fromActivityId": arguments["activity_id"],
            "toActivityId": arguments["linked_activity_id"],
            "linkType": arguments["link_type"],
        }
    )


__all__ = ["build_call", "error_context", "placeholder_source", "query_key", "shape_result"]
