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
        otherwise with ``...`` for each required 2.x parameter."""
        if not self.v3.is_endpoint:
            return self.v3.target
        if arguments is None:
            arguments = {p.name: "..." for p in self.params if p.required}
        keywords = [
            f"{keyword}={value}"
            for param, value in arguments.items()
            if (keyword := self.v3_keyword(param)) is not None
        ]
        return f"client.{self.v3.target}({', '.join(keywords)})"

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


def snake_case(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


@functools.cache
def v3_parameters(target: str) -> frozenset[str]:
    """The keyword parameters of the v3 endpoint method ``"family.method"``."""
    from ofsc_generated import FAMILIES

    family, _, method = target.partition(".")
    module, sync_class, _ = FAMILIES[family]
    api = getattr(importlib.import_module(module), sync_class)
    return frozenset(inspect.signature(getattr(api, method)).parameters) - {"self", "options"}


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
