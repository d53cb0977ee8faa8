"""A durable consumer of OFS's change stream (the Events API).

::

    from ofsc import OFSC
    from ofsc.events import EventConsumer, SQLiteCheckpointStore

    def handle(batch):
        for event in batch:            # oldest first; event.id for de-duplication
            print(event.type, event.time, event.data.get("activityDetails"))

    with OFSC() as client:
        EventConsumer(client, handle, consumer="mirror", types="activityCreated,activityUpdated",
                      checkpoints=SQLiteCheckpointStore("mirror.db")).run()   # until SIGINT/SIGTERM

Delivery is at least once: the checkpoint moves only after the handler returned, so a
consumer killed at any point delivers the unsaved batch again when it restarts. See
``docs/EVENTS.md``.
"""

from ._checkpoint import (
    Checkpoint,
    CheckpointStore,
    FileCheckpointStore,
    MemoryCheckpointStore,
    SQLiteCheckpointStore,
)
from ._consumer import AsyncEventConsumer, EventConsumer
from ._errors import EventsError, EventStreamError, HandlerError, SubscriptionLimitError
from ._metrics import ConsumerStats
from ._model import Batch, ReceivedEvent, SubscriptionSpec, event_types

__all__ = [
    "AsyncEventConsumer",
    "Batch",
    "Checkpoint",
    "CheckpointStore",
    "ConsumerStats",
    "EventConsumer",
    "EventStreamError",
    "EventsError",
    "FileCheckpointStore",
    "HandlerError",
    "MemoryCheckpointStore",
    "ReceivedEvent",
    "SQLiteCheckpointStore",
    "SubscriptionLimitError",
    "SubscriptionSpec",
    "event_types",
]
