"""Credentials and profiles come from the library's own sources (OFSC_*, config.toml,
--profile); `ofsc config show` prints them with secrets masked and where each came from."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .conftest import ACTIVITY_ID, SECRET

if TYPE_CHECKING:
    from pathlib import Path

    from .conftest import Invoke, Served


def _config_file(tmp_path: Path, served: Served) -> Path:
    path = tmp_path / "ofsc.toml"
    path.write_text(
        f"""
[credentials]
instance = "acme"
client_id = "cid"
client_secret = "not-the-one"
base_url = "http://127.0.0.1:9"

[profiles.mock.credentials]
client_secret = "{SECRET}"
base_url = "{served.base_url}"
""",
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path


def test_a_profile_from_a_config_file_is_used(ofsc: Invoke, tmp_path: Path, served: Served) -> None:
    """--config FILE --profile NAME reads the profile's section over the file's top sections."""
    config = _config_file(tmp_path, served)
    env = {"OFSC_CLIENT_SECRET": None, "OFSC_BASE_URL": None, "OFSC_INSTANCE": None, "OFSC_CLIENT_ID": None}

    result = ofsc(
        "--config", str(config), "--profile", "mock", "core", "get-activity", str(ACTIVITY_ID), env=env
    )

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["activityId"] == ACTIVITY_ID


def test_an_unknown_profile_is_a_configuration_error(ofsc: Invoke, tmp_path: Path, served: Served) -> None:
    """A profile the file does not have exits 3 and lists the known ones."""
    config = _config_file(tmp_path, served)

    result = ofsc("--config", str(config), "--profile", "nope", "core", "get-activity", "1")

    assert result.exit_code == 3 and "known: mock" in result.stderr


def test_config_show_masks_secrets_and_names_each_source(
    ofsc: Invoke, tmp_path: Path, served: Served
) -> None:
    """Every setting is shown with its source; the secret only as a mask."""
    config = _config_file(tmp_path, served)
    env = {"OFSC_CLIENT_SECRET": None, "OFSC_BASE_URL": None, "OFSC_TIMEOUT": "12"}

    result = ofsc("--config", str(config), "--profile", "mock", "config", "show", "--format", "json", env=env)

    assert result.exit_code == 0, result.output
    rows = {row["setting"]: row for row in json.loads(result.stdout)}
    assert rows["profile"] == {"setting": "profile", "value": "mock", "source": "--profile"}
    assert rows["client_secret"]["value"] == "********"
    assert rows["client_secret"]["source"] == f"{config} [profiles.mock]"
    assert rows["instance"]["source"] == "OFSC_INSTANCE"
    assert rows["timeout"] == {"setting": "timeout", "value": 12.0, "source": "OFSC_TIMEOUT"}
    assert rows["max_retries"]["source"] == "OFSC_MAX_RETRIES"
    assert rows["auth"] == {"setting": "auth", "value": "basic", "source": "default"}
    assert SECRET not in result.output


def test_config_show_reports_what_is_missing(ofsc: Invoke) -> None:
    """Without a secret anywhere, config show exits 3 and says where to set it."""
    result = ofsc("config", "show", env={"OFSC_CLIENT_SECRET": None})

    assert result.exit_code == 3
    assert "client_secret" in result.stderr and "OFSC_CLIENT_SECRET" in result.stderr
