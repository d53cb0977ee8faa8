"""Write the generated files, removing whatever a previous run left that is no longer produced."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

KEEP = frozenset({"README.md", ".gitkeep"})


def write_tree(files: dict[str, str], out: Path) -> int:
    """Replace ``out``'s contents with ``files``; return how many files changed."""
    out.mkdir(parents=True, exist_ok=True)
    changed = 0
    for name, text in sorted(files.items()):
        target = out / name
        data = text.encode("utf-8")
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed += 1
    wanted = {out / name for name in files}
    for path in sorted(out.rglob("*"), reverse=True):
        if "__pycache__" in path.parts:
            continue
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif path not in wanted and not (path.parent == out and path.name in KEEP):
            path.unlink()
    return changed
