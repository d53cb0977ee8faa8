"""Instance configuration as code: export, diff, plan and apply between OFS instances.

::

    from ofsc import OFSC
    from ofsc import setup

    with OFSC.from_config(profile="test") as test, OFSC.from_config(profile="prod") as prod:
        setup.export(test, "setup/")                     # one JSON file per object
        plan = setup.plan(setup.read_folder("setup/"), setup.export(prod))
        print(plan.report())                             # writes in dependency order, manual steps
        report = setup.apply(plan, prod)                 # stops at the first failure by default
        print(report.report())

Every kind the metadata API can read is exported (:data:`KINDS`); the kinds it can also
write are applied, the others appear in a plan as manual steps. Nothing is deleted unless
``plan(..., delete=True)``. Applying is idempotent: a second plan is empty, and after a
failure a new plan holds only what is left. ``aexport``/``aapply`` take an ``AsyncOFSC``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ._diff import Change, FieldChange, Plan, Step, diff, diff_report, plan
from ._drive import arun, run
from ._flows import ApplyReport, StepResult, apply_flow, read_flow
from ._kinds import KINDS, Kind, kind_named
from ._snapshot import Snapshot, SnapshotError, read_folder, write_folder

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ofsc import OFSC, AsyncOFSC

__all__ = [
    "KINDS",
    "ApplyReport",
    "Change",
    "FieldChange",
    "Kind",
    "Plan",
    "Snapshot",
    "SnapshotError",
    "Step",
    "StepResult",
    "aapply",
    "aexport",
    "apply",
    "diff",
    "diff_report",
    "export",
    "plan",
    "read_folder",
    "write_folder",
]


def _kinds(names: Iterable[str] | None) -> tuple[Kind, ...]:
    return KINDS if names is None else tuple(kind_named(name) for name in names)


def export(client: OFSC, folder: str | Path | None = None, *, kinds: Iterable[str] | None = None) -> Snapshot:
    """Read the instance's configuration (every kind, or ``kinds``); write it into
    ``folder`` too when given."""
    snapshot = run(client, read_flow(_kinds(kinds)))
    if folder is not None:
        write_folder(snapshot, Path(folder))
    return snapshot


async def aexport(
    client: AsyncOFSC, folder: str | Path | None = None, *, kinds: Iterable[str] | None = None
) -> Snapshot:
    """:func:`export` with an async client."""
    snapshot = await arun(client, read_flow(_kinds(kinds)))
    if folder is not None:
        write_folder(snapshot, Path(folder))
    return snapshot


def apply(plan: Plan, client: OFSC, *, stop_on_error: bool = True) -> ApplyReport:
    """Carry out ``plan``'s writes on the instance (see :class:`ApplyReport`)."""
    return run(client, apply_flow(plan, stop_on_error=stop_on_error))


async def aapply(plan: Plan, client: AsyncOFSC, *, stop_on_error: bool = True) -> ApplyReport:
    """:func:`apply` with an async client."""
    return await arun(client, apply_flow(plan, stop_on_error=stop_on_error))
