"""What an extract asks for, and what it makes of each answer (no I/O).

An extract is a set of *parts* (a date window and a group of resources, for activities;
the whole list for the others). Each part is read page after page from ``offset`` until
OFS says it is complete (``hasMore`` false, ``totalResults`` reached, or an empty page), so
an answer OFS cut short (20 MB, 30 s) is followed from where it stopped. Parts are read
concurrently. Every item is handed out once: an id seen before (an activity that two
resource groups share, a non-scheduled activity that every window returns) is dropped.

The consumer's position is what a checkpoint records: for each part, how many of its items
the consumer has taken (an item counts as taken when the next one is asked for). A resumed
extract starts each part there.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._exceptions import RequestValidationError
from ._limits import MAX_ACTIVITIES_PER_ANSWER, MAX_RANGE_DAYS
from ._progress import Progress

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from .._operation import Operation

CHECKPOINT_VERSION = 1


@dataclass(slots=True)
class Part:
    key: str
    args: dict[str, Any]  # the call's arguments, without offset and limit
    offset: int = 0  # the next offset to ask for
    taken: int = 0  # items (counted as OFS counts them) the consumer has taken
    done: bool = False  # OFS said there is nothing after ``offset``
    busy: bool = False  # a request is in flight

    @property
    def complete(self) -> bool:
        return self.done and self.taken >= self.offset


@dataclass(frozen=True, slots=True)
class Job:
    part: Part
    kwargs: dict[str, Any]
    offset: int


@dataclass(slots=True)
class Batch:
    """The new items of one answer, and where each stood in it (to count what was taken)."""

    part: Part
    offset: int
    items: list[Any]
    positions: list[int]
    size: int  # items in the answer, duplicates included


@dataclass
class ExtractPlan:
    operation: Operation[Any]
    parts: list[Part]
    page_size: int | None  # None: the operation takes no limit
    id_field: str | None  # the attribute that identifies an item
    fingerprint: dict[str, Any]
    keep_seen: bool = False  # whether the checkpoint must remember ids (parts may overlap)
    seen: set[Any] = field(default_factory=set)
    taken_ids: set[Any] = field(default_factory=set)
    items: int = 0
    requests: int = 0

    # ---- what to send ----------------------------------------------------------------

    def next_job(self) -> Job | None:
        for part in self.parts:
            if not part.done and not part.busy:
                part.busy = True
                kwargs = {**part.args, "offset": part.offset}
                if self.page_size is not None:
                    kwargs["limit"] = self.page_size
                return Job(part, kwargs, part.offset)
        return None

    # ---- what the answers mean -------------------------------------------------------

    def accept(self, job: Job, page: object) -> list[Batch]:
        part = job.part
        part.busy = False
        self.requests += 1
        items = list(getattr(page, "items", None) or [])
        part.offset = job.offset + len(items)
        has_more = getattr(page, "has_more", None)
        total = getattr(page, "total_results", None)
        paging = self.operation.paging
        if not items:
            part.done = True
        elif paging is not None and paging.has_more and has_more is not None:
            part.done = not has_more
        elif total is not None:
            part.done = part.offset >= int(total)
        else:  # no end signal at all: a short page is the last
            part.done = self.page_size is None or len(items) < self.page_size
        kept, positions = [], []
        for position, item in enumerate(items):
            key = getattr(item, self.id_field, None) if self.id_field else None
            if key is not None:
                if key in self.seen:
                    continue
                self.seen.add(key)
            kept.append(item)
            positions.append(position)
        self.items += len(kept)
        return [Batch(part, job.offset, kept, positions, len(items))]

    def fail(self, job: Job, error: Exception) -> list[Batch]:
        job.part.busy = False
        raise error

    def taken(self, batch: Batch, count: int) -> None:
        """The consumer has taken the first ``count`` items of ``batch``."""
        if count >= len(batch.items):
            reached = batch.offset + batch.size
        else:
            reached = batch.offset + batch.positions[count]
        batch.part.taken = max(batch.part.taken, reached)
        if self.keep_seen and self.id_field:
            for item in batch.items[:count]:
                key = getattr(item, self.id_field, None)
                if key is not None:
                    self.taken_ids.add(key)

    # ---- progress and checkpoints ----------------------------------------------------

    @property
    def complete(self) -> bool:
        return all(part.complete for part in self.parts)

    def progress(self) -> Progress:
        return Progress(
            operation=self.operation.name,
            done=self.items,
            total=None,
            requests=self.requests,
            parts_done=sum(1 for part in self.parts if part.done and not part.busy),
            parts=len(self.parts),
        )

    def state(self) -> dict[str, Any]:
        """What a checkpoint file holds (JSON)."""
        state: dict[str, Any] = {
            "version": CHECKPOINT_VERSION,
            "extract": self.fingerprint,
            "parts": {p.key: {"taken": p.taken, "complete": p.complete} for p in self.parts},
        }
        if self.keep_seen:
            state["seen"] = sorted(self.taken_ids, key=str)
        return state

    def resume(self, state: Mapping[str, Any], where: str) -> None:
        """Start from a checkpoint's ``state`` (``where`` names it in errors)."""
        if state.get("version") != CHECKPOINT_VERSION or state.get("extract") != self.fingerprint:
            raise RequestValidationError(
                self.operation.name,
                [
                    (
                        "checkpoint",
                        f"{where} belongs to another extract (other arguments); delete it or use another file",
                    )
                ],
            )
        saved = state.get("parts") or {}
        for part in self.parts:
            entry = saved.get(part.key)
            if not isinstance(entry, dict):
                continue
            part.taken = part.offset = int(entry.get("taken") or 0)
            part.done = bool(entry.get("complete"))
        if self.keep_seen:
            self.taken_ids = set(state.get("seen") or [])
            self.seen = set(self.taken_ids)


