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

    [client]
    timeout = 30.0
    max_retries = 2

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
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ._exceptions import ConfigError

DEFAULT_BASE_URL = "https://{instance}.fs.ocs.oraclecloud.com"
_SECRETS = ("client_secret", "assertion")
# config.toml section -> the settings it may hold
_FILE_LAYOUT: dict[tuple[str, ...], tuple[str, ...]] = {
    ("credentials",): ("instance", "client_id", "client_secret", "auth", "base_url"),
    ("credentials", "oauth2"): ("token_url", "scope", "assertion"),
    ("client",): (
        "timeout", "max_retries", "circuit_breaker_threshold", "circuit_breaker_cooldown", "log", "audit_log",
    ),
}  # fmt: skip


class ConfigFileWarning(UserWarning):
    """A config file that holds a secret can be read by other users."""


class Settings(BaseModel):
    """The resolved configuration of a client."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    instance: str = Field(min_length=1)
    client_id: str = Field(min_length=1)
    client_secret: SecretStr
    auth: Literal["basic", "oauth2"] = "basic"
    base_url: str | None = None
    token_url: str = "/rest/oauthTokenService/v2/token"
    scope: str | None = None
    assertion: SecretStr | None = None
    timeout: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=2, ge=0, le=20)
    circuit_breaker_threshold: int = Field(default=5, ge=0)
    circuit_breaker_cooldown: float = Field(default=30.0, ge=0)
    log: Literal["debug", "info", "warning", "error"] | None = None
    audit_log: str | None = None

    @model_validator(mode="after")
    def _check_base_url(self) -> Settings:
        if self.base_url is not None and not self.base_url.startswith(("http://", "https://")):
            raise ValueError(f"base_url must start with http:// or https://, got {self.base_url!r}")
        return self

    @property
    def resolved_base_url(self) -> str:
        return (self.base_url or DEFAULT_BASE_URL.format(instance=self.instance)).rstrip("/")


class _EnvSettings(BaseSettings):
    """Only reads the environment (``OFSC_*``); validation happens in :class:`Settings`."""

    model_config = SettingsConfigDict(env_prefix="OFSC_", extra="ignore")

    instance: str | None = None
    company: str | None = None  # 2.x scripts' name for the instance
    client_id: str | None = None
    client_secret: str | None = None
    auth: str | None = None
    base_url: str | None = None
    token_url: str | None = None
    scope: str | None = None
    assertion: str | None = None
    timeout: str | None = None
    max_retries: str | None = None
    circuit_breaker_threshold: str | None = None
    circuit_breaker_cooldown: str | None = None
    log: str | None = None
    audit_log: str | None = None
    profile: str | None = None
    config: str | None = None


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
    arguments: dict[str, Any], *, profile: str | None = None, config_file: str | Path | None = None
) -> Settings:
    """Merge the sources in precedence order and validate once."""
    env = {k: v for k, v in _EnvSettings().model_dump().items() if v is not None}
    if "company" in env:
        env.setdefault("instance", env.pop("company"))
    profile = profile or env.pop("profile", None)
    env.pop("config", None)
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    file_values, file_name = _read_config_file(config_file, profile)
    for source, layer in (
        (file_name, file_values),
        ("environment", {k: v for k, v in env.items()}),
        ("arguments", {k: v for k, v in arguments.items() if v is not None}),
    ):
        for key, value in layer.items():
            values[key] = value
            origin[key] = f"OFSC_{key.upper()}" if source == "environment" else source
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        problems: dict[str, tuple[str, str]] = {}
        for err in exc.errors(include_url=False):
            name = str(err["loc"][0]) if err["loc"] else "configuration"
            if err["type"] == "missing":
                problems[name] = (
                    "nowhere",
                    f"not set: pass {name}=, set OFSC_{name.upper()} or add it to config.toml",
                )
            elif err["type"] == "extra_forbidden":
                problems[name] = (origin.get(name, "arguments"), "unknown setting")
            else:
                problems[name] = (origin.get(name, "defaults"), err["msg"])
        raise ConfigError(problems) from None


def _read_config_file(config_file: str | Path | None, profile: str | None) -> tuple[dict[str, Any], str]:
    candidates = [Path(config_file).expanduser()] if config_file else config_file_candidates()
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        if config_file or profile:
            where = ", ".join(str(p) for p in candidates)
            raise ConfigError({"config": ("config.toml", f"no config file found (looked at {where})")})
        return {}, "config.toml"
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
    return values, str(path)


def _flatten(data: dict[str, Any], where: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for section, keys in _FILE_LAYOUT.items():
        node: Any = data
        for part in section:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        for key in keys:
            if isinstance(node, dict) and key in node:
                values[key] = node[key]
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
