"""``client.bulk``: mass updates through OFS's bulk operations, with a report of every item.

The public methods are written once (:class:`BulkUpdates`); they build a plan
(:mod:`._bulk_plan`) and hand it to ``_run``, which :class:`SyncBulk` carries out with
threads and :class:`AsyncBulk` with tasks, through the client's per-operation limiter.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from ._bulk_plan import DEFAULT_MAX_BYTES, DEFAULT_MAX_ITEMS, KINDS, BulkPlan
from ._drive import run_async, run_sync
from ._limits import client_limits
from ._progress import progress_bar
from ._report import BulkReport

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ._limits import Limits
    from ._progress import ProgressBar, ProgressCallback

# What an activity update does unless told otherwise: find activities by id, leave
# activities in a final status alone.
DEFAULT_ACTIVITY_PARAMETERS = {"identifyActivityBy": "activityId", "ifInFinalStatusThen": "doNothing"}


class BulkUpdates[R]:
    """``client.bulk`` (``R`` is :class:`BulkReport`, or an awaitable of one for ``AsyncOFSC``).

    Every method packs ``items`` into requests under 5 MB (``max_bytes``, at most
    ``max_items`` items each), sends up to ``concurrency`` at once (at most the
    operation's limit, ``client.bulk.limits``), and returns a :class:`BulkReport` with one
    outcome per item, in order. ``on_progress`` is called after each answer;
    ``progress=True`` draws a bar on the terminal (``pip install 'ofsc[progress]'``).
    """

    def __init__(self, client: Any) -> None:
        self._client = client

    @property
    def limits(self) -> Limits:
        return client_limits(self._client)

    def update_activities(
        self,
        items: Sequence[Mapping[str, Any] | Any],
        *,
        parameters: Mapping[str, Any] | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_items: int = DEFAULT_MAX_ITEMS,
        concurrency: int | None = None,
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
    ) -> R:
        """Create or update activities (``core.bulk_update``). ``parameters`` is the request's
        ``updateParameters``: by default activities are found by ``activityId`` and those in a
        final status are left alone."""
        return self._update("activities", items, parameters or DEFAULT_ACTIVITY_PARAMETERS,
                            max_bytes, max_items, concurrency, on_progress, progress)  # fmt: skip

    def update_inventories(
        self,
        items: Sequence[Mapping[str, Any] | Any],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_items: int = DEFAULT_MAX_ITEMS,
        concurrency: int | None = None,
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
    ) -> R:
        """Create, update or delete resources' inventories (``core.bulk_update_resource_inventories``):
        one item per resource, ``{"resourceId": ..., "inventories": [...]}``."""
        return self._update(
            "inventories", items, None, max_bytes, max_items, concurrency, on_progress, progress
        )

    def update_work_zones(
        self,
        items: Sequence[Mapping[str, Any] | Any],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_items: int = DEFAULT_MAX_ITEMS,
        concurrency: int | None = None,
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
    ) -> R:
        """Set resources' work zones (``core.bulk_update_resource_workzones``): one item per resource."""
        return self._update(
            "work_zones", items, None, max_bytes, max_items, concurrency, on_progress, progress
        )

    def update_work_skills(
        self,
        items: Sequence[Mapping[str, Any] | Any],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_items: int = DEFAULT_MAX_ITEMS,
        concurrency: int | None = None,
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
    ) -> R:
        """Set resources' work skills (``core.bulk_update_resource_workskills``): one item per resource."""
        return self._update(
            "work_skills", items, None, max_bytes, max_items, concurrency, on_progress, progress
        )

    def update_work_schedules(
        self,
        items: Sequence[Mapping[str, Any] | Any],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_items: int = DEFAULT_MAX_ITEMS,
        concurrency: int | None = None,
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
    ) -> R:
        """Set resources' work schedules (``core.bulk_update_resource_workschedules``): one item per resource."""
        return self._update(
            "work_schedules", items, None, max_bytes, max_items, concurrency, on_progress, progress
        )

    def retry(
        self,
        report: BulkReport,
        *,
        concurrency: int | None = None,
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
    ) -> R:
        """Send the failed items of ``report`` again, with the same parameters; a new report
        (its indices are positions among the failed items)."""
        kind = next((name for name, k in KINDS.items() if k.operation == report.operation), None)
        if kind is None:
            raise ValueError(f"{report.operation!r} is not a bulk update this client can retry")
        parameters = report.parameters or None
        return self._update(kind, report.failed_items, parameters, DEFAULT_MAX_BYTES, DEFAULT_MAX_ITEMS,
                            concurrency, on_progress, progress)  # fmt: skip

    def _update(
        self,
        kind_name: str,
        items: Sequence[Any],
        parameters: Mapping[str, Any] | None,
        max_bytes: int,
        max_items: int,
        concurrency: int | None,
        on_progress: ProgressCallback | None,
        progress: bool,
    ) -> R:
        import importlib

        kind = KINDS[kind_name]
        operation = getattr(importlib.import_module("ofsc_generated.operations.core"), kind.operation.upper())
        plan = BulkPlan(kind, operation, items, parameters, max_bytes=max_bytes, max_items=max_items)
        cap = self.limits.cap(operation.name)
        if concurrency is not None and concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, got {concurrency}")
        callbacks: list[ProgressCallback | ProgressBar] = [c for c in (on_progress,) if c is not None]
        if progress:
            callbacks.append(progress_bar(f"bulk {operation.name}"))
        return self._run(plan, min(cap, concurrency or cap), callbacks)

    def _run(self, plan: BulkPlan, concurrency: int, callbacks: list[ProgressCallback | ProgressBar]) -> R:
        raise NotImplementedError


def _report_progress(plan: BulkPlan, callbacks: list[ProgressCallback | ProgressBar]) -> None:
    snapshot = plan.progress()
    for callback in callbacks:
        callback(snapshot)


def _close(callbacks: list[ProgressCallback | ProgressBar]) -> None:
    for callback in callbacks:
        close = getattr(callback, "close", None)
        if close is not None:
            close()


class SyncBulk(BulkUpdates[BulkReport]):
    def _run(
        self, plan: BulkPlan, concurrency: int, callbacks: list[ProgressCallback | ProgressBar]
    ) -> BulkReport:
        method = getattr(self._client.core, plan.operation.name)
        raw = self._client.raw
        slot = self.limits.sync_slot(plan.operation.name)
        try:
            for _ in run_sync(plan, lambda job: raw(method, body=job.body).json(), slot, concurrency):
                _report_progress(plan, callbacks)
        finally:
            _close(callbacks)
        return plan.report()


class AsyncBulk(BulkUpdates[Coroutine[Any, Any, BulkReport]]):
    async def _run(
        self, plan: BulkPlan, concurrency: int, callbacks: list[ProgressCallback | ProgressBar]
    ) -> BulkReport:
        method = getattr(self._client.core, plan.operation.name)
        raw = self._client.raw

        async def send(job: Any) -> object:
            return (await raw(method, body=job.body)).json()

        slot = self.limits.async_slot(plan.operation.name)
        try:
            async for _ in run_async(plan, send, slot, concurrency):
                _report_progress(plan, callbacks)
        finally:
            _close(callbacks)
        return plan.report()


def bulk_of(client: Any) -> Any:
    """``client.bulk``, built once per client."""
    from .._base_client import AsyncClient

    cached = client._families.get("bulk")
    if cached is None:
        cls = AsyncBulk if isinstance(client, AsyncClient) else SyncBulk
        cached = client._families["bulk"] = cls(client)
    return cached
