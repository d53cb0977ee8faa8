"""Comparing two snapshots, and the plan that makes one instance look like the other.

No I/O here: a :class:`Change` says how an object differs, field by field; a :class:`Plan`
orders the writes by dependency and says, as manual steps, what the API cannot write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ._kinds import KIND_BY_NAME, Kind, operation, order, writable_fields

if TYPE_CHECKING:
    from ._snapshot import Snapshot

Action = Literal["create", "update", "delete"]
StepAction = Literal["create", "update", "delete", "manual"]
_MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class FieldChange:
    path: str  # dotted field names from the object's top level
    before: Any  # in the target (None when absent)
    after: Any  # in the source (None when absent)

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class Change:
    """How the target's object differs from the source's: created, updated or deleted."""

    kind: str
    key: str
    action: Action
    fields: tuple[FieldChange, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "action": self.action,
            "fields": [change.to_json() for change in self.fields],
        }


def diff(source: Snapshot, target: Snapshot) -> list[Change]:
    """What would have to change in ``target`` for it to hold what ``source`` holds, in
    dependency order of the kinds, objects by key."""
    changes: list[Change] = []
    for kind in order():
        ours, theirs = source.get(kind.name, {}), target.get(kind.name, {})
        for key in sorted(ours.keys() | theirs.keys()):
            before, after = theirs.get(key, _MISSING), ours.get(key, _MISSING)
            if before is _MISSING:
                changes.append(Change(kind.name, key, "create", tuple(_field_changes(None, after))))
            elif after is _MISSING:
                changes.append(Change(kind.name, key, "delete"))
            elif before != after:
                changes.append(Change(kind.name, key, "update", tuple(_field_changes(before, after))))
    return changes


def _field_changes(before: Any, after: Any, path: str = "") -> list[FieldChange]:
    if isinstance(before, dict) and isinstance(after, dict):
        found: list[FieldChange] = []
        for name in sorted(before.keys() | after.keys()):
            inner = f"{path}.{name}" if path else name
            found += _field_changes(before.get(name, _MISSING), after.get(name, _MISSING), inner)
        return found
    if before is None and isinstance(after, dict):
        return _field_changes({}, after, path)
    if before == after:
        return []
    return [FieldChange(path, None if before is _MISSING else before, None if after is _MISSING else after)]


def diff_report(changes: list[Change], source: str, target: str) -> str:
    """A readable report of ``changes`` (what ``target`` lacks or holds differently)."""
    if not changes:
        return f"{target} holds the same configuration as {source}.\n"
    counts = {action: sum(c.action == action for c in changes) for action in ("create", "update", "delete")}
    lines = [
        f"{target} differs from {source}: {counts['create']} only in {source}, "
        f"{counts['update']} changed, {counts['delete']} only in {target}.",
    ]
    symbol = {"create": "+", "update": "~", "delete": "-"}
    for change in changes:
        lines.append(f"{symbol[change.action]} {change.kind}/{change.key}")
        if change.action == "update":
            lines += [f"    {f.path}: {_short(f.before)} -> {_short(f.after)}" for f in change.fields]
    return "\n".join(lines) + "\n"


def _short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ---- plans -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a plan: a write the API can do, or a manual step it cannot."""

    kind: str
    key: str
    action: StepAction
    reason: str = ""
    operation: str | None = None
    arguments: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.action} {self.kind}/{self.key}"

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"kind": self.kind, "key": self.key, "action": self.action}
        if self.operation:
            found["operation"] = self.operation
        if self.reason:
            found["reason"] = self.reason
        return found


@dataclass(frozen=True, slots=True)
class Plan:
    steps: tuple[Step, ...]
    kept: tuple[Change, ...] = ()  # objects only in the target, left alone (no delete asked)

    @property
    def writes(self) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.action != "manual")

    def to_json(self) -> dict[str, Any]:
        return {
            "steps": [step.to_json() for step in self.steps],
            "kept": [{"kind": c.kind, "key": c.key} for c in self.kept],
        }

    def report(self) -> str:
        if not self.steps and not self.kept:
            return "Nothing to do: the target already holds this configuration.\n"
        lines = [f"{len(self.writes)} write(s), {len(self.steps) - len(self.writes)} manual step(s):"]
        for number, step in enumerate(self.steps, 1):
            suffix = f" ({step.operation})" if step.operation else ""
            lines.append(f"{number:>4}. {step.label}{suffix}")
            if step.reason:
                lines.append(f"        {step.reason}")
        if self.kept:
            lines.append(f"Not deleted (only in the target; pass delete to remove): {len(self.kept)}")
            lines += [f"      {c.kind}/{c.key}" for c in self.kept]
        return "\n".join(lines) + "\n"


def plan(source: Snapshot, target: Snapshot, *, delete: bool = False) -> Plan:
    """The steps that make ``target`` hold what ``source`` holds: writes ordered so that
    what an object refers to exists first, deletes (only when ``delete``) in reverse order,
    and manual steps for what the API cannot write."""
    writes: list[Step] = []
    deletes: list[Step] = []
    kept: list[Change] = []
    for change in diff(source, target):
        kind = KIND_BY_NAME[change.kind]
        if change.action == "delete":
            if not delete:
                kept.append(change)
            elif kind.delete_op is None:
                deletes.append(_manual(kind, change, f"the API cannot delete {kind.name}: remove it by hand"))
            else:
                arguments = _path_arguments(kind.delete_op, change.key)
                deletes.append(Step(kind.name, change.key, "delete", "", kind.delete_op, arguments))
            continue
        writes += _write_steps(kind, change, source[kind.name][change.key])
    return Plan(tuple(writes + deletes[::-1]), tuple(kept))


def _write_steps(kind: Kind, change: Change, obj: Any) -> list[Step]:
    if not kind.writable:
        return [
            _manual(
                kind, change, f"the API cannot write {kind.name}: {change.action} it in the admin screens"
            )
        ]
    name = kind.write_operation(exists=change.action == "update")
    accepted = writable_fields(name)
    changed = {f.path.split(".", 1)[0] for f in change.fields}
    unwritable = sorted(changed - accepted - _derived(kind, accepted)) if accepted is not None else []
    steps: list[Step] = []
    if change.action == "create" or set(changed) - set(unwritable):
        body = obj if accepted is None else {k: v for k, v in obj.items() if k in accepted}
        arguments = {**_path_arguments(name, change.key), **_body_argument(name, body)}
        steps.append(Step(kind.name, change.key, change.action, "", name, arguments))
    if unwritable:
        reason = f"{', '.join(unwritable)} cannot be written through the API: set by hand"
        steps.append(Step(kind.name, change.key, "manual", reason))
    return steps


def _derived(kind: Kind, accepted: frozenset[str]) -> set[str]:
    """Fields the API sets itself from what is written: the key (from the path) and, where
    translations are written, the name (the English translation's)."""
    return {kind.key, "name"} if "translations" in accepted else {kind.key}


def _manual(kind: Kind, change: Change, reason: str) -> Step:
    return Step(kind.name, change.key, "manual", reason)


def _path_arguments(operation_name: str, key: str) -> dict[str, Any]:
    path_params = [p.name for p in operation(operation_name).params if p.location == "path"]
    return {name: key for name in path_params}


def _body_argument(operation_name: str, body: Any) -> dict[str, Any]:
    spec = operation(operation_name).body
    return {spec.name: body} if spec is not None and spec.name else {}
