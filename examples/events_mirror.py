"""Mirror activity changes into a local SQLite table, durably.

    python examples/events_mirror.py [--db mirror.db] [--until-idle]

Subscribes once to OFS's activity events and keeps the table ``activities`` (activityId,
resourceId, date, status, activityType, lastEvent, lastChange) in step: a created or changed
activity is upserted with the fields its event carries, a deleted one removed. The place in
the stream is checkpointed in the same database after each batch. Delivery is at least
once, so after a crash the last batch may come again: event ids already applied (the table
``applied_events``) are skipped, in the same transaction as the change. Runs until Ctrl-C
or SIGTERM (finishing the batch at hand); with ``--until-idle``, until it has caught up.
The connection comes from the environment (OFSC_INSTANCE, ...) or config.toml.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from typing import Any

from ofsc import OFSC
from ofsc.events import Batch, EventConsumer, SQLiteCheckpointStore

EVENTS = ["activityCreated", "activityUpdated", "activityMoved", "activityStarted", "activityCompleted",
          "activityNotDone", "activityCanceled", "activitySuspended", "activityDeleted"]  # fmt: skip
COLUMNS = ["resourceId", "date", "status", "activityType"]
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS activities (
    activityId INTEGER PRIMARY KEY, {", ".join(f"{c} TEXT" for c in COLUMNS)},
    lastEvent TEXT, lastChange TEXT
);
CREATE TABLE IF NOT EXISTS applied_events (id TEXT PRIMARY KEY);
"""


def apply(db: sqlite3.Connection, batch: Batch) -> int:
    """Apply a batch in one transaction; the number of events not applied before."""
    applied = 0
    with db:
        for event in batch:
            if db.execute("INSERT OR IGNORE INTO applied_events VALUES (?)", (event.id,)).rowcount == 0:
                continue  # delivered again after a restart: already applied
            applied += 1
            fields: dict[str, Any] = {
                **event.data.get("activityDetails", {}),
                **event.data.get("activityChanges", {}),
            }
            activity_id = fields.get("activityId")
            if activity_id is None:
                continue
            if event.type == "activityDeleted":
                db.execute("DELETE FROM activities WHERE activityId = ?", (activity_id,))
                continue
            values = [fields.get(c) for c in COLUMNS]
            db.execute(
                f"INSERT INTO activities (activityId, {', '.join(COLUMNS)}, lastEvent, lastChange) "
                f"VALUES (?, {', '.join('?' for _ in COLUMNS)}, ?, ?) ON CONFLICT(activityId) DO UPDATE SET "
                + ", ".join(f"{c} = COALESCE(excluded.{c}, {c})" for c in COLUMNS)
                + ", lastEvent = excluded.lastEvent, lastChange = excluded.lastChange",
                [activity_id, *values, event.type, event.data.get("time")],
            )
    return applied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="mirror.db", help="the SQLite database (default: mirror.db)")
    parser.add_argument("--until-idle", action="store_true", help="exit once every change so far is mirrored")
    args = parser.parse_args(argv)

    db = sqlite3.connect(args.db)
    db.executescript(SCHEMA)
    total = 0

    def handle(batch: Batch) -> None:
        nonlocal total
        total += apply(db, batch)

    with OFSC() as client:
        consumer = EventConsumer(
            client,
            handle,
            consumer="activity-mirror",
            types=EVENTS,
            fields=["activityId", *COLUMNS],  # what each event should carry
            checkpoints=SQLiteCheckpointStore(db),  # the position lives next to the data
            stop_when_idle=args.until_idle,
        )
        stats = consumer.run()
    db.close()
    print(f"mirrored {total} activity events into {args.db} (lag {stats.lag:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
