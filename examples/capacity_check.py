r"""Book an activity only if its capacity area has the time for it.

    python examples/capacity_check.py AREA --bucket BUCKET --type install --duration 90
    python examples/capacity_check.py north --bucket north_bucket --type repair --duration 45 \
        --date 2025-06-02 --category REPAIR

OFS is asked how many minutes of work its resources in the capacity area (optionally: for
one capacity category) can still take on that date. When that covers the activity's
duration, the activity is created in the bucket; otherwise nothing is booked and the exit
status is 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from ofsc import OFSC

if TYPE_CHECKING:
    from ofsc_generated.models import CapacityList


def free_minutes(capacity: CapacityList, category: str | None = None) -> int:
    """The minutes still available: for the whole day (the default time interval "all"),
    summed over the areas in the answer, for one capacity category if given."""
    total = 0
    for day in capacity.items or []:
        for area in day.areas or []:
            scopes = [c for c in area.categories or [] if c.label == category] if category else [area]
            for scope in scopes:
                if scope.available and scope.available.minutes:
                    # One number per time interval asked for: here the one interval "all".
                    total += scope.available.minutes[0]
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("area", help="the capacity area label")
    parser.add_argument("--bucket", required=True, help="the bucket to book the activity into")
    parser.add_argument("--type", required=True, dest="activity_type", help="the activity type label")
    parser.add_argument("--duration", type=int, required=True, help="the activity's duration in minutes")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today() + dt.timedelta(days=1))
    parser.add_argument("--category", help="the capacity category the activity needs")
    args = parser.parse_args()

    with OFSC() as client:
        capacity = client.capacity.get_available_capacity(
            dates=[args.date.isoformat()],
            areas=[args.area],
            categories=[args.category] if args.category else None,
        )
        available = free_minutes(capacity, args.category)
        if available < args.duration:
            print(f"no capacity: {available} of {args.duration} minutes free in {args.area} on {args.date}")
            return 2
        activity = client.core.create_activity(
            body={
                "resourceId": args.bucket,
                "activityType": args.activity_type,
                "date": args.date.isoformat(),
                "duration": args.duration,
            }
        )
    print(f"booked activity {activity.activity_id} on {args.date} ({available} minutes were free)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
