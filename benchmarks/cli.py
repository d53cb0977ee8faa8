"""What the ``ofsc`` command costs: a fresh process running
``ofsc core get-activity ID --format json`` against the benchmark server, beside ``curl``
making the same request (Basic credentials, JSON printed). Everything the command pays is
in the figure: interpreter start, imports, settings, the call and the output.

Byte-code is cached as after a normal install (:func:`~benchmarks.context.bytecode_cached_env`).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING

from .context import ACTIVITY_ID, CLIENT_ID, CLIENT_SECRET, INSTANCE, ROOT, bytecode_cached_env
from .report import Comparison, Figure, Measure
from .timing import rounds

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .context import Bench

CURL_NOT_RUN = "curl is not installed"


def _seconds(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0 or str(ACTIVITY_ID) not in done.stdout:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return seconds


def cli_call(bench: Bench) -> Figure:
    env = {
        **bytecode_cached_env(),
        "OFSC_BASE_URL": bench.fast_url,
        "OFSC_INSTANCE": INSTANCE,
        "OFSC_CLIENT_ID": CLIENT_ID,
        "OFSC_CLIENT_SECRET": CLIENT_SECRET,
        "OFSC_CONFIG": str(bench.work / "no-config.toml"),
    }
    ofsc = [
        str(Path(bench.python).with_name("ofsc")),
        "core",
        "get-activity",
        str(ACTIVITY_ID),
        "--format",
        "json",
    ]
    contenders = {"ofsc": functools.partial(_seconds, ofsc, env)}
    curl = shutil.which("curl")
    if curl is not None:
        url = f"{bench.fast_url}/rest/ofscCore/v1/activities/{ACTIVITY_ID}"
        command = [curl, "-sS", "--fail", "-u", f"{CLIENT_ID}@{INSTANCE}:{CLIENT_SECRET}",
                   "-H", "Accept: application/json", url]  # fmt: skip
        contenders["curl"] = functools.partial(_seconds, command, env)
    for measure in contenders.values():  # compile and cache byte-code, warm the server
        measure()
    results = rounds(contenders, bench.sizes.import_runs)
    ours = results["ofsc"]
    if curl is None:
        versus_curl = Comparison("`curl`, the same request", not_run=CURL_NOT_RUN)
    else:
        versus_curl = Comparison(
            "`curl`, the same request", Measure(results["curl"], "s"), ours.ratio_to(results["curl"])
        )
    title = f"`ofsc core get-activity {ACTIVITY_ID} --format json`, fresh process"
    notes = [f"{bench.sizes.import_runs} processes per contender; relation = ofsc / curl, per round."]
    return Figure("cli_call", title, Measure(ours, "s"), [versus_curl], notes=notes)
