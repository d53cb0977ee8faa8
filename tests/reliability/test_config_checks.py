"""Settings a caller gets wrong are refused with a clear error, wherever they are given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ofsc import ConfigError, RequestValidationError

from .conftest import Wire

TYPOS = """
[credentials]
instance = "acme"
client_id = "cid"
client_secret = "s3cr3t"
auht = "oauth2"

[client]
timout = 5
max_retires = 0

[clinet]
timeout = 5
"""

BAD_TIMEOUTS: list[Any] = [float("inf"), -1, "abc", 0, float("nan")]


def test_typos_in_config_toml_are_errors_that_suggest_the_right_key(wire: Wire) -> None:
    """Promise: an unknown key in config.toml is a ConfigError naming the file and the key it
    probably meant, as the same typo given as an argument is."""
    path = Path("config.toml")
    path.write_text(TYPOS, encoding="utf-8")
    path.chmod(0o600)
    with pytest.raises(ConfigError) as info:
        wire.client(base_url=wire.base_url, client_secret=None)
    problems = info.value.problems
    assert "did you mean 'auth'?" in problems["credentials.auht"][1]
    assert "did you mean 'timeout'?" in problems["client.timout"][1]
    assert "did you mean 'max_retries'?" in problems["client.max_retires"][1]
    assert "did you mean 'client'?" in problems["clinet"][1]
    assert all(
        source == str(path.resolve()) or source.endswith("config.toml") for source, _ in problems.values()
    )
    assert wire.mock.calls == []


def test_a_typo_as_an_argument_suggests_the_right_name(wire: Wire) -> None:
    """Promise: an unknown keyword is a ConfigError with the closest setting's name."""
    with pytest.raises(ConfigError, match="did you mean 'max_retries'"):
        wire.client(max_retires=3)


@pytest.mark.parametrize("value", BAD_TIMEOUTS, ids=repr)
def test_a_bad_timeout_is_refused_wherever_it_is_given(wire: Wire, value: Any) -> None:
    """Promise: a timeout that is not a finite positive number is refused: ConfigError from the
    constructor and with_options, RequestValidationError from per-call options; nothing is sent."""
    for name in ("timeout", "call_timeout"):
        with pytest.raises(ConfigError, match=name):
            wire.client(**{name: value})
        client = wire.client()
        with pytest.raises(ConfigError, match=name):
            client.with_options(**{name: value})
        call = client.metadata.get_workzones
        exc = wire.facade.raises(RequestValidationError, lambda: call(options={name: value}))  # noqa: B023
        assert exc.errors[0][0] == f"options[{name!r}]"
    assert wire.mock.calls == []


def test_a_negative_max_retries_per_call_is_refused(wire: Wire) -> None:
    """Promise: per-call max_retries follows the client's rule (0 to 20)."""
    client = wire.client()
    wire.facade.raises(
        RequestValidationError, lambda: client.metadata.get_workzones(options={"max_retries": -1})
    )
    with pytest.raises(ConfigError, match="max_retries"):
        client.with_options(max_retries=-1)
    assert wire.mock.calls == []