# ---- building plans ------------------------------------------------------------------


def date_windows(
    date_from: dt.date, date_to: dt.date, max_days: int = MAX_RANGE_DAYS, at_least: int = 1
) -> list[tuple[dt.date, dt.date]]:
    """``date_from``..``date_to`` (inclusive) in even windows of at most ``max_days`` days,
    at least ``at_least`` of them when there are that many days."""
    days = (date_to - date_from).days + 1
    count = max(math.ceil(days / max_days), min(at_least, days))
    base, extra = divmod(days, count)
    windows, start = [], date_from
    for index in range(count):
        length = base + (1 if index < extra else 0)
        end = start + dt.timedelta(days=length - 1)
        windows.append((start, end))
        start = end + dt.timedelta(days=1)
    return windows


def activities_plan(
    operation: Operation[Any],
    date_from: dt.date | str,
    date_to: dt.date | str,
    *,
    resources: Sequence[str] | None,
    fields: Sequence[str] | None,
    include_children: str | None,
    include_non_scheduled: bool | None,
    q: str | None,
    page_size: int,
    window_days: int,
    resources_per_request: int,
    concurrency: int,
) -> ExtractPlan:
    """Windows of at most 31 days (at least ``concurrency`` of them, so that they can be read
    at once), each for every group of ``resources_per_request`` resources."""
    name = operation.name
    start, end = _date(name, "date_from", date_from), _date(name, "date_to", date_to)
    errors = []
    if end < start:
        errors.append(("date_to", f"{end} is before date_from {start}"))
    if not 1 <= window_days <= MAX_RANGE_DAYS:
        errors.append(
            ("window_days", f"must be from 1 to {MAX_RANGE_DAYS} (OFS's largest range), got {window_days}")
        )
    if not 1 <= page_size <= MAX_ACTIVITIES_PER_ANSWER:
        errors.append(("page_size", f"must be from 1 to {MAX_ACTIVITIES_PER_ANSWER:,}, got {page_size}"))
    if resources_per_request < 1:
        errors.append(("resources_per_request", f"must be at least 1, got {resources_per_request}"))
    if isinstance(resources, str) or isinstance(fields, str):
        errors.append(("resources" if isinstance(resources, str) else "fields", "must be a list of strings"))
    if errors:
        raise RequestValidationError(name, errors)
    groups: list[list[str] | None] = (
        [
            list(resources[i : i + resources_per_request])
            for i in range(0, len(resources), resources_per_request)
        ]
        if resources
        else [None]
    )
    wanted = _with_id(fields, "activityId")
    common: dict[str, Any] = {
        "fields": wanted,
        "include_children": include_children,
        "include_non_scheduled": include_non_scheduled,
        "q": q,
    }
    common = {key: value for key, value in common.items() if value is not None}
    parts = []
    for low, high in date_windows(start, end, window_days, at_least=concurrency):
        for index, group in enumerate(groups):
            args = {**common, "date_from": low, "date_to": high}
            if group is not None:
                args["resources"] = group
            parts.append(Part(f"{low}..{high}#{index}", args))
    fingerprint = {
        "operation": name,
        "date_from": start.isoformat(),
        "date_to": end.isoformat(),
        "resources": list(resources or []),
        **{key: value for key, value in common.items()},
        "window_days": window_days,
        "resources_per_request": resources_per_request,
        "concurrency": concurrency,
    }
    keep_seen = len(groups) > 1 or bool(include_non_scheduled)
    return ExtractPlan(operation, parts, page_size, "activity_id", fingerprint, keep_seen=keep_seen)


def list_plan(
    operation: Operation[Any],
    args: Mapping[str, Any],
    *,
    id_field: str | None,
    id_wire: str | None,
    page_size: int | None,
) -> ExtractPlan:
    """One part: every page of a list operation."""
    kwargs = {key: value for key, value in args.items() if value is not None}
    if id_wire and "fields" in kwargs:
        kwargs["fields"] = _with_id(kwargs["fields"], id_wire)
    fingerprint = {"operation": operation.name, **{k: _jsonable(v) for k, v in kwargs.items()}}
    return ExtractPlan(operation, [Part("all", kwargs)], page_size, id_field, fingerprint)


def _with_id(fields: Sequence[str] | None, id_wire: str) -> list[str] | None:
    """``fields`` with the id field added: without it, items could not be told apart."""
    if fields is None:
        return None
    names = list(fields)
    return names if id_wire in names else [id_wire, *names]


def _date(operation: str, name: str, value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RequestValidationError(
            operation, [(name, f"expected a date (YYYY-MM-DD), got {value!r}")]
        ) from None


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
