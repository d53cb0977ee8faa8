"""How far long work has got: a :class:`Progress` handed to a callback after each answer,
and a terminal progress bar (``pip install 'ofsc[progress]'``, drawn with rich)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class Progress:
    """A snapshot of an extract or a bulk update.

    ``done`` counts items (extracted, or whose outcome is known); ``total`` is the number
    of items when known (bulk updates), else None; ``requests`` counts answered requests;
    ``failed`` counts failed items of a bulk update; ``parts_done``/``parts`` count the
    windows and parts of an extract (or the packed requests of a bulk update)."""

    operation: str
    done: int
    total: int | None
    requests: int
    parts_done: int
    parts: int
    failed: int = 0


ProgressCallback = Callable[[Progress], None]


class ProgressBar(Protocol):
    def __call__(self, progress: Progress) -> None: ...
    def close(self) -> None: ...


class RichProgressBar:
    """Draws a :class:`Progress` as a bar on the terminal (stderr); call :meth:`close` at the end."""

    def __init__(self, description: str = "", console: Any = None) -> None:
        try:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.progress import Progress as RichProgress
        except ImportError:  # pragma: no cover - depends on the installed extras
            raise ImportError("a progress bar needs rich: pip install 'ofsc[progress]'") from None
        self._bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            console=console or Console(stderr=True),
            transient=False,
        )
        self._description = description
        self._task: Any = None

    def __call__(self, progress: Progress) -> None:
        if self._task is None:
            self._bar.start()
            self._task = self._bar.add_task(self._description or progress.operation, total=None, detail="")
        # An extract does not know its item count: the bar counts parts, the text items.
        total, completed = (
            (progress.total, progress.done)
            if progress.total is not None
            else (progress.parts, progress.parts_done)
        )
        detail = f"{progress.done:,} items, {progress.requests:,} requests"
        if progress.failed:
            detail += f", {progress.failed:,} failed"
        self._bar.update(self._task, total=total, completed=completed, detail=detail)

    def close(self) -> None:
        if self._task is not None:
            self._bar.stop()


def progress_bar(description: str = "") -> RichProgressBar:
    """A callback that draws progress on the terminal; ``close()`` it when the work ends
    (extracts and bulk updates given ``progress=True`` do both)."""
    return RichProgressBar(description)
