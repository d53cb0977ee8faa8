"""``python -m ofsc.events tail --types activityCreated,activityUpdated [--profile NAME]
[--checkpoint FILE]``: see :mod:`ofsc.events._cli`."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from ._cli import events
    except ImportError as exc:  # click is in the cli extra
        sys.exit(f"the events command needs click: pip install 'ofsc[cli]' ({exc})")
    events(prog_name="python -m ofsc.events")


if __name__ == "__main__":
    main()
