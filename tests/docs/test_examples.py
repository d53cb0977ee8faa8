"""Every script in examples/ runs, as a user would run it, against the mock OFS on loopback
and does what its docstring says."""

from __future__ import annotations

import csv
import importlib.util
import json
import sqlite3
from types import ModuleType

import pytest

from ofsc.testing import MockOFS

from .conftest import EXAMPLES, UserEnvironment

# Written and tested with the demo and the 2.x migration guide.
NOT_EXAMPLES_OF_THIS_SUITE = {"demo.py", "v2_script.py"}
DAY = "2025-06-02"


def load_example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def calls_to(mock: MockOFS, method: str, path_part: str) -> list[str]:
    return [call.path for call in mock.calls if call.method == method and path_part in call.path]


def test_every_example_is_tested() -> None:
    scripts = {path.name for path in EXAMPLES.glob("*.py")} - NOT_EXAMPLES_OF_THIS_SUITE
    tested = {name.removeprefix("test_") + ".py" for name in globals() if name.startswith("test_")}
    assert scripts <= tested, f"examples without a test: {sorted(scripts - tested)}"


def test_route_export(user_env: UserEnvironment) -> None:
    mock = user_env.mock
    mock.store.add("activities", {"activityId": 7, "resourceId": "bucket1", "date": DAY, "status": "pending",
                                  "activityType": "install", "customerName": "Jane Doe"})  # fmt: skip
    for n in range(24):
        mock.store.add("activities", {"activityId": 100 + n, "resourceId": "bucket1", "date": DAY})
    mock.store.add("activities", {"activityId": 200, "resourceId": "bucket2", "date": DAY})  # not exported:
    mock.store.add(
        "activities", {"activityId": 201, "resourceId": "bucket1", "date": "2025-06-03"}
    )  # not asked

    result = user_env.run_example("route_export.py", "bucket1", "--date", DAY, "--out", "route.csv")

    assert result.returncode == 0, result.stderr
    assert "exported 25 activities of bucket1 on 2025-06-02" in result.stderr
    with (user_env.cwd / "route.csv").open(newline="") as exported:
        rows = list(csv.DictReader(exported))
    assert [int(row["activityId"]) for row in rows] == [7, *range(100, 124)]
    assert rows[0]["customerName"] == "Jane Doe"
    (query,) = [call.query for call in mock.calls if call.operation == "get_activities"]
    assert query["resources"] == "bucket1"
    assert query["dateFrom"] == query["dateTo"] == DAY
    assert query["fields"].split(",") == load_example("route_export").COLUMNS


def test_bulk_status_update(user_env: UserEnvironment) -> None:
    user_env.mock.store.generate("activities", 3)  # ids 1, 2 and 3

    result = user_env.run_example("bulk_status_update.py", "complete", "1", "2", "3")

    assert result.returncode == 0, result.stderr
    assert "complete: 3 done, 0 failed" in result.stdout
    assert sorted(calls_to(user_env.mock, "POST", "/custom-actions/complete")) == [
        f"/rest/ofscCore/v1/activities/{n}/custom-actions/complete" for n in (1, 2, 3)
    ]


def test_bulk_status_update_reports_failures_without_replaying_them(user_env: UserEnvironment) -> None:
    user_env.mock.store.generate("activities", 3)
    user_env.mock.faults.add(path="/rest/ofscCore/v1/activities/2/custom-actions/cancel", status=500)

    result = user_env.run_example("bulk_status_update.py", "cancel", "1", "2", "3")

    assert result.returncode == 1
    assert "cancel: 2 done, 1 failed" in result.stdout
    assert "activity 2: InternalServerError" in result.stderr
    # A POST that reached the server is not sent again: it could cancel twice.
    assert len(calls_to(user_env.mock, "POST", "/activities/2/custom-actions/cancel")) == 1


def test_provision_users(user_env: UserEnvironment) -> None:
    store = user_env.mock.store
    store.add("users", {"login": "jdoe", "name": "J. Doe", "userType": "technician", "language": "en",
                        "timeZone": "Eastern", "resources": ["tech1"]})  # fmt: skip
    (user_env.cwd / "users.csv").write_text(
        "login,name,userType,language,timeZone,resources\n"
        "jdoe,Jane Doe,technician,en,Eastern,tech1\n"
        "asmith,Al Smith,dispatcher,en,Pacific,tech2 tech3\n"
    )

    first = user_env.run_example("provision_users.py", "users.csv")
    second = user_env.run_example("provision_users.py", "users.csv")

    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == ["jdoe: updated name", "asmith: created"]
    assert second.stdout.splitlines() == ["jdoe: unchanged", "asmith: unchanged"]
    created = store.get("users", "asmith")
    assert created is not None
    assert (created["name"], created["userType"], created["resources"]) == (
        "Al Smith",
        "dispatcher",
        ["tech2", "tech3"],
    )
    assert store.get("users", "jdoe")["name"] == "Jane Doe"  # type: ignore[index]


