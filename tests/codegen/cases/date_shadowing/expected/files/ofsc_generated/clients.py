"""The API families as typed attributes of the clients (``client.core``, ``client.metadata``, ...).

Each family's endpoint module is imported the first time its attribute is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from ofsc._resource import FamilyAccess

if TYPE_CHECKING:
    from .resources.capacity import AsyncCapacityAPI, CapacityAPI


class SyncFamilies(FamilyAccess):
    @property
    def capacity(self) -> CapacityAPI:
        """The `capacity` API (1 operations)."""
        return cast("CapacityAPI", self._family("capacity"))


class AsyncFamilies(FamilyAccess):
    _FAMILY_INDEX = 1

    @property
    def capacity(self) -> AsyncCapacityAPI:
        """The `capacity` API (1 operations)."""
        return cast("AsyncCapacityAPI", self._family("capacity"))
