"""The objects ``python -m ofsc.testing serve`` starts with, so that the README's snippets
and the commands in the examples' docstrings run as written against it.

The ids are the ones the documentation uses: activities 4225274-4225276 of resource
``tech1`` on 2025-06-02, the bucket ``north_bucket`` above it, the user ``jdoe``; plus a few
sampled work zones, activity types and users (the same for the same seed).
"""

from __future__ import annotations

from typing import Any

DEMO_DAY = "2025-06-02"

DEMO_DATA: dict[str, Any] = {
    "resources": [
        {"resourceId": "north_bucket", "name": "North", "resourceType": "BK", "status": "active"},
        {"resourceId": "tech1", "parentResourceId": "north_bucket", "name": "Tech One",
         "resourceType": "PR", "status": "active"},
    ],
    "activities": [
        {"activityId": 4225274, "resourceId": "tech1", "activityType": "install", "status": "pending",
         "date": DEMO_DAY, "customerName": "Jane Doe", "city": "Springfield"},
        {"activityId": 4225275, "resourceId": "tech1", "activityType": "install", "status": "pending",
         "date": DEMO_DAY, "customerName": "John Roe", "city": "Springfield"},
        {"activityId": 4225276, "resourceId": "tech1", "activityType": "repair", "status": "pending",
         "date": DEMO_DAY, "customerName": "Ada Lovelace", "city": "Shelbyville"},
    ],
    "users": [{"login": "jdoe", "name": "Jane Doe", "userType": "technician", "resources": ["tech1"]}],
    "generate": {"workZones": 3, "activityTypes": 3, "users": 2},
}  # fmt: skip
