"""``python -m ofsc.events tail``: one JSON line per event, resuming from its checkpoint file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsc import OFSC
from ofsc.events._cli import events
from ofsc.testing import MockOFS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[MockOFS]:
    """A mock on loopback, and OFSC_* variables naming it (nothing from the developer's own)."""
    mock = MockOFS()
    with mock.serve() as base_url:
        for name in list(os.environ):
            if name.startswith("OFSC_"):
                monkeypatch.delenv(name)
        monkeypatch.setenv("OFSC_CONFIG", str(tmp_path / "config.toml"))
        (tmp_path / "config.toml").write_text(
            f'[profiles.mock.credentials]\ninstance = "acme"\nclient_id = "cid"\nclient_secret = "s3cr3t"\n'
            f'base_url = "{base_url}"\n[profiles.mock.client]\nmax_retries = 0\n',
            encoding="utf-8",
        )
        os.chmod(tmp_path / "config.toml", 0o600)
        yield mock


def test_tail_prints_one_json_line_per_event_and_resumes_from_its_checkpoint(
    served: MockOFS, tmp_path: Path
) -> None:
    """The first run subscribes; the next prints each new event of the given types as one
    JSON line (its fields and eventId); a run after that prints only what came since."""
    runner = CliRunner()
    args = ["tail", "--types", "activityCreated,activityUpdated", "--profile", "mock",
            "--checkpoint", str(tmp_path / "cp.json"), "--until-idle"]  # fmt: skip
    first = runner.invoke(events, args)
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    served.store.add("activities", {"activityId": 5, "activityType": "install", "resourceId": "tech1"})
    served.store.add("activities", {"activityId": 5, "customerName": "Jane Roe"})
    served.store.add("users", {"login": "jdoe", "name": "Jane"})  # a type not asked for
    second = runner.invoke(events, args)
    assert second.exit_code == 0, second.output
    lines = [json.loads(line) for line in second.stdout.splitlines()]
    assert [line["eventType"] for line in lines] == ["activityCreated", "activityUpdated"]
    assert lines[0]["activityDetails"]["activityId"] == 5
    assert all(len(line["eventId"]) == 32 for line in lines)
    assert runner.invoke(events, args).stdout == ""


def test_tail_refuses_an_unknown_event_type_before_calling(served: MockOFS) -> None:
    """A misspelt type is a usage error (exit code 2) naming it, and nothing is sent."""
    result = CliRunner().invoke(events, ["tail", "--types", "activityNompleted", "--profile", "mock"])
    assert result.exit_code == 2
    assert "unknown event type 'activityNompleted'" in result.output
    assert served.calls == []


def test_tail_runs_as_a_command_against_the_served_mock(tmp_path: Path) -> None:
    """`python -m ofsc.events tail` in its own process, against `python -m ofsc.testing
    serve` in another: the events of activities created over HTTP are printed."""
    server = subprocess.Popen(
        [sys.executable, "-m", "ofsc.testing", "serve", "--port", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().split()[3]
        env = {k: v for k, v in os.environ.items() if not k.startswith("OFSC_")}
        env.update(OFSC_BASE_URL=base_url, OFSC_INSTANCE="acme", OFSC_CLIENT_ID="cid", OFSC_CLIENT_SECRET="s3cr3t",
                   OFSC_CONFIG=str(tmp_path / "none.toml"))  # fmt: skip
        command = [sys.executable, "-m", "ofsc.events", "tail", "--types", "activityCreated",
                   "--checkpoint", str(tmp_path / "cp.json"), "--until-idle"]  # fmt: skip

        def tail() -> list[dict[str, object]]:
            done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
            return [json.loads(line) for line in done.stdout.splitlines()]

        assert tail() == []
        with OFSC(instance="acme", client_id="cid", client_secret="s3cr3t", base_url=base_url) as client:
            for resource in ("tech1", "tech2"):
                client.core.create_activity(body={"activityType": "install", "resourceId": resource})
        printed = tail()
        assert [line["eventType"] for line in printed] == ["activityCreated", "activityCreated"]
        assert [line["activityDetails"]["resourceId"] for line in printed] == ["tech1", "tech2"]  # type: ignore[index]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_group_is_mounted_as_ofsc_events_and_takes_the_global_profile(served: MockOFS) -> None:
    """`ofsc --profile NAME events tail ...` (also `python -m ofsc events`) runs the same
    command with the profile given to `ofsc`."""
    from ofsc.cli._app import cli

    result = CliRunner().invoke(cli, ["--profile", "mock", "events", "tail", "--types", "activityCreated",
                                      "--until-idle"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [c.operation for c in served.calls][:2] == ["get_subscriptions", "create_subscription"]
