"""A snapshot of an instance's configuration, and its folder form.

A snapshot maps each kind's name to its objects by key. Objects are kept in a canonical
form: no volatile fields (``links``), no secrets, translations in language order, so that
two exports of the same configuration are byte-identical and a diff shows only real
changes. On disk a snapshot is a folder with one JSON file per object,
``<folder>/<kind>/<key>.json``, with sorted keys: easy to review in a pull request.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from ._kinds import KIND_BY_NAME, KINDS

Snapshot = dict[str, dict[str, Any]]  # kind name -> key -> object

VOLATILE_FIELDS = frozenset({"links"})
_SECRET = re.compile(r"secret|password|private_?key|passphrase", re.IGNORECASE)


class SnapshotError(ValueError):
    """A folder that is not a readable configuration export."""


def canonical(value: Any) -> Any:
    """``value`` without volatile or secret fields, lists of translations in language order."""
    if isinstance(value, dict):
        return {
            name: canonical(item)
            for name, item in value.items()
            if name not in VOLATILE_FIELDS and not _SECRET.search(name)
        }
    if isinstance(value, list):
        items = [canonical(item) for item in value]
        if items and all(isinstance(item, dict) and "language" in item for item in items):
            items.sort(key=lambda item: str(item["language"]))
        return items
    return value


def empty() -> Snapshot:
    return {kind.name: {} for kind in KINDS}


def file_name(key: str) -> str:
    """A file name for ``key`` that cannot leave the kind's folder or clash with another key."""
    name = quote(key, safe="-_ ")
    return name.replace(".", "%2E") + ".json"


def key_of_file(path: Path) -> str:
    return unquote(path.name.removesuffix(".json"))


def dumps(obj: Any) -> str:
    return json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_folder(snapshot: Snapshot, folder: Path) -> list[Path]:
    """Write ``snapshot`` into ``folder`` (one file per object; files of objects that are
    gone are removed, other files are left alone); return the files written or kept."""
    written: list[Path] = []
    for kind in KINDS:
        objects = snapshot.get(kind.name, {})
        directory = folder / kind.name
        if not objects and not directory.exists():
            continue
        directory.mkdir(parents=True, exist_ok=True)
        wanted = {file_name(key): obj for key, obj in objects.items()}
        for stale in directory.glob("*.json"):
            if stale.name not in wanted:
                stale.unlink()
        for name, obj in sorted(wanted.items()):
            path = directory / name
            text = dumps(obj)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                _write_atomically(path, text)
            written.append(path)
    return written


def read_folder(folder: Path) -> Snapshot:
    """The snapshot a folder written by :func:`write_folder` holds."""
    if not folder.is_dir():
        raise SnapshotError(f"{folder}: no such export folder")
    snapshot = empty()
    for directory in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        kind = KIND_BY_NAME.get(directory.name)
        if kind is None:
            raise SnapshotError(f"{directory}: not a configuration kind (known: {', '.join(KIND_BY_NAME)})")
        for path in sorted(directory.glob("*.json")):
            try:
                obj = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise SnapshotError(f"{path}: not readable JSON ({exc})") from None
            key = key_of_file(path)
            recorded = obj.get(kind.key) if isinstance(obj, dict) and kind.parent is None else None
            if kind.singleton is None and recorded is not None and str(recorded) != key:
                raise SnapshotError(
                    f"{path}: the file is named for {key!r} but holds {kind.key} {recorded!r}"
                )
            snapshot[kind.name][key] = canonical(obj)
    return snapshot


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
