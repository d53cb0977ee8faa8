"""Checkpoint stores: what is saved is loaded back, a save is all or nothing, and any
object with load/save (async methods too, for the async consumer) is a store."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from ofsc.events import (
    AsyncEventConsumer,
    Checkpoint,
    CheckpointStore,
    FileCheckpointStore,
    MemoryCheckpointStore,
    SQLiteCheckpointStore,
)
from ofsc.testing import MockOFS

from .conftest import FAST, activity_ids, emit_activities

CHECKPOINT = Checkpoint("mirror", "sub1", "p2a", "2026-01-01 10:00:00", 1.5, 2.5)


@pytest.mark.parametrize("kind", ["file", "sqlite", "memory"])
def test_a_saved_checkpoint_is_loaded_back_per_consumer(tmp_path: Path, kind: str) -> None:
    """Each consumer name has its own checkpoint; a later save replaces it; the file and
    SQLite stores keep it across instances (processes)."""

    def store() -> Any:
        if kind == "file":
            return FileCheckpointStore(tmp_path / "cp.json")
        return SQLiteCheckpointStore(tmp_path / "cp.db") if kind == "sqlite" else memory

    memory = MemoryCheckpointStore()
    first = store()
    assert isinstance(first, CheckpointStore)
    assert first.load("mirror") is None
    first.save(CHECKPOINT)
    first.save(Checkpoint("other", "sub2"))
    first.save(Checkpoint("mirror", "sub1", "p2b"))
    again = store()
    assert again.load("mirror") == Checkpoint("mirror", "sub1", "p2b")
    assert again.load("other") == Checkpoint("other", "sub2")


def test_a_file_save_that_fails_midway_leaves_the_previous_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is replaced in one rename after the new content is on disk: a crash before
    the rename leaves the old checkpoint whole and no temporary file behind."""
    store = FileCheckpointStore(tmp_path / "cp.json")
    store.save(CHECKPOINT)

    def crash(src: str, dst: str) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="power cut"):
        store.save(Checkpoint("mirror", "sub1", "p9"))
    monkeypatch.undo()
    assert FileCheckpointStore(tmp_path / "cp.json").load("mirror") == CHECKPOINT
    assert [p.name for p in tmp_path.iterdir()] == ["cp.json"]


def test_the_sqlite_store_shares_a_connection_and_commits_only_its_own_statement(tmp_path: Path) -> None:
    """Given an open connection, the store keeps its table next to the application's and
    a save commits the checkpoint atomically."""
    connection = sqlite3.connect(tmp_path / "app.db")
    connection.execute("CREATE TABLE mirror (id INTEGER PRIMARY KEY)")
    store = SQLiteCheckpointStore(connection)
    store.save(CHECKPOINT)
    other = sqlite3.connect(tmp_path / "app.db")
    tables = {row[0] for row in other.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"mirror", "ofsc_event_checkpoints"}
    assert SQLiteCheckpointStore(other).load("mirror") == CHECKPOINT
    with pytest.raises(ValueError, match="identifier"):
        SQLiteCheckpointStore(connection, table="x; DROP TABLE mirror")


class AsyncStore:
    """A store whose methods are coroutines, as a Redis or remote database store's are."""

    def __init__(self) -> None:
        self.saved: dict[str, Checkpoint] = {}

    async def load(self, consumer: str) -> Checkpoint | None:
        return self.saved.get(consumer)

    async def save(self, checkpoint: Checkpoint) -> None:
        self.saved[checkpoint.consumer] = checkpoint


async def test_the_async_consumer_awaits_a_store_and_a_handler_that_are_coroutines() -> None:
    """AsyncEventConsumer awaits a store's async load/save and an async handler."""
    mock = MockOFS()
    store = AsyncStore()
    seen: list[int] = []

    async def handler(batch: Any) -> None:
        seen.extend(activity_ids(list(batch)))

    async with mock.async_client() as client:
        consumer = AsyncEventConsumer(client, handler, types=["activityCreated"], checkpoints=store,
                                      stop_when_idle=True, **FAST)  # fmt: skip
        await consumer.run(handle_signals=False)
        emit_activities(mock, 0, 3)
        await consumer.run(handle_signals=False)
    assert seen == [0, 1, 2]
    assert store.saved["default"].last_event_time is not None
