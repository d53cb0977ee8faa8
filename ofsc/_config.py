"""Client configuration: arguments > environment (``OFSC_*``) > ``config.toml`` > defaults.

``config.toml`` (found at ``OFSC_CONFIG``, ``./config.toml``, then the user config dir)::

    [credentials]
    instance = "acme"
    client_id = "integration"
    client_secret = "..."
    auth = "basic"                  # or "oauth2"

    [credentials.oauth2]
    token_url = "/rest/oauthTokenService/v2/token"
    scope = "..."
    # JWT-bearer grant instead of client credentials: a ready assertion, or a key to sign one
    # signing_key = "~/.ofsc/app-key.pem"   # PEM text or a path; needs ofsc[jwt]
    # jwt_subject = "dispatcher1"           # an OFS user login; the application itself if unset

    [client]
    timeout = 30.0
    max_retries = 2
    initial_retry_delay = 0.5       # backoff before the first retry (doubles, capped, jittered)
    strict_responses = false        # true: a 2xx body that does not fit its model raises

    [profiles.staging.credentials]  # OFSC(profile="staging") / OFSC_PROFILE=staging
    instance = "acme-test"

Invalid configuration raises one :class:`ConfigError` naming every bad field and the
source it came from. A config file holding a secret that other users can read gets a
:class:`ConfigFileWarning`.
"""

from __future__ import annotations

import os
import stat
import sys
import tomllib
import warnings
from collections.abc import Callable  # noqa: TC003  (pydantic resolves the annotation at runtime)
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._exceptions import ConfigError, show_as_public

DEFAULT_BASE_URL = "https://{instance}.fs.ocs.oraclecloud.com"
_SECRETS = ("client_secret", "assertion", "signing_key")
# config.toml section -> the settings it may hold
_FILE_LAYOUT: dict[tuple[str, ...], tuple[str, ...]] = {
    ("credentials",): ("instance", "client_id", "client_secret", "auth", "base_url"),
    ("credentials", "oauth2"): ("token_url", "scope", "assertion", "signing_key", "jwt_subject"),
    ("client",): (
        "timeout", "max_retries", "initial_retry_delay", "max_retry_delay", "max_retry_after",
        "circuit_breaker_threshold", "circuit_breaker_cooldown", "log", "audit_log", "plugins",
        "strict_responses",
    ),
}  # fmt: skip


class ConfigFileWarning(UserWarning):
    """A config file that holds a secret can be read by other users."""


show_as_public(ConfigFileWarning)


