"""Stands in for ofsc 2.x in the benchmark smoke test, where the real one is not installed.

It has only what the benchmarks call, with 2.x's signatures and results:
``OFSC(clientID, companyName, secret, baseUrl=...)``, then ``.core.get_activity(id)`` and
``.core.get_users(offset=, limit=)``, each returning the decoded JSON body. Like 2.x it
opens a new connection per request.
"""

import base64
import json
import urllib.request
from typing import Any
from urllib.parse import urlencode

_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only: no proxies


class _Core:
    def __init__(self, base_url: str, authorization: str) -> None:
        self._base_url = base_url
        self._headers = {"Authorization": authorization, "Accept": "application/json"}

    def _get(self, path: str, params: dict[str, int] | None = None) -> Any:
        url = self._base_url + path + (f"?{urlencode(params)}" if params else "")
        with _opener.open(urllib.request.Request(url, headers=self._headers), timeout=30) as response:
            return json.loads(response.read())

    def get_activity(self, activity_id: int) -> Any:
        return self._get(f"/rest/ofscCore/v1/activities/{activity_id}")

    def get_users(self, offset: int = 0, limit: int = 100) -> Any:
        return self._get("/rest/ofscCore/v1/users", {"offset": offset, "limit": limit})


class OFSC:
    def __init__(self, clientID: str, companyName: str, secret: str, baseUrl: str | None = None) -> None:
        credentials = base64.b64encode(f"{clientID}@{companyName}:{secret}".encode()).decode()
        self.core = _Core(baseUrl or f"https://{companyName}.fs.ocs.oraclecloud.com", f"Basic {credentials}")
