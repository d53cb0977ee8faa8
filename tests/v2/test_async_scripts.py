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


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_2x_async_script_runs_unchanged(script: str, served: str) -> None:
    """The script, as a 2.x user wrote it, runs to completion and prints what the served data
    says; its only warning is the one pointing at the v3 client."""
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("OFSC_")},
        "OFSC_CLIENT_ID": "cid", "OFSC_COMPANY": "acme", "OFSC_CLIENT_SECRET": "s3cr3t",
        "OFSC_BASE_URL": served, "OFSC_PLUGINS": "0", "PYTHONWARNINGS": "default",
    }  # fmt: skip
    run = subprocess.run(
        [sys.executable, str(SCRIPTS / script)],
        env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == EXPECTED[script]
    assert "ofsc.async_client is the 2.x async API" in run.stderr
