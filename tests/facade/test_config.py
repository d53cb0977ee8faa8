"""Configuration: arguments > environment > config.toml > defaults, secrets, errors, copies."""

from __future__ import annotations

import logging
import os
import stat
import warnings
from pathlib import Path

import pytest
from pydantic import SecretStr

from ofsc import ConfigError, ConfigFileWarning

from .conftest import SECRET, Facade, Server

CONFIG = """
[credentials]
instance = "from-file"
client_id = "file-id"
client_secret = "file-secret"

[credentials.oauth2]
token_url = "/custom/token"
scope = "file-scope"

[client]
timeout = 12.0
max_retries = 4

[profiles.staging.credentials]
instance = "staging"

[profiles.staging.client]
max_retries = 1
"""


def write_config(path: Path, text: str = CONFIG, mode: int = 0o600) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_arguments_beat_environment_beat_file_beat_defaults(
    facade: Facade, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(Path("config.toml"))
    monkeypatch.setenv("OFSC_CLIENT_ID", "env-id")
    monkeypatch.setenv("OFSC_TIMEOUT", "7.5")
    client = facade.cls(instance="arg-instance")
    settings = client.settings
    assert settings.instance == "arg-instance"  # argument over file
    assert settings.client_id == "env-id"  # environment over file
    assert settings.timeout == 7.5  # environment over file
    assert settings.max_retries == 4  # file over default
    assert settings.token_url == "/custom/token" and settings.scope == "file-scope"
    assert settings.circuit_breaker_threshold == 5  # default
    assert client.base_url == "https://arg-instance.fs.ocs.oraclecloud.com"
    facade(client.close())


def test_everything_from_the_environment(facade: Facade, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        "OFSC_INSTANCE": "envco",
        "OFSC_CLIENT_ID": "env-id",
        "OFSC_CLIENT_SECRET": "env-secret",
        "OFSC_BASE_URL": "http://127.0.0.1:9",
        "OFSC_AUTH": "oauth2",
        "OFSC_MAX_RETRIES": "0",
        "OFSC_LOG": "DEBUG",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    client = facade.cls()
    assert (client.settings.instance, client.settings.client_id, client.settings.auth) == (
        "envco",
        "env-id",
        "oauth2",
    )
    assert client.settings.client_secret.get_secret_value() == "env-secret"
    assert client.base_url == "http://127.0.0.1:9"
    assert client.settings.max_retries == 0
    assert logging.getLogger("ofsc").level == logging.DEBUG  # OFSC_LOG=debug turns on debug logs
    facade(client.close())


def test_environment_names_match_whatever_their_case_and_others_are_ignored(
    facade: Facade, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``OFSC_<SETTING>`` is read whatever its case; a variable that names no setting is
    not a setting (``OFSC_COMPANY``, 2.x's name for the instance, is the exception)."""
    monkeypatch.setenv("ofsc_company", "lowerco")
    monkeypatch.setenv("Ofsc_Client_Id", "mixed-id")
    monkeypatch.setenv("OFSC_CLIENT_SECRET", "s")
    monkeypatch.setenv("OFSC_NOT_A_SETTING", "ignored")
    monkeypatch.setenv("XOFSC_TIMEOUT", "1")
    client = facade.cls()
    assert (client.settings.instance, client.settings.client_id) == ("lowerco", "mixed-id")
    assert client.settings.timeout == 30.0
    facade(client.close())


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_named_profile_overrides_the_file_defaults(
    facade: Facade, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    write_config(Path("config.toml"))
    if how == "argument":
        client = facade.cls.from_config(profile="staging")
    else:
        monkeypatch.setenv("OFSC_PROFILE", "staging")
        client = facade.cls()
    assert client.settings.instance == "staging"
    assert client.settings.client_id == "file-id"  # from the base sections
    assert client.settings.max_retries == 1
    facade(client.close())


def test_config_file_locations_in_order(
    facade: Facade, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    user_file = write_config(Path(os.environ["XDG_CONFIG_HOME"]) / "ofsc" / "config.toml")
    assert facade.cls().settings.instance == "from-file"  # the user config dir
    write_config(Path("config.toml"), CONFIG.replace("from-file", "from-cwd"))
    assert facade.cls().settings.instance == "from-cwd"  # ./config.toml before the user's
    monkeypatch.setenv(
        "OFSC_CONFIG", str(write_config(tmp_path / "x.toml", CONFIG.replace("from-file", "x")))
    )
    assert facade.cls().settings.instance == "x"  # OFSC_CONFIG before both
    assert user_file.exists()


def test_missing_profile_and_missing_file_are_config_errors(facade: Facade, tmp_path: Path) -> None:
    write_config(Path("config.toml"))
    with pytest.raises(ConfigError, match="no profile 'prod' \\(known: staging\\)"):
        facade.cls(profile="prod")
    with pytest.raises(ConfigError, match="no config file found"):
        facade.cls.from_config(config_file=tmp_path / "absent.toml")


def test_one_config_error_names_every_bad_field_and_its_source(
    facade: Facade, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(Path("config.toml"), "[client]\nmax_retries = -1\n")
    monkeypatch.setenv("OFSC_TIMEOUT", "soon")
    with pytest.raises(ConfigError) as info:
        facade.cls(client_id="cid", auth="kerberos", base_url="ftp://x")  # type: ignore[arg-type]
    problems = info.value.problems
    assert problems["timeout"][0] == "OFSC_TIMEOUT"
    assert problems["max_retries"][0].endswith("config.toml")
    assert problems["auth"][0] == "arguments" and problems["base_url"][0] == "arguments"
    assert problems["instance"][0] == "nowhere" and problems["client_secret"][0] == "nowhere"
    text = str(info.value)
    for name in ("timeout (from OFSC_TIMEOUT)", "max_retries (from", "auth (from arguments)", "instance"):
        assert name in text


def test_unknown_setting_is_a_config_error(facade: Facade) -> None:
    with pytest.raises(ConfigError, match="retries \\(from arguments\\): unknown setting"):
        facade.client(retries=3)


def test_v2_constructor_fails_loudly(facade: Facade) -> None:
    """A 2.x-style construction raises TypeError naming the 2.x client of the same kind."""
    v2_client = r"ofsc\.async_client import AsyncOFSC" if facade.is_async else r"ofsc\.v2 import OFSC"
    with pytest.raises(TypeError, match=v2_client):
        facade.cls(clientID="x", companyName="acme", secret="s")  # type: ignore[call-arg]


def test_secrets_never_appear_in_reprs(facade: Facade, server: Server) -> None:
    client = facade.client(server, auth="oauth2", assertion="eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl")
    facade(client.core.get_activity(activity_id=1))
    texts = [repr(client), str(client), repr(client.settings), str(client.settings)]
    texts += [repr(client.token_state), repr(client._call_settings), repr(client.with_options(timeout=1))]
    for text in texts:
        for secret in (SECRET, "eyJhbGciOi", "tok-1", "Y2lk"):  # Y2lk: base64 of "cid" in Basic
            assert secret not in text, text
    assert isinstance(client.settings.client_secret, SecretStr)
    assert client.settings.client_secret.get_secret_value() == SECRET


def test_world_readable_config_with_a_secret_warns(facade: Facade) -> None:
    path = write_config(Path("config.toml"), mode=0o644)
    with pytest.warns(ConfigFileWarning, match="chmod 600"):
        facade.cls()
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        facade.cls()


def test_with_options_is_a_configured_copy_sharing_the_pool(facade: Facade, server: Server) -> None:
    client = facade.client(server)
    copy = client.with_options(max_retries=0, timeout=5.0, headers={"X-Trace": "1"})
    assert copy is not client and copy._http is client._http
    assert copy.circuit is client.circuit
    facade(copy.core.get_activity(activity_id=1))
    facade(client.core.get_activity(activity_id=1))
    first, second = server.requests
    assert first.extensions["timeout"] == {"connect": 5.0, "read": 5.0, "write": 5.0, "pool": 5.0}
    assert first.headers["X-Trace"] == "1" and "X-Trace" not in second.headers
    assert second.extensions["timeout"]["read"] == 30.0
    assert copy._call_settings.retry.max_retries == 0 and client._call_settings.retry.max_retries == 2
    # what a copy says it does is what it does
    assert (copy.settings.timeout, copy.settings.max_retries) == (5.0, 0)
    assert (client.settings.timeout, client.settings.max_retries) == (30.0, 2)
    facade(copy.close())  # closing a copy leaves the shared pool open
    facade(client.core.get_activity(activity_id=1))
    assert len(server.requests) == 3


def test_jwt_grant_needs_no_client_secret_but_basic_does(facade: Facade) -> None:
    client = facade.cls(instance="acme", client_id="app", auth="oauth2", assertion="a.b.c")
    assert client.settings.client_secret is None and client.settings.uses_jwt
    with pytest.raises(ConfigError, match="client_secret \\(from nowhere\\)"):
        facade.cls(instance="acme", client_id="app")


def test_signing_key_without_the_jwt_extra_is_a_clear_config_error(
    facade: Facade, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ofsc._config

    real = ofsc._config.find_spec
    monkeypatch.setattr(ofsc._config, "find_spec", lambda name: None if name == "jwt" else real(name))
    with pytest.raises(ConfigError, match=r"signing_key \(from arguments\).*pip install 'ofsc\[jwt\]'"):
        facade.cls(instance="acme", client_id="app", auth="oauth2", signing_key="-----BEGIN PRIVATE KEY-----")
