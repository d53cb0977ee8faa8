"""Shared test plumbing.

``summary`` lets a test add a line to the end-of-run summary (for example "243/243
operations"); it works under pytest-xdist, where tests run in worker processes.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

_SUMMARY_ENV = "OFSC_TEST_SUMMARY_DIR"


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controller (or a run without xdist)
        os.environ[_SUMMARY_ENV] = tempfile.mkdtemp(prefix="ofsc-summary-")


@pytest.fixture
def summary(request: pytest.FixtureRequest) -> Callable[[str], None]:
    directory = Path(os.environ[_SUMMARY_ENV])

    def add(line: str) -> None:
        name = request.node.nodeid.replace("/", "_").replace(":", "_")
        with (directory / f"{name}.txt").open("a", encoding="utf-8") as out:
            out.write(line + "\n")

    return add


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return
    directory = Path(os.environ.get(_SUMMARY_ENV, ""))
    lines = sorted(line for f in directory.glob("*.txt") for line in f.read_text().splitlines())
    if lines:
        terminalreporter.section("ofsc summary")
        for line in lines:
            terminalreporter.write_line(line)
