"""Every operation is a command built from the operation index: path parameters positional,
query parameters as options checked as the library checks them, bodies from a file, stdin
or the command line, --all through the library's paginate, --dry-run, confirmation of
writes, and exit codes that tell usage, configuration, client and server errors apart."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import pytest

from ofsc._request import to_wire
from ofsc.cli import _invoke
from ofsc.cli._operations import command_name
from ofsc.testing import MockOFS, SchemaSampler
from ofsc_generated.operations import FAMILIES, all_operations

from .conftest import ACTIVITY_ID, SECRET

if TYPE_CHECKING:
    from pathlib import Path

    from ofsc._operation import Operation

    from .conftest import Invoke


def _one_operation_per_family() -> dict[str, Operation[Any]]:
    by_family: dict[str, list[Operation[Any]]] = defaultdict(list)
    for op in all_operations():
        by_family[op.family].append(op)
    chosen = {}
    for family, ops in by_family.items():
        getters = [op for op in ops if op.method == "GET" and op.response_kind == "model"]
        chosen[family] = (getters or [op for op in ops if op.response_kind != "binary"])[0]
    return chosen


PER_FAMILY = _one_operation_per_family()


def _command_line(op: Operation[Any], arguments: dict[str, Any]) -> list[str]:
    line = [command_name(op.family), command_name(op.name)]
    path = sorted((p for p in op.params if p.location == "path"), key=lambda p: op.path.find(p.wire))
    line += [to_wire(arguments[p.name]) for p in path]
    for param in op.params:
        if param.location == "path" or param.name not in arguments:
            continue
        value = arguments[param.name]
        if isinstance(value, bool):
            line.append(f"--{'' if value else 'no-'}{command_name(param.name)}")
        else:
            line += [f"--{command_name(param.name)}", to_wire(value)]
    if op.body is not None and op.body.name in arguments:
        line += ["--body", json.dumps(arguments[op.body.name])]
    return [*line, "--format", "json", "--yes"] if op.method != "GET" else [*line, "--format", "json"]


@pytest.mark.parametrize("family", FAMILIES)
def test_one_command_of_every_family_runs_against_the_mock(ofsc: Invoke, family: str) -> None:
    """Each family's commands exist, take the spec's parameters, and print the answer as JSON."""
    op = PER_FAMILY[family]
    arguments = SchemaSampler(seed=1).arguments(op, optional=False)

    result = ofsc(*_command_line(op, arguments))

    assert result.exit_code == 0, result.output
    if op.response_kind != "none":
        assert isinstance(json.loads(result.stdout), dict)


def test_a_path_parameter_is_positional_and_the_answer_is_the_servers(ofsc: Invoke) -> None:
    """`ofsc core get-activity ID` prints the activity as the server sent it."""
    result = ofsc("core", "get-activity", str(ACTIVITY_ID), "--format", "json")

    assert result.exit_code == 0, result.output
    activity = json.loads(result.stdout)
    assert activity["activityId"] == ACTIVITY_ID and activity["city"] == "Springfield"


def test_all_pages_through_every_item(ofsc: Invoke) -> None:
    """--all fetches every page (at least 4 pages of 2 here) and prints each item once."""
    total = json.loads(ofsc("metadata", "get-workzones", "--limit", "2", "--format", "json").stdout)[
        "totalResults"
    ]

    result = ofsc("metadata", "get-workzones", "--all", "--limit", "2", "--format", "json")

    assert result.exit_code == 0, result.output
    zones = json.loads(result.stdout)
    assert total >= 7 and len(zones) == total
    assert len({zone["workZoneLabel"] for zone in zones}) == total


def test_without_all_one_page_is_printed(ofsc: Invoke) -> None:
    """Without --all the command prints the one page the server answered, paging fields included."""
    result = ofsc("metadata", "get-workzones", "--limit", "2", "--format", "json")

    page = json.loads(result.stdout)
    assert len(page["items"]) == 2 and page["totalResults"] >= 7


def test_jsonl_streams_every_item_of_every_page(ofsc: Invoke) -> None:
    """--all --format jsonl prints one line per item."""
    result = ofsc(
        "metadata", "get-workzones", "--all", "--limit", "3", "--format", "jsonl", "--fields", "workZoneLabel"
    )

    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) >= 7 and all(list(line) == ["workZoneLabel"] for line in lines)


def test_the_body_comes_from_a_file(ofsc: Invoke, tmp_path: Path) -> None:
    """--body @file sends the file's JSON."""
    (tmp_path / "changes.json").write_text('{"customerName": "From A File"}', encoding="utf-8")

    result = ofsc("core", "update-activity", str(ACTIVITY_ID), "--body", "@changes.json", "--format", "json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["customerName"] == "From A File"


def test_the_body_comes_from_stdin(ofsc: Invoke) -> None:
    """--body - reads the JSON from stdin."""
    result = ofsc("core", "update-activity", str(ACTIVITY_ID), "--body", "-", "--format", "json",
                  input='{"customerName": "From Stdin"}')  # fmt: skip

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["customerName"] == "From Stdin"


def test_help_shows_the_operations_documentation_method_and_path(ofsc: Invoke) -> None:
    """An operation's --help has the spec's description, its method and path, and its enums."""
    result = ofsc("core", "get-activities", "--help")

    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "This operation retrieves a list of activities" in text
    assert "GET /rest/ofscCore/v1/activities" in text
    assert "--include-children" in text and "One of: none, immediate, all." in text
    assert "--all" in text


def test_help_describes_positional_arguments_and_the_body(ofsc: Invoke) -> None:
    """Path parameters and the body carry the spec's descriptions in --help."""
    text = " ".join(ofsc("core", "update-activity", "--help").stdout.split())

    assert "Arguments: ACTIVITY_ID The unique identifier of the activity" in text
    assert "PATCH /rest/ofscCore/v1/activities/{activityId}" in text
    assert "--body JSON|@FILE|- The list of activity properties." in text


def test_a_family_lists_its_operations_with_their_summaries(ofsc: Invoke) -> None:
    """`ofsc metadata --help` lists every metadata operation by its summary."""
    result = ofsc("metadata", "--help")

    assert "get-workzones" in result.stdout and "Get work zones" in result.stdout


# ---- checks before sending: exit code 2, the library's messages --------------------------


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["core", "get-activity", "abc"], "expected int, got str 'abc'"),
        (
            ["core", "get-activities", "--include-children", "some"],
            "'some' is not one of: none, immediate, all",
        ),
        (["core", "update-activity", "1", "--body", "{nope"], "not JSON"),
        (["core", "update-activity", "1", "--body", "@missing.json"], "cannot read missing.json"),
        (["core", "update-activity", "1", "--body", '{"activityType": 5}'], "body.activityType"),
        (["core", "update-activity", "1"], "Missing option '--body'"),
        (["core", "no-such-operation"], "No such command"),
    ],
)
def test_bad_input_is_a_usage_error_before_anything_is_sent(
    ofsc: Invoke, arguments: list[str], message: str
) -> None:
    """Wrong types, values outside the spec's enum, bad or invalid bodies: exit 2 and why."""
    result = ofsc(*arguments)

    assert result.exit_code == 2
    assert message in result.stderr