class Settings(BaseModel):
    """The resolved configuration of a client. Secrets are :class:`~pydantic.SecretStr`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    instance: str = Field(min_length=1)
    client_id: str = Field(min_length=1)
    # Optional only for the JWT-bearer grant, where the assertion proves who is calling.
    client_secret: SecretStr | None = None
    auth: Literal["basic", "oauth2"] = "basic"
    base_url: str | None = None
    token_url: str = "/rest/oauthTokenService/v2/token"
    scope: str | None = None
    assertion: SecretStr | Callable[[], str] | None = None
    signing_key: SecretStr | None = None
    jwt_subject: str | None = None
    timeout: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=2, ge=0, le=20)
    initial_retry_delay: float = Field(default=0.5, ge=0)
    max_retry_delay: float = Field(default=8.0, ge=0)
    max_retry_after: float = Field(default=60.0, ge=0)
    circuit_breaker_threshold: int = Field(default=5, ge=0)
    circuit_breaker_cooldown: float = Field(default=30.0, ge=0)
    log: Literal["debug", "info", "warning", "error"] | None = None
    audit_log: str | None = None
    plugins: bool = True
    # False: a 2xx body that does not fit its model still gives a typed result (docs/RESPONSES.md).
    strict_responses: bool = False

    @field_validator("base_url")
    @classmethod
    def _check_base_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"must start with http:// or https://, got {value!r}")
        return value

    @field_validator("log", mode="before")
    @classmethod
    def _lower_log(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("signing_key")
    @classmethod
    def _check_jwt_library(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and (find_spec("jwt") is None or find_spec("cryptography") is None):
            raise ValueError("signing a JWT assertion needs PyJWT and cryptography: pip install 'ofsc[jwt]'")
        return value

    @model_validator(mode="after")
    def _check_credentials(self) -> Settings:
        if self.client_secret is None and not self.uses_jwt:
            raise PydanticCustomError("missing", "Field required", {"field": "client_secret"})
        return self

    @property
    def uses_jwt(self) -> bool:
        """Whether the token service is asked with a JWT assertion rather than client credentials."""
        return _uses_jwt(self.auth, self.assertion, self.signing_key)

    @property
    def resolved_base_url(self) -> str:
        return (self.base_url or DEFAULT_BASE_URL.format(instance=self.instance)).rstrip("/")


# Read from the environment besides the settings themselves.
_ENVIRONMENT_ONLY = ("company", "profile", "config")  # company: 2.x scripts' name for the instance


@cache
def _environment_model() -> type[Any]:
    """A pydantic-settings model that reads ``OFSC_<SETTING>`` for every setting, as text
    (validation happens once, in :class:`Settings`). Built on first use: importing
    pydantic-settings is not free, and ``import ofsc`` must stay cheap."""
    from pydantic import create_model
    from pydantic_settings import BaseSettings, SettingsConfigDict

    class EnvironmentBase(BaseSettings):
        model_config = SettingsConfigDict(env_prefix="OFSC_", extra="ignore")

    fields: dict[str, Any] = {
        name: (str | None, None) for name in [*Settings.model_fields, *_ENVIRONMENT_ONLY]
    }
    return create_model("EnvironmentSettings", __base__=EnvironmentBase, **fields)


def config_file_candidates() -> list[Path]:
    env = os.environ.get("OFSC_CONFIG")
    if env:
        return [Path(env).expanduser()]
    if sys.platform == "win32":
        user_dir = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    else:
        user_dir = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return [Path.cwd() / "config.toml", user_dir / "ofsc" / "config.toml"]


def load_settings(
    arguments: dict[str, Any],
    *,
    profile: str | None = None,
    config_file: str | Path | None = None,
    origins: dict[str, str] | None = None,
) -> Settings:
    """Merge the sources in precedence order and validate once. ``origins``, when given, is
    filled with where each setting that was set came from (``OFSC_TIMEOUT``, a file, ...)."""
    env = {k: v for k, v in _environment_model()().model_dump().items() if v is not None}
    if "company" in env:
        env.setdefault("instance", env.pop("company"))
    env_profile = env.pop("profile", None)
    env.pop("config", None)
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for key, (value, where) in _read_config_file(config_file, profile or env_profile).items():
        values[key], origin[key] = value, where
    for key, value in env.items():
        values[key], origin[key] = value, f"OFSC_{key.upper()}"
    for key, value in arguments.items():
        if value is not None:
            values[key], origin[key] = value, "arguments"
    if origins is not None:
        origins.update(origin)
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        problems = _problems(exc, origin)
        # Field errors stop the model check, yet a missing secret belongs in the same report.
        if "client_secret" not in values and not _uses_jwt(
            values.get("auth"), values.get("assertion"), values.get("signing_key")
        ):
            problems.setdefault("client_secret", _missing("client_secret"))
        raise ConfigError(problems) from None


def _uses_jwt(auth: object, assertion: object, signing_key: object) -> bool:
    return auth == "oauth2" and (assertion is not None or signing_key is not None)


def _missing(name: str) -> tuple[str, str]:
    return ("nowhere", f"not set: pass {name}=, set OFSC_{name.upper()} or add it to config.toml")


def _problems(exc: ValidationError, origin: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each bad field with the source it came from and what is wrong with it."""
    problems: dict[str, tuple[str, str]] = {}
    for err in exc.errors(include_url=False):
        name = str(err["loc"][0]) if err["loc"] else str((err.get("ctx") or {}).get("field", "configuration"))
        if err["type"] == "missing":
            problems[name] = _missing(name)
        elif err["type"] == "extra_forbidden":
            problems[name] = (origin.get(name, "arguments"), "unknown setting")
        else:
            problems[name] = (origin.get(name, "defaults"), err["msg"].removeprefix("Value error, "))
    return problems


def _read_config_file(config_file: str | Path | None, profile: str | None) -> dict[str, tuple[Any, str]]:
    """The settings in the config file (and profile), each with where it was found."""
    candidates = [Path(config_file).expanduser()] if config_file else config_file_candidates()
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        if config_file or profile:
            where = ", ".join(str(p) for p in candidates)
            raise ConfigError({"config": ("config.toml", f"no config file found (looked at {where})")})
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError({"config": (str(path), f"cannot read: {exc}")}) from exc
    values = _flatten(data, str(path))
    if profile:
        section = data.get("profiles", {}).get(profile)
        if section is None:
            known = ", ".join(sorted(data.get("profiles", {}))) or "none"
            raise ConfigError({"profile": (str(path), f"no profile {profile!r} (known: {known})")})
        values.update(_flatten(section, f"{path} [profiles.{profile}]"))
    if any(key in values for key in _SECRETS):
        _warn_if_readable(path)
    return values


def _flatten(data: dict[str, Any], where: str) -> dict[str, tuple[Any, str]]:
    values: dict[str, tuple[Any, str]] = {}
    for section, keys in _FILE_LAYOUT.items():
        node: Any = data
        for part in section:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        for key in keys:
            if isinstance(node, dict) and key in node:
                values[key] = (node[key], where)
    return values


def _warn_if_readable(path: Path) -> None:
    if sys.platform == "win32":
        return
    mode = path.stat().st_mode
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        warnings.warn(
            f"{path} holds a secret and can be read by other users (mode {stat.filemode(mode)}); "
            f"run: chmod 600 {path}",
            ConfigFileWarning,
            stacklevel=4,
        )
