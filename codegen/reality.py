"""The table of ``specs/reality.toml``'s corrections that ``docs/REALITY.md`` shows.

The page holds the table between two markers; ``tests/codegen/test_reality.py`` checks
that it is what :func:`corrections_table` renders from the overlay, so the two cannot drift.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .overlay import Fix

BEGIN = "<!-- corrections: generated from specs/reality.toml, do not edit -->"
END = "<!-- end of corrections -->"


def corrections_table(corrections: tuple[Fix, ...]) -> str:
    """One row per correction: where it applies, what it says, and its evidence."""
    rows = ["| # | where | correction | source |", "|---|---|---|---|"]
    for number, fix in enumerate(corrections, 1):
        sources = "<br>".join(f"[{_label(url)}]({url})" for url in fix.source)
        rows.append(f"| {number} | {place(fix.path)} | {_cell(fix.why)} | {sources} |")
    return "\n".join(rows) + "\n"


def place(pointer: str) -> str:
    """A reader's name for where a fix applies: ``GET /rest/...`` or ``definition.field[]``."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]
    if parts[0] == "paths" and len(parts) > 2:
        return f"`{parts[2].upper()} {parts[1]}`"
    if parts[0] == "definitions" and len(parts) > 1:
        name, after_properties = parts[1], False
        for part in parts[2:]:
            if after_properties:
                name, after_properties = f"{name}.{part}", False
            elif part == "properties":
                after_properties = True
            elif part == "items":
                name += "[]"
            elif part == "additionalProperties":
                name += "{*}"
        return f"`{name}`"
    return f"`{pointer}`"


def _label(url: str) -> str:
    if url.startswith("https://github.com/"):
        owner, repo, _, _, *path = url.removeprefix("https://github.com/").split("/")
        return f"{owner}/{repo} {'/'.join(path)}"
    return "Oracle: " + url.rsplit("/", 1)[-1].removesuffix(".html")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