def test_a_bad_value_gets_the_librarys_own_message(ofsc: Invoke) -> None:
    """The command line's message for a bad value is the one the Python client gives."""
    from ofsc import OFSC, RequestValidationError

    client = OFSC(instance="acme", client_id="cid", client_secret="x", base_url="http://127.0.0.1:9")
    with pytest.raises(RequestValidationError) as caught:
        client.core.get_activities(limit="many")  # type: ignore[arg-type]
    [(_, library_message)] = caught.value.errors

    result = ofsc("core", "get-activities", "--limit", "many")

    assert result.exit_code == 2
    assert f"Invalid value for '--limit': {library_message}" in result.stderr


# ---- dry-run and confirmation --------------------------------------------------------------


def test_dry_run_prints_the_request_with_secrets_masked_and_sends_nothing(ofsc: Invoke, served: Any) -> None:
    """--dry-run prints method, URL, headers and body, masks credentials, and changes nothing."""
    result = ofsc("core", "update-activity", "4225275", "--body", '{"customerName": "Not Sent", "password": "pw1"}',
                  "--dry-run")  # fmt: skip

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"PATCH {served.base_url}/rest/ofscCore/v1/activities/4225275"
    assert "Authorization: [REDACTED]" in lines
    assert '"customerName": "Not Sent"' in result.stdout
    assert "pw1" not in result.stdout and SECRET not in result.stdout
    after = ofsc("core", "get-activity", "4225275", "--format", "json")
    assert json.loads(after.stdout)["customerName"] == "John Roe"


