"""``python -m ofsc.setup export|diff|apply ...`` (the same as ``ofsc setup ...``)."""

from ._cli import main

main()
