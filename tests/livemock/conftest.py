"""Prism, the independent referee: a mock server built from the normalised spec alone.

One Prism process per mode for the whole session, started on first use on a free
loopback port: ``static`` answers with the spec's examples (or Prism's
placeholders), ``dynamic`` with data generated from the schemas (fixed seed). Prism
validates every request against the spec and says why it rejected one in its
``sl-violations`` header. A failing test's report ends with the tail of Prism's log.
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

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
SPEC = Path(str(resources.files("ofsc_generated") / "openapi.normalised.json"))
MODES = ("static", "dynamic")
SEED = "ofsc"
STARTUP_TIMEOUT = 60.0  # seconds; Prism usually listens within a few
LOG_TAIL = 40  # lines of Prism's log shown with a failure

_SERVER = pytest.StashKey["PrismServer"]()


@dataclass
class PrismServer:
    mode: str  # "static" or "dynamic"
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-LOG_TAIL:])


class PrismProcesses:
    """Starts one Prism process per mode on first use; stops them all at the end."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.servers: dict[str, PrismServer] = {}

    def server(self, mode: str) -> PrismServer:
        server = self.servers.get(mode) or self._start(mode)
        self.servers[mode] = server
        if server.process.poll() is not None:
            pytest.fail(f"Prism ({mode}) exited with {server.process.returncode}:\n{server.log_tail()}")
        return server

    def _start(self, mode: str) -> PrismServer:
        if not PRISM.exists():
            message = f"Prism is not installed at {PRISM.relative_to(ROOT)}: run `make install` (npm ci)"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        port = _free_port()
        command = [str(PRISM), "mock", str(SPEC), "--host", "127.0.0.1", "--port", str(port)]
        command += ["--verboseLevel", "warn"]
        if mode == "dynamic":
            command += ["--dynamic", "--seed", SEED]
        log = self.logs / f"prism-{mode}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT)
        server = PrismServer(mode, f"http://127.0.0.1:{port}", process, log)
        self.servers[mode] = server  # stopped at the end even if it never listens
        _wait_until_listening(server, port)
        return server

    def stop(self) -> None:
        for server in self.servers.values():
            server.process.terminate()
        for server in self.servers.values():
            try:
                server.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()


@pytest.fixture(scope="session")
def prism_processes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismProcesses]:
    processes = PrismProcesses(tmp_path_factory.mktemp("prism"))
    yield processes
    processes.stop()


# Under ``--dist loadgroup`` (the default here), all tests of a mode go to one xdist worker,
# so each mode's Prism starts once per run, however many workers there are.
@pytest.fixture(params=[pytest.param(mode, marks=pytest.mark.xdist_group(f"prism-{mode}")) for mode in MODES])
def prism(request: pytest.FixtureRequest, prism_processes: PrismProcesses) -> PrismServer:
    server = prism_processes.server(request.param)
    request.node.stash[_SERVER] = server
    return server


@pytest.fixture
def ofsc_settings(ofsc_settings: dict[str, Any], prism: PrismServer) -> dict[str, Any]:
    # The referee judges the models against the spec: a body that does not fit must fail.
    return {**ofsc_settings, "base_url": prism.url, "strict_responses": True}


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


def _wait_until_listening(server: PrismServer, port: int) -> None:
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
