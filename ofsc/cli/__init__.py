"""The ``ofsc`` command line (``pip install 'ofsc[cli]'``): every operation of the API,
profiles, and everyday tasks. ``python -m ofsc`` runs the same command.

See ``docs/CLI.md``; exit codes are listed in :mod:`ofsc.cli._errors`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the ``ofsc`` command (``argv`` defaults to the process's arguments)."""
    try:
        from ._app import main as run
    except ModuleNotFoundError as exc:
        if exc.name != "click":
            raise
        sys.stderr.write("ofsc: error: the command line needs click: pip install 'ofsc[cli]'\n")
        raise SystemExit(3) from None
    run(argv)
