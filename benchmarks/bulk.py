"""Moving many records: a 90-day extract and a mass update, against the limit-enforcing mock.

The mock OFS (``ofsc.testing.MockOFS``, its published limits on: 31 days, 3 concurrent
``get_activities``, 5 MB bodies) runs in a process of its own, served on loopback, adding
a fixed latency to every request. Each figure sets ``client.extract``/``client.bulk``
against the loop a user would write with the bare operations under the same limits:

- extract: 31-day windows by hand, each paged through with ``client.paginate`` one after
  the other;
- update: ``core.bulk_update`` with the same number of items per request, one request
  after the other, reading each answer's results.

Run the server alone with ``python -m benchmarks.bulk --activities 50000 --latency 0.05``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .context import ROOT, sync_client
from .report import Figure, Measure, at_least, versus
from .server import stop
from .timing import rounds

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .context import Bench

START = dt.date(2025, 1, 1)
DAYS = 90
PAGE = 2000  # activities per page, for both contenders
PER_REQUEST = 1000  # activities per bulk request, for both contenders


def bulk(bench: Bench) -> list[Figure]:
    sizes = bench.sizes
    count, items = sizes.bulk_activities, sizes.bulk_items
    latency_ms = sizes.bulk_latency * 1000
    updates = [
        {"activityId": n, "customerName": f"customer {n}", "activityType": "install"}
        for n in range(1, items + 1)
    ]
    with mock_server(count, sizes.bulk_latency) as url:

        def extract() -> float:
            with sync_client(url) as client:
                start = time.perf_counter()
                got = sum(1 for _ in client.extract.activities(START, START + dt.timedelta(days=DAYS - 1)))
                return _checked(time.perf_counter() - start, got, count)

        def naive_extract() -> float:
            with sync_client(url) as client:
                start = time.perf_counter()
                got = 0
                for day in range(0, DAYS, 31):
                    low, high = (
                        START + dt.timedelta(days=day),
                        START + dt.timedelta(days=min(day + 30, DAYS - 1)),
                    )
                    got += sum(
                        1
                        for _ in client.paginate(
                            client.core.get_activities, date_from=low, date_to=high, limit=PAGE
                        )
                    )
                return _checked(time.perf_counter() - start, got, count)

        def update() -> float:
            with sync_client(url) as client:
                start = time.perf_counter()
                report = client.bulk.update_activities(updates, max_items=PER_REQUEST)
                return _checked(time.perf_counter() - start, len(report.ok), items)

        def naive_update() -> float:
            with sync_client(url) as client:
                start = time.perf_counter()
                done = 0
                for first in range(0, items, PER_REQUEST):
                    answer = client.core.bulk_update(body={
                        "updateParameters": {"identifyActivityBy": "activityId", "ifInFinalStatusThen": "doNothing"},
                        "activities": updates[first : first + PER_REQUEST],
                    })  # fmt: skip
                    done += sum(1 for result in answer.results or [] if not result.errors)
                return _checked(time.perf_counter() - start, done, items)

        extract(), update()  # warm up: imports, model building
        extracts = rounds({"ours": extract, "naive": naive_extract}, sizes.bulk_rounds)
        updated = rounds({"ours": update, "naive": naive_update}, sizes.bulk_rounds)
    notes = [f"{sizes.bulk_rounds} rounds; relation = the loop's time / ours, per round."]
    return [
        Figure(
            "bulk_extract",
            f"extract {count:,} activities over {DAYS} days (pages of {PAGE}) from the limit-enforcing mock, "
            f"{latency_ms:g} ms per request: sync `client.extract.activities`",
            Measure(extracts["ours"], "s"),
            [
                versus(
                    "31-day windows by hand, each through `client.paginate`, one after the other",
                    extracts["ours"],
                    extracts["naive"],
                    "s",
                    at_least(1.5, ">= 1.5x faster"),
                    speedup=True,
                )
            ],
            notes=notes,
        ),
        Figure(
            "bulk_update",
            f"update {items:,} activities ({PER_REQUEST} a request) on the limit-enforcing mock, "
            f"{latency_ms:g} ms per request: sync `client.bulk.update_activities`",
            Measure(updated["ours"], "s"),
            [
                versus(
                    "`core.bulk_update` in a loop, one request after the other",
                    updated["ours"],
                    updated["naive"],
                    "s",
                    at_least(1.5, ">= 1.5x faster"),
                    speedup=True,
                )
            ],
            notes=notes,
        ),
    ]


def _checked(seconds: float, got: int, expected: int) -> float:
    if got != expected:
        raise RuntimeError(f"got {got} records, expected {expected}")
    return seconds


@contextmanager
def mock_server(activities: int, latency: float) -> Iterator[str]:
    """The limit-enforcing mock in its own process; yields its base URL."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.bulk",
        "--activities",
        str(activities),
        "--latency",
        str(latency),
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("listening on "):
            raise RuntimeError(f"mock server did not start: {line!r}")
        yield line.split()[-1]
    finally:
        stop(process)


def seeded_mock(activities: int, latency: float) -> Any:
    """A MockOFS with ``activities`` activities over 90 days, adding ``latency`` to each request."""
    from ofsc.testing import MockOFS

    mock = MockOFS(client_id="bench", client_secret="secret")
    collection = mock.store.collection("activities")
    dates = [(START + dt.timedelta(days=day)).isoformat() for day in range(DAYS)]
    for activity_id in range(1, activities + 1):  # straight into the store: fast for 50,000
        collection.objects[str(activity_id)] = {"activityId": activity_id, "resourceId": f"tech{activity_id % 40}",
                                                "date": dates[activity_id % DAYS], "status": "pending",
                                                "activityType": "install"}  # fmt: skip
    collection.note_id(str(activities))
    if latency:
        mock.faults.add(latency=latency)
    return mock


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bulk", description=__doc__.split("\n")[0])
    parser.add_argument("--activities", type=int, default=50_000)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args(argv)
    mock = seeded_mock(args.activities, args.latency)
    with mock.serve() as base_url:
        print(f"listening on {base_url}", flush=True)
        sys.stdin.read()  # until the benchmark closes our standard input


if __name__ == "__main__":
    main()
