"""Resuming an I/O-free flow: the one step every driver of the SDK repeats.

The request pipeline, the events consumer and the setup flows are generators that yield
the I/O they need; their sync and async drivers perform it and call :func:`advance` with
what came of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Generator


def advance(flow: Generator[Any, Any, Any], outcome: Any, error: BaseException | None) -> tuple[bool, Any]:
    """Resume ``flow`` with the last I/O outcome (or error): ``(True, result)`` when it is done,
    else ``(False, next effect)``."""
    try:
        return False, (flow.throw(error) if error is not None else flow.send(outcome))
    except StopIteration as stop:
        return True, stop.value
