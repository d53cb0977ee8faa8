"""Instance configuration as code, between two mock instances ("test" and "prod").

Both mocks share a seed, so what the mock samples rather than stores (work skill
conditions, routing profiles) is the same on both; what differs is what each one stores.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ofsc import setup
from ofsc.testing import MockOFS


def named(name: str) -> list[dict[str, str]]:
    return [{"language": "en", "name": name}]


TEST: dict[str, Any] = {
    "workSkills": [
        {
            "label": "EL",
            "name": "Electric",
            "active": True,
            "sharing": "maximal",
            "translations": named("Electric"),
        },
        {"label": "GAS", "name": "Gas", "active": True, "sharing": "summary", "translations": named("Gas")},
    ],
    "workSkillGroups": [
        {
            "label": "UTIL",
            "name": "Utilities",
            "assignToResource": True,
            "addToCapacityCategory": False,
            "active": True,
            "workSkills": [{"label": "EL", "ratio": 100}, {"label": "GAS", "ratio": 50}],
            "translations": named("Utilities"),
        }
    ],
    "activityTypeGroups": [{"label": "install", "name": "Install", "translations": named("Install")}],
    "activityTypes": [
        {
            "label": "fiber",
            "name": "Fiber",
            "active": True,
            "groupLabel": "install",
            "defaultDuration": 60,
            "translations": named("Fiber"),
            "links": [{"rel": "canonical", "href": "https://acme.example/fiber"}],
        }
    ],
    "shifts": [
        {
            "label": "day",
            "name": "Day",
            "active": True,
            "type": "regular",
            "workTimeStart": "08:00:00",
            "workTimeEnd": "17:00:00",
        }
    ],
    "resourceTypes": [{"label": "TECH", "name": "Technician", "active": True, "role": "field_resource"}],
    "applications": [
        {
            "label": "erp",
            "name": "ERP",
            "status": "active",
            "tokenService": "ofsc",
            "resourcesToAllow": [],
            "IPAddressesToAllow": [],
            "clientSecret": "do-not-export",
        }
    ],
}

PROD: dict[str, Any] = {
    "workSkills": [
        {
            "label": "EL",
            "name": "Electricity",
            "active": False,
            "sharing": "maximal",
            "translations": named("Electricity"),
        },
        {"label": "OLD", "name": "Old", "active": True, "sharing": "maximal", "translations": named("Old")},
    ],
    "shifts": [
        {
            "label": "night",
            "name": "Night",
            "active": True,
            "type": "regular",
            "workTimeStart": "22:00:00",
            "workTimeEnd": "06:00:00",
        }
    ],
    "resourceTypes": [{"label": "TECH", "name": "Technician", "active": True, "role": "field_resource"}],
}


@pytest.fixture
def test_mock() -> MockOFS:
    return MockOFS(seed=3, fixture=TEST)


@pytest.fixture
def prod_mock() -> MockOFS:
    return MockOFS(seed=3, fixture=PROD, check_references=True)


def files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*.json"))}


def writes(mock: MockOFS) -> list[str]:
    return [f"{c.method} {c.path}" for c in mock.calls if c.method != "GET"]


def test_export_apply_export_gives_identical_folders(
    test_mock: MockOFS, prod_mock: MockOFS, tmp_path: Path
) -> None:
    """Exporting test, applying the export to prod and exporting prod gives the same files
    (except what only prod holds, which is kept unless deletion is asked); a second apply
    writes nothing."""
    with test_mock.client() as test, prod_mock.client() as prod:
        setup.export(test, tmp_path / "test")
        report = setup.apply(
            setup.plan(setup.read_folder(tmp_path / "test"), setup.export(prod), delete=True), prod
        )
        assert report.ok, report.report()
        setup.export(prod, tmp_path / "prod")
        assert files(tmp_path / "prod") == files(tmp_path / "test")

        written = len(writes(prod_mock))
        again = setup.plan(setup.read_folder(tmp_path / "test"), setup.export(prod), delete=True)
        assert again.steps == () and again.kept == ()
        assert setup.apply(again, prod).results == ()
        assert len(writes(prod_mock)) == written


def test_export_is_canonical_and_leaves_out_volatile_fields_and_secrets(
    test_mock: MockOFS, tmp_path: Path
) -> None:
    """An export has one sorted-key JSON file per object, no links, no secrets, and two
    exports of the same instance are byte-identical."""
    with test_mock.client() as test:
        setup.export(test, tmp_path / "a")
        setup.export(test, tmp_path / "b")
    assert files(tmp_path / "a") == files(tmp_path / "b")
    fiber = (tmp_path / "a" / "activityTypes" / "fiber.json").read_text()
    assert "links" not in json.loads(fiber)
    assert list(json.loads(fiber)) == sorted(json.loads(fiber))
    erp = json.loads((tmp_path / "a" / "applications" / "erp.json").read_text())
    assert "clientSecret" not in erp and erp["name"] == "ERP"
    assert "do-not-export" not in "".join(files(tmp_path / "a").values())


def test_plan_writes_what_an_object_refers_to_first(test_mock: MockOFS, prod_mock: MockOFS) -> None:
    """A plan writes skills before the skill groups naming them and an activity type's group
    before the type; the prod mock refuses a write whose reference does not exist, so the
    plan applies cleanly while the same steps in reverse order fail."""
    with test_mock.client() as test, prod_mock.client() as prod:
        wanted, current = setup.export(test), setup.export(prod)
        steps = setup.plan(wanted, current)
        labels = [step.label for step in steps.steps]
        assert labels.index("create activityTypeGroups/install") < labels.index("create activityTypes/fiber")
        assert labels.index("create workSkills/GAS") < labels.index("create workSkillGroups/UTIL")

        reversed_plan = setup.Plan(tuple(reversed(steps.writes)))
        refused = setup.apply(reversed_plan, prod, stop_on_error=False)
        failed = {r.step.label for r in refused.results if r.outcome == "failed"}
        assert {"create activityTypes/fiber", "create workSkillGroups/UTIL"} <= failed

        fresh = setup.plan(wanted, setup.export(prod))
        assert setup.apply(fresh, prod).ok


def test_a_failure_mid_apply_stops_reports_and_resumes(test_mock: MockOFS, prod_mock: MockOFS) -> None:
    """A failed write stops the apply: the report names the failed step and what was not
    attempted; applying a new plan afterwards carries on with only what is left."""
    prod_mock.faults.add("*/activityTypeGroups/*", "PUT", status=500, count=1)
    with test_mock.client() as test, prod_mock.client(max_retries=0) as prod:
        wanted = setup.export(test)
        first = setup.apply(setup.plan(wanted, setup.export(prod)), prod)
        assert not first.ok
        outcomes = {r.step.label: r.outcome for r in first.results}
        assert outcomes["create activityTypeGroups/install"] == "failed"
        assert outcomes["create activityTypes/fiber"] == "not attempted"
        assert outcomes["create workSkills/GAS"] == "done"
        assert "failed: create activityTypeGroups/install" in first.report()

        rest = setup.plan(wanted, setup.export(prod))
        assert "create workSkills/GAS" not in [s.label for s in rest.steps]
        assert "create activityTypes/fiber" in [s.label for s in rest.steps]
        assert setup.apply(rest, prod).ok
        assert setup.plan(wanted, setup.export(prod)).steps == ()


def test_nothing_is_deleted_unless_asked(test_mock: MockOFS, prod_mock: MockOFS) -> None:
    """Objects only the target holds are listed as kept; with delete=True they are deleted
    where the API can delete them, and the rest become manual steps."""
    with test_mock.client() as test, prod_mock.client() as prod:
        wanted, current = setup.export(test), setup.export(prod)
        kept = setup.plan(wanted, current)
        assert {(c.kind, c.key) for c in kept.kept} >= {("workSkills", "OLD"), ("shifts", "night")}
        assert not [s for s in kept.steps if s.action == "delete"]

        deleting = setup.plan(wanted, current, delete=True)
        deletes = [s.label for s in deleting.steps if s.action == "delete"]
        assert deletes.index("delete shifts/night") < len(deletes)
        assert "delete workSkills/OLD" in deletes
        # deletes come after every write, dependents first
        assert deleting.steps[-len(deletes) :] == tuple(s for s in deleting.steps if s.action == "delete")
        assert setup.apply(deleting, prod).ok
        assert prod_mock.store.get("workSkills", "OLD") is None


def test_what_the_api_cannot_write_is_a_manual_step(test_mock: MockOFS, prod_mock: MockOFS) -> None:
    """A read-only kind that differs appears in the plan as a manual step, never attempted."""
    prod_mock.store.add(
        "resourceTypes", {"label": "TECH", "name": "Field tech", "active": True, "role": "field_resource"}
    )
    with test_mock.client() as test, prod_mock.client() as prod:
        steps = setup.plan(setup.export(test), setup.export(prod))
        manual = [s for s in steps.steps if s.kind == "resourceTypes"]
        assert [s.action for s in manual] == ["manual"] and "admin screens" in manual[0].reason
        before = len(writes(prod_mock))
        report = setup.apply(setup.Plan(tuple(manual)), prod)
        assert [r.outcome for r in report.results] == ["manual"] and len(writes(prod_mock)) == before


def test_diff_reports_field_by_field(test_mock: MockOFS, prod_mock: MockOFS) -> None:
    """A diff names each object only in one side, and each changed field with both values."""
    with test_mock.client() as test, prod_mock.client() as prod:
        changes = setup.diff(setup.export(test), setup.export(prod))
    by_key = {(c.kind, c.key): c for c in changes}
    assert by_key[("workSkills", "GAS")].action == "create"
    assert by_key[("workSkills", "OLD")].action == "delete"
    el = by_key[("workSkills", "EL")]
    assert el.action == "update"
    assert setup.FieldChange("active", False, True) in el.fields
    report = setup.diff_report(changes, "test", "prod")
    assert "~ workSkills/EL" in report and "active: false -> true" in report


@pytest.mark.parametrize("key", ["../escape", "a/b", "..", ".", "x.json", "ünï cödé"])
def test_odd_keys_stay_inside_their_folder(key: str, tmp_path: Path) -> None:
    """A key from the server never names a file outside its kind's folder, and reads back."""
    snapshot = {"shifts": {key: {"label": key, "active": True}}}
    setup.write_folder(snapshot, tmp_path / "out")
    written = list((tmp_path / "out").rglob("*.json"))
    assert len(written) == 1 and written[0].parent == tmp_path / "out" / "shifts"
    assert setup.read_folder(tmp_path / "out")["shifts"] == {key: {"label": key, "active": True}}


