"""Scripts written for the 2.x async client (``scripts/async/``) run unchanged against the
mock OFS served over loopback HTTP by ``python -m ofsc.testing serve``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ofsc.migrate.__main__ import main as migrate

# One served mock for the module: its tests run on one worker.
pytestmark = pytest.mark.xdist_group("v2-async-scripts")

HERE = Path(__file__).parent
SCRIPTS = HERE / "scripts" / "async"
FIXTURE = HERE / "data" / "async_scripts_fixture.json"

EXPECTED = {
    "basic_usage.py": [
        "work zone: ALTAMONTE Altamonte Springs active",
        "resource: TECH1 Tech One",
        "user: jdoe Jane Doe",
        "not found: 404",
    ],
    "parallel_requests.py": [
        "work zones: 8", "resources: 10", "users: 2", "details: ALTAMONTE, APOPKA, CASSELBERRY",
    ],
    "parallel_pagination.py": ["pages: 3", "resources: 10 of 10", "distinct: 10"],
    "workzone_generator.py": ["work zones: 8", "first: ALTAMONTE", "active: 7"],
}  # fmt: skip


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    """``python -m ofsc.testing serve`` on a free port, with the scripts' objects; its base URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "ofsc.testing", "serve", "--port", "0", "--seed", "7", "--fixture", str(FIXTURE)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "OFSC_PLUGINS": "0"},
    )  # fmt: skip
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()
        found = re.search(r"serving (http://127\.0\.0\.1:\d+)", banner)
        assert found, banner + (server.stderr.read() if server.stderr else "")
        yield found.group(1)
    finally:
        server.terminate()
        server.wait(timeout=30)


# Scripts whose every 2.x piece maps mechanically: --apply moves them to v3's AsyncOFSC.
MOVED = {"parallel_pagination.py", "workzone_generator.py"}


def _run(path: Path, base_url: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("OFSC_")},
        "OFSC_CLIENT_ID": "cid", "OFSC_COMPANY": "acme", "OFSC_CLIENT_SECRET": "s3cr3t",
        "OFSC_BASE_URL": base_url, "OFSC_PLUGINS": "0", "PYTHONWARNINGS": "default",
    }  # fmt: skip
    return subprocess.run(
        [sys.executable, str(path)], env=environment, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_2x_async_script_runs_unchanged(script: str, served: str) -> None:
    """The script, as a 2.x user wrote it, runs to completion and prints what the served data
    says; its only warning is the one pointing at the v3 client."""
    run = _run(SCRIPTS / script, served)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == EXPECTED[script]
    assert "ofsc.async_client is the 2.x async API" in run.stderr


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_migrated_script_prints_the_same(script: str, served: str, tmp_path: Path) -> None:
    """After ``python -m ofsc.migrate --apply``, the script prints the same: moved to v3's
    AsyncOFSC when every piece maps mechanically, or kept on ofsc.async_client with notes."""
    copy = tmp_path / script
    copy.write_text((SCRIPTS / script).read_text())
    assert migrate(["--apply", str(copy)]) == 0
    migrated = copy.read_text()
    if script not in MOVED:  # only notes were added: the code is the one run above
        assert "# ofsc.migrate: stays on ofsc.async_client: " in migrated
        assert [line for line in migrated.splitlines() if "# ofsc.migrate:" not in line] == [
            line.replace("from ofsc.exceptions", "from ofsc.v2.exceptions")
            for line in (SCRIPTS / script).read_text().splitlines()
        ]
        return
    assert "ofsc.async_client" not in migrated and "from ofsc import AsyncOFSC" in migrated
    run = _run(copy, served)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == EXPECTED[script]
    assert "ofsc.async_client is the 2.x async API" not in run.stderr
