"""Every 2.x method and its v3 equivalent, read from the ``ofsc.v2`` classes themselves.

Each 2.x method of :mod:`ofsc.v2` records its v3 equivalent (``@endpoint`` /
``@v3_equivalent``); this module turns those records into the rows of the migration table in
``docs/MIGRATION.md`` and into the v3 calls ``python -m ofsc.migrate --report`` prints.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ofsc.v2 import OFSApi, OFSCapacity, OFSCore, OFSMetadata, OFSOauth2

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ofsc.v2._endpoint import V3Equivalent

# The attribute of the 2.x client each sub-API is reached by, and its class.
SUB_APIS: dict[str, type[OFSApi]] = {
    "core": OFSCore,
    "metadata": OFSMetadata,
    "capacity": OFSCapacity,
    "oauth2": OFSOauth2,
}
# Arguments every 2.x method took that v3 expresses differently.
RETURN_MODE_ARGUMENTS = ("response_type", "model")


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    required: bool
    keyword_only: bool


@dataclass(frozen=True, slots=True)
class MethodMapping:
    """One 2.x method (``api.name(params)``) and what v3 calls it."""

    api: str
    name: str
    params: tuple[Parameter, ...]
    v3: V3Equivalent

    @property
    def v2_signature(self) -> str:
        parts: list[str] = []
        star = False
        for p in self.params:
            if p.keyword_only and not star:
                parts.append("*")
                star = True
            parts.append(p.name if p.required else f"{p.name}=...")
        return f"{self.api}.{self.name}({', '.join(parts)})"

    def v3_keyword(self, param: str) -> str | None:
        """The v3 keyword for the 2.x argument ``param`` (None when v3 has none)."""
        if param in self.v3.args:
            return self.v3.args[param]
        if not self.v3.is_endpoint:
            return None
        name = snake_case(param)
        return name if name in v3_parameters(self.v3.target) else None

    def v3_call(self, arguments: Mapping[str, str] | None = None) -> str:
        """The v3 call; with ``arguments`` (2.x parameter -> source text) filled in,
        otherwise with ``...`` for each required 2.x parameter (and the parameter's name
        where a v3 keyword is computed from it)."""
        if not self.v3.is_endpoint:
            return self.v3.target
        names = {p.name: p.name for p in self.params}
        if arguments is None:
            arguments = {p.name: "..." for p in self.params if p.required}
        mapped: dict[str, str] = {}
        for param, text in arguments.items():
            v3_keyword = self.v3_keyword(param)
            if v3_keyword is not None:
                mapped[v3_keyword] = json_object(text) if param in self.v3.json_text else text
        keywords: dict[str, str] = {}
        for keyword, template in self.v3.derived.items():  # what a given argument says wins
            if keyword in mapped:
                continue
            used = re.findall(r"\{(\w+)\}", template)
            # The argument's source text, or (in the table) the parameter's name.
            values = {name: arguments.get(name, "...") for name in used}
            keywords[keyword] = template.format(
                **{k: names[k] if v == "..." else v for k, v in values.items()}
            )
        keywords.update(mapped)
        return f"client.{self.v3.target}({', '.join(f'{k}={v}' for k, v in keywords.items())})"

    def unmapped(self, arguments: Mapping[str, str]) -> list[str]:
        """The 2.x arguments of a call that have no v3 keyword and no note saying why."""
        return [param for param in arguments if param not in self.v3.args and self.v3_keyword(param) is None]

    @property
    def renames(self) -> dict[str, str]:
        """2.x parameters whose v3 keyword is not their snake_case name."""
        found: dict[str, str] = {}
        for p in self.params:
            keyword = self.v3_keyword(p.name)
            if keyword is not None and keyword != snake_case(p.name):
                found[p.name] = keyword
        return found


def json_object(text: str) -> str:
    """The object a 2.x JSON-text argument stood for: ``json.dumps(x)`` -> ``x``, anything
    else -> ``json.loads(<text>)`` (v3 takes the object, not its JSON)."""
    found = re.fullmatch(r"json\.dumps\((.*)\)", text, flags=re.DOTALL)
    if found:
        return found.group(1)
    return text if text == "..." else f"json.loads({text})"


def snake_case(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


@functools.cache
def _v3_signature(target: str) -> inspect.Signature:
    from ofsc_generated import FAMILIES

    family, _, method = target.partition(".")
    module, sync_class, _ = FAMILIES[family]
    api = getattr(importlib.import_module(module), sync_class)
    return inspect.signature(getattr(api, method))


@functools.cache
def v3_parameters(target: str) -> frozenset[str]:
    """The keyword parameters of the v3 endpoint method ``"family.method"``."""
    return frozenset(_v3_signature(target).parameters) - {"self", "options"}


def _parameters(method: Any) -> tuple[Parameter, ...]:
    signature = inspect.signature(inspect.unwrap(method))
    return tuple(
        Parameter(p.name, p.default is inspect.Parameter.empty, p.kind is inspect.Parameter.KEYWORD_ONLY)
        for p in list(signature.parameters.values())[1:]
        if p.kind not in (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.VAR_POSITIONAL)
        and p.name not in RETURN_MODE_ARGUMENTS
    )


@functools.cache
def mappings() -> tuple[MethodMapping, ...]:
    """Every public 2.x sub-API method (core, metadata, capacity, oauth2), in class order."""
    rows: list[MethodMapping] = []
    for api, cls in SUB_APIS.items():
        for name, member in vars(cls).items():
            v3: V3Equivalent | None = getattr(member, "__ofsc_v3__", None)
            if v3 is not None and not name.startswith("_"):
                rows.append(MethodMapping(api, name, _parameters(member), v3))
    return tuple(rows)


@functools.cache
def shared_mappings() -> tuple[MethodMapping, ...]:
    """``token()`` and ``call()``, which every 2.x sub-API inherits."""
    return tuple(
        MethodMapping("<any API>", name, _parameters(member), member.__ofsc_v3__)
        for name, member in vars(OFSApi).items()
        if hasattr(member, "__ofsc_v3__")
    )


def find(api: str | None, name: str) -> MethodMapping | None:
    """The mapping of ``api.name`` (``api=None``: any sub-API, or an inherited method)."""
    for row in mappings():
        if row.name == name and api in (None, row.api):
            return row
    return next((row for row in shared_mappings() if row.name == name), None)


def _note(row: MethodMapping) -> str:
    notes = [row.v3.note] if row.v3.note else []
    optional = {p.name for p in row.params if not p.required}
    renames = [f"{old} -> {new}" for old, new in row.renames.items() if old in optional]
    if renames:
        notes.append("renamed: " + ", ".join(renames))
    return "; ".join(notes)


def migration_table() -> str:
    """The markdown table of ``docs/MIGRATION.md``: every 2.x method and its v3 call."""
    lines = [
        "| 2.x | v3 | notes |",
        "|---|---|---|",
        "| `OFSC(clientID, companyName, secret, root=..., baseUrl=..., useToken=...)` "
        "| `ofsc.OFSC(instance=..., client_id=..., client_secret=..., base_url=..., auth=...)` "
        "| `useToken=True` is `auth='oauth2'`; `root` becomes `resources=[root]` on the calls |",
    ]
    for row in (*mappings(), *shared_mappings()):
        v3 = row.v3_call()
        cell = f"`{v3}`" if "(" in v3 else v3
        lines.append(f"| `{row.v2_signature}` | {cell} | {_note(row)} |")
    return "\n".join(lines) + "\n"


# -- the 2.x async client (ofsc.async_client) --------------------------------------------

# What a 2.x async method without a single v3 endpoint method becomes.
_ASYNC_SPECIAL: dict[str, tuple[str, str]] = {
    "get_all_workzones": ("client.paginate(client.metadata.get_workzones, limit=...)", "an async iterator"),
    "get_all_resources": (
        "client.paginate(client.core.get_resources, limit=..., fields=[...], expand=[...])",
        "an async iterator",
    ),
}
_ASYNC_NOTES = {
    "params": "pass the query as keywords (date_from=, resources=[...], ...)",
    "identify_by_internal_id": "identify_by_internal_id=True becomes identify_resource_by='resourceInternalId'",
    "media_type": "the media type goes in options={'headers': {...}}",
    "content_type": "the media type goes in options={'headers': {...}}",
    "filename": "the file name goes in options={'headers': {'Content-Disposition': ...}}",
    "kwargs": "further query parameters are keywords of the v3 method",
}
# The envelope v3 takes for a list 2.x wrapped itself (format templates: LIST is the list).
_ITEM_BODIES = {
    "users": '{{"items": [{{"login": login}} for login in LIST]}}',
    "groups": '{{"items": [{{"name": name}} for name in LIST]}}',
    **{name: '{{"items": list(LIST)}}' for name in ("inventories", "preferences", "workskills", "workzones")},
}
_ASYNC_DERIVED = {
    "get_events": {"subscription_id": '{params}["subscriptionId"]'},
    "get_token": {"grant_type": "'client_credentials'"},
}


def _async_equivalent(spec: Any) -> V3Equivalent:
    from ofsc.async_client._requests import HEADER_PARAMETERS, placeholder_source, query_key
    from ofsc.v2._carrier import generated_operation
    from ofsc.v2._endpoint import V3Equivalent

    names = [p for p in spec.signature.parameters if p != "self"]
    if spec.name in _ASYNC_SPECIAL:
        target, note = _ASYNC_SPECIAL[spec.name]
        return V3Equivalent(target, note=note)
    sync = find(None, spec.name)
    if spec.stub:
        if sync is None:
            return V3Equivalent("2.x raised NotImplementedError here")
        v3 = f"`{sync.v3_call()}`" if sync.v3.is_endpoint else sync.v3.target
        return V3Equivalent(f"2.x raised NotImplementedError here; v3: {v3}")
    if spec.v3 is None:
        return V3Equivalent("not in Oracle's spec; client.raw(...) sends any request")
    operation = generated_operation(spec.v3)
    path_params = [p for p in operation.params if p.location == "path"]
    wire_to_python = {p.wire: p.name for p in operation.params if p.location == "query"}
    args: dict[str, str | None] = {}
    derived = dict(_ASYNC_DERIVED.get(spec.name, {}))
    notes: list[str] = []
    used: set[str] = set()
    placeholders = re.findall(r"\{([^}]+)\}", spec.path)
    for index, placeholder in enumerate(placeholders):
        name, attribute, _ = placeholder_source(spec, placeholder, names, used)
        keyword = path_params[index].name if index < len(path_params) else None
        if keyword is None:
            continue
        if attribute and attribute != "isoformat()":
            derived[keyword] = f"{{{name}}}.{attribute}"
        else:
            args[name] = keyword
    for name in names:
        if name == spec.body:
            args[name] = _body_keyword(operation)
        elif name in used or name in args:
            continue
        elif name.startswith("expand_"):
            args[name] = None
            if "expand" in wire_to_python and "expand_*=True becomes expand=[...]" not in notes:
                notes.append("expand_*=True becomes expand=[...]")
        elif name in _ASYNC_NOTES or name in HEADER_PARAMETERS:
            args[name] = None
            if _ASYNC_NOTES.get(name) and _ASYNC_NOTES[name] not in notes:
                notes.append(_ASYNC_NOTES[name])
        else:
            args[name] = wire_to_python.get(query_key(spec, name))
    required = {
        name for name, p in _v3_signature(spec.v3).parameters.items() if p.default is inspect.Parameter.empty
    }
    required_2x = {p.name for p in spec.signature.parameters.values() if p.default is inspect.Parameter.empty}
    given = {keyword for name, keyword in args.items() if keyword and name in required_2x} | set(derived)
    if "body" in required - given:  # 2.x sent no body (or an optional one): v3 needs one
        derived["body"] = "{{}}"  # (a format template: "{}" when filled in)
    if spec.body in _ITEM_BODIES:
        args[spec.body] = None  # a list 2.x wrapped itself: v3 takes the envelope
        derived["body"] = _ITEM_BODIES[spec.body].replace("LIST", f"{{{spec.body}}}")
        notes.append(f"body={{'items': [...]}} from {spec.body}")
    return V3Equivalent(spec.v3, args, "; ".join(notes), derived)


def _body_keyword(operation: Any) -> str | None:
    """The v3 keyword of an operation's body: ``body``, ``content``, or its file field."""
    if operation.body is None:
        return None
    if operation.body.name:
        return str(operation.body.name)
    return next((p.name for p in operation.params if p.location in ("file", "form")), None)


