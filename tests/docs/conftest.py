"""What the documentation tests share: a mock OFS on loopback (served in-process, or from
the command line as a user starts it) and a user's environment pointing at it.

The examples, notebooks and README snippets read their connection from ``OFSC_*``
environment variables, as they would against a real instance; here those variables name
the mock's loopback server and default credentials. Nothing is read from the developer's
own environment or config files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from ofsc.testing import MockOFS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SCRIPT_TIMEOUT = 120  # seconds; a hung script fails its test instead of the whole run


@dataclass
class UserEnvironment:
    """A mock OFS served on loopback, and a working directory and environment that point
    at it as a user's shell would."""

    mock: MockOFS
    base_url: str
    cwd: Path
    env: dict[str, str]

    @classmethod
    @contextmanager
    def serving(cls, mock: MockOFS, tmp_path: Path) -> Iterator[UserEnvironment]:
        """Serve ``mock`` on loopback for the ``with`` block; work in ``tmp_path/work``."""
        work = tmp_path / "work"
        work.mkdir()
        with mock.serve() as base_url:
            yield cls(mock, base_url, work, user_environment_variables(base_url, mock, tmp_path))

    def run(self, *command: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return run_in(self.cwd, self.env, command, stdin)

    def run_example(self, script: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, EXAMPLES / script, *args)


@dataclass
class CommandLineMock:
    """``python -m ofsc.testing serve`` as a user starts it (demo data, default credentials),
    and a working directory and environment that point at it."""

    base_url: str
    cwd: Path
    env: dict[str, str]

    @classmethod
    @contextmanager
    def serving(cls, tmp_path: Path, *options: str) -> Iterator[CommandLineMock]:
        work = tmp_path / "work"
        work.mkdir()
        command = [sys.executable, "-m", "ofsc.testing", "serve", "--port", "0", *options]
        server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert server.stdout is not None
            banner = server.stdout.readline()  # "mock OFS serving http://127.0.0.1:PORT ..."
            assert banner.startswith("mock OFS serving "), banner + server.communicate(timeout=10)[1]
            base_url = banner.split()[3]
            yield cls(base_url, work, user_environment_variables(base_url, MockOFS(), tmp_path))
        finally:
            server.terminate()
            server.wait(timeout=10)

    def run(self, *command: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return run_in(self.cwd, self.env, command, stdin)


def run_in(
    cwd: Path, env: dict[str, str], command: tuple[str | Path, ...], stdin: str | None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        input=stdin,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=SCRIPT_TIMEOUT,
        check=False,
    )


def user_environment_variables(base_url: str, mock: MockOFS, home: Path) -> dict[str, str]:
    """The caller's environment without any ``OFSC_*`` setting, plus the mock's connection
    (``mock`` gives the credentials)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OFSC_")}
    credentials = mock.credentials
    env.update(
        OFSC_BASE_URL=base_url,
        OFSC_INSTANCE=credentials.instance,
        OFSC_CLIENT_ID=credentials.client_id,
        OFSC_CLIENT_SECRET=credentials.client_secret,
        XDG_CONFIG_HOME=str(home / ".config"),  # no user config.toml
        HOME=str(home),
        MPLBACKEND="Agg",
    )
    return env


@pytest.fixture
def mock() -> MockOFS:
    return MockOFS(seed=11)


@pytest.fixture
def user_env(mock: MockOFS, tmp_path: Path) -> Iterator[UserEnvironment]:
    with UserEnvironment.serving(mock, tmp_path) as environment:
        yield environment
