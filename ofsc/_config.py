"""Client configuration: arguments > environment (``OFSC_*``) > ``config.toml`` > defaults.

``config.toml`` (found at ``OFSC_CONFIG``, ``./config.toml``, then the user config dir)::

    [credentials]
    instance = "acme"
    client_id = "integration"
    client_secret = "..."
    auth = "basic"                  # or "oauth2"

    [credentials.oauth2]
    # token_url = "https://sso.example/oauth2/token"  # default: OFS's own token service
    scope = "..."
    # JWT-bearer grant instead of client credentials: a ready assertion, or a key to sign one
    # signing_key = "~/.ofsc/app-key.pem"   # PEM text or a path; needs ofsc[jwt]
    # jwt_subject = "dispatcher1"           # an OFS user login; the application itself if unset

    [client]
    timeout = 30.0                  # each attempt, from connecting to the answer's last byte
    call_timeout = 120.0            # the whole call: every attempt and every wait between them
    max_retries = 2
    initial_retry_delay = 0.5       # backoff before the first retry (doubles, capped, jittered)
    max_response_size = 67108864    # bytes of a buffered answer, counted after decompression
    strict_responses = false        # true: a 2xx body that does not fit its model raises
    http_backend = "httpx"          # AsyncOFSC's wire: "httpx", or "aiohttp" (needs ofsc[aiohttp])
    verify = true                   # TLS verification: true, false, or a CA bundle file/directory
    trust_env = true                # proxies from HTTP(S)_PROXY/NO_PROXY, CAs from SSL_CERT_FILE/DIR
    # proxy = "http://proxy.example:3128"   # every request through this proxy

    [profiles.staging.credentials]  # OFSC(profile="staging") / OFSC_PROFILE=staging
    instance = "acme-test"

Invalid configuration raises one :class:`ConfigError` naming every bad field and the
source it came from (an unknown key in ``config.toml`` too, with the likely intended one).
A config file holding a secret that other users can read gets a
:class:`ConfigFileWarning`.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
import stat
import sys
import warnings
from collections.abc import Callable  # noqa: TC003  (pydantic resolves the annotation at runtime)
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Annotated, Any, Literal

import httpx
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._exceptions import ConfigError, show_as_public
from ._token_service import TOKEN_PATH

DEFAULT_BASE_URL = "https://{instance}.fs.ocs.oraclecloud.com"
_SECRETS = ("client_secret", "assertion", "signing_key")
# config.toml section -> the settings it may hold
_FILE_LAYOUT: dict[tuple[str, ...], tuple[str, ...]] = {
    ("credentials",): ("instance", "client_id", "client_secret", "auth", "base_url"),
    ("credentials", "oauth2"): ("token_url", "scope", "assertion", "signing_key", "jwt_subject"),
    ("client",): (
        "timeout", "max_retries", "initial_retry_delay", "max_retry_delay", "max_retry_after",
        "circuit_breaker_threshold", "circuit_breaker_cooldown", "log", "audit_log", "plugins",
        *("call_timeout", "max_response_size", "allow_insecure_http"),  # limits and transport safety
        "strict_responses",
        *("http_backend", "verify", "trust_env", "proxy"),  # the wire (README: "HTTP backends")
    ),
}  # fmt: skip
_FILE_SECTIONS = ("credentials", "client", "profiles")
# An OFS instance name is one DNS label: anything else could move requests to another host.
_INSTANCE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?")
Seconds = Annotated[float, Field(gt=0, allow_inf_nan=False)]
_SWITCHES = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


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
    token_url: str = TOKEN_PATH
    scope: str | None = None
    assertion: SecretStr | Callable[[], str] | None = None
    signing_key: SecretStr | None = None
    jwt_subject: str | None = None
    timeout: Seconds = 30.0
    max_retries: int = Field(default=2, ge=0, le=20)
    initial_retry_delay: float = Field(default=0.5, ge=0)
    max_retry_delay: float = Field(default=8.0, ge=0)
    max_retry_after: float = Field(default=60.0, ge=0)
    circuit_breaker_threshold: int = Field(default=5, ge=0)
    circuit_breaker_cooldown: float = Field(default=30.0, ge=0)
    log: Literal["debug", "info", "warning", "error"] | None = None
    audit_log: str | None = None
    plugins: bool = True
    # Limits of one call, and transport safety (docs/SECURITY.md).
    call_timeout: Seconds = 120.0
    max_response_size: int = Field(default=64 * 1024 * 1024, gt=0)
    allow_insecure_http: bool = False
    # False: a 2xx body that does not fit its model still gives a typed result (docs/RESPONSES.md).
    strict_responses: bool = False
    # The wire, the same for every backend (README, "HTTP backends"). The async client's backend
    # is a choice, never what happens to be installed.
    http_backend: Literal["httpx", "aiohttp"] = "httpx"
    verify: bool | str = True
    trust_env: bool = True
    proxy: SecretStr | None = None  # a proxy URL may hold its credentials

    @field_validator("instance")
    @classmethod
    def _check_instance(cls, value: str) -> str:
        if not _INSTANCE.fullmatch(value):
            raise ValueError(
                "must be an OFS instance name (letters, digits, '-' and '_'; at most 63 characters), "
                "as in https://<instance>.fs.ocs.oraclecloud.com; for another address set base_url"
            )
        return value

    @field_validator("base_url")
    @classmethod
    def _check_base_url(cls, value: str | None) -> str | None:
        if value is not None and (problem := url_problem(value, absolute=True)):
            raise ValueError(problem)
        return value

    @field_validator("token_url")
    @classmethod
    def _check_token_url(cls, value: str) -> str:
        if problem := url_problem(value, absolute=False):
            raise ValueError(problem)
        return value

    @field_validator("http_backend")
    @classmethod
    def _check_backend(cls, value: str) -> str:
        if value == "aiohttp" and find_spec("aiohttp") is None:
            raise ValueError("the aiohttp backend needs aiohttp: pip install 'ofsc[aiohttp]'")
        return value

    @field_validator("verify", mode="before")
    @classmethod
    def _read_verify(cls, value: object) -> object:
        """``true``/``false`` as text (an environment variable) is a switch; other text a CA path."""
        if isinstance(value, str) and value.strip().lower() in _SWITCHES:
            return _SWITCHES[value.strip().lower()]
        return value

    @field_validator("verify")
    @classmethod
    def _check_ca_path(cls, value: bool | str) -> bool | str:
        if isinstance(value, str) and not Path(value).expanduser().exists():
            raise ValueError("must be true, false, or the path of a CA bundle file or directory that exists")
        return str(Path(value).expanduser()) if isinstance(value, str) else value

    @field_validator("proxy")
    @classmethod
    def _check_proxy(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// proxy URL")
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
        if not self.allow_insecure_http:
            for name, url in (("base_url", self.resolved_base_url), ("token_url", self.token_url)):
                if url.startswith("http://") and not is_loopback(httpx.URL(url).host):
                    raise PydanticCustomError(
                        "insecure_http",
                        "http:// would send the credentials in clear text to {host}: use https://, "
                        "or set allow_insecure_http=True for a network you trust",
                        {"field": name, "host": httpx.URL(url).host},
                    )
        return self

    @property
    def uses_jwt(self) -> bool:
        """Whether the token service is asked with a JWT assertion rather than client credentials."""
        return _uses_jwt(self.auth, self.assertion, self.signing_key)

    @property
    def resolved_base_url(self) -> str:
        return (self.base_url or DEFAULT_BASE_URL.format(instance=self.instance)).rstrip("/")


def url_problem(url: str, *, absolute: bool) -> str | None:
    """Why ``url`` cannot be a base (``absolute``) or token URL, or None. The URL itself is
    not echoed: it may hold credentials."""
    if not absolute and url.startswith("/"):
        return None
    if not url.startswith(("http://", "https://")):
        return "must start with http:// or https://" + ("" if absolute else " (or be a path starting with /)")
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        return f"is not a valid URL ({exc})"
    if parsed.userinfo:
        return "must not hold credentials (user:password@): pass client_id and client_secret"
    if not parsed.host:
        return "has no host"
    if absolute and (parsed.query or parsed.fragment):
        return "must not have a query or fragment"
    return None


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine (where clear-text HTTP cannot be overheard)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@cache
def _field_adapter(name: str) -> TypeAdapter[Any]:
    field = Settings.model_fields[name]
    annotated: Any = Annotated[field.annotation, *field.metadata]
    return TypeAdapter(annotated)


def setting_problem(name: str, value: object) -> str | None:
    """Why ``value`` cannot be the setting ``name`` (as ``with_options`` or per-call options
    give it), or None: the same rules as the client's settings."""
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        return f"must be a finite number, got {value!r}"
    try:
        _field_adapter(name).validate_python(value)
    except ValidationError as exc:
        return f"{exc.errors(include_url=False)[0]['msg']}, got {value!r}"
    return None


