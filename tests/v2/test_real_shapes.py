"""The 2.x layer and v3 read the answers the reality overlay corrects alike.

2.x modelled some answers as real OFS sends them where the spec said otherwise (routing
profiles and plans as objects, daily extract folders, capacity metrics as objects, quota
areas with a name). With the spec corrected (``specs/reality.toml``), v3 reads the same
answers, from ``tests/realshapes/answers``, into the same values.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ofsc._operation import resolve_model
from ofsc.v2 import models as v2_models
from ofsc_generated.operations import all_operations

ANSWERS = Path(__file__).resolve().parents[1] / "realshapes" / "answers"

# answer file -> (2.x model, what to compare from the 2.x result, the same from v3's)
Reader = Callable[[Any], Any]
CASES: dict[str, tuple[str, Reader, Reader]] = {
    "metadata_get_routing_profiles": (
        "RoutingProfileList",
        lambda r: (r.totalResults, [p.profileLabel for p in r.items]),
        lambda r: (r.total_results, [p.profile_label for p in r.items]),
    ),
    "metadata_get_routing_profile_plans": (
        "RoutingPlanList",
        lambda r: (r.totalResults, [p.planLabel for p in r.items]),
        lambda r: (r.total_results, [p.plan_label for p in r.items]),
    ),
    "core_get_daily_extract_dates": (
        "DailyExtractFolders",
        lambda r: (r.name, [f.name for f in r.folders.items]),
        lambda r: (r.name, [f.name for f in r.folders.items]),
    ),
    "core_get_daily_extract_files": (
        "DailyExtractFiles",
        lambda r: (r.name, [(f.name, f.bytes, f.mediaType) for f in r.files.items]),
        lambda r: (r.name, [(f.name, f.bytes, f.media_type) for f in r.files.items]),
    ),
    "capacity_get_available_capacity": (
        "GetCapacityResponse",
        lambda r: [
            (
                a.label,
                a.calendar.count,
                a.calendar.minutes,
                a.available.count,
                [c.calendar.count for c in a.categories],
            )
            for d in r.items
            for a in d.areas
        ],
        lambda r: [
            (
                a.label,
                a.calendar.count,
                a.calendar.minutes,
                a.available.count,
                [c.calendar.count for c in a.categories],
            )
            for d in r.items
            for a in d.areas
        ],
    ),
    "capacity_get_quota_dates_only": (
        "GetQuotaResponse",
        lambda r: [(a.label, a.name, a.maxAvailable, a.used) for d in r.items for a in d.areas],
        lambda r: [(a.label, a.name, a.max_available, a.used) for d in r.items for a in d.areas],
    ),
}


@pytest.mark.parametrize("answer", sorted(CASES))
def test_v2_and_v3_read_a_corrected_answer_alike(answer: str) -> None:
    """The promise: for an answer whose shape the spec had wrong, the 2.x model and the v3
    model hold the same values."""
    data = json.loads((ANSWERS / f"{answer}.json").read_text())
    v2_name, read_v2, read_v3 = CASES[answer]
    family, name = data["operation"].split(".")
    op = next(o for o in all_operations() if o.family == family and o.name == name)
    assert op.response_model is not None
    v3 = resolve_model(op.response_model).model_validate(data["body"])
    v2 = getattr(v2_models, v2_name).model_validate(data["body"])
    assert read_v2(v2) == read_v3(v3)
    assert read_v3(v3) not in ([], (None, []))  # the answer has data to compare
