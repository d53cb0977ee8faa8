"""The ways to run the mock: the loopback server under concurrent clients, the command line,
and the pytest fixtures that come with the package."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx

from ofsc.testing import MockOFS


async def test_the_server_serves_many_concurrent_async_clients(
    ofsc_mock: MockOFS, ofsc_mock_server: str
) -> None:
    ofsc_mock.store.add("activities", {"activityId": 1})
    async with ofsc_mock.async_client(base_url=ofsc_mock_server) as client:
        found = await asyncio.gather(*(client.core.get_activity(activity_id=1) for _ in range(100)))
    assert {activity.activity_id for activity in found} == {1}
    assert len(ofsc_mock.calls) == 100


def test_the_server_serves_many_threads(ofsc_mock: MockOFS, ofsc_mock_server: str) -> None:
    ofsc_mock.store.generate("workZones", 3)
    with ofsc_mock.client(base_url=ofsc_mock_server) as client, ThreadPoolExecutor(20) as pool:
        totals = list(pool.map(lambda _: client.metadata.get_workzones().total_results, range(100)))
    assert totals == [3] * 100


def test_the_command_line_serves_a_fixture(tmp_path: Path) -> None:
    fixture = tmp_path / "ofs.json"
    fixture.write_text(json.dumps({"users": [{"login": "ada", "name": "Ada"}]}))
    command = [sys.executable, "-m", "ofsc.testing", "serve", "--port", "0", "--fixture", str(fixture)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()
        base_url = banner.split()[3]
        headers = {"Authorization": MockOFS().basic_auth}
        response = httpx.get(f"{base_url}/rest/ofscCore/v1/users/ada", headers=headers)
        assert response.status_code == 200 and response.json()["name"] == "Ada"
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def served(*options: str) -> Iterator[tuple[str, dict[str, str]]]:
    """``python -m ofsc.testing serve --port 0 OPTIONS``: its base URL and Basic auth header."""
    command = [sys.executable, "-m", "ofsc.testing", "serve", "--port", "0", *options]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().split()[3]
        yield base_url, {"Authorization": MockOFS().basic_auth}
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_command_line_starts_with_the_demo_data() -> None:
    """With no option, ``serve`` holds the objects the README and the examples use."""
    with served() as (base_url, headers):
        core = f"{base_url}/rest/ofscCore/v1"
        activity = httpx.get(f"{core}/activities/4225274", headers=headers).json()
        resource = httpx.get(f"{core}/resources/tech1", headers=headers).json()
        user = httpx.get(f"{core}/users/jdoe", headers=headers).json()
    assert (activity["resourceId"], activity["customerName"]) == ("tech1", "Jane Doe")
    assert resource["name"] == "Tech One"
    assert user["name"] == "Jane Doe"


def test_the_command_line_starts_empty_when_asked() -> None:
    """``serve --empty`` starts with a bare store: the demo activity is not there."""
    with served("--empty") as (base_url, headers):
        response = httpx.get(f"{base_url}/rest/ofscCore/v1/activities/4225274", headers=headers)
        users = httpx.get(f"{base_url}/rest/ofscCore/v1/users", headers=headers).json()
    assert response.status_code == 404
    assert users["items"] == []


def test_the_command_line_says_in_one_line_that_the_port_is_busy() -> None:
    """``serve`` on a port already in use prints one line that says so and exits 1, no traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "ofsc.testing", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"error: cannot listen on 127.0.0.1:{port}: the port is in use (--port 0 picks a free one)"
    ]
    assert run.stdout == ""


def test_the_pytest_fixtures_come_with_the_package(tmp_path: Path) -> None:
    (tmp_path / "test_user_code.py").write_text(
        textwrap.dedent(
            """
            import httpx
            from ofsc import OFSC

            def test_in_process(ofsc_mock):
                ofsc_mock.store.add("users", {"login": "ada", "name": "Ada"})
                client = OFSC(instance="acme", client_id="cid", client_secret="s3cr3t",
                              base_url="http://mock.localhost", transport=ofsc_mock.transport())
                assert client.core.get_user(login="ada").name == "Ada"

            def test_over_loopback(ofsc_mock, ofsc_mock_server):
                ofsc_mock.faults.add(status=503, count=1)
                response = httpx.get(ofsc_mock_server + "/rest/ofscCore/v1/users",
                                     headers={"Authorization": ofsc_mock.basic_auth})
                assert response.status_code == 503
            """
        )
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user_code.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout
