"""Realistic OFS response bodies for the benchmark server and the validation figure.

The activity is the size and shape of what a real instance returns for
``GET /activities/{id}`` (about 2 KB, including a few custom properties the spec does not
know); list pages follow OFS's envelope (``items``, ``totalResults``, ``hasMore``,
``offset``, ``limit``, ``links``).
"""

from __future__ import annotations

import json
from typing import Any

BASE = "/rest/ofscCore/v1"


def activity(activity_id: int = 4225274) -> dict[str, Any]:
    return {
        "activityId": activity_id,
        "apptNumber": f"WO-{activity_id:08d}",
        "activityType": "LU",
        "status": "pending",
        "recordType": "regular",
        "resourceId": "33011",
        "resourceInternalId": 5000045,
        "resourceTimeZone": "Eastern",
        "resourceTimeZoneIANA": "America/New_York",
        "resourceTimeZoneDiff": -240,
        "date": "2025-06-25",
        "startTime": "2025-06-25 09:32:00",
        "endTime": "2025-06-25 10:56:00",
        "serviceWindowStart": "09:00:00",
        "serviceWindowEnd": "12:00:00",
        "slaWindowStart": "2025-06-25 08:00:00",
        "slaWindowEnd": "2025-06-25 17:00:00",
        "timeSlot": "09-12",
        "timeOfBooking": "2025-06-20 14:11:37",
        "timeOfAssignment": "2025-06-24 18:02:10",
        "duration": 84,
        "travelTime": 21,
        "positionInRoute": 3,
        "workZone": "ALTAMONTE_SPRINGS",
        "timeZone": "Eastern",
        "timeZoneIANA": "America/New_York",
        "language": "en",
        "languageISO": "en-US",
        "customerNumber": f"C{activity_id % 100000:05d}",
        "customerName": "Edwin Beaumont-Hargreaves",
        "customerEmail": "edwin.beaumont@example.com",
        "customerPhone": "+1 407 555 0142",
        "customerCell": "+1 407 555 0199",
        "streetAddress": "1200 Maitland Center Commons Blvd, Suite 410",
        "city": "Altamonte Springs",
        "stateProvince": "FL",
        "postalCode": "32714",
        "countryCode": "US",
        "latitude": 28.6611273,
        "longitude": -81.3653457,
        "coordinateAccuracy": "exact",
        "points": 12,
        "reminderTime": 30,
        "accessSchedule": '{"schedule":[{"daysOfWeek":["Mon","Tue","Wed","Thu","Fri"],"hours":[["08:00","17:00"]]}]}',
        "firstManualOperation": "2025-06-24 18:02:10",
        "firstManualOperationUser": "dispatcher.jones",
        "travelEstimationMethod": "based_on_activity_travel_stats",
        "activityFlow": "standard",
        # Custom properties: not in the spec, kept by the models' extra="allow".
        "XA_CASE_ACCOUNT": "ACME-SOUTHEAST-0042",
        "XA_EQUIPMENT": "Split system heat pump, 3.5 ton, serial HP-22-99817-B",
        "XA_PROBLEM_DESCRIPTION": (
            "Customer reports the unit short-cycles in the afternoon and the outdoor fan "
            "stops intermittently. Previous visit replaced the capacitor; check contactor "
            "and refrigerant charge, and confirm the thermostat wiring."
        ),
        "XA_PRIORITY": "2",
        "XA_CONTRACT": "GOLD-24x7",
        "links": [
            {"rel": "canonical", "href": f"https://acme.fs.ocs.oraclecloud.com{BASE}/activities/{activity_id}"},
            {"rel": "describedby", "href": "https://acme.fs.ocs.oraclecloud.com/rest/ofscCore/v1/metadata-catalog/activities"},
        ],
    }  # fmt: skip


def user(index: int) -> dict[str, Any]:
    login = f"tech.{index:05d}"
    return {
        "login": login,
        "name": f"Technician {index:05d}",
        "status": "active",
        "userType": "technician",
        "language": "en",
        "timeZone": "Eastern",
        "timeZoneIANA": "America/New_York",
        "timeZoneDiff": -240,
        "dateFormat": "mm/dd/yy",
        "longDateFormat": "weekday, month dd",
        "timeFormat": "12-hour",
        "weekStart": "sunday",
        "mainResourceId": f"{33000 + index}",
        "resources": [f"{33000 + index}"],
        "selfAssignment": False,
        "createdTime": "2023-02-01 10:00:00",
        "lastUpdatedTime": "2025-06-01 08:15:00",
        "lastLoginTime": "2025-06-24 07:55:12",
        "loginAttempts": 0,
        "passwordTemporary": False,
    }


def resource(index: int) -> dict[str, Any]:
    return {
        "resourceId": f"{33000 + index}",
        "resourceInternalId": 5000000 + index,
        "parentResourceId": "FLUSA",
        "resourceType": "PR",
        "name": f"Technician {index:05d}",
        "status": "active",
        "organization": "default",
        "email": f"tech.{index:05d}@example.com",
        "phone": "+1 407 555 0100",
        "language": "en",
        "timeZone": "Eastern",
        "timeZoneIANA": "America/New_York",
        "timeZoneDiff": -240,
        "dateFormat": "mm/dd/yy",
        "timeFormat": "12-hour",
        "durationStatisticsInitialRatio": 1.0,
    }


LISTS = {"users": user, "resources": resource}


def page(collection: str, total: int, offset: int, limit: int) -> dict[str, Any]:
    """One page of ``collection`` (``users`` or ``resources``) out of ``total`` items."""
    limit = min(max(limit, 1), 100) if limit else 100
    offset = max(offset, 0)
    end = min(offset + limit, total)
    return {
        "items": [LISTS[collection](i) for i in range(offset, end)],
        "totalResults": total,
        "hasMore": end < total,
        "offset": offset,
        "limit": limit,
        "links": [{"rel": "canonical", "href": f"{BASE}/{collection}?offset={offset}&limit={limit}"}],
    }


def encode(document: Any) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode()
