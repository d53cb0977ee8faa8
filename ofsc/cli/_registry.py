"""The task commands mounted beside the API families, each imported only when it is used.

Each entry is ``name: ("module:attribute", "one line for ``ofsc --help``")``; the attribute
is a :class:`click.Command` (usually a group). Adding a task is adding one line here. A
task whose module is not installed (an optional extra, say) is reported as unavailable
when it is used; ``ofsc --help`` lists it without importing anything.
"""

from __future__ import annotations

TASKS: dict[str, tuple[str, str]] = {
    "mock": ("ofsc.cli._mock:mock", "Run the local mock OFS (python -m ofsc.testing serve)."),
    "setup": ("ofsc.setup._cli:setup", "Export, diff and apply instance configuration."),
    "extract": (
        "ofsc.bulk._cli:extract",
        "Every record of a large list to a file, within OFS's limits, resumable.",
    ),
    "events": ("ofsc.events._cli:events", "Follow OFS's change stream (the Events API)."),
}
