"""docs/REALITY.md lists every correction of specs/reality.toml, with its source and reason."""

from __future__ import annotations

import os
from pathlib import Path

from codegen.overlay import load_overlay
from codegen.reality import BEGIN, END, corrections_table, place

PAGE = Path(__file__).resolve().parents[2] / "docs" / "REALITY.md"


def test_the_page_lists_every_correction_as_the_overlay_has_it() -> None:
    """The promise: the table of corrections in docs/REALITY.md is rendered from the
    overlay (set OFSC_UPDATE_GOLDEN=1 to rewrite it after changing specs/reality.toml)."""
    corrections = load_overlay().corrections
    text = PAGE.read_text()
    head, _, rest = text.partition(BEGIN + "\n")
    _, _, tail = rest.partition(END)
    expected = f"{head}{BEGIN}\n{corrections_table(corrections)}{END}{tail}"
    if os.environ.get("OFSC_UPDATE_GOLDEN") == "1":
        PAGE.write_text(expected)
    assert text == expected, "docs/REALITY.md is stale: run with OFSC_UPDATE_GOLDEN=1"
    assert len(corrections) >= 20
    assert all(fix.source and fix.why for fix in corrections)


def test_places_read_as_operations_and_fields() -> None:
    """A correction's place is named as the operation or the field a reader knows."""
    assert place("/paths/~1rest~1ofscCore~1v1~1events~1subscriptions/get/responses/default/schema") == (
        "`GET /rest/ofscCore/v1/events/subscriptions`"
    )
    assert (
        place("/definitions/capacity/properties/areas/items/properties/calendar")
        == "`capacity.areas[].calendar`"
    )
    assert place("/definitions/routingPlanLabels/properties/items/items") == "`routingPlanLabels.items[]`"
    assert place("/definitions/actionResult") == "`actionResult`"
