"""``python -m ofsc``: the ``ofsc`` command line (see :mod:`ofsc.cli`)."""

from ofsc.cli import main

main()
