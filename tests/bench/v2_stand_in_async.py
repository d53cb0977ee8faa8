"""Stands in for ofsc 2.x's ``ofsc.async_client`` in the benchmark smoke test.

It has only what the benchmarks call, with 2.x's signatures and result shapes:
``AsyncOFSC(clientID=, companyName=, secret=, baseUrl=)``, usable only inside
``async with``, then ``.core.get_activity(id)`` (an object with the activity's fields as
attributes) and ``.core.get_users(offset=, limit=)`` (``items``, ``hasMore``,
``totalResults``). Like 2.x it sends through one ``httpx.AsyncClient``.
"""

import base64
from types import SimpleNamespace
from typing import Any, Self

import httpx


class _Core:
    def __init__(self, client: httpx.AsyncClient, base_url: str) -> None:
        self._client = client
        self._base_url = base_url

    async def _get(self, path: str, params: dict[str, int] | None = None) -> Any:
        response = await self._client.get(self._base_url + path, params=params)
        response.raise_for_status()
        return response.json()

    async def get_activity(self, activity_id: int) -> Any:
        return SimpleNamespace(**await self._get(f"/rest/ofscCore/v1/activities/{activity_id}"))

    async def get_users(self, offset: int = 0, limit: int = 100) -> Any:
        page = await self._get("/rest/ofscCore/v1/users", {"offset": offset, "limit": limit})
        return SimpleNamespace(
            items=[SimpleNamespace(**user) for user in page["items"]],
            hasMore=page.get("hasMore", False),
            totalResults=page.get("totalResults", -1),
        )


class AsyncOFSC:
    def __init__(self, clientID: str, companyName: str, secret: str, baseUrl: str | None = None) -> None:
        credentials = base64.b64encode(f"{clientID}@{companyName}:{secret}".encode()).decode()
        self._headers = {"Authorization": f"Basic {credentials}", "Accept": "application/json"}
        self._base_url = baseUrl or f"https://{companyName}.fs.ocs.oraclecloud.com"
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Self:
        self._client = httpx.AsyncClient(headers=self._headers, trust_env=False)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    @property
    def core(self) -> _Core:
        if self._client is None:
            raise RuntimeError("AsyncOFSC must be used as an async context manager")
        return _Core(self._client, self._base_url)