# Read from the environment besides the settings themselves.
_ENVIRONMENT_ONLY = ("company", "profile", "config")  # company: 2.x scripts' name for the instance


def _environment() -> dict[str, str]:
    """``OFSC_<SETTING>`` for every setting that is set, as text (validation happens once,
    in :class:`Settings`). Names match whatever their case, as environments written for
    other tools spell them; an empty value counts as set."""
    wanted = {f"ofsc_{name}": name for name in [*Settings.model_fields, *_ENVIRONMENT_ONLY]}
    found: dict[str, str] = {}
    for key, value in os.environ.items():
        name = wanted.get(key.lower())
        if name is not None:
            found[name] = value
    return found


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
    env = _environment()
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
            problems[name] = (
                origin.get(name, "arguments"),
                "unknown setting" + _suggestion(name, Settings.model_fields),
            )
        else:
            problems[name] = (origin.get(name, "defaults"), err["msg"].removeprefix("Value error, "))
    return problems


def _suggestion(name: str, known: Any) -> str:
    import difflib  # only when reporting a mistake

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _read_config_file(config_file: str | Path | None, profile: str | None) -> dict[str, tuple[Any, str]]:
    """The settings in the config file (and profile), each with where it was found."""
    candidates = [Path(config_file).expanduser()] if config_file else config_file_candidates()
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        if config_file or profile:
            where = ", ".join(str(p) for p in candidates)
            raise ConfigError({"config": ("config.toml", f"no config file found (looked at {where})")})
        return {}
    import tomllib  # only when there is a file to read

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError({"config": (str(path), f"cannot read: {exc}")}) from exc
    unknown = _unknown_keys(data, str(path), top=True)
    for name, section in (data.get("profiles") or {}).items():
        if isinstance(section, dict):
            unknown.update(_unknown_keys(section, f"{path} [profiles.{name}]", top=False))
    if unknown:
        raise ConfigError(unknown)
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


def _unknown_keys(data: dict[str, Any], where: str, *, top: bool) -> dict[str, tuple[str, str]]:
    """Every key of a config file (or profile) that no setting reads: a typo would otherwise
    be ignored silently while the same typo as an argument raises."""
    problems: dict[str, tuple[str, str]] = {}
    sections = _FILE_SECTIONS if top else _FILE_SECTIONS[:-1]
    for key in data:
        if key not in sections:
            problems[key] = (where, "unknown section" + _suggestion(key, sections))
    for section, keys in _FILE_LAYOUT.items():
        node = data
        for part in section:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        if not isinstance(node, dict):
            continue
        subsections = {
            s[len(section)] for s in _FILE_LAYOUT if len(s) > len(section) and s[: len(section)] == section
        }
        for key in node:
            if key not in keys and key not in subsections:
                dotted = ".".join((*section, key))
                problems[dotted] = (where, "unknown setting" + _suggestion(key, keys))
    return problems


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
