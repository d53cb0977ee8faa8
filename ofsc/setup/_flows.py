"""Reading an instance and applying a plan, as generators that yield the calls they need.

The flows decide everything (what to read next, what a failed write means for the rest);
:mod:`ofsc.setup._drive` runs them with a sync or an async client and only does the I/O.
A failed write is thrown back into the flow, which records it and stops or goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ofsc._exceptions import OFSCError

from ._kinds import KINDS, Kind, operation, order
from ._snapshot import Snapshot, canonical, empty

if TYPE_CHECKING:
    from collections.abc import Generator

    from ._diff import Plan, Step


@dataclass(frozen=True, slots=True)
class ReadAll:
    """Every item of a metadata list operation, as plain JSON values."""

    operation: str
    arguments: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Write:
    operation: str
    arguments: dict[str, Any]


def read_flow(kinds: tuple[Kind, ...] = KINDS) -> Generator[ReadAll, list[Any], Snapshot]:
    """Read ``kinds`` (and the kinds they are read through) into a snapshot."""
    snapshot = empty()
    for kind in order(kinds):
        objects = snapshot[kind.name]
        if kind.parent is not None:
            parents = snapshot[kind.parent]
            (param,) = (p.name for p in operation(kind.list_op).params if p.location == "path")
            for parent_key, parent in sorted(parents.items()):
                if kind.parent_filter is None or kind.parent_filter(parent):
                    items = yield ReadAll(kind.list_op, {param: parent_key})
                    objects[parent_key] = canonical({"items": items})
        elif kind.singleton is not None:
            items = yield ReadAll(kind.list_op, {})
            if items:
                objects[kind.singleton] = canonical({"items": items})
        else:
            for item in (yield ReadAll(kind.list_op, {})):
                obj = item if isinstance(item, dict) else {kind.key: item}
                key = obj.get(kind.key)
                if key is None:
                    raise OFSCError(f"{kind.list_op}() returned an item without its {kind.key!r}: {obj!r}")
                objects[str(key)] = canonical(obj)
    return snapshot


Outcome = Literal["done", "failed", "manual", "not attempted"]


@dataclass(frozen=True, slots=True)
class StepResult:
    step: Step
    outcome: Outcome
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        found = {**self.step.to_json(), "outcome": self.outcome}
        if self.error:
            found["error"] = self.error
        return found


@dataclass(frozen=True, slots=True)
class ApplyReport:
    """What applying a plan did, step by step. Applying again after a failure carries on:
    a new plan leaves out what is already done."""

    results: tuple[StepResult, ...]

    @property
    def ok(self) -> bool:
        return not any(r.outcome in ("failed", "not attempted") for r in self.results)

    def count(self, outcome: Outcome) -> int:
        return sum(r.outcome == outcome for r in self.results)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "results": [r.to_json() for r in self.results]}

    def report(self) -> str:
        lines = [
            f"{self.count('done')} done, {self.count('failed')} failed, "
            f"{self.count('not attempted')} not attempted, {self.count('manual')} manual."
        ]
        for result in self.results:
            if result.outcome != "done":
                detail = result.error or result.step.reason
                lines.append(f"  {result.outcome}: {result.step.label}{': ' + detail if detail else ''}")
        return "\n".join(lines) + "\n"


def apply_flow(plan: Plan, *, stop_on_error: bool = True) -> Generator[Write, Any, ApplyReport]:
    """Write the plan's steps in order; after a failure, stop (the rest: "not attempted")
    or go on, as asked. Manual steps are reported, never attempted."""
    results: list[StepResult] = []
    failed = False
    for step in plan.steps:
        if step.action == "manual":
            results.append(StepResult(step, "manual"))
            continue
        if failed and stop_on_error:
            results.append(StepResult(step, "not attempted"))
            continue
        assert step.operation is not None
        try:
            yield Write(step.operation, step.arguments)
        except OFSCError as exc:
            failed = True
            results.append(StepResult(step, "failed", str(exc)))
            continue
        results.append(StepResult(step, "done"))
    return ApplyReport(tuple(results))
