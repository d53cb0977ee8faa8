"""Output for people and pipes: json, jsonl, csv, yaml and an aligned table; --fields picks
columns; colours only on a terminal."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

import pytest
import yaml

from ofsc.cli._output import emit_yaml, render

from .conftest import ACTIVITY_ID

if TYPE_CHECKING:
    from .conftest import Invoke

PAGE = {
    "items": [
        {"label": "a", "count": 1, "tags": ["x", "y"], "extra": None},
        {"label": "b", "count": 2, "nested": {"k": True}},
    ],
    "hasMore": False,
}


def test_json_is_the_whole_document() -> None:
    """json keeps everything, page fields included."""
    assert json.loads(render(PAGE, "json")) == PAGE


def test_jsonl_is_one_line_per_row() -> None:
    """jsonl writes each item of a page on its own line."""
    lines = render(PAGE, "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == PAGE["items"]


def test_csv_has_every_column_seen_and_nested_values_as_json() -> None:
    """csv's header is the union of the rows' keys in order; nested values are compact JSON."""
    rows = list(csv.DictReader(io.StringIO(render(PAGE, "csv"))))
    assert list(rows[0]) == ["label", "count", "tags", "extra", "nested"]
    assert rows[0]["tags"] == '["x","y"]' and rows[0]["nested"] == "" and rows[1]["nested"] == '{"k":true}'


def test_the_table_aligns_columns_under_a_header() -> None:
    """A list is a table: a header, then one aligned line per row."""
    lines = render(PAGE, "table", ["label", "count"]).splitlines()
    assert lines == ["label  count", "a      1", "b      2"]


def test_one_object_is_a_field_value_table() -> None:
    """A single object reads as field/value lines."""
    lines = render({"activityId": 1, "status": "pending"}, "table").splitlines()
    assert lines == ["field       value", "activityId  1", "status      pending"]


def test_colour_is_only_used_when_asked() -> None:
    """The header is bold with colour, plain without."""
    assert "\x1b[1m" in render(PAGE, "table", colour=True)
    assert "\x1b[" not in render(PAGE, "table", colour=False)


def test_fields_choose_and_order_columns_in_every_format() -> None:
    """--fields keeps only the named keys, in the order given."""
    assert json.loads(render(PAGE, "json", ["count", "label"]))["items"][0] == {"count": 1, "label": "a"}
    assert render(PAGE, "csv", ["count"]) == "count\n1\n2\n"
    assert yaml.safe_load(render(PAGE, "yaml", ["label"]))["items"] == [{"label": "a"}, {"label": "b"}]


@pytest.mark.parametrize(
    "data",
    [
        PAGE,
        {"empty": {}, "none": [], "text": "yes", "quote": 'say "hi"\nbye', "number": 1.5, "true": "on"},
        [[1, [2, {"a": "b"}]], {"x": [{"y": None}]}],
        "plain",
    ],
)
def test_the_small_yaml_emitter_reads_back_as_the_same_data(data: object) -> None:
    """Without PyYAML the emitter still writes YAML that parses to the same data."""
    assert yaml.safe_load(emit_yaml(data)) == data


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "yaml"])
def test_every_format_from_the_command(ofsc: Invoke, fmt: str) -> None:
    """Each --format prints the activity in that format."""
    result = ofsc("core", "get-activity", str(ACTIVITY_ID), "--format", fmt, "--fields", "activityId,status")

    assert result.exit_code == 0, result.output
    out = result.stdout
    parsed = {
        "json": lambda: json.loads(out),
        "jsonl": lambda: json.loads(out.splitlines()[0]),
        "csv": lambda: next(csv.DictReader(io.StringIO(out))),
        "yaml": lambda: yaml.safe_load(out),
        "table": lambda: dict(line.split(None, 1) for line in out.splitlines()[1:]),
    }[fmt]()
    assert {k: str(v) for k, v in parsed.items()} == {"activityId": str(ACTIVITY_ID), "status": "pending"}


def test_a_pipe_gets_json_by_default(ofsc: Invoke) -> None:
    """Without --format, output that is not a terminal is JSON."""
    result = ofsc("core", "get-activity", str(ACTIVITY_ID))

    assert json.loads(result.stdout)["activityId"] == ACTIVITY_ID


def test_fields_are_also_sent_when_the_operation_takes_them(ofsc: Invoke) -> None:
    """For an operation with a fields parameter, --fields asks OFS for just those fields."""
    result = ofsc("core", "get-activities", "--resources", "tech1", "--date-from", "2025-06-01",
                  "--date-to", "2025-06-03", "--fields", "activityId", "--dry-run")  # fmt: skip

    assert "fields=activityId" in result.stdout.splitlines()[0]
