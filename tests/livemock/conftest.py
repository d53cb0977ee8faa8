"""Prism, the independent referee: a mock server built from the normalised spec alone.

One Prism process for the whole run, started on first use on a free loopback port, plays
both modes: ``static`` answers with the spec's examples (or Prism's placeholders),
``dynamic`` with data generated from the schemas (fixed seed), which a request asks for
with ``Prefer: dynamic=true``. Prism validates every request against the spec and says why
it rejected one in its ``sl-violations`` header. A failing test's report ends with the
tail of Prism's log.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import pytest

from ofsc import CallInfo, Hooks

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
SPEC = Path(str(resources.files("ofsc_generated") / "openapi.normalised.json"))
MODES = ("static", "dynamic")
SEED = "ofsc"  # Prism reseeds its generator with it for every dynamic answer
DYNAMIC = {"Prefer": "dynamic=true"}  # what asks Prism for a dynamic answer
STARTUP_TIMEOUT = 60.0  # seconds; Prism usually listens within a few
LOG_TAIL = 40  # lines of Prism's log shown with a failure

_SERVER = pytest.StashKey["PrismServer"]()


@dataclass
class PrismProcess:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-LOG_TAIL:])


@dataclass
class PrismServer:
    """The Prism process, seen in one mode."""

    mode: str  # "static" or "dynamic"
    prism: PrismProcess

    @property
    def url(self) -> str:
        return self.prism.url

    def log_tail(self) -> str:
        return self.prism.log_tail()


class PrismProcesses:
    """Starts the Prism process on first use; stops it at the end."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.started: PrismProcess | None = None

    def server(self, mode: str) -> PrismServer:
        prism = self.started or self._start()
        if prism.process.poll() is not None:
            pytest.fail(f"Prism exited with {prism.process.returncode}:\n{prism.log_tail()}")
        return PrismServer(mode, prism)

    def _start(self) -> PrismProcess:
        if not PRISM.exists():
            message = f"Prism is not installed at {PRISM.relative_to(ROOT)}: run `make install` (npm ci)"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        port = _free_port()
        command = [str(PRISM), "mock", str(SPEC), "--host", "127.0.0.1", "--port", str(port)]
        command += ["--verboseLevel", "warn", "--seed", SEED]
        log = self.logs / "prism.log"
        with log.open("wb") as output:
            process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT)
        self.started = PrismProcess(
            f"http://127.0.0.1:{port}", process, log
        )  # stopped even if it never listens
        _wait_until_listening(self.started, port)
        return self.started

    def stop(self) -> None:
        if self.started is None:
            return
        self.started.process.terminate()
        try:
            self.started.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.started.process.kill()
            self.started.process.wait()


@pytest.fixture(scope="session")
def prism_processes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismProcesses]:
    processes = PrismProcesses(tmp_path_factory.mktemp("prism"))
    yield processes
    processes.stop()


# Under ``--dist loadgroup`` (the default here), every test that uses Prism goes to one xdist
# worker, so Prism starts once per run, however many workers there are.
@pytest.fixture(params=[pytest.param(mode, marks=pytest.mark.xdist_group("prism")) for mode in MODES])
def prism(request: pytest.FixtureRequest, prism_processes: PrismProcesses) -> PrismServer:
    server = prism_processes.server(request.param)
    request.node.stash[_SERVER] = server
    return server


def _prefer_dynamic(request: httpx.Request, info: CallInfo) -> None:
    request.headers.update(DYNAMIC)


@pytest.fixture
def ofsc_settings(ofsc_settings: dict[str, Any], prism: PrismServer) -> dict[str, Any]:
    # The referee judges the models against the spec: a body that does not fit must fail.
    settings = {**ofsc_settings, "base_url": prism.url, "strict_responses": True}
    if prism.mode == "dynamic":
        settings["hooks"] = Hooks(request=[_prefer_dynamic])
    return settings


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    server = item.stash.get(_SERVER, None)
    if report.failed and server is not None:
        report.sections.append((f"Prism ({server.mode}) log, last {LOG_TAIL} lines", server.log_tail()))
    return report


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_listening(server: PrismProcess, port: int) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"Prism exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"Prism did not listen on port {port} within {STARTUP_TIMEOUT:.0f}s:\n{server.log_tail()}")
