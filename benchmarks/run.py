"""``python -m benchmarks``: run the benchmarks, print one table, write ``RESULTS.md``.

    python -m benchmarks                      # everything, at full size (what `make bench` runs)
    python -m benchmarks --only calls,paging  # some of them (RESULTS.md only with --results)
    python -m benchmarks --quick              # tiny sizes: checks that everything runs

ofsc 2.27.2 (on Python 3.13) and openapi-python-client are installed into virtualenvs of
their own under ``build/`` on first use (``--no-v2`` / ``--no-openapi-python-client`` leave
them out).

Every benchmark is a function of :class:`~benchmarks.context.Bench` returning one
:class:`~benchmarks.report.Figure` or a list of them, registered in :data:`BENCHMARKS`;
its figures become rows of the one table, in that order. Adding one is a module, a line
here, its sizes in :class:`~benchmarks.context.Sizes` (full and ``--quick``), and its
figure keys in ``tests/bench/test_bench_smoke.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from . import bulk, calls, cli, download, events, generation, paging, startup, validation
from .context import FULL, QUICK, Bench, Sizes
from .external import OPENAPI_CLIENT_REQUIREMENT, V2_REQUIREMENT, V2Driver, openapi_python_client
from .report import Figure, load_average, machine, package_versions, results_body, write_results
from .server import running_server

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

BENCHMARKS: dict[str, Callable[[Bench], Figure | list[Figure]]] = {
    "calls": lambda bench: [calls.sync_call(bench), *calls.async_throughput(bench)],
    "paging": paging.paging,
    "imports": startup.imports,
    "first-calls": startup.first_calls,
    "cold-start": startup.cold_start,
    "codegen": generation.generation,
    "download": download.downloads,
    "validation": validation.validation,
    "cli": cli.cli_call,
    "bulk": bulk.bulk,
    "events": events.events,
}
RESULTS = Path(__file__).with_name("RESULTS.md")
PACKAGES = ("ofsc", "httpx", "aiohttp", "pydantic", "pydantic-core",
            "opentelemetry-api", "ruff", "click")  # fmt: skip


def measure(
    names: Sequence[str], sizes: Sizes, v2: V2Driver | None, openapi_client: Path | None
) -> list[Figure]:
    """Run the benchmarks ``names`` (keys of :data:`BENCHMARKS`) against fresh servers."""
    figures: list[Figure] = []
    with contextlib.ExitStack() as stack:
        fast = stack.enter_context(running_server(users=sizes.users))
        slow = stack.enter_context(running_server(latency=sizes.page_latency, users=sizes.users))
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ofsc-bench-")))
        bench = Bench(sizes, fast, slow, work, v2, openapi_client)
        for name in names:
            start = time.perf_counter()
            print(f"{name} ...", end=" ", flush=True)
            produced = BENCHMARKS[name](bench)
            figures += produced if isinstance(produced, list) else [produced]
            print(f"{time.perf_counter() - start:.1f} s", flush=True)
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    names = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        print(
            f"unknown benchmark(s) {', '.join(sorted(unknown))}; known: {', '.join(BENCHMARKS)}",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    machine_info = machine()
    v2, openapi_client, setup_seconds = _set_up(args, names)
    try:
        figures = measure(names, QUICK if args.quick else FULL, v2, openapi_client)
        versions = package_versions(PACKAGES)
        if v2 is not None:
            v2_versions = v2.versions()
            v2_python = {"Python (ofsc 2.x's virtualenv)": f"CPython {v2_versions.pop('Python')}"}
            machine_info = _inserted_after(machine_info, "Python", v2_python)
            versions.update({f"{name} (2.x virtualenv)": version for name, version in v2_versions.items()})
    finally:
        if v2 is not None:
            v2.close()
    if openapi_client is not None:
        versions["openapi-python-client"] = OPENAPI_CLIENT_REQUIREMENT.partition("==")[2]
    total = time.perf_counter() - started
    command = " ".join(["python -m benchmarks", *(sys.argv[1:] if argv is None else argv)])
    footer = [
        "## Run",
        "",
        f"- command: `{command}`",
        f"- wall time: {total:.0f} s, of which {setup_seconds:.0f} s setting up the other packages' virtualenvs",
        f"- load average at the end (1/5/15 min): {load_average()}",
    ]
    body = results_body(figures, machine_info, versions, footer)
    print()
    print(body)
    # RESULTS.md holds one whole run: a partial or quick run writes it only when asked to.
    results = args.results or (None if args.quick or args.only else RESULTS)
    if results is not None:
        write_results(results, body)
        print(f"\nwritten to {results}")
    print(f"total {total:.0f} s (setup {setup_seconds:.0f} s)")
    return 0


def _inserted_after(items: dict[str, str], key: str, extra: dict[str, str]) -> dict[str, str]:
    """``items`` with ``extra`` placed right after ``key``."""
    placed: dict[str, str] = {}
    for name, value in items.items():
        placed[name] = value
        if name == key:
            placed.update(extra)
    return placed


def _set_up(args: argparse.Namespace, selected: list[str]) -> tuple[V2Driver | None, Path | None, float]:
    """The other contenders, their virtualenvs built side by side before anything is timed."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        v2_job = openapi_client_job = None
        if not args.no_v2 and {"calls", "paging"} & set(selected):
            if args.v2_python:  # a given interpreter (and path): no virtualenv to build
                v2_job = pool.submit(V2Driver, args.v2_python, args.v2_path)
            else:
                v2_job = pool.submit(V2Driver.installed)
        if not args.no_openapi_python_client and "codegen" in selected:
            openapi_client_job = pool.submit(openapi_python_client)
        v2 = v2_job.result() if v2_job else None
        bindir = openapi_client_job.result() if openapi_client_job else None
    return v2, bindir, time.perf_counter() - start


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--only", help=f"comma-separated, from: {', '.join(BENCHMARKS)}; "
                        "writes no results unless --results")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="tiny sizes; writes no results unless --results")
    parser.add_argument("--results", type=Path, help=f"Markdown file to write (default: {RESULTS.name})")
    parser.add_argument("--no-v2", action="store_true", help=f"do not compare with {V2_REQUIREMENT}")
    parser.add_argument(
        "--v2-python", help="drive ofsc 2.x with this Python instead of building its virtualenv"
    )
    parser.add_argument("--v2-path", type=Path, help="directory put first on that Python's sys.path")
    parser.add_argument("--no-openapi-python-client", action="store_true",
                        help="do not compare code generation with openapi-python-client")  # fmt: skip
    return parser
