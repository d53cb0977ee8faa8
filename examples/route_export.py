"""Export one day's route of a bucket to CSV.

    python examples/route_export.py BUCKET [--date 2025-06-02] [--out route.csv]

Every activity of the bucket and of the resources below it is fetched page by page, so a
route of any size is written in constant memory. The connection comes from the
environment (OFSC_INSTANCE, OFSC_CLIENT_ID, OFSC_CLIENT_SECRET) or config.toml.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from typing import TextIO

from ofsc import OFSC

# The activity fields to export, by their API names (also the CSV header).
COLUMNS = [
    "activityId", "resourceId", "date", "status", "activityType", "startTime", "endTime",
    "timeSlot", "customerName", "streetAddress", "city", "postalCode",
]  # fmt: skip


def export_route(client: OFSC, bucket: str, day: dt.date, out: TextIO) -> int:
    """Write the bucket's activities on ``day`` to ``out`` as CSV; return how many."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    activities = client.paginate(
        client.core.get_activities,
        resources=[bucket],
        date_from=day,
        date_to=day,
        fields=COLUMNS,  # ask only for what is exported: smaller, faster pages
        limit=1000,
    )
    count = 0
    for activity in activities:
        writer.writerow(activity.to_api())
        count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bucket", help="the bucket (or any resource) whose route to export")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(), help="YYYY-MM-DD")
    parser.add_argument("--out", default="-", help="the CSV file to write (default: standard output)")
    args = parser.parse_args()

    with OFSC() as client:
        if args.out == "-":
            count = export_route(client, args.bucket, args.date, sys.stdout)
        else:
            with open(args.out, "w", newline="", encoding="utf-8") as out:
                count = export_route(client, args.bucket, args.date, out)
    print(f"exported {count} activities of {args.bucket} on {args.date}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
