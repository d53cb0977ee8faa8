"""Writing results for people (an aligned table) and for programs (json, jsonl, csv, yaml).

A result is JSON data. Its *rows* are the list itself, the ``items`` of a list page
(``{"items": [...], "hasMore": ...}``), or else the one object. ``fields`` picks and orders
the columns of each row; the other formats keep a page's other keys. Colours (a bold table
header) are only written to a terminal, and never when ``NO_COLOR`` is set.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import re
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

FORMATS = ("table", "json", "jsonl", "csv", "yaml")
MAX_CELL = 60  # characters of a table cell; the other formats are never cut


def default_format(stream: IO[str]) -> str:
    """``table`` for a person at a terminal, ``json`` for a pipe or a file."""
    return "table" if _is_terminal(stream) else "json"


def wants_colour(stream: IO[str]) -> bool:
    return _is_terminal(stream) and not os.environ.get("NO_COLOR")


def _is_terminal(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def rows_of(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return list(data["items"])
    return [data]


def with_fields(data: Any, fields: Sequence[str] | None) -> Any:
    """``data`` with each row cut down to ``fields`` (in that order); unchanged without fields."""
    if not fields:
        return data
    if isinstance(data, list):
        return [_select(row, fields) for row in data]
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return {**data, "items": [_select(row, fields) for row in data["items"]]}
    return _select(data, fields)


def _select(row: Any, fields: Sequence[str]) -> Any:
    return {name: row.get(name) for name in fields} if isinstance(row, dict) else row


def render(data: Any, fmt: str, fields: Sequence[str] | None = None, *, colour: bool = False) -> str:
    """``data`` written in ``fmt`` (one of :data:`FORMATS`), ending with a newline."""
    if fmt == "json":
        return json.dumps(with_fields(data, fields), indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        return to_yaml(with_fields(data, fields))
    rows = [_select(row, fields) if fields else row for row in rows_of(data)]
    if fmt == "jsonl":
        return "".join(json_line(row) for row in rows)
    if fmt == "csv":
        return to_csv(rows, fields)
    return to_table(rows, fields, colour=colour, single=not _is_list(data))


def json_line(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"


def _is_list(data: Any) -> bool:
    return isinstance(data, list) or (isinstance(data, dict) and isinstance(data.get("items"), list))


def columns_of(rows: Iterable[Any], fields: Sequence[str] | None) -> list[str]:
    if fields:
        return list(fields)
    seen: dict[str, None] = {}
    for row in rows:
        if isinstance(row, dict):
            seen.update(dict.fromkeys(row))
    return list(seen)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def to_csv(rows: list[Any], fields: Sequence[str] | None) -> str:
    """A header line, then one line per row; nested values as compact JSON."""
    columns = columns_of(rows, fields) or ["value"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        values = row if isinstance(row, dict) else {"value": row}
        writer.writerow([_text(values.get(column)) for column in columns])
    return out.getvalue()


def to_table(rows: list[Any], fields: Sequence[str] | None, *, colour: bool, single: bool) -> str:
    """Columns aligned under a header; one object is shown as ``field  value`` lines."""
    if single and len(rows) == 1 and isinstance(rows[0], dict):
        header, body = ["field", "value"], [[key, _cell(value)] for key, value in rows[0].items()]
    else:
        header = columns_of(rows, fields) or ["value"]
        body = [
            [_cell((row if isinstance(row, dict) else {"value": row}).get(c)) for c in header] for row in rows
        ]
    if not body:
        return "(no results)\n"
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    top = line(header)
    if colour:
        top = f"\x1b[1m{top}\x1b[0m"
    return "\n".join([top, *(line(cells) for cells in body)]) + "\n"


def _cell(value: Any) -> str:
    text = _text(value).replace("\n", " ")
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


# ---- YAML: PyYAML when it is installed, else a small block-style emitter -----------------

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_YAML_WORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})


def to_yaml(data: Any) -> str:
    try:
        yaml: Any = importlib.import_module("yaml")
    except ImportError:
        return emit_yaml(data)
    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False))


def emit_yaml(data: Any) -> str:
    """Block-style YAML for JSON data; every string is double-quoted (JSON's escapes are YAML's)."""
    return "\n".join(_yaml_lines(data, 0)) + "\n"


def _yaml_lines(value: Any, indent: int) -> Iterator[str]:
    pad = "  " * indent
    if isinstance(value, dict) and value:
        for key, item in value.items():
            name = str(key)
            if not _PLAIN_KEY.fullmatch(name) or name.lower() in _YAML_WORDS:
                name = json.dumps(name, ensure_ascii=False)
            if _is_block(item):
                yield f"{pad}{name}:"
                yield from _yaml_lines(item, indent + 1)
            else:
                yield f"{pad}{name}: {_yaml_scalar(item)}"
    elif isinstance(value, list) and value:
        for item in value:
            if _is_block(item):
                first, *rest = _yaml_lines(item, indent + 1)
                yield f"{pad}- {first[len(pad) + 2 :]}"
                yield from rest
            else:
                yield f"{pad}- {_yaml_scalar(item)}"
    else:
        yield pad + _yaml_scalar(value)


def _is_block(value: Any) -> bool:
    return isinstance(value, dict | list) and bool(value)


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return json.dumps(str(value), ensure_ascii=False)
