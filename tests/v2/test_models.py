"""The 2.x models: every exported name resolves; aliases of the generated models answer to the
2.x attribute names; envelopes and the compatibility models behave as in 2.x."""

from __future__ import annotations

import datetime as dt
import json
import warnings

import pydantic
import pytest

import ofsc_generated.models as generated
from ofsc.v2 import models

from .conftest import SURFACE


@pytest.mark.parametrize("name", SURFACE["models_exported"])
def test_every_2x_model_name_resolves(name: str) -> None:
    value = getattr(models, name)
    assert value is not None
    assert name in models.__all__


def test_the_export_list_is_the_2x_one() -> None:
    assert sorted(models.__all__) == sorted(SURFACE["models_exported"])


def test_an_alias_is_the_generated_model_with_2x_attribute_names() -> None:
    zone = models.Workzone(workZoneLabel="ALTAMONTE", workZoneName="Altamonte", status="active")
    assert isinstance(zone, generated.WorkZone)
    assert zone.workZoneLabel == zone.work_zone_label == "ALTAMONTE"
    zone.workZoneLabel = "OVIEDO"
    assert zone.work_zone_label == "OVIEDO"
    assert zone.model_dump(exclude_none=True) == {"workZoneLabel": "OVIEDO", "workZoneName": "Altamonte",
                                                  "status": "active"}  # fmt: skip
    with pytest.raises(AttributeError):
        _ = zone.noSuchField


def test_nested_models_are_the_2x_ones() -> None:
    kind = models.ActivityType.model_validate(
        {"label": "INST", "colors": {"notOrdered": "#fff"}, "translations": [{"name": "Install"}]}
    )
    assert isinstance(kind.colors, models.ActivityTypeColors) and kind.colors.notOrdered == "#fff"
    assert isinstance(kind.translations[0], models.Translation)
    assert kind.translations[0].language == "en"  # the 2.x default
    areas = models.CapacityAreaListResponse.model_validate(
        {"items": [{"label": "FL", "parent": {"label": "US"}}]}
    )
    assert isinstance(areas[0], models.CapacityArea) and areas[0].parent.label == "US"
    area = models.CapacityArea.model_validate(
        {"label": "FL", "type": "area", "configuration": {"byDay": "minutes"}}
    )
    assert area.type == "area" and area.configuration.byDay == "minutes"


def test_envelopes_behave_as_2x_lists() -> None:
    users = models.ResourceUsersListResponse.model_validate(
        {"items": [{"login": "chris"}, {"login": "william"}]}
    )
    assert (
        len(users) == 2 and users[1].login == "william" and [u.login for u in users] == ["chris", "william"]
    )
    assert users.users == ["chris", "william"]
    assert (users.hasMore, users.totalResults, users.offset) == (False, -1, None)
    zones = models.WorkzoneListResponse.model_validate({"items": [{"workZoneLabel": "A"}], "hasMore": True})
    assert isinstance(zones, models.OFSResponseList) and zones.hasMore
    assert models.WorkzoneList.model_validate([{"workZoneLabel": "A"}])[0].workZoneLabel == "A"


def test_compatibility_models_keep_the_2x_request_defaults() -> None:
    skill = models.Workskill(label="COM", name="Commercial", sharing="maximal")
    assert json.loads(skill.model_dump_json(exclude_none=True)) == {
        "label": "COM", "active": True, "name": "Commercial", "sharing": "maximal",
        "translations": [{"language": "en", "name": "Commercial"}],
    }  # fmt: skip
    prop = models.Property(label="XA_NOTE", name="Note", type="string")
    assert prop.translations is not None and prop.translations.map()["en"].name == "Note"
    with pytest.raises(pydantic.ValidationError, match="not a valid GUI value"):
        models.Property(label="XA_NOTE", name="Note", type="string", gui="wheel")
    item = models.ResourceWorkScheduleItem(recordType="working")
    assert item.recurrence == models.Recurrence(recurEvery=1, recurrenceType="daily")
    assert item.startDate == dt.date.today()
    with pytest.raises(pydantic.ValidationError):
        models.WorkskillAssignment(label="COM", ratio=101)


def test_request_helpers() -> None:
    csv = models.CsvList.from_list(["FLUSA", "CAUSA"])
    assert (str(csv), csv.to_list()) == ("FLUSA,CAUSA", ["FLUSA", "CAUSA"])
    request = models.CapacityRequest(dates=["2025-06-25"], areas="FLUSA,CAUSA")
    assert request.get_areas_list() == ["FLUSA", "CAUSA"] and request.get_dates_list() == ["2025-06-25"]
    params = models.GetActivitiesParams(resources=["FLUSA"], dateFrom="2025-06-25", dateTo="2025-06-26")
    assert params.to_api_params() == {"resources": "FLUSA", "includeChildren": "all", "dateFrom": "2025-06-25",
                                      "dateTo": "2025-06-26"}  # fmt: skip
    with pytest.raises(pydantic.ValidationError, match="dateFrom and dateTo"):
        models.GetActivitiesParams(dateFrom="2025-06-25")
    access = models.parse_application_api_access({"label": "capacityAPI", "name": "Capacity", "status": "active",
                                                  "apiMethods": [{"label": "quota", "status": "on"}]})  # fmt: skip
    assert isinstance(access, models.CapacityApiAccess)


def test_enums_keep_their_2x_behaviour() -> None:
    assert models.Status.active == "active"
    assert str(models.Status.active) == "Status.active"
    assert models.SharingEnum("no sharing") is models.SharingEnum.no_sharing


def test_v3_models_module_falls_back_to_2x_names() -> None:
    import ofsc.models as v3_models

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert v3_models.Activity is generated.Activity  # a name both had: the v3 model, no warning
    with pytest.warns(DeprecationWarning, match="CsvList is a 2.x model: import it from ofsc.v2.models"):
        assert v3_models.CsvList is models.CsvList
    with pytest.raises(AttributeError):
        _ = v3_models.NoSuchModel
    assert "Activity" in v3_models.__all__ and "CsvList" not in v3_models.__all__
