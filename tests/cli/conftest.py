"""A mock OFS served by ``python -m ofsc.testing serve`` (one per test module), and two ways
to run the ``ofsc`` command against it: in-process with click's runner (most tests), and as
the installed console script in a fresh process (the few that need a real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

from ofsc.cli._app import cli

if TYPE_CHECKING:
    from collections.abc import Iterator

# Distinctive, so that a test can look for it in everything the command prints.
SECRET = "Zq9-cli-secret-4f7b"
ACTIVITY_ID = 4225274
FIXTURE = {
    "activities": [
        {"activityId": ACTIVITY_ID, "resourceId": "tech1", "activityType": "install", "status": "pending",
         "date": "2025-06-02", "customerName": "Jane Doe", "city": "Springfield"},
        {"activityId": 4225275, "resourceId": "tech1", "activityType": "repair", "status": "pending",
         "date": "2025-06-02", "customerName": "John Roe", "city": "Shelbyville"},
    ],
    "resources": [{"resourceId": "tech1", "name": "Tech One", "resourceType": "PR", "status": "active"}],
    "generate": {"workZones": 7},
}  # fmt: skip
CONSOLE_SCRIPT = str(Path(sys.executable).with_name("ofsc"))


@dataclass(frozen=True)
class Served:
    base_url: str
    env: dict[str, str]  # OFSC_* pointing at the server, and nothing else of the machine's


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    work = tmp_path_factory.mktemp("cli")
    fixture = work / "ofs.json"
    fixture.write_text(json.dumps(FIXTURE), encoding="utf-8")
    command = [sys.executable, "-m", "ofsc.testing", "serve", "--port", "0", "--fixture", str(fixture),
               "--client-secret", SECRET]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().split()[3]
        env = {
            "OFSC_BASE_URL": base_url,
            "OFSC_INSTANCE": "acme",
            "OFSC_CLIENT_ID": "cid",
            "OFSC_CLIENT_SECRET": SECRET,
            "OFSC_MAX_RETRIES": "0",
            "OFSC_CONFIG": str(work / "no-config.toml"),
        }
        yield Served(base_url, env)
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def environment(served: Served, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """The machine's ``OFSC_*`` variables and config files out of the way; the server's in."""
    for name in list(os.environ):
        if name.startswith("OFSC_"):
            monkeypatch.delenv(name)
    for name, value in served.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    return dict(served.env)


@pytest.fixture
def ofsc(environment: dict[str, str]) -> Invoke:
    return Invoke()


class Invoke:
    """``ofsc(...)`` in-process, stdout and stderr apart."""

    def __call__(
        self, *args: str, input: str | None = None, env: dict[str, str | None] | None = None
    ) -> Result:
        runner = CliRunner()
        return runner.invoke(cli, list(args), input=input, env=env, prog_name="ofsc", catch_exceptions=False)


def run_console(
    *args: str, env: dict[str, str], input: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed ``ofsc`` script in a fresh process, with exactly ``env`` (plus PATH)."""
    full_env = {"PATH": os.environ.get("PATH", ""), "NO_COLOR": "1", **env}
    return subprocess.run(
        [CONSOLE_SCRIPT, *args],
        env=full_env,
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )
