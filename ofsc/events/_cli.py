"""``events``: the command group for the Events API (``python -m ofsc.events tail ...``).

``tail`` follows a subscription and prints one JSON line per event (the event's fields as
OFS sent them, plus ``eventId`` for de-duplication), until interrupted or, with
``--until-idle``, until it has caught up. With ``--checkpoint FILE`` it resumes where the
last run stopped; without, it starts from now. Mounted as ``ofsc events`` (whose
``--profile`` and ``--config`` it honours); exit codes as for every ``ofsc`` command
(:mod:`ofsc.cli._errors`). Needs ``pip install 'ofsc[cli]'`` (click).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ._model import Batch


@click.group(name="events", help="Follow OFS's change stream (the Events API).")
def events() -> None:
    pass


@events.command(help="Print one JSON line per event of the given types, as they happen.")
@click.option(
    "--types", required=True, help="comma-separated event types, e.g. activityCreated,activityUpdated"
)
@click.option(
    "--profile", default=None, help="the config.toml profile to connect with (default: OFSC_* / config)"
)
@click.option(
    "--checkpoint",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="a file to keep the position in, so that the next run resumes there",
)
@click.option(
    "--consumer", default="tail", show_default=True, help="the consumer's name (checkpoint and title)"
)
@click.option("--batch-size", type=click.IntRange(1, 1000), default=1000, show_default=True)
@click.option("--until-idle", is_flag=True, help="exit once every event so far was printed")
def tail(
    types: str, profile: str | None, checkpoint: str | None, consumer: str, batch_size: int, until_idle: bool
) -> None:
    from .._client import OFSC
    from .._exceptions import OFSCError
    from ..cli._errors import CommandError, exit_code_of
    from ._checkpoint import FileCheckpointStore, MemoryCheckpointStore
    from ._consumer import EventConsumer

    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
        )
    out = sys.stdout

    def print_batch(batch: Batch) -> None:
        for event in batch:
            out.write(json.dumps({"eventId": event.id, **event.data}, separators=(",", ":")) + "\n")
        out.flush()

    root = click.get_current_context().find_root().obj  # `ofsc --profile ... events tail`
    profile = profile or getattr(root, "profile", None)
    config_file = getattr(root, "config_file", None)
    store = FileCheckpointStore(checkpoint) if checkpoint else MemoryCheckpointStore()
    try:
        with OFSC(profile=profile, config_file=config_file) as client:
            EventConsumer(
                client, print_batch, types=types, consumer=consumer, checkpoints=store,
                batch_size=batch_size, stop_when_idle=until_idle,
            ).run()  # fmt: skip
    except OFSCError as exc:
        raise CommandError(str(exc), exit_code_of(exc)) from exc
