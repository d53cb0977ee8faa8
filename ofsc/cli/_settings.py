"""``ofsc config show``: the settings a command would use, where each came from, secrets masked."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from ._errors import CONFIG, CommandError
from ._output import FORMATS, default_format, render, wants_colour

MASK = "********"


@click.group("config")
def config() -> None:
    """The settings commands run with (OFSC_* variables, config.toml, --profile)."""


@config.command("show")
@click.option("--format", "output_format", type=click.Choice(FORMATS), help="Output format.")
@click.pass_context
def show(ctx: click.Context, output_format: str | None) -> None:
    """Print every resolved setting, its source, and secrets masked.

    Sources, highest first: OFSC_* environment variables, the profile's section of
    config.toml, the file's top sections, the defaults.
    """
    from pydantic import SecretStr

    from ofsc._config import load_settings
    from ofsc._exceptions import ConfigError

    from ._operations import CliState

    state = ctx.find_object(CliState) or CliState()
    origins: dict[str, str] = {}
    try:
        settings = load_settings({}, profile=state.profile, config_file=state.config_file, origins=origins)
    except ConfigError as exc:
        raise CommandError(str(exc), CONFIG) from None
    profile = state.profile or os.environ.get("OFSC_PROFILE")
    profile_source = "--profile" if state.profile else "OFSC_PROFILE" if profile else "default"
    rows: list[dict[str, Any]] = [{"setting": "profile", "value": profile, "source": profile_source}]
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr) or callable(value):
            value = MASK
        source = origins.get(name, "default")
        if name == "base_url" and value is None:
            value, source = settings.resolved_base_url, "default (from instance)"
        rows.append({"setting": name, "value": value, "source": source})
    stdout = sys.stdout
    fmt = output_format or default_format(stdout)
    click.echo(render(rows, fmt, colour=wants_colour(stdout)), nl=False)