def _async_parameters(spec: Any) -> tuple[Parameter, ...]:
    return tuple(
        Parameter(p.name, p.default is inspect.Parameter.empty, p.kind is inspect.Parameter.KEYWORD_ONLY)
        for p in list(spec.signature.parameters.values())[1:]
        if p.kind is not inspect.Parameter.VAR_KEYWORD
    )


@functools.cache
def async_mappings() -> tuple[MethodMapping, ...]:
    """Every method of the 2.x async client (``ofsc.async_client``) and its v3 equivalent."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the 2.x API's import warning
        from ofsc.async_client._table import METHODS

    return tuple(
        MethodMapping(spec.api, spec.name, _async_parameters(spec), _async_equivalent(spec))
        for spec in METHODS
    )


def find_async(api: str | None, name: str) -> MethodMapping | None:
    """The mapping of the 2.x async method ``api.name`` (``api=None``: any sub-API)."""
    return next((row for row in async_mappings() if row.name == name and api in (None, row.api)), None)


def async_migration_table() -> str:
    """The markdown table of the 2.x async client in ``docs/MIGRATION.md``."""
    lines = [
        "| 2.x async (`ofsc.async_client`) | v3 (`ofsc.AsyncOFSC`, awaited) | notes |",
        "|---|---|---|",
        "| `AsyncOFSC(clientID, companyName, secret, root=..., baseUrl=..., useToken=..., access_token=..., "
        "http_config=...)` | `ofsc.AsyncOFSC(instance=..., client_id=..., client_secret=..., base_url=..., "
        "auth=...)` | `useToken=True` is `auth='oauth2'` (v3 fetches and refreshes the token); "
        "`HTTPClientConfig(timeout=, max_retries=)` are `timeout=`, `max_retries=`; "
        "other transport settings go in `http_client=httpx.AsyncClient(...)` |",
    ]
    for row in async_mappings():
        v3 = row.v3_call()
        cell = f"`{v3}`" if row.v3.is_endpoint or v3.startswith("client.") else v3
        lines.append(f"| `{row.v2_signature}` | {cell} | {_note(row)} |")
    return "\n".join(lines) + "\n"
