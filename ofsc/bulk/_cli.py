"""``ofsc extract ...``: extracts to files from the shell (needs ``pip install 'ofsc[cli]'``).

::

    ofsc extract activities --from 2025-06-01 --to 2025-08-31 -o june-august.parquet
    ofsc extract activities --from 2025-06-01 --to 2025-06-30 --resources BUCKET1,BUCKET2 \\
        --fields activityId,status,resourceId --format csv -o june.csv --checkpoint june.ckpt

The connection comes from ``OFSC_*`` variables or ``config.toml`` as for the Python client
(and from the root command's ``--profile``/``--config`` when mounted under ``ofsc``).
Exit codes: 0 ok, 1 other error, 2 usage, 3 configuration, 4 the API refused (4xx),
5 the API or the network failed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ofsc.cli._errors import INTERRUPTED, CommandError, as_command_error

from ._output import FORMATS, write

if TYPE_CHECKING:
    from ofsc import OFSC


def _names(values: tuple[str, ...]) -> list[str] | None:
    names = [name.strip() for chunk in values for name in chunk.split(",") if name.strip()]
    return names or None


def _client(ctx: click.Context) -> OFSC:
    from ofsc import OFSC

    state = ctx.find_root().obj
    return OFSC(profile=getattr(state, "profile", None), config_file=getattr(state, "config_file", None))


@click.group(name="extract")
def extract() -> None:
    """Every record of a large list to a file, within OFS's limits, resumable."""


@extract.command(name="activities")
@click.option("--from", "date_from", required=True, metavar="YYYY-MM-DD", help="First day (inclusive).")
@click.option("--to", "date_to", required=True, metavar="YYYY-MM-DD", help="Last day (inclusive).")
@click.option("--resources", multiple=True, metavar="IDS", help="Resource ids, comma-separated (repeatable).")
@click.option(
    "--fields", multiple=True, metavar="NAMES", help="Activity fields, comma-separated (repeatable)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (else from the file's suffix, else jsonl). parquet needs ofsc[parquet].",
)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The file to write.")
@click.option(
    "--checkpoint", type=click.Path(dir_okay=False), help="Resume from, and record progress in, this file."
)
@click.option(
    "--progress/--no-progress", default=None, help="A progress bar (default: when stderr is a terminal)."
)
@click.pass_context
def activities(
    ctx: click.Context,
    date_from: str,
    date_to: str,
    resources: tuple[str, ...],
    fields: tuple[str, ...],
    fmt: str | None,
    output: str,
    checkpoint: str | None,
    progress: bool | None,
) -> None:
    """Every activity from --from to --to, each once, to a file."""
    from ofsc import OFSCError

    chosen: Any = fmt or _format_of(output)
    if checkpoint is not None and chosen == "parquet":
        raise click.UsageError(
            "--checkpoint needs --format jsonl or csv: a Parquet file cannot be appended to"
        )
    field_names = _names(fields)
    show = sys.stderr.isatty() if progress is None else progress
    try:
        with _client(ctx) as client:
            items = client.extract.activities(
                date_from,
                date_to,
                resources=_names(resources),
                fields=field_names,
                checkpoint=checkpoint,
                progress=show,
            )
            # A resumed extract appends to what the interrupted run wrote.
            columns = items.plan.parts[0].args.get("fields") if field_names else None
            count = write(
                items, output, chosen, columns, append=checkpoint is not None and Path(output).exists()
            )
    except OFSCError as exc:
        raise as_command_error(exc) from None
    except KeyboardInterrupt:
        raise CommandError("interrupted: run the same command again to continue", INTERRUPTED) from None
    click.echo(f"{count:,} activities written to {output}", err=True)


def _format_of(path: str) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"jsonl": "jsonl", "ndjson": "jsonl", "csv": "csv", "parquet": "parquet", "pq": "parquet"}.get(
        suffix, "jsonl"
    )