@pytest.mark.parametrize("fits", [True, False], ids=["capacity", "no-capacity"])
def test_capacity_check(fits: bool, user_env: UserEnvironment) -> None:
    # What the mock answers is sampled (deterministic per seed): ask it first, then book an
    # activity that just fits, or one minute longer.
    with user_env.mock.client(user_env.base_url) as client:
        answer = client.capacity.get_available_capacity(dates=[DAY], areas=["north"])
    free = load_example("capacity_check").free_minutes(answer)
    assert free > 0
    duration = free if fits else free + 1

    result = user_env.run_example(
        "capacity_check.py",
        "north",
        "--bucket",
        "bucket1",
        "--type",
        "install",
        "--duration",
        str(duration),
        "--date",
        DAY,
    )

    booked = user_env.mock.store.items("activities")
    if fits:
        assert result.returncode == 0, result.stderr
        (activity,) = booked
        assert result.stdout.startswith(
            f"booked activity {activity['activityId']} on {DAY} ({free} minutes were free)"
        )
        assert (activity["resourceId"], activity["activityType"], activity["duration"]) == (
            "bucket1",
            "install",
            free,
        )
    else:
        assert result.returncode == 2, result.stderr
        assert f"no capacity: {free} of {duration} minutes free in north on {DAY}" in result.stdout
        assert booked == []


def test_parallel_pagination(user_env: UserEnvironment) -> None:
    resources = user_env.mock.store.generate("resources", 230)

    result = user_env.run_example("parallel_pagination.py", "--out", "resources.jsonl", "--page-size", "50")

    assert result.returncode == 0, result.stderr
    assert "wrote 230 resources to resources.jsonl" in result.stdout
    lines = (user_env.cwd / "resources.jsonl").read_text().splitlines()
    assert [json.loads(line)["resourceId"] for line in lines] == [r["resourceId"] for r in resources]
    offsets = sorted(int(c.query["offset"]) for c in user_env.mock.calls if c.operation == "get_resources")
    assert offsets == [0, 50, 100, 150, 200]


def test_download_file_property(user_env: UserEnvironment) -> None:
    photo = bytes(range(256)) * 400
    user_env.mock.store.add(
        "activities", {"activityId": 42, "resourceId": "tech1", "activityType": "install"}
    )
    user_env.mock.store.set_file("activities", 42, "photo", photo, "image/jpeg", "site-photo.jpg")

    result = user_env.run_example("download_file_property.py", "42", "photo", "--out-dir", "downloads")

    assert result.returncode == 0, result.stderr
    assert (user_env.cwd / "downloads" / "site-photo.jpg").read_bytes() == photo
    assert f"saved {len(photo)} bytes (image/jpeg)" in result.stdout


def test_oauth2(user_env: UserEnvironment) -> None:
    types = user_env.mock.store.generate("activityTypes", 3)

    result = user_env.run_example("oauth2.py")

    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == [t["label"] for t in types]
    assert "with 1 token request(s)" in result.stderr
    api_calls = [c for c in user_env.mock.calls if c.operation == "get_activity_types"]
    assert api_calls and all(c.headers["authorization"].startswith("Bearer ") for c in api_calls)
    assert user_env.mock.tokens_issued == 1


def test_events_mirror(user_env: UserEnvironment) -> None:
    mock = user_env.mock
    first = user_env.run_example("events_mirror.py", "--until-idle")  # subscribes
    assert first.returncode == 0, first.stderr
    assert "mirrored 0 activity events" in first.stderr
    with mock.client(user_env.base_url) as client:
        for resource in ("tech1", "tech2", "tech3"):
            client.core.create_activity(
                body={"activityType": "install", "resourceId": resource, "date": DAY, "status": "pending"}
            )
        client.core.update_activity(activity_id=1, body={"resourceId": "tech9"})  # moved
        client.core.complete_activity(activity_id=2, body={})
        client.core.delete_activity(activity_id=3)

    second = user_env.run_example("events_mirror.py", "--until-idle")
    third = user_env.run_example("events_mirror.py", "--until-idle")  # resumes: nothing new

    assert second.returncode == 0, second.stderr
    assert "mirrored 6 activity events into mirror.db" in second.stderr
    assert "mirrored 0 activity events" in third.stderr
    db = sqlite3.connect(user_env.cwd / "mirror.db")
    rows = db.execute(
        "SELECT activityId, resourceId, status, activityType, lastEvent FROM activities"
    ).fetchall()
    assert rows == [(1, "tech9", "pending", "install", "activityMoved"),
                    (2, "tech2", "completed", "install", "activityCompleted")]  # fmt: skip
    assert db.execute("SELECT count(*) FROM ofsc_event_checkpoints").fetchone() == (1,)
    assert len(mock.events.active) == 1
