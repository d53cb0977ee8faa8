"""The root ``ofsc`` command: the API families, the tasks and the built-in commands, each
loaded only when it is used, so that ``ofsc --help`` imports neither the SDK nor any task."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import click

from ._errors import CONFIG, CommandError
from ._operations import CliState, FamilyGroup, command_name
from ._registry import TASKS

if TYPE_CHECKING:
    from collections.abc import Sequence

# Commands of this package, loaded the same way as the tasks.
BUILTINS: dict[str, tuple[str, str]] = {
    "config": ("ofsc.cli._settings:config", "Show the resolved settings and where each came from."),
    "completion": ("ofsc.cli._completion:completion", "Print the shell completion script (bash, zsh, fish)."),
}


def _families() -> dict[str, str]:
    """Command name -> API family (``parts-catalog`` -> ``parts_catalog``); no operation is loaded."""
    from ofsc_generated import FAMILIES

    return {command_name(family): family for family in FAMILIES}


class RootGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*_families(), *TASKS, *BUILTINS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        family = _families().get(cmd_name)
        if family is not None:
            return FamilyGroup(cmd_name, family)
        entry = TASKS.get(cmd_name) or BUILTINS.get(cmd_name)
        return load_command(cmd_name, entry[0]) if entry else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # From the tables alone: listing a command must not import it.
        sections = [
            (
                "API families",
                [
                    (name, f"The {family.replace('_', ' ')} API: one command per operation.")
                    for name, family in _families().items()
                ],
            ),
            ("Tasks", [(name, help_line) for name, (_, help_line) in TASKS.items()]),
            ("Commands", [(name, help_line) for name, (_, help_line) in BUILTINS.items()]),
        ]
        for title, rows in sections:
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def load_command(name: str, target: str) -> click.Command:
    """The command at ``"module:attribute"``; one that reports itself unavailable if its
    module (or something it needs) is not installed."""
    module_name, _, attribute = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        return _unavailable(name, exc)
    command: click.Command = getattr(module, attribute)
    return command


def _unavailable(name: str, exc: ImportError) -> click.Command:
    def fail(**_: Any) -> None:
        raise CommandError(
            f"'ofsc {name}' is not available in this installation ({exc}); "
            "install the extra that provides it, e.g. pip install 'ofsc[cli]'",
            CONFIG,
        )

    return click.Command(
        name,
        callback=fail,
        params=[click.Argument(["ignored"], nargs=-1, type=click.UNPROCESSED)],
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
        add_help_option=False,
        help="(not available in this installation)",
    )


def _version() -> str:
    from ofsc._version import __version__
    from ofsc_generated import __spec_version__

    return f"ofsc {__version__} (OFS REST spec {__spec_version__})"


def _print_version(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version())
        ctx.exit()


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--profile", metavar="NAME", help="Use this profile of config.toml (else OFSC_PROFILE).")
@click.option(
    "--config",
    "config_file",
    metavar="FILE",
    help="Read this config file (else OFSC_CONFIG, ./config.toml, ~/.config/ofsc/config.toml).",
)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the SDK and spec versions.")  # fmt: skip
@click.pass_context
def cli(ctx: click.Context, profile: str | None, config_file: str | None) -> None:
    """Every Oracle Field Service REST operation, and everyday tasks, from the shell.

    \b
    ofsc core get-activity 4225274
    ofsc metadata get-workzones --all --format csv
    ofsc core update-activity 4225274 --body @changes.json

    Credentials come from OFSC_* variables or config.toml, as for the Python client.
    Exit codes: 0 ok, 1 other error, 2 usage, 3 configuration, 4 the API refused (4xx),
    5 the API or the network failed (5xx, connection, timeout).
    """
    ctx.obj = CliState(profile=profile, config_file=config_file)


def main(argv: Sequence[str] | None = None) -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name="ofsc", complete_var="_OFSC_COMPLETE")
