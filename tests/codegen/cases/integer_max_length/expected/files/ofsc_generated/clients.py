"""The API families as typed attributes of the clients (``client.core``, ``client.metadata``, ...).

Each family's endpoint module is imported the first time its attribute is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from ofsc._resource import FamilyAccess

if TYPE_CHECKING:
    from .resources.statistics import AsyncStatisticsAPI, StatisticsAPI


class SyncFamilies(FamilyAccess):
    @property
    def statistics(self) -> StatisticsAPI:
        """The `statistics` API (1 operations)."""
        return cast("StatisticsAPI", self._family("statistics"))


class AsyncFamilies(FamilyAccess):
    _FAMILY_INDEX = 1

    @property
    def statistics(self) -> AsyncStatisticsAPI:
        """The `statistics` API (1 operations)."""
        return cast("AsyncStatisticsAPI", self._family("statistics"))
