"""A real OFS instance, from ``config.test.toml`` (see ``config.test.toml.example``) or the
``OFSC_*`` variables; the tests are skipped, saying why, when neither names one.

Tests only read unless ``--ofsc-write`` is given. Write tests name what they create with
the run's prefix and delete it again. No test sends more than ``MAX_CONCURRENT_REQUESTS``
requests at once.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "config.test.toml"
MAX_CONCURRENT_REQUESTS = 10


@pytest.fixture(scope="session")
def live_environment(pytestconfig: pytest.Config) -> dict[str, Any]:
    """The chosen section of config.test.toml ({} when the OFSC_* variables name the instance)."""
    name = pytestconfig.getoption("ofsc_env")
    if CONFIG.exists():
        environments = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
        if name is None and len(environments) == 1:
            name = next(iter(environments))
        known = ", ".join(environments) or "none"
        if name is None:
            pytest.fail(f"choose one of the environments of {CONFIG.name} with --ofsc-env (it has: {known})")
        if name not in environments:
            pytest.fail(f"--ofsc-env {name}: {CONFIG.name} has no such section (it has: {known})")
        section: dict[str, Any] = environments[name]
        return section
    if name is not None:
        pytest.fail(f"--ofsc-env {name}: there is no {CONFIG.name} (see {CONFIG.name}.example)")
    instance = os.environ.get("OFSC_INSTANCE") or os.environ.get("OFSC_COMPANY")
    if instance and os.environ.get("OFSC_CLIENT_ID"):
        return {}
    pytest.skip(
        f"no OFS instance to test against: copy {CONFIG.name}.example to {CONFIG.name} "
        "or set OFSC_INSTANCE, OFSC_CLIENT_ID and OFSC_CLIENT_SECRET"
    )


@pytest.fixture
def ofsc_environment() -> None:
    """Unlike the other layers, the live tests see the machine's OFSC_* variables."""


@pytest.fixture
def ofsc_settings(live_environment: dict[str, Any], client_kind: str) -> dict[str, Any]:
    settings = {key: value for key, value in live_environment.items() if key != "data"}
    # A connection pool of that size is what holds the client to the limit.
    limits = httpx.Limits(max_connections=MAX_CONCURRENT_REQUESTS)
    sync = client_kind == "sync"
    transport = httpx.HTTPTransport(limits=limits) if sync else httpx.AsyncHTTPTransport(limits=limits)
    return {**settings, "transport": transport}


@pytest.fixture
def live_data(live_environment: dict[str, Any]) -> dict[str, Any]:
    """What the tests work on (``[ENV.data]``), e.g. ``resource_id``."""
    data: dict[str, Any] = live_environment.get("data", {})
    return data


@pytest.fixture
def writes(pytestconfig: pytest.Config) -> None:
    """Requested by tests that change the instance: they run only with --ofsc-write."""
    if not pytestconfig.getoption("ofsc_write"):
        pytest.skip("changes the instance: run with --ofsc-write (make test-live OFSC_WRITE=1)")


@pytest.fixture(scope="session")
def run_prefix() -> str:
    """Names what this run creates, so it can be told apart (and cleaned up by hand if need be)."""
    return f"ofsc-test-{secrets.token_hex(4)}"
