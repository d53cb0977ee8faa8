"""``client.extract``: every item of a large list, within OFS's limits, resumable.

``client.extract.activities(date_from, date_to, ...)`` returns an :class:`Extraction`:
iterate it (``for`` with :class:`~ofsc.OFSC`, ``async for`` with
:class:`~ofsc.AsyncOFSC`) to get typed items. The plan (:mod:`._extract_plan`) decides
the windows, parts and pages; the iteration only sends requests (through the client's
per-operation limiter, :mod:`._limits`), saves the checkpoint and reports progress.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from .._exceptions import RequestValidationError
from ._checkpoint import Checkpoint
from ._drive import run_async, run_sync
from ._extract_plan import ExtractPlan, activities_plan, list_plan
from ._limits import client_limits
from ._progress import progress_bar

if TYPE_CHECKING:
    import datetime as dt
    import os
    from collections.abc import AsyncIterator, Iterator, Sequence

    from ofsc_generated.models.activity import Activity
    from ofsc_generated.models.last_known_position import (
        LastKnownPosition,
    )
    from ofsc_generated.models.resource import Resource
    from ofsc_generated.models.user import User

    from ._extract_plan import Batch
    from ._limits import Limits
    from ._progress import ProgressBar, ProgressCallback


class Extraction[T]:
    """The items of one extract, fetched as they are iterated (see the module docstring).

    With ``checkpoint=`` a file records how far the consumer got: an interrupted extract
    given the same file and arguments continues there, handing out only items not yet
    taken (an item counts as taken when the next one is asked for). The file is removed
    when the extract completes. An extraction is read once: call the method again for a
    new one."""

    def __init__(
        self,
        client: Any,
        plan: ExtractPlan,
        *,
        checkpoint: str | os.PathLike[str] | None,
        on_progress: ProgressCallback | None,
        progress: bool,
    ) -> None:
        self._client = client
        self.plan = plan
        self._checkpoint = Checkpoint(checkpoint) if checkpoint is not None else None
        self._on_progress = on_progress
        self._show_progress = progress
        self._bar: ProgressBar | None = None

    @property
    def limits(self) -> Limits:
        return client_limits(self._client)

    def __iter__(self) -> Iterator[T]:
        from .._base_client import AsyncClient

        if isinstance(self._client, AsyncClient):
            raise TypeError("an AsyncOFSC extract is read with `async for`")
        op = self.plan.operation
        method = getattr(getattr(self._client, op.family), op.name)
        limits = self.limits
        return self._items(
            run_sync(
                self.plan, lambda job: method(**job.kwargs), limits.sync_slot(op.name), limits.cap(op.name)
            )
        )

    def __aiter__(self) -> AsyncIterator[T]:
        from .._base_client import AsyncClient

        if not isinstance(self._client, AsyncClient):
            raise TypeError("an OFSC extract is read with `for`; `async for` is for AsyncOFSC")
        op = self.plan.operation
        method = getattr(getattr(self._client, op.family), op.name)
        limits = self.limits
        return self._aitems(
            run_async(
                self.plan, lambda job: method(**job.kwargs), limits.async_slot(op.name), limits.cap(op.name)
            )
        )

    # The two loops below only hand items on; what an item or a stop means is the plan's.

    def _items(self, batches: Iterator[Batch]) -> Iterator[T]:
        self._start()
        batch: Batch | None = None
        taken = 0
        try:
            for batch in batches:
                taken = 0
                self._progress()
                for taken, item in enumerate(batch.items):  # noqa: B007 - read in finally
                    yield cast("T", item)
                self._taken(batch, len(batch.items))
                batch = None
            self._finish()
        finally:
            self._stop(batch, taken)

    async def _aitems(self, batches: AsyncIterator[Batch]) -> AsyncIterator[T]:
        self._start()
        batch: Batch | None = None
        taken = 0
        try:
            async for batch in batches:
                taken = 0
                self._progress()
                for taken, item in enumerate(batch.items):  # noqa: B007 - read in finally
                    yield cast("T", item)
                self._taken(batch, len(batch.items))
                batch = None
            self._finish()
        finally:
            self._stop(batch, taken)
            await cast("Any", batches).aclose()

    def _start(self) -> None:
        if self._show_progress:
            self._bar = progress_bar(f"extract {self.plan.operation.name}")
        if self._checkpoint is not None:
            try:
                state = self._checkpoint.load()
            except ValueError as exc:
                raise RequestValidationError(self.plan.operation.name, [("checkpoint", str(exc))]) from None
            if state is not None:
                self.plan.resume(state, str(self._checkpoint.path))

    def _progress(self) -> None:
        snapshot = self.plan.progress()
        for callback in (self._on_progress, self._bar):
            if callback is not None:
                callback(snapshot)

    def _taken(self, batch: Batch, count: int) -> None:
        self.plan.taken(batch, count)
        if self._checkpoint is not None:
            self._checkpoint.save(self.plan.state())

    def _finish(self) -> None:
        if self._checkpoint is not None and self.plan.complete:
            self._checkpoint.remove()

    def _stop(self, batch: Batch | None, taken: int) -> None:
        """The iteration ended: unless complete, record how far it got (the items of ``batch``
        handed out before the last one count as taken)."""
        if batch is not None:
            self.plan.taken(batch, taken)
        if self._checkpoint is not None and not self.plan.complete:
            self._checkpoint.save(self.plan.state())
        if self._bar is not None:
            self._bar.close()
            self._bar = None


class Extract:
    """``client.extract``: large lists within OFS's published limits (see :class:`Extraction`).

    Arguments common to every list: ``checkpoint`` (a file path, see :class:`Extraction`),
    ``on_progress`` (called with a :class:`~ofsc.bulk.Progress` after each answer) and
    ``progress=True`` (a progress bar on the terminal; ``pip install 'ofsc[progress]'``).
    """

    def __init__(self, client: Any) -> None:
        self._client = client

    @property
    def limits(self) -> Limits:
        """The per-operation concurrency caps this client's extracts and bulk updates share."""
        return client_limits(self._client)

    def activities(
        self,
        date_from: dt.date | str,
        date_to: dt.date | str,
        *,
        resources: Sequence[str] | None = None,
        fields: Sequence[str] | None = None,
        include_children: str | None = None,
        include_non_scheduled: bool | None = None,
        q: str | None = None,
        page_size: int = 2000,
        window_days: int = 31,
        resources_per_request: int = 50,
        checkpoint: str | os.PathLike[str] | None = None,
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
    ) -> Extraction[Activity]:
        """Every activity from ``date_from`` to ``date_to`` (inclusive), each exactly once.

        The range is read in windows of at most ``window_days`` (OFS allows 31), at least as
        many as ``get_activities`` may run at once (3), each for every group of
        ``resources_per_request`` of ``resources``; each window is followed through
        ``hasMore`` until OFS has sent all of it. ``fields`` always gets ``activityId``.
        """
        from ofsc_generated.operations.core import GET_ACTIVITIES

        plan = activities_plan(
            GET_ACTIVITIES,
            date_from,
            date_to,
            resources=resources,
            fields=fields,
            include_children=include_children,
            include_non_scheduled=include_non_scheduled,
            q=q,
            page_size=page_size,
            window_days=window_days,
            resources_per_request=resources_per_request,
            concurrency=self.limits.cap(GET_ACTIVITIES.name),
        )
        return Extraction(
            self._client, plan, checkpoint=checkpoint, on_progress=on_progress, progress=progress
        )

    def resources(
        self,
        *,
        fields: Sequence[str] | None = None,
        expand: Sequence[str] | None = None,
        can_be_team_holder: bool | None = None,
        can_participate_in_team: bool | None = None,
        page_size: int = 100,
        checkpoint: str | os.PathLike[str] | None = None,
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
    ) -> Extraction[Resource]:
        """Every resource the integration may see, each once. ``fields`` always gets ``resourceId``."""
        from ofsc_generated.operations.core import GET_RESOURCES

        args = {"fields": fields, "expand": expand, "can_be_team_holder": can_be_team_holder,
                "can_participate_in_team": can_participate_in_team}  # fmt: skip
        plan = list_plan(
            GET_RESOURCES, args, id_field="resource_id", id_wire="resourceId", page_size=page_size
        )
        return Extraction(
            self._client, plan, checkpoint=checkpoint, on_progress=on_progress, progress=progress
        )

    def users(
        self,
        *,
        page_size: int = 100,
        checkpoint: str | os.PathLike[str] | None = None,
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
    ) -> Extraction[User]:
        """Every user the integration may see, each once."""
        from ofsc_generated.operations.core import GET_USERS

        plan = list_plan(GET_USERS, {}, id_field="login", id_wire=None, page_size=page_size)
        return Extraction(
            self._client, plan, checkpoint=checkpoint, on_progress=on_progress, progress=progress
        )

    def last_known_positions(
        self,
        *,
        resources: Sequence[str] | None = None,
        checkpoint: str | os.PathLike[str] | None = None,
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
    ) -> Extraction[LastKnownPosition]:
        """The last known position of every resource (of ``resources``, when given), each once;
        answers OFS cut short are followed through ``hasMore``."""
        from ofsc_generated.operations.core import GET_LAST_KNOWN_POSITIONS

        args = {"resources": list(resources) if resources else None}
        plan = list_plan(GET_LAST_KNOWN_POSITIONS, args, id_field="resource_id", id_wire=None, page_size=None)
        return Extraction(
            self._client, plan, checkpoint=checkpoint, on_progress=on_progress, progress=progress
        )


def extract_of(client: Any) -> Extract:
    """``client.extract``, built once per client."""
    cached = client._families.get("extract")
    if cached is None:
        cached = client._families["extract"] = Extract(client)
    return cast("Extract", cached)


__all__ = ["Extract", "Extraction", "extract_of"]
