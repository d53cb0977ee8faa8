"""``ofsc setup``: export, diff and apply instance configuration from the command line.

A SOURCE is an export folder (an existing directory) or a profile of ``config.toml``
(``default`` for the settings outside any profile). Exit codes: 0 success (for ``diff``:
no difference), 1 a difference found (``diff``) or a step failed (``apply``), 2 a usage
error, 3 a configuration or API error before anything was written.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ofsc._exceptions import OFSCError

from . import apply, diff, diff_report, export, plan, read_folder
from ._snapshot import SnapshotError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ofsc import OFSC

    from ._snapshot import Snapshot

FAILED, ERROR = 1, 3


def _client(profile: str) -> OFSC:
    from ofsc import OFSC

    return OFSC.from_config(profile=None if profile == "default" else profile)


def _read(source: str) -> Snapshot:
    if Path(source).is_dir():
        return read_folder(Path(source))
    with _client(source) as client:
        return export(client)


def _kinds(value: str | None) -> list[str] | None:
    return [name.strip() for name in value.split(",") if name.strip()] if value else None


@contextmanager
def _errors() -> Iterator[None]:
    """Configuration, folder and API errors end the command with one line and exit code 3."""
    try:
        yield
    except (OFSCError, SnapshotError, ValueError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(ERROR)


@click.group(name="setup")
def setup() -> None:
    """Instance configuration as code: export, diff and apply between OFS instances."""


@setup.command(name="export")
@click.option("--profile", default="default", show_default=True, help="config.toml profile of the instance")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--kinds", help="comma-separated kinds to export (default: all)")
def export_command(profile: str, output: Path, kinds: str | None) -> None:
    """Write every configuration object of an instance into a folder, one file each."""
    with _errors(), _client(profile) as client:
        snapshot = export(client, output, kinds=_kinds(kinds))
    click.echo(f"exported {sum(map(len, snapshot.values()))} objects into {output}")


@setup.command(name="diff")
@click.option("--from", "source", required=True, help="folder or profile holding the wanted configuration")
@click.option("--to", "target", required=True, help="folder or profile to compare with it")
@click.option("--json", "as_json", is_flag=True, help="print the changes as JSON")
def diff_command(source: str, target: str, as_json: bool) -> None:
    """Show what differs between two instances or export folders, object by object."""
    with _errors():
        changes = diff(_read(source), _read(target))
    if as_json:
        click.echo(json.dumps([change.to_json() for change in changes], indent=2, ensure_ascii=False))
    else:
        click.echo(diff_report(changes, source, target), nl=False)
    sys.exit(FAILED if changes else 0)


@setup.command(name="apply")
@click.option("--from", "source", required=True, help="folder or profile holding the wanted configuration")
@click.option("--to", "target", required=True, help="profile of the instance to change")
@click.option("--dry-run", is_flag=True, help="print the plan and change nothing")
@click.option("--yes", is_flag=True, help="apply without asking")
@click.option("--delete", is_flag=True, help="also delete what only the target holds")
@click.option("--continue-on-error", is_flag=True, help="go on after a failed step")
@click.option("--json", "as_json", is_flag=True, help="print the plan and the outcome as JSON")
def apply_command(
    source: str, target: str, dry_run: bool, yes: bool, delete: bool, continue_on_error: bool, as_json: bool
) -> None:
    """Make an instance hold a configuration: writes in dependency order, manual steps listed."""
    with _errors(), _client(target) as client:
        steps = plan(_read(source), export(client), delete=delete)
        _show(steps.to_json() if as_json else steps.report(), as_json)
        if dry_run or not steps.writes:
            return
        if not yes:
            if not sys.stdin.isatty():
                raise click.UsageError("not a terminal: pass --yes to apply without asking")
            click.confirm(f"Apply {len(steps.writes)} write(s) to {target}?", abort=True)
        outcome = apply(steps, client, stop_on_error=not continue_on_error)
    _show(outcome.to_json() if as_json else outcome.report(), as_json)
    sys.exit(0 if outcome.ok else FAILED)


def _show(value: Any, as_json: bool) -> None:
    click.echo(
        json.dumps(value, indent=2, ensure_ascii=False) if as_json else value, nl=not isinstance(value, str)
    )


def main(args: Iterator[str] | None = None) -> None:
    setup.main(args=list(args) if args is not None else None, prog_name="python -m ofsc.setup")
