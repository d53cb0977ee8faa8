"""Validating activities into the SDK's model, against ``json.loads`` of the same bytes."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

from ofsc_generated.models.activity import Activity

from . import payloads
from .report import Comparison, Figure, Measure
from .timing import rounds

if TYPE_CHECKING:
    from collections.abc import Callable

    from .context import Bench


def validation(bench: Bench) -> Figure:
    count = bench.sizes.activities
    bodies = [payloads.encode(payloads.activity(4_000_000 + i)) for i in range(count)]

    def per_item(parse: Callable[[bytes], object]) -> Callable[[], float]:
        def run() -> float:
            start = time.perf_counter()
            for body in bodies:
                parse(body)
            return (time.perf_counter() - start) / count * 1e6

        return run

    # What the client runs on a response body: the model's validator (see ofsc._parse).
    validate = Activity.__pydantic_validator__.validate_json
    contenders = {"model": per_item(validate), "json": per_item(json.loads)}
    for contender in contenders.values():
        contender()  # warm up (the model's validator is built on first use)
    results = rounds(contenders, bench.sizes.validation_rounds)
    ours, plain = results["model"], results["json"]
    return Figure(
        "validation",
        f"validating {count:,} activities (`Activity`, as the client parses a body)",
        Measure(ours, "us/item"),
        [Comparison("`json.loads` alone", Measure(plain, "us/item"), ours.ratio_to(plain))],
        notes=[f"~{len(bodies[0]):,} bytes per activity; {bench.sizes.validation_rounds} rounds."],
    )
