"""Create or update users from a CSV file.

    python examples/provision_users.py users.csv [--dry-run]

The CSV has a header row with the columns login, name, userType, language, timeZone and
resources (resource ids separated by spaces); other columns are ignored. A user that does
not exist yet is created with every column; an existing user gets only the changed values,
so running the script twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any

from ofsc import OFSC, NotFoundError

FIELDS = ("name", "userType", "language", "timeZone")


def desired_user(row: dict[str, str]) -> dict[str, Any]:
    """The user a CSV row describes, in the API's field names."""
    user: dict[str, Any] = {name: row[name] for name in FIELDS if row.get(name)}
    if row.get("resources"):
        user["resources"] = row["resources"].split()
    return user


def provision(client: OFSC, rows: list[dict[str, str]], *, dry_run: bool = False) -> dict[str, str]:
    """Bring each user in line with its row; return what happened per login."""
    outcome: dict[str, str] = {}
    for row in rows:
        login, wanted = row["login"], desired_user(row)
        try:
            current = client.core.get_user(login=login).to_api()
        except NotFoundError:
            if not dry_run:
                client.core.create_user(login=login, body=wanted)
            outcome[login] = "created"
            continue
        changes = {name: value for name, value in wanted.items() if current.get(name) != value}
        if changes and not dry_run:
            client.core.update_user(login=login, body=changes)
        outcome[login] = f"updated {', '.join(sorted(changes))}" if changes else "unchanged"
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv_file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="only report what would change")
    args = parser.parse_args()
    with args.csv_file.open(newline="", encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    with OFSC() as client:
        for login, what in provision(client, rows, dry_run=args.dry_run).items():
            print(f"{login}: {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
