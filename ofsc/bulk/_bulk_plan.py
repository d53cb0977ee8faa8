"""How a bulk update is cut into requests, and what each answer says of each item (no I/O).

Items are checked one by one against the operation's item schema (an invalid item fails
alone, before anything is sent), then packed in order into requests of at most
``max_bytes`` (the body as sent, envelope included) and ``max_items`` items. OFS answers a
bulk request with one result per item, in the order of the items; each becomes an
:class:`~ofsc.bulk.ItemOutcome`. A request OFS refuses as too large (413) is split in two
and sent again; any other failed request fails each of its items with the reason. So
every item ends with an outcome: none is lost.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .._exceptions import APIStatusError, RequestValidationError
from .._operation import resolve_model
from ._limits import MAX_REQUEST_BYTES
from ._progress import Progress
from ._report import BulkReport, ItemOutcome, Status

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from pydantic import BaseModel

    from .._operation import Operation

# Below OFS's 5 MB (5,242,880 bytes: x-max-size-bytes), whichever way a megabyte is counted.
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_ITEMS = 1000


@dataclass(frozen=True, slots=True)
class BulkKind:
    """One bulk operation: its item schema, how items are wrapped, what a result means."""

    operation: str
    item_model: str  # "module:Class" of one item
    container: str | None  # the body field holding the items; None: the body is the list
    parameters_field: str | None  # the body field holding the update's parameters
    parameters_model: str | None
    key: Callable[[Mapping[str, Any]], Any]  # an item's (or a result's) identity, to match them
    judge: Callable[[Mapping[str, Any]], tuple[Status, str | None, tuple[str, ...]]]


_MODELS = "ofsc_generated.models."


def _activity_key(value: Mapping[str, Any]) -> Any:
    keys = value.get("activityKeys")
    source = keys if isinstance(keys, dict) else value
    found = source.get("activityId")
    return None if found is None else str(found)  # a request may give it as text, an answer as an integer


def _resource_key(value: Mapping[str, Any]) -> Any:
    found = value.get("resourceId")
    return None if found is None else str(found)


def _judge_activity(result: Mapping[str, Any]) -> tuple[Status, str | None, tuple[str, ...]]:
    errors = [e for e in result.get("errors") or [] if isinstance(e, dict)]
    failed_operations = result.get("operationsFailed") or []
    warnings = tuple(
        str(w.get("message") or w.get("code")) for w in result.get("warnings") or [] if isinstance(w, dict)
    )
    if errors or failed_operations:
        reasons = [str(e.get("errorDetail") or e.get("operation") or e) for e in errors]
        reason = "; ".join(reasons) or f"operations failed: {', '.join(map(str, failed_operations))}"
        return "failed", reason, warnings
    return ("warning" if warnings else "ok"), None, warnings


def _judge_resource(result: Mapping[str, Any]) -> tuple[Status, str | None, tuple[str, ...]]:
    errors: list[Any] = list(result.get("errors") or [])
    if isinstance(result.get("error"), dict):  # work zones: one error object
        errors.append(result["error"])
    failed_count = int(result.get("itemsFailed") or 0)
    if errors or failed_count:
        reasons = [
            str(e.get("detail") or e.get("title") or e) if isinstance(e, dict) else str(e) for e in errors
        ]
        reason = "; ".join(reasons) or f"{failed_count} of its entries failed"
        return "failed", reason, ()
    return "ok", None, ()


KINDS: dict[str, BulkKind] = {
    "activities": BulkKind(
        "bulk_update",
        f"{_MODELS}bulk_update_activity_item:BulkUpdateActivityItem",
        "activities",
        "updateParameters",
        f"{_MODELS}activity_bulk_update_parameters:ActivityBulkUpdateParameters",
        _activity_key,
        _judge_activity,
    ),
    "inventories": BulkKind(
        "bulk_update_resource_inventories",
        f"{_MODELS}bulk_update_resource_inventories_resource:BulkUpdateResourceInventoriesResource",
        "resources",
        None,
        None,
        _resource_key,
        _judge_resource,
    ),
    "work_zones": BulkKind(
        "bulk_update_resource_workzones",
        f"{_MODELS}bulk_update_work_zones_request_item:BulkUpdateWorkZonesRequestItem",
        None,
        None,
        None,
        _resource_key,
        _judge_resource,
    ),
    "work_skills": BulkKind(
        "bulk_update_resource_workskills",
        f"{_MODELS}bulk_update_work_skills_request_item:BulkUpdateWorkSkillsRequestItem",
        None,
        None,
        None,
        _resource_key,
        _judge_resource,
    ),
    "work_schedules": BulkKind(
        "bulk_update_resource_workschedules",
        f"{_MODELS}bulk_update_work_schedules_request_item:BulkUpdateWorkSchedulesRequestItem",
        None,
        None,
        None,
        _resource_key,
        _judge_resource,
    ),
}


@dataclass(slots=True)
class Pack:
    indices: list[int]


@dataclass(frozen=True, slots=True)
class BulkJob:
    pack: Pack
    body: Any  # the request body, a model built from the checked items


class BulkPlan:
    """The requests of one bulk update and the outcome of every item (module docstring)."""

    def __init__(
        self,
        kind: BulkKind,
        operation: Operation[Any],
        items: Sequence[Any],
        parameters: Mapping[str, Any] | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_items: int = DEFAULT_MAX_ITEMS,
    ) -> None:
        errors = []
        if isinstance(items, str | bytes) or not hasattr(items, "__len__"):
            errors.append(("items", f"expected a list of items, got {type(items).__name__}"))
        if not 1 <= max_bytes <= MAX_REQUEST_BYTES:
            errors.append(
                ("max_bytes", f"must be from 1 to {MAX_REQUEST_BYTES:,} (OFS's limit), got {max_bytes}")
            )
        if max_items < 1:
            errors.append(("max_items", f"must be at least 1, got {max_items}"))
        self.kind = kind
        self.operation = operation
        self.parameters = dict(parameters or {})
        self._parameters_model: BaseModel | None = None
        if kind.parameters_model is not None:
            try:
                self._parameters_model = resolve_model(kind.parameters_model).model_validate(self.parameters)
            except ValidationError as exc:
                errors += [(".".join(map(str, ("parameters", *e["loc"]))), e["msg"]) for e in exc.errors()]
        if errors:
            raise RequestValidationError(operation.name, errors)
        self.items = list(items)
        self.outcomes: list[ItemOutcome | None] = [None] * len(self.items)
        self.requests = 0
        self.settled = 0
        self.failed = 0
        self._item_model = resolve_model(kind.item_model)
        self._checked: list[Any] = [None] * len(self.items)
        self._queue: deque[Pack] = deque(self._packs(max_bytes, max_items))

    # ---- packing ---------------------------------------------------------------------

    def _packs(self, max_bytes: int, max_items: int) -> list[Pack]:
        envelope = len(self._encode_body([]))
        packs: list[Pack] = []
        current: list[int] = []
        size = envelope
        for index, item in enumerate(self.items):
            try:
                checked = (
                    item if isinstance(item, self._item_model) else self._item_model.model_validate(item)
                )
            except ValidationError as exc:
                problems = "; ".join(
                    f"{'.'.join(map(str, e['loc'])) or 'item'}: {e['msg']}" for e in exc.errors()
                )
                self._settle(index, "failed", f"invalid item, not sent: {problems}")
                continue
            self._checked[index] = checked
            length = len(checked.model_dump_json(by_alias=True, exclude_unset=True)) + (1 if current else 0)
            if envelope + length > max_bytes:
                self._settle(
                    index,
                    "failed",
                    f"the item alone is {length:,} bytes: more than {max_bytes:,} a request may carry",
                )
                continue
            if current and (size + length > max_bytes or len(current) >= max_items):
                packs.append(Pack(current))
                current, size, length = [], envelope, length - 1
            current.append(index)
            size += length
        if current:
            packs.append(Pack(current))
        return packs

    def _encode_body(self, checked: list[Any]) -> bytes:
        return json.dumps(self._wire_body([None] * len(checked)), separators=(",", ":")).encode()

    def _wire_body(self, items: list[Any]) -> Any:
        if self.kind.container is None:
            return items
        body: dict[str, Any] = {}
        if self.kind.parameters_field is not None:
            body[self.kind.parameters_field] = self.parameters
        body[self.kind.container] = items
        return body

    def body(self, pack: Pack) -> Any:
        """The request body for ``pack``: the body model, built from the checked items."""
        model = (
            resolve_model(self.operation.body.model)
            if self.operation.body and self.operation.body.model
            else None
        )
        assert model is not None
        items = [self._checked[i] for i in pack.indices]
        if self.kind.container is None:
            return model.model_construct(root=items)
        fields: dict[str, Any] = {}
        names = {info.alias or name: name for name, info in model.model_fields.items()}
        if self.kind.parameters_field is not None:
            fields[names[self.kind.parameters_field]] = self._parameters_model
        fields[names[self.kind.container]] = items
        return model.model_construct(**fields)

    # ---- the plan's protocol ---------------------------------------------------------

    def next_job(self) -> BulkJob | None:
        if not self._queue:
            return None
        pack = self._queue.popleft()
        return BulkJob(pack, self.body(pack))

    def accept(self, job: BulkJob, answer: object) -> list[list[ItemOutcome]]:
        """The outcomes of the items of ``job`` (one list per answer)."""
        self.requests += 1
        results = answer.get("results") if isinstance(answer, dict) else None
        results = [r for r in results if isinstance(r, dict)] if isinstance(results, list) else []
        indices = job.pack.indices
        matched = self._match(indices, results)
        settled = []
        for index in indices:
            result = matched.get(index)
            if result is None:
                settled.append(self._settle(index, "failed", "OFS's answer has no result for this item"))
                continue
            status, reason, warnings = self.kind.judge(result)
            settled.append(self._settle(index, status, reason, warnings, result))
        return [settled]

    def fail(self, job: BulkJob, error: Exception) -> list[list[ItemOutcome]]:
        indices = job.pack.indices
        if isinstance(error, APIStatusError) and error.status_code == 413 and len(indices) > 1:
            middle = len(indices) // 2  # OFS counts differently than we did: halve and resend
            self._queue.appendleft(Pack(indices[middle:]))
            self._queue.appendleft(Pack(indices[:middle]))
            return []
        self.requests += 1
        reason = f"the request failed: {error}"
        return [[self._settle(index, "failed", reason) for index in indices]]

    def _match(self, indices: list[int], results: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
        """Results by item: in order when there is one per item (as OFS documents), else by key."""
        if len(results) == len(indices):
            return dict(zip(indices, results, strict=True))
        by_key: dict[Any, dict[str, Any]] = {}
        for result in results:
            key = self.kind.key(result)
            if key is not None:
                by_key.setdefault(key, result)
        matched = {}
        for index in indices:
            item = self.items[index]
            source = item if isinstance(item, dict) else self._checked[index].model_dump(by_alias=True)
            key = self.kind.key(source)
            if key is not None and key in by_key:
                matched[index] = by_key.pop(key)
        return matched

    def _settle(
        self,
        index: int,
        status: Status,
        reason: str | None = None,
        warnings: tuple[str, ...] = (),
        result: dict[str, Any] | None = None,
    ) -> ItemOutcome:
        outcome = ItemOutcome(index, self.items[index], status, reason, warnings, result)
        self.outcomes[index] = outcome
        self.settled += 1
        if status == "failed":
            self.failed += 1
        return outcome

    # ---- progress and the report -----------------------------------------------------

    def progress(self) -> Progress:
        return Progress(
            operation=self.operation.name,
            done=self.settled,
            total=len(self.items),
            requests=self.requests,
            parts_done=self.requests,
            parts=self.requests + len(self._queue),
            failed=self.failed,
        )

    def report(self) -> BulkReport:
        outcomes = [
            outcome
            if outcome is not None
            else ItemOutcome(i, self.items[i], "failed", "not sent: the update stopped")
            for i, outcome in enumerate(self.outcomes)
        ]
        return BulkReport(self.operation.name, outcomes, self.requests, self.parameters)
