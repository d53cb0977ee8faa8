"""Generating the whole SDK from Oracle's spec, against openapi-python-client on the same spec.

Both run as a user runs them, in a fresh process, from loading the spec to formatted
files in an empty directory. openapi-python-client reads only OpenAPI 3, so it gets the
spec converted by :mod:`benchmarks.openapi3` (converted once, before timing), and formats
its output with ruff as it does by default.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from typing import TYPE_CHECKING

from codegen.manifest import fetch, pinned

from .context import run_python
from .external import tool_env
from .openapi3 import convert
from .report import Figure, Measure, at_most, versus
from .timing import rounds

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from .context import Bench


def generation(bench: Bench) -> Figure:
    spec = fetch(pinned())
    ours_out = bench.work / "codegen-ours"

    def ours() -> float:
        shutil.rmtree(ours_out, ignore_errors=True)
        seconds, _, _ = run_python("-m", "codegen", "generate", "--spec", str(spec), "--out", str(ours_out))
        return seconds

    contenders: dict[str, Callable[[], float]] = {"ours": ours}
    if bench.openapi_client is not None:
        contenders["openapi-python-client"] = _openapi_python_client(bench.openapi_client, spec, bench.work)
    results = rounds(contenders, bench.sizes.codegen_runs)
    files = sum(1 for _ in ours_out.rglob("*.py"))
    return Figure(
        "codegen",
        "full codegen (load -> formatted files)",
        Measure(results["ours"], "s"),
        [versus("openapi-python-client 0.29.1 on the same spec (as OpenAPI 3), ruff-formatted", results["ours"],
                results.get("openapi-python-client"), "s", at_most(0.5, "<= 0.50x"),
                not_run="openapi-python-client was not set up (--no-openapi-python-client)")],
        notes=[f"ours writes {files} Python files; {bench.sizes.codegen_runs} fresh processes each; "
               "relation = our time / theirs, per round."],
    )  # fmt: skip


def _openapi_python_client(bindir: Path, spec: Path, work: Path) -> Callable[[], float]:
    converted = work / "openapi3.json"
    converted.write_text(json.dumps(convert(json.loads(spec.read_text(encoding="utf-8")))), encoding="utf-8")
    out = work / "codegen-openapi-python-client"
    command = [str(bindir / "openapi-python-client"), "generate", "--path", str(converted),
               "--output-path", str(out), "--meta", "none", "--overwrite"]  # fmt: skip

    def generate() -> float:
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        done = subprocess.run(command, env=tool_env(bindir), capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode != 0 or "Warning(s) encountered" in done.stdout + done.stderr:
            raise RuntimeError(
                f"openapi-python-client did not generate cleanly:\n{done.stdout}\n{done.stderr}"
            )
        return seconds

    return generate
