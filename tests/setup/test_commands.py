"""``ofsc setup`` commands against two mocks served on loopback, with profiles from a file."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsc.setup._cli import setup as setup_command
from ofsc.testing import MockOFS

from .test_setup import PROD, TEST


@pytest.fixture
def instances(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[MockOFS, MockOFS]]:
    test, prod = MockOFS(seed=3, fixture=TEST), MockOFS(seed=3, fixture=PROD, check_references=True)
    with test.serve() as test_url, prod.serve() as prod_url:
        config = tmp_path / "config.toml"
        config.write_text(
            "\n".join(
                f'[profiles.{name}.credentials]\ninstance = "acme"\nclient_id = "cid"\n'
                f'client_secret = "s3cr3t"\nbase_url = "{url}"\n'
                for name, url in (("test", test_url), ("prod", prod_url))
            )
        )
        config.chmod(0o600)
        monkeypatch.setenv("OFSC_CONFIG", str(config))
        for name in (
            "OFSC_INSTANCE",
            "OFSC_CLIENT_ID",
            "OFSC_CLIENT_SECRET",
            "OFSC_BASE_URL",
            "OFSC_PROFILE",
        ):
            monkeypatch.delenv(name, raising=False)
        yield test, prod


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(setup_command, list(args), input=stdin)
    return result.exit_code, result.output


def test_export_diff_apply_from_profiles(instances: tuple[MockOFS, MockOFS], tmp_path: Path) -> None:
    """export writes a folder; diff exits 1 while prod differs and 0 once applied; apply
    --dry-run changes nothing; apply --yes writes; no secret is printed."""
    _, prod = instances
    code, out = run("export", "--profile", "test", "-o", str(tmp_path / "setup"))
    assert code == 0 and "exported" in out
    assert (tmp_path / "setup" / "activityTypes" / "fiber.json").exists()

    code, out = run("diff", "--from", str(tmp_path / "setup"), "--to", "prod")
    assert code == 1 and "+ activityTypes/fiber" in out

    before = len(prod.calls)
    code, out = run("apply", "--from", str(tmp_path / "setup"), "--to", "prod", "--dry-run")
    assert code == 0 and "create activityTypes/fiber" in out
    assert all(c.method == "GET" for c in prod.calls[before:])

    code, out = run("apply", "--from", str(tmp_path / "setup"), "--to", "prod", "--yes")
    assert code == 0, out
    assert "0 failed" in out

    code, out = run("diff", "--from", "test", "--to", "prod", "--json")
    changes = json.loads(out)
    assert code == 1  # OLD and night are only in prod: kept, not deleted
    assert {c["action"] for c in changes} == {"delete"}
    assert "s3cr3t" not in out


def test_apply_refuses_to_run_unattended_without_yes(
    instances: tuple[MockOFS, MockOFS], tmp_path: Path
) -> None:
    """Without a terminal to ask on, apply needs --yes (usage error, exit 2, nothing written)."""
    _, prod = instances
    code, out = run("apply", "--from", "test", "--to", "prod")
    assert code == 2 and "--yes" in out
    assert all(c.method == "GET" for c in prod.calls)


def test_errors_are_one_line_with_exit_code_3(instances: tuple[MockOFS, MockOFS], tmp_path: Path) -> None:
    """An unknown profile or a broken folder ends with one error line and exit code 3."""
    code, out = run("diff", "--from", "nosuch", "--to", "prod")
    assert code == 3 and "error:" in out and "nosuch" in out and "Traceback" not in out
    (tmp_path / "bad" / "widgets").mkdir(parents=True)
    code, out = run("diff", "--from", str(tmp_path / "bad"), "--to", "prod")
    assert code == 3 and "not a configuration kind" in out


def test_python_dash_m_runs_the_same_command(instances: tuple[MockOFS, MockOFS], tmp_path: Path) -> None:
    """``python -m ofsc.setup`` is the command, in a process of its own."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ofsc.setup",
            "export",
            "--profile",
            "test",
            "-o",
            str(tmp_path / "x"),
            "--kinds",
            "shifts",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (tmp_path / "x" / "shifts").iterdir()] == ["day.json"]
