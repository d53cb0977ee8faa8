"""``ofsc extract activities``: an extract to a file from the shell."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ofsc.bulk._cli import extract
from ofsc.testing import MockOFS


@pytest.fixture
def served(mock: MockOFS, seed: Any) -> Any:
    seed(2000, 40)
    mock.limits.answer_size["get_activities"] = 300
    with mock.serve() as base_url:
        credentials = mock.credentials
        yield {"OFSC_BASE_URL": base_url, "OFSC_INSTANCE": credentials.instance,
               "OFSC_CLIENT_ID": credentials.client_id, "OFSC_CLIENT_SECRET": credentials.client_secret,
               "OFSC_CONFIG": "/nonexistent/config.toml", "OFSC_MAX_RETRIES": "0"}  # fmt: skip


def run(env: dict[str, str], *args: str) -> Any:
    return CliRunner().invoke(extract, list(args), env=env, catch_exceptions=False)


def test_activities_to_json_lines(served: dict[str, str], tmp_path: Path) -> None:
    """Every activity of the range lands in the file, once; the count goes to stderr."""
    out = tmp_path / "out.jsonl"
    result = run(
        served, "activities", "--from", "2025-01-01", "--to", "2025-02-09", "-o", str(out), "--no-progress"
    )
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["activityId"] for line in out.read_text().splitlines()]
    assert sorted(ids) == list(range(1, 2001))
    assert "2,000 activities written" in result.stderr


def test_activities_to_csv_with_fields(served: dict[str, str], tmp_path: Path) -> None:
    """--fields picks the columns (activityId always first); --format csv writes CSV."""
    out = tmp_path / "out.txt"
    result = run(served, "activities", "--from", "2025-01-01", "--to", "2025-01-10", "--fields", "status,date",
                 "--format", "csv", "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert list(rows[0]) == ["activityId", "status", "date"] and len(rows) == 500


def test_an_interrupted_extract_resumes_into_the_same_file(
    served: dict[str, str], mock: MockOFS, tmp_path: Path
) -> None:
    """A run that fails (exit 5) leaves a checkpoint; the same command again appends only
    what the file lacks: every activity once. An unreadable checkpoint is a usage error."""
    out, checkpoint = tmp_path / "out.jsonl", tmp_path / "run.ckpt"
    args = [
        "activities",
        "--from",
        "2025-01-01",
        "--to",
        "2025-02-09",
        "-o",
        str(out),
        "--checkpoint",
        str(checkpoint),
    ]
    mock.faults.add(path="/rest/ofscCore/v1/activities", status=500, rate=0.3, count=1)
    first = CliRunner().invoke(extract, args, env=served)
    assert first.exit_code == 5 and checkpoint.exists()
    second = CliRunner().invoke(extract, args, env=served)
    assert second.exit_code == 0, second.output
    ids = [json.loads(line)["activityId"] for line in out.read_text().splitlines()]
    assert sorted(ids) == list(range(1, 2001)) and not checkpoint.exists()

    checkpoint.write_text("")
    broken = CliRunner().invoke(extract, args, env=served)
    assert broken.exit_code == 2 and "checkpoint" in broken.output


def test_usage_errors_exit_2(served: dict[str, str], tmp_path: Path) -> None:
    """A reversed range, or a checkpoint with Parquet (which cannot be appended to), is a usage error."""
    out = str(tmp_path / "out.parquet")
    assert run(served, "activities", "--from", "2025-02-01", "--to", "2025-01-01", "-o", out).exit_code == 2
    assert run(served, "activities", "--from", "2025-01-01", "--to", "2025-01-02", "-o", out,
               "--checkpoint", str(tmp_path / "c")).exit_code == 2  # fmt: skip


def test_the_root_command_mounts_extract(served: dict[str, str], tmp_path: Path) -> None:
    """``ofsc extract activities`` runs through the root command, with its connection settings."""
    from ofsc.cli._app import cli

    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli,
        ["extract", "activities", "--from", "2025-01-01", "--to", "2025-01-05", "-o", str(out)],
        env=served,
    )
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 250
