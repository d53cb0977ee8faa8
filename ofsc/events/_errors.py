"""The errors a consumer raises besides the client's own (all derive from ``ofsc.OFSCError``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._exceptions import OFSCError

if TYPE_CHECKING:
    from .._exceptions import APIStatusError
    from ._model import Batch


class EventsError(OFSCError):
    """Base of the errors of :mod:`ofsc.events`."""


class SubscriptionLimitError(EventsError):
    """The instance holds its maximum of subscriptions (OFS allows 100): none could be created.

    OFS answers 503 "Too many subscriptions registered"; subscriptions nobody reads expire
    36 hours after their last read, or can be deleted by the application that created them.
    """

    def __init__(self, error: APIStatusError) -> None:
        self.error = error
        detail = error.detail or error.title or "Too many subscriptions registered"
        super().__init__(
            f"cannot create an events subscription: the instance is at its subscription limit "
            f"(OFS allows 100; it answered {error.status_code}: {detail}). Delete subscriptions "
            "that are no longer read (each application can delete its own), or wait for unread "
            "ones to expire 36 hours after their last read."
        )


class HandlerError(EventsError):
    """The handler raised; the checkpoint was not advanced, so the batch is delivered again
    on the next run. ``batch`` is the batch, ``attempts`` how often it was tried."""

    def __init__(self, batch: Batch, attempts: int, cause: BaseException) -> None:
        self.batch = batch
        self.attempts = attempts
        plural = "s" if attempts != 1 else ""
        super().__init__(
            f"the event handler failed on a batch of {len(batch)} events (page {batch.page!r}) "
            f"after {attempts} attempt{plural}: {type(cause).__name__}: {cause}; the checkpoint "
            "was not advanced"
        )


class EventStreamError(EventsError):
    """The server's answers cannot be followed (for example events without a ``nextPage``)."""
