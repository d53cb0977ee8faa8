"""Where a consumer keeps its place in the stream: checkpoints and their stores.

A :class:`Checkpoint` says which subscription a consumer reads, the ``page`` cursor from
which its next unhandled events are read, and the time of the last event it handled (the
point a recovery with ``since`` starts from). A store keeps one checkpoint per consumer
name. Two stores are built in, both writing atomically (a save is all or nothing, so a
process killed while saving leaves the previous checkpoint intact):

- :class:`FileCheckpointStore`: a JSON file, replaced whole by ``os.replace`` after the new
  content is flushed to disk;
- :class:`SQLiteCheckpointStore`: a table in an SQLite database (the standard library's
  ``sqlite3``), one transaction per save; it can share the database of the data a handler
  writes.

Anything with ``load(consumer)`` and ``save(checkpoint)`` is a store
(:class:`CheckpointStore`); the async consumer also accepts coroutine methods, for a store in
Redis or a remote database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import threading
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """One consumer's place in the stream.

    ``page`` is the cursor the next read starts from (None: the subscription's oldest
    events); ``last_event_time`` the ``time`` of the last event handled (``YYYY-MM-DD
    HH:MM:SS``, UTC); ``started_at`` when the consumer first subscribed (seconds since the
    epoch), the recovery point while no event was handled yet; ``updated_at`` when it was saved.
    """

    consumer: str
    subscription_id: str | None = None
    page: str | None = None
    last_event_time: str | None = None
    started_at: float = 0.0
    updated_at: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Checkpoint:
        known = {f.name for f in fields(cls)}
        return cls(**{name: value for name, value in data.items() if name in known})


@runtime_checkable
class CheckpointStore(Protocol):
    """What the consumers need of a checkpoint store (the async one may await either method)."""

    def load(self, consumer: str) -> Checkpoint | None:
        """The consumer's last saved checkpoint, or None."""

    def save(self, checkpoint: Checkpoint) -> None:
        """Keep ``checkpoint`` (replacing the consumer's previous one) before returning."""


class MemoryCheckpointStore:
    """Checkpoints in memory: a restarted process starts over. For tests and one-off runs."""

    def __init__(self) -> None:
        self._checkpoints: dict[str, Checkpoint] = {}

    def load(self, consumer: str) -> Checkpoint | None:
        return self._checkpoints.get(consumer)

    def save(self, checkpoint: Checkpoint) -> None:
        self._checkpoints[checkpoint.consumer] = checkpoint


class FileCheckpointStore:
    """Checkpoints in one JSON file (``{consumer: checkpoint}``), replaced atomically.

    A save writes a temporary file in the same directory, flushes it to disk, renames it
    over the old one and flushes the directory: a crash leaves either the old or the new
    file, never a torn one.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def load(self, consumer: str) -> Checkpoint | None:
        data = self._read().get(consumer)
        return Checkpoint.from_dict(data) if isinstance(data, dict) else None

    def save(self, checkpoint: Checkpoint) -> None:
        with self._lock:
            data = self._read()
            data[checkpoint.consumer] = checkpoint.to_dict()
            text = json.dumps(data, indent=2, sort_keys=True)
            directory = self.path.parent
            directory.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as file:
                    file.write(text)
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            _fsync_directory(directory)

    def _read(self) -> dict[str, Any]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(f"{self.path}: not a checkpoint file (expected a JSON object)")
        return data


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class SQLiteCheckpointStore:
    """Checkpoints in a table of an SQLite database, one transaction per save.

    ``database`` is a path or an open :class:`sqlite3.Connection` (then the table lives next
    to the handler's own tables; the store commits only its own statement).
    """

    TABLE = "ofsc_event_checkpoints"

    def __init__(self, database: str | os.PathLike[str] | sqlite3.Connection, *, table: str = TABLE) -> None:
        if not table.isidentifier():
            raise ValueError(f"table must be a plain SQL identifier, got {table!r}")
        self.table = table
        if isinstance(database, sqlite3.Connection):
            self._connection, self._owned = database, False
        else:
            self._connection, self._owned = sqlite3.connect(database, check_same_thread=False), True
        self._lock = threading.Lock()
        with self._lock, self._connection:
            self._connection.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (consumer TEXT PRIMARY KEY, checkpoint TEXT NOT NULL)"
            )

    def load(self, consumer: str) -> Checkpoint | None:
        with self._lock:
            row = self._connection.execute(
                f"SELECT checkpoint FROM {self.table} WHERE consumer = ?", (consumer,)
            ).fetchone()
        return None if row is None else Checkpoint.from_dict(json.loads(row[0]))

    def save(self, checkpoint: Checkpoint) -> None:
        text = json.dumps(checkpoint.to_dict(), sort_keys=True)
        with self._lock, self._connection:  # commits, or rolls back on error
            self._connection.execute(
                f"INSERT INTO {self.table} (consumer, checkpoint) VALUES (?, ?) "
                "ON CONFLICT(consumer) DO UPDATE SET checkpoint = excluded.checkpoint",
                (checkpoint.consumer, text),
            )

    def close(self) -> None:
        if self._owned:
            self._connection.close()
