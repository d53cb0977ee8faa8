"""The benchmarks run end to end at tiny sizes and report every figure.

Nothing here asserts a timing: targets are checked by ``make bench`` and reported in
``benchmarks/RESULTS.md``. ofsc 2.x is replaced by a stand-in package with the same calls
(installing the real one needs the package index and Python 3.13); the real one is driven
only where ``make bench`` has left its virtualenv. openapi-python-client is left out for
the same reason; the conversion of the spec it would be given is checked here.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from benchmarks import openapi3, run
from benchmarks.context import QUICK
from benchmarks.external import V2_REQUIREMENT, V2_VENV, V2_VERSION, V2Driver
from benchmarks.paging import V2_ASYNC_WAYS
from benchmarks.report import write_results
from benchmarks.run import BENCHMARKS, main, measure
from benchmarks.server import running_server
from codegen.manifest import fetch, pinned

pytestmark = pytest.mark.slow

# What each benchmark of ``BENCHMARKS`` reports, one line per benchmark, in its order.
FIGURES = {
    "sync_call", "async_throughput", "async_throughput_httpx",
    "paging_async", "paging_async_default", "paging_async_all", "paging_sync",
    "import_ofsc", "import_client",
    "first_client", *(f"first_call_{family}" for family in
                      ("core", "metadata", "capacity", "statistics", "parts_catalog", "collaboration", "auth")),
    "cold_start",
    "codegen",
    "download_sync", "download_async",
    "validation",
    "cli_call",
    "bulk_extract", "bulk_update",
    "events_sync", "events_async", "events_catchup",
}  # fmt: skip


@pytest.fixture
def v2_stand_in(tmp_path: Path) -> V2Driver:
    package = tmp_path / "v2" / "ofsc"
    package.mkdir(parents=True)
    shutil.copy(Path(__file__).with_name("v2_stand_in.py"), package / "__init__.py")
    shutil.copy(Path(__file__).with_name("v2_stand_in_async.py"), package / "async_client.py")
    return V2Driver(sys.executable, package.parent)


def test_every_benchmark_reports_every_figure(v2_stand_in: V2Driver) -> None:
    try:
        figures = measure(list(BENCHMARKS), QUICK, v2_stand_in, openapi_client=None)
    finally:
        v2_stand_in.close()

    assert {figure.key for figure in figures} == FIGURES
    for figure in figures:
        assert figure.ours.samples.values, figure.key
        assert all(value >= 0 for value in figure.ours.samples.values), figure.key
        assert figure.target is not None or figure.comparisons, figure.key
        for comparison in figure.comparisons:
            if figure.key == "codegen":
                assert comparison.not_run  # openapi-python-client is only set up by `make bench`
                continue
            assert comparison.theirs is not None and comparison.relation is not None, (figure.key, comparison)
            assert len(comparison.relation.values) == len(figure.ours.samples.values)


def test_the_command_writes_its_table_between_the_markers(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text("# Results\n\nAnalysis written by hand.\n", encoding="utf-8")
    write_results(results, "old figures")
    results.write_text(results.read_text(encoding="utf-8") + "\nMore analysis.\n", encoding="utf-8")

    assert main(["--quick", "--only", "validation", "--results", str(results)]) == 0

    text = results.read_text(encoding="utf-8")
    assert text.startswith("# Results\n\nAnalysis written by hand.\n")
    assert text.endswith("More analysis.\n")
    assert "old figures" not in text
    assert "validating 200 activities" in text
    assert "## Machine" in text and "## Packages" in text


def test_a_partial_run_leaves_the_results_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--only` without `--results` prints its figures but leaves the whole run's table as it was."""
    results = tmp_path / "RESULTS.md"
    results.write_text("the whole run's table\n", encoding="utf-8")
    monkeypatch.setattr(run, "RESULTS", results)
    monkeypatch.setattr(run, "FULL", QUICK)

    assert main(["--only", "validation"]) == 0

    assert "validating 200 activities" in capsys.readouterr().out
    assert results.read_text(encoding="utf-8") == "the whole run's table\n"


def test_the_spec_converts_to_openapi_3_with_every_operation() -> None:
    swagger = json.loads(fetch(pinned()).read_text(encoding="utf-8"))

    document = openapi3.convert(swagger)

    assert document["openapi"].startswith("3.")
    operations = [op for item in document["paths"].values() for op in item.values()]
    assert len(operations) == sum(
        1 for item in swagger["paths"].values() for m in item if m in openapi3.METHODS
    )
    assert len({op["operationId"] for op in operations}) == len(operations)
    text = json.dumps(document)
    assert "#/definitions/" not in text and '"type": "file"' not in text and "x-nullable" not in text
    schemas = document["components"]["schemas"]
    assert all("$ref" not in ref or ref["$ref"].removeprefix("#/components/schemas/") in schemas
               for ref in _refs(document) if ref["$ref"].startswith("#/components/schemas/"))  # fmt: skip


def _refs(node: object) -> list[dict[str, str]]:
    if isinstance(node, dict):
        found = [node] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in _refs(item)]
    return []


def test_the_breakdown_measures_every_variant(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import breakdown

    assert breakdown.main(["--seconds", "0.02", "--rounds", "1"]) == 0
    printed = capsys.readouterr().out
    for variant in ("sdk", "no policies", "no request building", "aiohttp as sent", "as sent, json.loads", "raw aiohttp",
                    "httpx.Request", "httpx.Response"):  # fmt: skip
        assert f"  {variant} " in printed, variant


@pytest.mark.skipif(
    not (V2_VENV / "bin" / "python").exists(),
    reason=f"no {V2_REQUIREMENT} virtualenv at {V2_VENV}: `make bench` creates it (from the package index)",
)
def test_the_worker_drives_the_real_2x_every_way_the_benchmarks_measure() -> None:
    """Against the real 2.x (once `make bench` has installed it), every measurement the
    comparison asks of the worker runs, and each way of paging fetches every user."""
    with running_server(users=250) as url:
        v2 = V2Driver(V2_VENV / "bin" / "python")
        try:
            assert v2.versions()["ofsc"] == V2_VERSION
            assert v2.get_activity(url, calls=2) > 0
            assert v2.async_throughput(url, seconds=0.05, in_flight=4) > 0
            for way in ("sync", *V2_ASYNC_WAYS):
                assert v2.all_users(url, limit=100, way=way)[1] == 250, way
        finally:
            v2.close()


def test_the_bulk_benchmark_reports_both_figures_against_the_loops() -> None:
    """The extract and the mass update run at tiny sizes and report their ratio to the bare loops."""
    from benchmarks import bulk
    from benchmarks.context import Bench

    bench = Bench(QUICK, "", "", Path("."), None, None)
    figures = bulk.bulk(bench)

    assert [figure.key for figure in figures] == ["bulk_extract", "bulk_update"]
    for figure in figures:
        (comparison,) = figure.comparisons
        assert comparison.theirs is not None and comparison.relation is not None
        assert len(comparison.relation.values) == QUICK.bulk_rounds
