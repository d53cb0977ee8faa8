"""Where each setting comes from, and what is wrong with a bad one (ofsc._config).

The rules (the module's docstring and ``docs/BEST_PRACTICES.md``): arguments > environment
(``OFSC_*``) > ``config.toml`` (``OFSC_CONFIG``, ``./config.toml``, then the user config
dir) > defaults, and the same for the profile; a config file holding any secret that other
users (group or world) can read gets a ``ConfigFileWarning``; invalid configuration raises
one ``ConfigError`` naming every bad field and its source.
"""

from __future__ import annotations

import stat
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsc import ConfigError, ConfigFileWarning
from ofsc._config import Settings, config_file_candidates, load_settings

PROPERTY = settings(max_examples=30, deadline=None)
BASE = {"instance": "acme", "client_id": "cid", "client_secret": "s3"}

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def write(path: Path, text: str, mode: int = 0o600) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def load_quietly(**kwargs: Any) -> Settings:
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConfigFileWarning)
        return load_settings(**kwargs)


SECRET_FILES = {
    "client_secret": '[credentials]\ninstance = "a"\nclient_id = "c"\nclient_secret = "s"\n',
    "assertion": '[credentials]\ninstance = "a"\nclient_id = "c"\nauth = "oauth2"\n'
    '[credentials.oauth2]\nassertion = "eyJx.y.z"\n',
    "signing_key": '[credentials]\ninstance = "a"\nclient_id = "c"\nauth = "oauth2"\n'
    '[credentials.oauth2]\nsigning_key = "-----BEGIN PRIVATE KEY-----"\n',
}
READ_BITS = [stat.S_IRGRP, stat.S_IROTH, stat.S_IRGRP | stat.S_IROTH]


@pytest.mark.parametrize("secret", list(SECRET_FILES))
@pytest.mark.parametrize("bits", READ_BITS, ids=["group", "world", "both"])
def test_a_file_holding_any_secret_that_others_can_read_warns(secret: str, bits: int, tmp_path: Path) -> None:
    """A client secret, an assertion or a signing key in a file that its group or anyone can
    read gets a ConfigFileWarning naming the file and the fix."""
    path = write(tmp_path / "config.toml", SECRET_FILES[secret], 0o600 | bits)
    with pytest.warns(ConfigFileWarning) as caught:
        load_settings({}, config_file=path)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert f"{path} holds a secret and can be read by other users" in message
    assert f"chmod 600 {path}" in message
    assert stat.filemode(0o100600 | bits) in message


@pytest.mark.parametrize("secret", list(SECRET_FILES))
def test_a_file_holding_a_secret_that_only_its_owner_reads_is_quiet(secret: str, tmp_path: Path) -> None:
    """Mode 600 (or 400) is what BEST_PRACTICES asks for: no warning."""
    path = write(tmp_path / "config.toml", SECRET_FILES[secret], 0o600)
    load_quietly(arguments={}, config_file=path)
    path.chmod(0o400)
    load_quietly(arguments={}, config_file=path)


def test_a_readable_file_without_secrets_is_quiet(tmp_path: Path) -> None:
    """A file holding no secret may be readable by anyone."""
    path = write(tmp_path / "config.toml", '[credentials]\ninstance = "a"\nclient_id = "c"\n', 0o644)
    settings = load_quietly(arguments={"client_secret": "from-args"}, config_file=path)
    assert settings.instance == "a"


def test_a_secret_in_a_profile_section_also_warns(tmp_path: Path) -> None:
    """The check covers the profile's settings too."""
    path = write(
        tmp_path / "config.toml",
        '[credentials]\ninstance = "a"\nclient_id = "c"\n[profiles.p.credentials]\nclient_secret = "s"\n',
        0o640,
    )
    with pytest.warns(ConfigFileWarning):
        load_settings({}, config_file=path, profile="p")


PROFILES = """
[credentials]
instance = "base"
client_id = "c"
client_secret = "s"
[profiles.one.credentials]
instance = "one"
[profiles.two.credentials]
instance = "two"
"""


def test_the_profile_argument_beats_the_profile_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """arguments > environment holds for the profile: profile= wins over OFSC_PROFILE."""
    path = write(tmp_path / "config.toml", PROFILES)
    monkeypatch.setenv("OFSC_PROFILE", "two")
    assert load_quietly(arguments={}, config_file=path, profile="one").instance == "one"
    assert load_quietly(arguments={}, config_file=path).instance == "two"
    monkeypatch.delenv("OFSC_PROFILE")
    assert load_quietly(arguments={}, config_file=path).instance == "base"


