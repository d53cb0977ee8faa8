"""Drives ofsc 2.x for the benchmarks, inside the 2.x virtualenv.

Runs under that virtualenv's Python and imports nothing from this project, so the 2.x
package is never installed beside ofsc 3. It reads one JSON command per line on stdin
and answers each with one JSON line on stdout:

- ``{"do": "versions"}``: the installed versions of ofsc and requests;
- ``{"do": "get_activity", "base_url": URL, "calls": N}``: seconds per
  ``core.get_activity`` call, over N calls;
- ``{"do": "all_users", "base_url": URL, "limit": 100}``: seconds to fetch every user,
  paging by hand as 2.x scripts do, and how many came back.

``--path DIR`` puts DIR first on ``sys.path`` (to drive a stand-in package instead).
"""

import importlib
import json
import sys
import time
from importlib import metadata
from typing import Any

ACTIVITY_ID = 4225274
_clients: dict[str, Any] = {}


def client(base_url: str) -> Any:
    if base_url not in _clients:
        ofsc = importlib.import_module("ofsc")  # 2.x: positional (clientID, companyName, secret)
        _clients[base_url] = ofsc.OFSC("bench", "acme", "secret", baseUrl=base_url)
    return _clients[base_url]


def all_users(api: Any, limit: int) -> list[Any]:
    """2.x has no paginator: scripts loop on offset until the server says there is no more."""
    users: list[Any] = []
    offset = 0
    while True:
        page = api.core.get_users(offset=offset, limit=limit)
        items = page.get("items", [])
        users.extend(items)
        offset += len(items)
        if not items or not page.get("hasMore"):
            return users


def handle(command: dict[str, Any]) -> dict[str, Any]:
    if command["do"] == "versions":
        versions = {}
        for name in ("ofsc", "requests"):
            try:
                versions[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                versions[name] = "not installed"
        return versions
    api = client(command["base_url"])
    if command["do"] == "get_activity":
        calls = command["calls"]
        start = time.perf_counter()
        for _ in range(calls):
            api.core.get_activity(ACTIVITY_ID)
        return {"seconds_per_call": (time.perf_counter() - start) / calls}
    if command["do"] == "all_users":
        start = time.perf_counter()
        users = all_users(api, command["limit"])
        return {"seconds": time.perf_counter() - start, "items": len(users)}
    raise ValueError(f"unknown command {command['do']!r}")


def main() -> None:
    if sys.argv[1:2] == ["--path"]:
        sys.path.insert(0, sys.argv[2])
    for line in sys.stdin:
        print(json.dumps(handle(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
