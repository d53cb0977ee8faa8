"""Our own reviewed additions to Oracle's spec, kept in ``specs/``.

- ``names.toml``: one line per operation, ``"METHOD /path" = "method_name"``, and a
  ``[models]`` table of reviewed class names, keyed by where the schema sits in the spec: a
  definition's name (``getActivitySchema``) or an inline object's place under it
  (``findMatchingResourcesResponseSchema.items[]``, ``"POST /rest/... body"``). Two
  definitions may share a class name when they have the same shape.
- ``overlay.toml``: ``[[fix]]`` patches for spec defects (each with a ``why``),
  ``[model_names]`` class-name overrides, ``[retry_safe]`` non-idempotent operations
  that are nevertheless safe to replay, ``[request_bodies]`` the reviewed decision, per
  operation with a JSON body, whether the body may be omitted.
- ``reality.toml``: ``[[fix]]`` patches where real OFS answers differ from the spec. Each
  must name its evidence in ``source`` (an Oracle documentation page with its example, or
  a public capture, as an ``https://`` address) besides its ``why``; a correction without
  evidence is refused. They apply after the overlay's fixes, through the same code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SPECS_DIR = Path(__file__).resolve().parent.parent / "specs"


class OverlayError(Exception):
    """An overlay entry is malformed or does not apply to the spec."""


@dataclass(frozen=True)
class Fix:
    op: str  # "replace" | "add" | "remove"
    path: str  # JSON pointer into the raw spec
    why: str
    value: Any = None
    source: tuple[str, ...] = ()  # the evidence, for corrections from reality.toml


@dataclass(frozen=True)
class Overlay:
    method_names: dict[str, str] = field(default_factory=dict)
    fixes: tuple[Fix, ...] = ()
    corrections: tuple[Fix, ...] = ()  # reality.toml: what real OFS answers, with evidence
    model_names: dict[str, str] = field(default_factory=dict)
    retry_safe: frozenset[str] = frozenset()
    optional_bodies: frozenset[str] = frozenset()
    required_bodies: frozenset[str] = frozenset()

    @property
    def decides_bodies(self) -> bool:
        return bool(self.optional_bodies or self.required_bodies)


def load_overlay(specs_dir: Path = SPECS_DIR) -> Overlay:
    names_file = specs_dir / "names.toml"
    overlay_file = specs_dir / "overlay.toml"
    reality_file = specs_dir / "reality.toml"
    names = _read_toml(names_file) if names_file.exists() else {}
    data = _read_toml(overlay_file) if overlay_file.exists() else {}
    reality = _read_toml(reality_file) if reality_file.exists() else {}
    return Overlay(
        method_names={str(k): str(v) for k, v in names.items() if k != "models"},
        fixes=_read_fixes(overlay_file, data.get("fix", []), evidence=False),
        corrections=_read_fixes(reality_file, reality.get("fix", []), evidence=True),
        model_names=_read_model_names(names_file, names.get("models", {}), data.get("model_names", {})),
        retry_safe=frozenset(data.get("retry_safe", {}).get("operations", [])),
        **_read_body_decisions(overlay_file, data.get("request_bodies", {})),
    )


def _read_model_names(path: Path, reviewed: dict[str, Any], overrides: dict[str, Any]) -> dict[str, str]:
    """``names.toml [models]`` merged with ``overlay.toml [model_names]`` (case collisions)."""
    both = sorted(k for k in set(reviewed) & set(overrides) if reviewed[k] != overrides[k])
    if both:
        raise OverlayError(f"{path}: [models] and overlay.toml [model_names] disagree on {', '.join(both)}")
    names = {str(k): str(v) for k, v in {**overrides, **reviewed}.items()}
    bad = sorted(f"{k} = {v!r}" for k, v in names.items() if not (v.isidentifier() and v[0].isupper()))
    if bad:
        raise OverlayError(f"{path}: class names must be PascalCase identifiers: {', '.join(bad)}")
    return names


def _read_body_decisions(path: Path, table: dict[str, Any]) -> dict[str, frozenset[str]]:
    optional = frozenset(table.get("optional", []))
    required = frozenset(table.get("required", []))
    both = sorted(optional & required)
    if both:
        raise OverlayError(f"{path}: [request_bodies] lists {', '.join(both)} as both optional and required")
    return {"optional_bodies": optional, "required_bodies": required}


def _read_fixes(path: Path, entries: list[dict[str, Any]], *, evidence: bool) -> tuple[Fix, ...]:
    fixes = []
    needed = {"op", "path", "why", "source"} if evidence else {"op", "path", "why"}
    for i, entry in enumerate(entries):
        missing = needed - {key for key, value in entry.items() if value not in ("", [])}
        if missing:
            raise OverlayError(f"{path}: fix #{i + 1} lacks {', '.join(sorted(missing))}")
        if entry["op"] not in ("replace", "add", "remove"):
            raise OverlayError(f"{path}: fix #{i + 1} has unknown op {entry['op']!r}")
        source = entry.get("source", ())
        sources = (source,) if isinstance(source, str) else tuple(source)
        for address in sources:
            if not (isinstance(address, str) and address.startswith("https://")):
                raise OverlayError(
                    f"{path}: fix #{i + 1} source {address!r} is not an https:// address of its evidence"
                )
        fixes.append(Fix(entry["op"], entry["path"], entry["why"], entry.get("value"), sources))
    return tuple(fixes)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise OverlayError(f"{path}: {exc}") from exc


def _pointer_parts(pointer: str) -> list[str]:
    if not pointer.startswith("/"):
        raise OverlayError(f"fix path {pointer!r} must be a JSON pointer starting with '/'")
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]


def apply_fixes(document: dict[str, Any], fixes: tuple[Fix, ...]) -> list[str]:
    """Apply each fix in place; return one line per fix for the log. A fix that no longer
    applies (its target is gone) is an error: the overlay must be reviewed for the new spec."""
    applied = []
    for fix in fixes:
        *parents, last = _pointer_parts(fix.path)
        node: Any = document
        for part in parents:
            node = _step(node, part, fix)
        if isinstance(node, list):
            node[_index(node, last, fix)] = fix.value  # lists: replace only
        elif not isinstance(node, dict):
            raise OverlayError(f"fix {fix.path}: parent is not an object")
        elif fix.op in ("replace", "remove") and last not in node:
            raise OverlayError(f"fix {fix.path}: nothing to {fix.op} (does the fix still apply?)")
        elif fix.op == "remove":
            del node[last]
        else:
            node[last] = fix.value
        applied.append(f"{fix.op} {fix.path}: {fix.why}")
    return applied


def _step(node: Any, part: str, fix: Fix) -> Any:
    if isinstance(node, list):
        return node[_index(node, part, fix)]
    if isinstance(node, dict) and part in node:
        return node[part]
    raise OverlayError(f"fix {fix.path}: {part!r} not found (does the fix still apply?)")


def _index(node: list[Any], part: str, fix: Fix) -> int:
    if not part.isdigit() or int(part) >= len(node):
        raise OverlayError(f"fix {fix.path}: no item {part!r} in a list of {len(node)}")
    return int(part)