@PROPERTY
@given(st.sets(st.sampled_from(["arguments", "environment", "file"])))
def test_each_setting_comes_from_the_strongest_source_that_sets_it(sources: set[str]) -> None:
    """arguments > environment > file > defaults, setting by setting; ``origins`` says which."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as home:
        path = write(Path(home) / "config.toml", "[client]\nmax_retries = 3\n")
        old = os.environ.pop("OFSC_MAX_RETRIES", None)
        try:
            if "environment" in sources:
                os.environ["OFSC_MAX_RETRIES"] = "5"
            arguments = {**BASE, "max_retries": 7 if "arguments" in sources else None}
            origins: dict[str, str] = {}
            settings = load_quietly(
                arguments=arguments, config_file=path if "file" in sources else None, origins=origins
            )
        finally:
            os.environ.pop("OFSC_MAX_RETRIES", None)
            if old is not None:
                os.environ["OFSC_MAX_RETRIES"] = old
    if "arguments" in sources:
        expected, origin = 7, "arguments"
    elif "environment" in sources:
        expected, origin = 5, "OFSC_MAX_RETRIES"
    elif "file" in sources:
        expected, origin = 3, str(path)
    else:
        expected, origin = 2, None
    assert settings.max_retries == expected
    assert origins.get("max_retries") == origin
    assert origins["instance"] == "arguments"


def test_company_is_read_as_the_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    """OFSC_COMPANY (2.x scripts' name) sets the instance, unless OFSC_INSTANCE is set."""
    monkeypatch.setenv("OFSC_COMPANY", "old-name")
    args = {"client_id": "c", "client_secret": "s"}
    assert load_quietly(arguments=args).instance == "old-name"
    monkeypatch.setenv("OFSC_INSTANCE", "new-name")
    assert load_quietly(arguments=args).instance == "new-name"


def test_the_config_file_is_looked_for_where_documented(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """OFSC_CONFIG alone when set; else ./config.toml, then <XDG_CONFIG_HOME>/ofsc/config.toml."""
    monkeypatch.setenv("OFSC_CONFIG", str(tmp_path / "mine.toml"))
    assert config_file_candidates() == [tmp_path / "mine.toml"]
    monkeypatch.delenv("OFSC_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_file_candidates() == [Path.cwd() / "config.toml", tmp_path / "xdg" / "ofsc" / "config.toml"]


def test_the_user_config_dir_is_read_when_there_is_no_local_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without ./config.toml the user config dir's file is read."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    write(tmp_path / "xdg" / "ofsc" / "config.toml", '[credentials]\ninstance = "from-user-dir"\n')
    assert load_quietly(arguments={"client_id": "c", "client_secret": "s"}).instance == "from-user-dir"


def test_a_named_file_or_profile_that_cannot_be_found_is_an_error(tmp_path: Path) -> None:
    """Asking for a config file or a profile that is not there raises ConfigError saying where it looked."""
    with pytest.raises(ConfigError) as caught:
        load_settings(BASE, config_file=tmp_path / "missing.toml")
    assert caught.value.problems["config"][0] == "config.toml"
    assert str(tmp_path / "missing.toml") in caught.value.problems["config"][1]
    with pytest.raises(ConfigError, match="no config file found"):
        load_settings(BASE, profile="staging")
    path = write(tmp_path / "config.toml", PROFILES)
    with pytest.raises(ConfigError) as caught:
        load_settings({}, config_file=path, profile="three")
    assert caught.value.problems["profile"] == (str(path), "no profile 'three' (known: one, two)")


def test_an_unreadable_config_file_is_an_error(tmp_path: Path) -> None:
    """A file that is not TOML raises ConfigError naming the file."""
    path = write(tmp_path / "config.toml", "this is = = not toml")
    with pytest.raises(ConfigError) as caught:
        load_settings(BASE, config_file=path)
    source, message = caught.value.problems["config"]
    assert source == str(path) and message.startswith("cannot read:")


def test_every_bad_field_is_reported_with_its_source(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """One ConfigError names each bad field and where its value came from, and a missing
    secret is reported alongside."""
    monkeypatch.setenv("OFSC_TIMEOUT", "-1")
    path = write(tmp_path / "config.toml", "[client]\nmax_retries = 99\n")
    with pytest.raises(ConfigError) as caught:
        load_settings({"instance": "a", "client_id": "c", "bogus": 1}, config_file=path)
    problems = caught.value.problems
    assert problems["timeout"][0] == "OFSC_TIMEOUT"
    assert problems["max_retries"][0] == str(path)
    assert problems["bogus"] == ("arguments", "unknown setting")
    assert problems["client_secret"] == (
        "nowhere",
        "not set: pass client_secret=, set OFSC_CLIENT_SECRET or add it to config.toml",
    )


def test_a_jwt_grant_needs_no_secret() -> None:
    """With auth="oauth2" and an assertion or a signing key, client_secret may be absent."""
    settings = load_quietly(arguments={"instance": "a", "client_id": "c", "auth": "oauth2", "assertion": "x"})
    assert settings.uses_jwt and settings.client_secret is None
    with pytest.raises(ConfigError) as caught:
        load_settings(
            {"instance": "a", "client_id": "c", "assertion": "x"}
        )  # basic auth: the secret is needed
    assert "client_secret" in caught.value.problems


def test_the_base_url_defaults_to_the_instance_and_must_be_http(monkeypatch: pytest.MonkeyPatch) -> None:
    """The base URL is https://<instance>.fs.ocs.oraclecloud.com unless set; a set one must be
    http(s); a trailing slash is dropped."""
    assert load_quietly(arguments=BASE).resolved_base_url == "https://acme.fs.ocs.oraclecloud.com"
    custom = load_quietly(arguments={**BASE, "base_url": "http://127.0.0.1:8080/"})
    assert custom.resolved_base_url == "http://127.0.0.1:8080"
    with pytest.raises(ConfigError) as caught:
        load_settings({**BASE, "base_url": "ftp://x"})
    source, message = caught.value.problems["base_url"]
    assert source == "arguments" and message.startswith("must start with http:// or https://")


def test_log_levels_are_not_case_sensitive() -> None:
    """log="INFO" is log="info"."""
    assert load_quietly(arguments={**BASE, "log": "INFO"}).log == "info"


def test_a_missing_secret_is_reported_only_when_it_is_needed(tmp_path: Path) -> None:
    """Alongside other bad fields, client_secret is reported missing only when it is not set
    and no JWT grant (auth="oauth2" with an assertion or a signing key) stands in for it."""
    bad = {"instance": "a", "client_id": "c", "timeout": -1}
    with pytest.raises(ConfigError) as caught:
        load_settings({**bad, "client_secret": "s"})
    assert list(caught.value.problems) == ["timeout"]
    with pytest.raises(ConfigError) as caught:
        load_settings({**bad, "auth": "oauth2", "assertion": "jwt"})
    assert list(caught.value.problems) == ["timeout"]
    with pytest.raises(ConfigError) as caught:
        load_settings({**bad, "auth": "oauth2", "signing_key": "-----BEGIN PRIVATE KEY-----"})
    assert list(caught.value.problems) == ["timeout"]
    with pytest.raises(ConfigError) as caught:
        load_settings({**bad, "assertion": "jwt"})  # basic auth: an assertion does not replace the secret
    assert set(caught.value.problems) == {"timeout", "client_secret"}
    with pytest.raises(ConfigError) as caught:
        load_settings({**bad, "auth": "oauth2"})
    assert set(caught.value.problems) == {"timeout", "client_secret"}


def test_problems_found_by_the_model_check_are_named_by_field() -> None:
    """A problem of the whole configuration names the field it is about (or "configuration");
    a value with no recorded source came from the arguments or the defaults."""
    from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
    from pydantic_core import PydanticCustomError

    from ofsc._config import _problems

    class Model(BaseModel):
        model_config = ConfigDict(extra="forbid")
        n: int = 0
        fail: str = ""

        @model_validator(mode="after")
        def _check(self) -> Model:
            if self.fail == "field":
                raise PydanticCustomError("missing", "Field required", {"field": "client_secret"})
            if self.fail == "whole":
                raise ValueError("does not hold together")
            return self

    def problems_of(
        values: dict[str, Any], origin: dict[str, str] | None = None
    ) -> dict[str, tuple[str, str]]:
        with pytest.raises(ValidationError) as caught:
            Model.model_validate(values)
        return _problems(caught.value, origin or {})

    assert problems_of({"fail": "field"}) == {
        "client_secret": (
            "nowhere",
            "not set: pass client_secret=, set OFSC_CLIENT_SECRET or add it to config.toml",
        )
    }
    assert problems_of({"fail": "whole"}) == {"configuration": ("defaults", "does not hold together")}
    assert problems_of({"extra": 1}) == {"extra": ("arguments", "unknown setting")}
    source, message = problems_of({"extra": 1}, {"extra": "config.toml"})["extra"]
    assert source == "config.toml" and message.startswith("unknown setting")
    assert problems_of({"n": "x"}) == {
        "n": ("defaults", "Input should be a valid integer, unable to parse string as an integer")
    }


def test_the_user_config_dir_defaults_to_dot_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without XDG_CONFIG_HOME the user config dir is ~/.config."""
    monkeypatch.delenv("OFSC_CONFIG", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config_file_candidates()[1] == tmp_path / ".config" / "ofsc" / "config.toml"


def test_on_windows_the_user_config_dir_is_appdata(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """On Windows the user config file is %APPDATA%\\ofsc\\config.toml (AppData\\Roaming by default),
    and file modes are not checked."""
    monkeypatch.delenv("OFSC_CONFIG", raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "roaming"))
    assert config_file_candidates() == [
        Path.cwd() / "config.toml",
        tmp_path / "roaming" / "ofsc" / "config.toml",
    ]
    monkeypatch.delenv("APPDATA")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config_file_candidates()[1] == tmp_path / "AppData" / "Roaming" / "ofsc" / "config.toml"
    path = write(tmp_path / "config.toml", SECRET_FILES["client_secret"], 0o644)
    load_quietly(arguments={}, config_file=path)


def test_where_the_search_looked_is_listed_in_full(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A profile asked for with no config file anywhere names every place searched."""
    monkeypatch.delenv("OFSC_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    with pytest.raises(ConfigError) as caught:
        load_settings(BASE, profile="staging")
    where = f"{Path.cwd() / 'config.toml'}, {tmp_path / 'xdg' / 'ofsc' / 'config.toml'}"
    assert caught.value.problems["config"] == ("config.toml", f"no config file found (looked at {where})")


def test_a_profile_in_a_file_without_profiles_is_an_error(tmp_path: Path) -> None:
    """Asking for a profile of a file that has none says so (known: none)."""
    path = write(tmp_path / "config.toml", '[credentials]\ninstance = "a"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(BASE, config_file=path, profile="x")
    assert caught.value.problems["profile"] == (str(path), "no profile 'x' (known: none)")


def test_a_profiles_settings_say_where_they_came_from(tmp_path: Path) -> None:
    """origins names the profile section for what a profile set, and the file for the rest."""
    path = write(tmp_path / "config.toml", PROFILES)
    origins: dict[str, str] = {}
    load_quietly(arguments={}, config_file=path, profile="one", origins=origins)
    assert origins["instance"] == f"{path} [profiles.one]"
    assert origins["client_id"] == str(path)


def test_a_section_that_is_not_a_table_is_ignored(tmp_path: Path) -> None:
    """credentials = "text" holds no settings: the error is that they are missing, not a crash."""
    path = write(tmp_path / "config.toml", 'credentials = "oops"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings({}, config_file=path)
    assert {"instance", "client_id", "client_secret"} <= set(caught.value.problems)


def test_unknown_keys_in_a_config_file_are_named_with_a_suggestion(tmp_path: Path) -> None:
    """A key no setting reads is an error naming where it is and the likely intended key
    (sections, settings of a section, and a profile's keys alike)."""
    path = write(
        tmp_path / "config.toml",
        '[credentials]\ninstance = "a"\nclient_id = "c"\nclient_secrt = "s"\n'
        '[credentials.oauth2]\nscop = "x"\n[client]\ntimeout = 5\n[clinet]\nx = 1\n'
        '[profiles.p.credentials]\ninstanse = "b"\n[profiles.p.extra]\ny = 1\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_settings({}, config_file=path, profile="p")
    problems = caught.value.problems
    assert problems["credentials.client_secrt"] == (
        str(path),
        "unknown setting; did you mean 'client_secret'?",
    )
    assert problems["credentials.oauth2.scop"] == (str(path), "unknown setting; did you mean 'scope'?")
    assert problems["clinet"] == (str(path), "unknown section; did you mean 'client'?")
    where = f"{path} [profiles.p]"
    assert problems["credentials.instanse"] == (where, "unknown setting; did you mean 'instance'?")
    assert problems["extra"] == (where, "unknown section")
    assert "timeout" not in problems and "credentials.oauth2" not in problems


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://x", "must start with http:// or https://"),
        (
            "https://user:pw@acme.example",
            "must not hold credentials (user:password@): pass client_id and client_secret",
        ),
        ("https://", "has no host"),
        ("https://acme.example/?a=1", "must not have a query or fragment"),
        ("https://acme.example/#f", "must not have a query or fragment"),
        ("https://[::1", "is not a valid URL (Invalid port"),
    ],
)
def test_a_base_url_must_be_a_plain_http_address(url: str, problem: str) -> None:
    """base_url: http(s), a host, no credentials, no query or fragment; the message never repeats the URL."""
    from ofsc._config import url_problem

    found = url_problem(url, absolute=True)
    assert found is not None and found.startswith(problem)
    assert "pw" not in found


def test_a_token_url_may_be_a_path_or_an_address() -> None:
    """token_url: a path starting with /, or an http(s) address (which may carry a query)."""
    from ofsc._config import url_problem

    assert url_problem("/rest/token", absolute=False) is None
    assert url_problem("https://login.example/t?x=1", absolute=False) is None
    assert (
        url_problem("rest/token", absolute=False)
        == "must start with http:// or https:// (or be a path starting with /)"
    )
    assert url_problem("/rest/token", absolute=True) == "must start with http:// or https://"


def test_a_profile_holds_no_profiles_and_a_malformed_section_hides_no_typo(tmp_path: Path) -> None:
    """Profiles do not nest: a profiles section inside a profile is an unknown section. A
    section that is not a table does not stop the sections after it being checked."""
    path = write(
        tmp_path / "config.toml",
        'credentials = "oops"\n[client]\ntimout = 5\n[profiles.p.profiles.q.credentials]\ninstance = "b"\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_settings({}, config_file=path, profile="p")
    problems = caught.value.problems
    assert problems["client.timout"] == (str(path), "unknown setting; did you mean 'timeout'?")
    assert problems["profiles"] == (f"{path} [profiles.p]", "unknown section")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("localhost", True), ("api.localhost", True), ("127.0.0.1", True), ("127.9.9.9", True), ("[::1]", True),
     ("::1", True), ("10.0.0.1", False), ("example.com", False), ("localhost.example", False), ("", False),
     ("X127.0.0.1", False)],
)  # fmt: skip
def test_loopback_hosts_are_this_machine(host: str, loopback: bool) -> None:
    """localhost, *.localhost and loopback addresses are this machine; nothing else is (a name
    that merely holds a loopback address neither)."""
    from ofsc._config import is_loopback

    assert is_loopback(host) is loopback


def test_clear_text_http_is_refused_except_on_loopback_or_when_allowed() -> None:
    """http:// would send credentials in clear text: refused for any host but this machine,
    unless allow_insecure_http=True; the error names the host and the setting."""
    with pytest.raises(ConfigError) as caught:
        load_settings({**BASE, "base_url": "http://acme.example"})
    message = caught.value.problems["base_url"][1]
    assert "acme.example" in message and "allow_insecure_http=True" in message
    with pytest.raises(ConfigError) as caught:
        load_settings({**BASE, "token_url": "http://login.example/t"})
    assert "token_url" in caught.value.problems
    assert load_quietly(arguments={**BASE, "base_url": "http://127.0.0.1:9"}).base_url == "http://127.0.0.1:9"
    allowed = load_quietly(arguments={**BASE, "base_url": "http://acme.example", "allow_insecure_http": True})
    assert allowed.resolved_base_url == "http://acme.example"


@pytest.mark.parametrize("instance", ["acme", "a", "acme-test_2", "A" * 63])
def test_an_instance_name_is_one_dns_label(instance: str) -> None:
    """Letters, digits, - and _, at most 63 characters, not starting or ending with - or _."""
    assert load_quietly(arguments={**BASE, "instance": instance}).instance == instance


@pytest.mark.parametrize(
    "instance", ["a.evil.example", "acme/", "-acme", "acme-", "A" * 64, "acme#", "ac me"]
)
def test_an_instance_name_that_could_move_requests_is_refused(instance: str) -> None:
    """Anything else could point requests at another host: refused, saying what an instance is."""
    with pytest.raises(ConfigError) as caught:
        load_settings({**BASE, "instance": instance})
    source, message = caught.value.problems["instance"]
    assert source == "arguments" and message.startswith("must be an OFS instance name")


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("timeout", True, "must be a finite number, got True"),
        ("timeout", float("nan"), "must be a finite number, got nan"),
        ("call_timeout", float("inf"), "must be a finite number, got inf"),
        ("timeout", 0, "Input should be greater than 0, got 0"),
        ("max_retries", 21, "Input should be less than or equal to 20, got 21"),
    ],
)
def test_per_call_settings_follow_the_clients_rules(name: str, value: object, problem: str) -> None:
    """A value given per call (options, with_options) is checked like the client's setting."""
    from ofsc._config import setting_problem

    assert setting_problem(name, value) == problem
    assert setting_problem(name, 5) is None
