"""What a program pays before its first result: importing the SDK, each API family's
first call (endpoint classes, operations and models are loaded on first use), and a whole
script's cold start: a fresh process that makes one call, beside the same script with raw
httpx.

Import times come from ``python -X importtime`` in fresh interpreters: the cumulative time
of every top-level import the statement triggers. Byte-code is cached (in a prefix under
``build/``) for every package alike, as it would be after a normal install.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from .context import ACTIVITY_ID, CLIENT_ID, CLIENT_SECRET, INSTANCE, probe, run_python
from .report import Comparison, Figure, Measure, at_most
from .timing import Samples, rounds

if TYPE_CHECKING:
    from .context import Bench

BASELINE = "import httpx, pydantic"
STATEMENTS = (BASELINE, "import ofsc", "from ofsc import OFSC")
MARK = "--measured statement--"
IMPORT_LINE = re.compile(r"^import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)")


def import_seconds(statement: str) -> float:
    """Seconds of imports that ``statement`` triggers in a fresh interpreter."""
    code = f"import sys; sys.stderr.write({MARK!r} + '\\n'); sys.stderr.flush(); {statement}"
    _, _, stderr = run_python("-X", "importtime", "-c", code)
    measured = stderr.partition(MARK)[2]
    top_level = (m for m in map(IMPORT_LINE.match, measured.splitlines()) if m and not m.group(2))
    return sum(int(m.group(1)) for m in top_level) / 1e6


def imports(bench: Bench) -> list[Figure]:
    for statement in STATEMENTS:  # compile and cache byte-code before measuring
        import_seconds(statement)
    results = rounds({s: functools.partial(import_seconds, s) for s in STATEMENTS}, bench.sizes.import_runs)
    baseline = results[BASELINE]
    figures = []
    for key, statement in (("import_ofsc", "import ofsc"), ("import_client", "from ofsc import OFSC")):
        ours = results[statement]
        versus_baseline = Comparison(
            f"`{BASELINE}`",
            Measure(baseline, "s"),
            _extra_ms(ours, baseline),
            "{:+.1f} ms",
            at_most(50.0, "<= +50 ms"),
        )
        title = f"`{statement}` cold (`-X importtime`, fresh interpreters)"
        note = f"{bench.sizes.import_runs} interpreters per statement; relation = ours - baseline, per round."
        figures.append(Figure(key, title, Measure(ours, "s"), [versus_baseline], notes=[note]))
    return figures


def first_call_plan() -> list[dict[str, Any]]:
    """One call per API family: a GET with a model result when the family has one (core's is
    ``get_activity``), else its first operation; arguments from the schema sampler."""
    from ofsc.testing import SchemaSampler
    from ofsc_generated.operations import all_operations

    sampler = SchemaSampler(seed=1)
    by_family: dict[str, list[Any]] = defaultdict(list)
    for op in all_operations():
        by_family[op.family].append(op)
    plan = [{"family": "core", "method": "get_activity", "arguments": {"activity_id": ACTIVITY_ID}}]
    for family, ops in by_family.items():
        if family == "core":
            continue
        getters = [op for op in ops if op.method == "GET" and op.response_kind == "model"]
        op = (getters or [op for op in ops if op.response_kind != "binary"])[0]
        arguments = sampler.arguments(op, optional=False)
        json.dumps(arguments)  # the plan crosses a process boundary as JSON
        plan.append({"family": family, "method": op.name, "arguments": arguments})
    return plan


def first_calls(bench: Bench) -> list[Figure]:
    plan = first_call_plan()
    first: dict[str, Samples] = defaultdict(Samples)
    again: dict[str, Samples] = defaultdict(Samples)
    probe("first-calls", base_url=bench.fast_url, plan=plan)  # warm up: byte-code, the server's samples
    for _ in range(bench.sizes.startup_runs):
        for family, seconds in probe("first-calls", base_url=bench.fast_url, plan=plan).items():
            first[family].add(seconds["first"])
            again[family].add(seconds["again"])
    client = Comparison("constructing another", Measure(again["client"], "s"),
                        first["client"].ratio_to(again["client"]))  # fmt: skip
    title = "first `OFSC(...)` in a fresh process, after `from ofsc import OFSC` (settings, transport)"
    figures = [Figure("first_client", title, Measure(first["client"], "s"), [client])]
    for step in plan:
        family = step["family"]
        again_too = Comparison(
            "the same call again", Measure(again[family], "s"), first[family].ratio_to(again[family])
        )
        title = f"first `{family}` call (`{step['method']}`), fresh process"
        figures.append(Figure(f"first_call_{family}", title, Measure(first[family], "s"), [again_too]))
    return figures


def script_seconds(code: str, bench: Bench) -> float:
    """Wall time of a fresh interpreter running ``code`` (which prints the activity)."""
    seconds, out, _ = run_python("-c", code, env={"OFSC_CONFIG": str(bench.work / "no-config.toml")})
    if str(ACTIVITY_ID) not in out:
        raise RuntimeError(f"the script printed no activity: {out[:200]!r}")
    return seconds


def cold_start(bench: Bench) -> Figure:
    url = bench.fast_url
    ours = (f"from ofsc import OFSC; print(OFSC(instance={INSTANCE!r}, client_id={CLIENT_ID!r}, "
            f"client_secret={CLIENT_SECRET!r}, base_url={url!r}).core.get_activity(activity_id={ACTIVITY_ID})"
            ".activity_id)")  # fmt: skip
    user, activity_url = f"{CLIENT_ID}@{INSTANCE}", f"{url}/rest/ofscCore/v1/activities/{ACTIVITY_ID}"
    fetch = f"httpx.Client(auth=({user!r}, {CLIENT_SECRET!r})).get({activity_url!r}).json()"
    raw = f"import httpx, pydantic; print({fetch}['activityId'])"
    # What any SDK returning pydantic models pays on top of raw: pydantic's model machinery
    # and one model class, built and used once.
    modelled = ("import httpx, pydantic\n"
                "class Activity(pydantic.BaseModel, extra='allow'):\n    activityId: int\n"
                f"print(Activity.model_validate({fetch}).activityId)")  # fmt: skip
    scripts = {"ours": ours, "raw": raw, "modelled": modelled}
    for code in scripts.values():  # compile and cache byte-code before measuring
        script_seconds(code, bench)
    runs = bench.sizes.import_runs
    results = rounds(
        {name: functools.partial(script_seconds, code, bench) for name, code in scripts.items()}, runs
    )
    versus_raw = Comparison(
        "the same script with raw httpx: `import httpx, pydantic; httpx.Client().get(...).json()`",
        Measure(results["raw"], "s"), _extra_ms(results["ours"], results["raw"]), "{:+.1f} ms",
        at_most(50.0, "<= +50 ms"),
    )  # fmt: skip
    versus_modelled = Comparison(
        "raw httpx, the answer validated into a one-field pydantic model (pydantic's own first-use cost)",
        Measure(results["modelled"], "s"), _extra_ms(results["ours"], results["modelled"]), "{:+.1f} ms",
    )  # fmt: skip
    title = "a script's cold start: fresh process, `from ofsc import OFSC; OFSC(...).core.get_activity(...)`"
    note = f"{runs} processes per script, wall time (interpreter start included); relation = ours - theirs, per round."
    return Figure(
        "cold_start", title, Measure(results["ours"], "s"), [versus_raw, versus_modelled], notes=[note]
    )


def _extra_ms(ours: Samples, baseline: Samples) -> Samples:
    """Milliseconds ours takes beyond the baseline, round by round."""
    return Samples([(a - b) * 1000 for a, b in zip(ours.values, baseline.values, strict=True)])
