"""What a bulk update did with every item: :class:`BulkReport` and :class:`ItemOutcome`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["ok", "warning", "failed"]


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    """The outcome of one item.

    ``index`` is the item's position in the items given; ``status`` is ``"ok"``,
    ``"warning"`` (done, with OFS's ``warnings``) or ``"failed"`` with ``reason``: OFS's
    own words for a failure it reported for the item, or why the item was not done
    (invalid before sending, too large for one request, its request failed).
    ``result`` is OFS's result for the item, as it came (None when there was none)."""

    index: int
    item: Any
    status: Status
    reason: str | None = None
    warnings: tuple[str, ...] = ()
    result: dict[str, Any] | None = None


@dataclass
class BulkReport:
    """Every item's outcome, in the order the items were given.

    ``client.bulk.retry(report)`` sends the failed items again (one call)."""

    operation: str
    outcomes: list[ItemOutcome]
    requests: int = 0
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> list[ItemOutcome]:
        return [o for o in self.outcomes if o.status == "ok"]

    @property
    def warnings(self) -> list[ItemOutcome]:
        return [o for o in self.outcomes if o.status == "warning"]

    @property
    def failed(self) -> list[ItemOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def failed_items(self) -> list[Any]:
        """The items that failed, as they were given (what a retry sends)."""
        return [o.item for o in self.failed]

    def summary(self) -> str:
        return (
            f"{self.operation}: {len(self.outcomes):,} items in {self.requests:,} requests: "
            f"{len(self.ok):,} ok, {len(self.warnings):,} with warnings, {len(self.failed):,} failed"
        )

    def __repr__(self) -> str:
        return f"BulkReport({self.summary()})"
