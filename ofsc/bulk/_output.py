"""Writing extracted items to files, streamed: JSON lines, CSV, and Parquet (``ofsc[parquet]``).

Items are written with the API's field names (``activityId``), as OFS sent them. CSV and
Parquet need their columns before the first row: the ``fields`` given (other fields are
left out), else the fields of the first item (of the first batch, for Parquet), and then
an item with a field outside them raises ``ValueError`` rather than lose it. Lists and
objects are written as JSON text in CSV and Parquet cells.
"""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator, Sequence

Format = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "parquet")
PARQUET_BATCH = 10_000


def as_record(item: Any) -> dict[str, Any]:
    """An item as a JSON-ready dict with the API's field names."""
    to_api = getattr(item, "to_api", None)
    if to_api is not None:
        record = to_api()
    elif hasattr(item, "model_dump"):
        record = item.model_dump(mode="json", by_alias=True, exclude_unset=True)
    else:
        record = dict(item)
    if not isinstance(record, dict):
        raise TypeError(f"cannot write {type(item).__name__} as a row")
    return record


def write_jsonl(items: Iterable[Any], path: str | os.PathLike[str], *, append: bool = False) -> int:
    """One JSON object per line; the number of items written (``append``: after what the file holds)."""
    count = 0
    with open(path, "a" if append else "w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(as_record(item), ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
            count += 1
    return count


def write_csv(
    items: Iterable[Any],
    path: str | os.PathLike[str],
    fields: Sequence[str] | None = None,
    *,
    append: bool = False,
) -> int:
    """A header row, then one row per item; the number of items written. With ``append``,
    rows go after those of the file (whose header gives the columns)."""
    count = 0
    chosen = bool(fields)  # columns the caller named (an appended file's header is not a choice)
    header_written = False
    if append and (existing := _csv_header(path)) is not None:
        fields, header_written = existing, True
    with open(path, "a" if append else "w", encoding="utf-8", newline="") as out:
        writer: csv.DictWriter[str] | None = None
        columns: list[str] = list(fields or [])
        for item in items:
            record = as_record(item)
            if writer is None:
                columns = columns or list(record)
                writer = csv.DictWriter(out, fieldnames=columns)
                if not header_written:
                    writer.writeheader()
            writer.writerow(_cells(record, columns, count, chosen))
            count += 1
        if writer is None and columns and not header_written:
            csv.DictWriter(out, fieldnames=columns).writeheader()
    return count


def _csv_header(path: str | os.PathLike[str]) -> list[str] | None:
    try:
        with open(path, encoding="utf-8", newline="") as existing:
            return next(csv.reader(existing), None)
    except FileNotFoundError:
        return None


def write_parquet(
    items: Iterable[Any], path: str | os.PathLike[str], fields: Sequence[str] | None = None
) -> int:
    """A Parquet file (needs ``pip install 'ofsc[parquet]'``); the number of items written."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ImportError("writing Parquet needs pyarrow: pip install 'ofsc[parquet]'") from None
    count = 0
    columns: list[str] = list(fields or [])
    chosen = bool(columns)
    writer: Any = None
    schema: Any = None
    try:
        for rows in _batches(items, PARQUET_BATCH):
            if not columns:
                columns = list(dict.fromkeys(key for row in rows for key in row))
            table_rows = [_cells(row, columns, count + i, chosen) for i, row in enumerate(rows)]
            if schema is None:
                inferred = pa.Table.from_pylist(table_rows).schema
                schema = pa.schema([_field(pa, inferred, name) for name in columns])
                writer = pq.ParquetWriter(str(path), schema)
            table = pa.Table.from_pylist(table_rows, schema=schema)
            writer.write_table(table)
            count += len(rows)
        if writer is None:
            schema = pa.schema([pa.field(name, pa.string()) for name in columns])
            writer = pq.ParquetWriter(str(path), schema)
    finally:
        if writer is not None:
            writer.close()
    return count


def write(
    items: Iterable[Any],
    path: str | os.PathLike[str],
    format: Format,
    fields: Sequence[str] | None = None,
    *,
    append: bool = False,
) -> int:
    """Write ``items`` to ``path`` in ``format`` (``jsonl``, ``csv`` or ``parquet``); ``append``
    adds to what the file holds (JSON lines and CSV only: a Parquet file is written whole)."""
    if format == "jsonl":
        return write_jsonl(items, path, append=append)
    if format == "csv":
        return write_csv(items, path, fields, append=append)
    if format == "parquet":
        if append:
            raise ValueError("a Parquet file is written whole: resume an extract into jsonl or csv")
        return write_parquet(items, path, fields)
    raise ValueError(f"unknown format {format!r}; one of {', '.join(FORMATS)}")


def _field(pa: Any, inferred: Any, name: str) -> Any:
    """The column's type as the first batch shows it; text when it cannot tell (all empty)."""
    if name in inferred.names and not pa.types.is_null(inferred.field(name).type):
        return inferred.field(name)
    return pa.field(name, pa.string())


def _batches(items: Iterable[Any], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(as_record(item))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _cells(record: dict[str, Any], columns: list[str], row: int, chosen: bool) -> dict[str, Any]:
    """The row's cells; a field outside inferred columns raises, outside chosen ones is left out."""
    extra = [key for key in record if key not in columns]
    if extra and chosen:
        record = {key: value for key, value in record.items() if key in columns}
    elif extra:
        raise ValueError(
            f"item {row} has fields {extra} that are not columns ({columns}); pass fields= to choose the columns"
        )
    return {
        key: json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value
        for key, value in record.items()
    }