def test_a_folder_that_is_not_an_export_is_refused(tmp_path: Path) -> None:
    """Reading a folder with an unknown kind, a file named for another key or broken JSON
    raises SnapshotError naming the file."""
    (tmp_path / "shifts").mkdir()
    (tmp_path / "shifts" / "day.json").write_text('{"label": "night"}')
    with pytest.raises(setup.SnapshotError, match=r"day\.json.*'night'"):
        setup.read_folder(tmp_path)
    (tmp_path / "shifts" / "day.json").write_text("{")
    with pytest.raises(setup.SnapshotError, match="not readable JSON"):
        setup.read_folder(tmp_path)
    (tmp_path / "shifts" / "day.json").unlink()
    (tmp_path / "widgets").mkdir()
    with pytest.raises(setup.SnapshotError, match="not a configuration kind"):
        setup.read_folder(tmp_path)


async def test_async_export_and_apply_match_the_sync_ones(
    test_mock: MockOFS, prod_mock: MockOFS, tmp_path: Path
) -> None:
    """aexport/aapply run the same flows as export/apply."""
    async with test_mock.async_client() as test, prod_mock.async_client() as prod:
        wanted = await setup.aexport(test, tmp_path / "test")
        report = await setup.aapply(setup.plan(wanted, await setup.aexport(prod)), prod)
        assert report.ok
        assert setup.plan(wanted, await setup.aexport(prod)).steps == ()
    with test_mock.client() as test:
        assert setup.export(test) == wanted
