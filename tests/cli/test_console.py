"""The installed `ofsc` console script in fresh processes against `python -m ofsc.testing
serve`: what needs a real process (exit statuses, a real stdin, the environment and files as
a user has them), and that no secret ever appears in anything it prints."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest

from .conftest import ACTIVITY_ID, SECRET, run_console

if TYPE_CHECKING:
    from pathlib import Path

    from .conftest import Served


def test_get_activity_prints_json_on_a_pipe_without_colours(served: Served) -> None:
    """`ofsc core get-activity ID` in a pipe prints plain JSON (no escape codes), exit 0."""
    done = run_console("core", "get-activity", str(ACTIVITY_ID), env=served.env)

    assert done.returncode == 0, done.stderr
    assert "\x1b[" not in done.stdout
    assert json.loads(done.stdout)["activityId"] == ACTIVITY_ID


def test_all_pages_in_a_fresh_process(served: Served) -> None:
    """--all with csv: a header and every work zone."""
    done = run_console("metadata", "get-workzones", "--all", "--limit", "2", "--format", "csv",
                       "--fields", "workZoneLabel", env=served.env)  # fmt: skip

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "workZoneLabel" and len(lines) >= 8 and len(set(lines)) == len(lines)


def test_body_from_a_file_and_from_stdin(served: Served, tmp_path: Path) -> None:
    """--body @file and --body - (a real pipe) both send their JSON."""
    (tmp_path / "changes.json").write_text('{"city": "File Town"}', encoding="utf-8")

    from_file = run_console("core", "update-activity", str(ACTIVITY_ID), "--body", "@changes.json",
                            env=served.env, cwd=tmp_path)  # fmt: skip
    from_stdin = run_console("core", "update-activity", str(ACTIVITY_ID), "--body", "-",
                             env=served.env, input='{"city": "Pipe Town"}')  # fmt: skip

    assert from_file.returncode == 0, from_file.stderr
    assert json.loads(from_file.stdout)["city"] == "File Town"
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert json.loads(from_stdin.stdout)["city"] == "Pipe Town"


def test_dry_run_in_a_fresh_process(served: Served) -> None:
    """--dry-run prints the request and exits 0."""
    done = run_console("core", "delete-activity", "4225275", "--dry-run", env=served.env)

    assert done.returncode == 0
    assert done.stdout.startswith(f"DELETE {served.base_url}/rest/ofscCore/v1/activities/4225275\n")


@pytest.mark.parametrize(
    ("arguments", "env_change", "status"),
    [
        (["core", "get-activity", "abc"], {}, 2),
        (["core", "get-activity", "1"], {"OFSC_CLIENT_ID": None}, 3),
        (["core", "get-activity", "999"], {}, 4),
        (["core", "get-activity", "1"], {"OFSC_BASE_URL": "http://127.0.0.1:9"}, 5),
    ],
)
def test_exit_statuses(
    served: Served, arguments: list[str], env_change: dict[str, str | None], status: int
) -> None:
    """Usage 2, configuration 3, a 4xx answer 4, a network failure 5, as the process's status."""
    env = {k: v for k, v in {**served.env, **env_change}.items() if v is not None}

    done = run_console(*arguments, env=env)

    assert done.returncode == status, done.stderr


def test_a_profile_from_the_config_file_in_the_working_directory(served: Served, tmp_path: Path) -> None:
    """./config.toml and --profile work as for the Python client, with no OFSC_* at all."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[profiles.local.credentials]\ninstance = "acme"\nclient_id = "cid"\nclient_secret = "{SECRET}"\n'
        f'base_url = "{served.base_url}"\n',
        encoding="utf-8",
    )
    config.chmod(0o600)

    done = run_console("--profile", "local", "core", "get-activity", str(ACTIVITY_ID), "--format", "jsonl",
                       env={"HOME": str(tmp_path)}, cwd=tmp_path)  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["activityId"] == ACTIVITY_ID


COMMANDS = [
    ["core", "get-activity", str(ACTIVITY_ID), "--format", "table"],
    ["core", "get-activity", str(ACTIVITY_ID), "--format", "yaml"],
    ["core", "update-activity", str(ACTIVITY_ID), "--body", '{"city": "X"}', "--dry-run"],
    ["auth", "get-token-v1", "--grant-type", "client_credentials", "--dry-run"],
    ["config", "show", "--format", "table"],
    ["config", "show", "--format", "json"],
    ["core", "get-activity", "999"],
    ["core", "get-activity", "abc"],
]


def test_no_secret_appears_in_any_output(served: Served) -> None:
    """Across formats, dry-runs, config show, errors and a refused login, the secret is never printed."""
    wrong_env = {**served.env, "OFSC_CLIENT_SECRET": "Wr0ng-Secret-99"}
    with ThreadPoolExecutor(4) as pool:
        outputs = list(pool.map(lambda command: run_console(*command, env=served.env), COMMANDS))
        wrong = pool.submit(run_console, "core", "get-activity", "1", env=wrong_env).result()

    assert [done.returncode for done in outputs] == [0, 0, 0, 0, 0, 0, 4, 2]
    for command, done in zip(COMMANDS, outputs, strict=True):
        assert SECRET not in done.stdout + done.stderr, command
    assert wrong.returncode == 4 and "Wr0ng-Secret-99" not in wrong.stdout + wrong.stderr
