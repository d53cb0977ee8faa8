"""Capacity

Generated from ``definitions.capacity`` (parsed leniently: it is part of responses).
"""

import datetime as dt

from ofsc.runtime import OFSCModel


class Capacity(OFSCModel):
    """Capacity"""

    date: dt.date | None = None

    time: str | None = None

    day: dt.date | None = None
