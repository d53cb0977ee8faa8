"""The command-line benchmark runs end to end at tiny sizes and reports its figure.

No timing is asserted: ``make bench`` reports the figure in ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks import cli
from benchmarks.context import QUICK, Bench
from benchmarks.server import running_server

pytestmark = pytest.mark.slow


def test_the_command_line_figure_times_ofsc_and_curl(tmp_path: Path) -> None:
    """A fresh `ofsc core get-activity ID --format json` is timed beside curl's same request."""
    with running_server(users=10, resources=10) as url:
        figure = cli.cli_call(Bench(QUICK, url, url, tmp_path, None, None))

    assert figure.key == "cli_call"
    assert len(figure.ours.samples.values) == QUICK.import_runs
    assert all(value > 0 for value in figure.ours.samples.values)
    [versus_curl] = figure.comparisons
    if shutil.which("curl") is None:
        assert versus_curl.not_run == cli.CURL_NOT_RUN
    else:
        assert versus_curl.theirs is not None and versus_curl.relation is not None
        assert len(versus_curl.relation.values) == QUICK.import_runs
