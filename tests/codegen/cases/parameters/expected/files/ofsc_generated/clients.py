"""The API families as typed attributes of the clients (``client.core``, ``client.metadata``, ...).

Each family's endpoint module is imported the first time its attribute is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from ofsc._resource import FamilyAccess

if TYPE_CHECKING:
    from .resources.core import AsyncCoreAPI, CoreAPI


class SyncFamilies(FamilyAccess):
    @property
    def core(self) -> CoreAPI:
        """The `core` API (1 operations)."""
        return cast("CoreAPI", self._family("core"))


class AsyncFamilies(FamilyAccess):
    _FAMILY_INDEX = 1

    @property
    def core(self) -> AsyncCoreAPI:
        """The `core` API (1 operations)."""
        return cast("AsyncCoreAPI", self._family("core"))
