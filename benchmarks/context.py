"""What every benchmark is given: the sizes to run at, the servers, the other contenders."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ofsc import OFSC, AsyncOFSC

if TYPE_CHECKING:
    from .external import V2Driver

ROOT = Path(__file__).resolve().parent.parent
INSTANCE, CLIENT_ID, CLIENT_SECRET = "acme", "bench", "secret"
ACTIVITY_ID = 4225274


def sync_client(base_url: str) -> OFSC:
    return OFSC(instance=INSTANCE, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, base_url=base_url)


def async_client(base_url: str, backend: str = "aiohttp") -> AsyncOFSC:
    """The async client on ``backend`` (aiohttp, its fastest, unless told otherwise)."""
    return AsyncOFSC(
        instance=INSTANCE,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        base_url=base_url,
        http_backend=backend,
    )


@dataclass(frozen=True)
class Sizes:
    rounds: int  # repetitions of the call benchmarks (median and spread are over these)
    calls: int  # sync calls per contender per round
    async_seconds: float  # how long each async contender runs per round, 20 requests in flight
    users: int  # users to page through, 100 a page
    page_latency: float  # seconds the paging server adds to every request
    paging_rounds: int
    import_runs: int  # fresh interpreters per import statement
    startup_runs: int  # fresh interpreters for the first-call figure
    codegen_runs: int
    download_bytes: int
    activities: int  # activities validated per round
    validation_rounds: int
    bulk_activities: int  # activities extracted (over 90 days) per round
    bulk_items: int  # activities updated per round
    bulk_latency: float  # seconds the limit-enforcing mock adds to every request
    bulk_rounds: int
    events: int  # events in the stream the consumers read
    event_rate: float  # events per second produced during the outage of the catch-up figure
    events_rounds: int


FULL = Sizes(rounds=15, calls=200, async_seconds=0.5, users=5000, page_latency=0.05, paging_rounds=5,
             import_runs=10, startup_runs=3, codegen_runs=3, download_bytes=200 * 1024 * 1024,
             activities=10_000, validation_rounds=5, bulk_activities=50_000, bulk_items=20_000,
             bulk_latency=0.05, bulk_rounds=3, events=20_000, event_rate=50.0, events_rounds=3)  # fmt: skip
# Enough to show that every benchmark runs and produces its figures, in seconds.
QUICK = Sizes(rounds=2, calls=10, async_seconds=0.05, users=250, page_latency=0.002, paging_rounds=1,
              import_runs=1, startup_runs=1, codegen_runs=1, download_bytes=2 * 1024 * 1024,
              activities=200, validation_rounds=1, bulk_activities=2000, bulk_items=500,
              bulk_latency=0.002, bulk_rounds=1, events=500, event_rate=2.0, events_rounds=1)  # fmt: skip


@dataclass
class Bench:
    sizes: Sizes
    fast_url: str  # the benchmark server, answering at once
    slow_url: str  # the same server with ``sizes.page_latency`` added to every response
    work: Path  # scratch space
    v2: V2Driver | None  # ofsc 2.x, when it is compared
    openapi_client: Path | None  # bin/ of openapi-python-client's virtualenv, when it is compared
    python: str = sys.executable


def bytecode_cached_env() -> dict[str, str]:
    """The environment with byte-code caching on, as after a normal install (the sandbox this
    may run in sets ``PYTHONDONTWRITEBYTECODE``); the cache lives under ``build/``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(ROOT / "build" / "bench-pycache")
    return env


def run_python(*arguments: str, env: dict[str, str] | None = None) -> tuple[float, str, str]:
    """Run this Python in a fresh process from the project root, byte-code cached, with
    ``env`` added to the environment; (seconds, stdout, stderr)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, env={**bytecode_cached_env(), **(env or {})},
        capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"python {' '.join(arguments)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, done.stdout, done.stderr


def probe(name: str, **arguments: Any) -> Any:
    """Run one of :mod:`benchmarks.probes` in a fresh interpreter; its JSON answer."""
    import json

    _, out, _ = run_python("-m", "benchmarks.probes", name, json.dumps(arguments))
    return json.loads(out)