def test_a_write_asks_on_a_terminal_and_a_no_sends_nothing(
    ofsc: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal a write asks first; answering no leaves with exit 1 and nothing sent."""
    monkeypatch.setattr(_invoke, "stdin_is_terminal", lambda: True)

    result = ofsc("core", "update-activity", "4225275", "--body", '{"customerName": "Declined"}', input="n\n")

    assert result.exit_code == 1
    assert "Send PATCH" in result.stderr
    after = ofsc("core", "get-activity", "4225275", "--format", "json")
    assert json.loads(after.stdout)["customerName"] == "John Roe"


def test_yes_sends_a_write_without_asking(ofsc: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """--yes skips the question on a terminal."""
    monkeypatch.setattr(_invoke, "stdin_is_terminal", lambda: True)

    result = ofsc("core", "update-activity", "4225275", "--body", '{"city": "Capital City"}', "--yes",
                  "--format", "json")  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "Send" not in result.stderr
    assert json.loads(result.stdout)["city"] == "Capital City"


def test_reads_are_never_confirmed(ofsc: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """A GET does not ask, even on a terminal."""
    monkeypatch.setattr(_invoke, "stdin_is_terminal", lambda: True)

    result = ofsc("core", "get-activity", str(ACTIVITY_ID), "--format", "json")

    assert result.exit_code == 0 and result.stderr == ""


# ---- exit codes of failures ----------------------------------------------------------------


def test_a_4xx_answer_exits_4_with_the_servers_message(ofsc: Invoke) -> None:
    """A 404 exits 4 and says what OFS said."""
    result = ofsc("core", "get-activity", "999")

    assert result.exit_code == 4
    assert result.stderr.startswith("ofsc: error: 404")


def test_wrong_credentials_exit_4(ofsc: Invoke) -> None:
    """A 401 is a client error too (exit 4)."""
    result = ofsc("core", "get-activity", str(ACTIVITY_ID), env={"OFSC_CLIENT_SECRET": "wrong-one"})

    assert result.exit_code == 4 and "401" in result.stderr


def test_a_5xx_answer_exits_5(ofsc: Invoke) -> None:
    """A server error exits 5."""
    mock = MockOFS()
    mock.faults.add(status=503)
    with mock.serve(port=0) as base_url:
        result = ofsc(
            "core", "get-activity", "1", env={"OFSC_BASE_URL": base_url, "OFSC_CLIENT_SECRET": "s3cr3t"}
        )

    assert result.exit_code == 5 and "503" in result.stderr


def test_no_server_exits_5(ofsc: Invoke) -> None:
    """A network failure (nothing listening) exits 5."""
    result = ofsc("core", "get-activity", "1", env={"OFSC_BASE_URL": "http://127.0.0.1:9"})

    assert result.exit_code == 5


def test_missing_credentials_exit_3_and_say_which(ofsc: Invoke) -> None:
    """Configuration problems exit 3 and name the setting, after the arguments were checked."""
    result = ofsc("core", "get-activity", "1", env={"OFSC_CLIENT_SECRET": None})

    assert result.exit_code == 3
    assert "client_secret" in result.stderr


def test_binary_answers_go_to_a_file(ofsc: Invoke, tmp_path: Path) -> None:
    """An operation that answers with a file writes it to --output."""
    result = ofsc("core", "get-file-property", str(ACTIVITY_ID), "photo", "--output", "photo.bin")

    assert result.exit_code == 0, result.output
    assert (tmp_path / "photo.bin").stat().st_size > 0


def test_a_file_goes_up_with_body_at_path_and_comes_back_with_output(ofsc: Invoke, tmp_path: Path) -> None:
    """A binary body is read from --body @file and sent as it is; the download matches it."""
    (tmp_path / "note.txt").write_bytes(b"signed by Jane\n")

    upload = ofsc("core", "set-file-property", str(ACTIVITY_ID), "csign", "--body", "@note.txt",
                  "--content-type", "text/plain", "--yes")  # fmt: skip
    download = ofsc("core", "get-file-property", str(ACTIVITY_ID), "csign", "-o", "back.txt")

    assert upload.exit_code == 0, upload.output
    assert download.exit_code == 0, download.output
    assert (tmp_path / "back.txt").read_bytes() == b"signed by Jane\n"


def test_a_multipart_upload_takes_its_file_from_a_path(ofsc: Invoke, tmp_path: Path) -> None:
    """A file parameter (multipart) reads @path; --dry-run names the file part without its bytes."""
    (tmp_path / "plugin.xml").write_text("<plugin/>", encoding="utf-8")

    result = ofsc("metadata", "import-plugin", "--plugin-file", "@plugin.xml", "--dry-run")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("POST ") and "[file pluginFile]" in result.stdout
