"""Writing extracts: JSON lines, CSV and Parquet, streamed, with the API's field names."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from ofsc.bulk import write, write_csv, write_jsonl, write_parquet
from ofsc.testing import MockOFS


def extract(mock: MockOFS, seed: Any, count: int = 120) -> list[Any]:
    seed(count, 10)
    with mock.client() as client:
        return list(client.extract.activities("2025-01-01", "2025-01-10"))


def test_json_lines_hold_one_activity_per_line(mock: MockOFS, seed: Any, tmp_path: Path) -> None:
    """Each line is one activity as OFS sent it, with the API's field names."""
    items = extract(mock, seed)
    path = tmp_path / "out.jsonl"
    assert write_jsonl(items, path) == 120
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert rows == [item.to_api() for item in items] and "activityId" in rows[0]


def test_csv_has_a_header_and_a_row_per_activity(mock: MockOFS, seed: Any, tmp_path: Path) -> None:
    """The columns are the fields given (else the first item's); lists and objects are JSON text."""
    items = extract(mock, seed)
    path = tmp_path / "out.csv"
    columns = ["activityId", "date", "status", "resourceId", "activityType"]
    assert write_csv(items, path, fields=columns) == 120
    rows = list(csv.DictReader(path.open()))
    assert [int(row["activityId"]) for row in rows] == [item.activity_id for item in items]
    assert list(rows[0]) == columns

    nested = tmp_path / "nested.csv"
    write_csv([{"activityId": 1, "links": [{"to": 2}]}], nested)
    assert json.loads(next(csv.DictReader(nested.open()))["links"]) == [{"to": 2}]


def test_a_field_outside_the_columns_is_an_error_not_a_loss(tmp_path: Path) -> None:
    """Columns taken from the first item: a later item with another field raises ValueError
    naming it. Columns named with fields=: other fields are left out, as asked."""
    items = [{"activityId": 1}, {"activityId": 2, "apptNumber": "A"}]
    with pytest.raises(ValueError, match="apptNumber"):
        write_csv(items, tmp_path / "out.csv")
    write_csv(items, tmp_path / "chosen.csv", fields=["activityId"])
    assert (tmp_path / "chosen.csv").read_text().splitlines() == ["activityId", "1", "2"]


def test_appending_continues_the_file(tmp_path: Path) -> None:
    """append=True adds rows after the file's (CSV: under its header, no second header)."""
    path = tmp_path / "out.csv"
    write([{"activityId": 1, "status": "pending"}], path, "csv")
    write([{"activityId": 2, "status": "started"}], path, "csv", append=True)
    assert path.read_text().splitlines() == ["activityId,status", "1,pending", "2,started"]
    with pytest.raises(ValueError, match="Parquet"):
        write([], tmp_path / "out.parquet", "parquet", append=True)


def test_parquet_loads_back_with_every_activity(mock: MockOFS, seed: Any, tmp_path: Path) -> None:
    """A Parquet file (ofsc[parquet]) holds every activity, typed as the first batch shows."""
    pq = pytest.importorskip("pyarrow.parquet")
    items = extract(mock, seed, 25_000)
    path = tmp_path / "out.parquet"
    assert write_parquet(items, path) == 25_000
    table = pq.read_table(path)
    assert table.num_rows == 25_000
    assert sorted(table.column("activityId").to_pylist()) == list(range(1, 25_001))
    assert str(table.schema.field("activityId").type) == "int64"
