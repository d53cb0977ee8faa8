"""``OFSC`` and ``AsyncOFSC``: the clients users meet.

Each is a client core (:mod:`ofsc._base_client`) plus the API families as typed attributes
(``client.core``, ``client.metadata``, ...; generated in ``ofsc_generated.clients``), built
on first use so that importing ``ofsc`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofsc_generated.clients import AsyncFamilies, SyncFamilies

from ._base_client import AsyncClient, SyncClient
from ._pagination import Page, apaginate, paginate

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

    from ofsc_generated.raw import AsyncRawFamilies, RawFamilies

    from .bulk import AsyncBulk, Extract, SyncBulk


class OFSC(SyncClient, SyncFamilies):
    """The blocking client.

    ``OFSC(instance="acme", client_id="...", client_secret="...")``, or ``OFSC()`` to read
    everything from ``OFSC_*`` environment variables and ``config.toml``. Use it as a
    context manager, or call :meth:`close`, to release its connections.
    """

    if TYPE_CHECKING:  # the runtime's property is BaseClient's; this says what it gives

        @property
        def with_raw_response(self) -> RawFamilies:
            """This client answering each call with its :class:`~ofsc.RawResponse`:
            ``client.with_raw_response.core.get_activity(activity_id=1)`` is a
            ``RawResponse[Activity]``, whose ``.parse()`` is the ``Activity``."""

    def paginate[T](self, method: Callable[..., Page[T]], /, **kwargs: Any) -> Iterator[T]:
        """Every item of a paged list operation, fetched page after page.

        ``for zone in client.paginate(client.metadata.get_workzones, limit=100): ...``
        A failed page raises; operations without a reliable end signal raise ``TypeError``.
        """
        return paginate(method, kwargs)

    @property
    def extract(self) -> Extract:
        """Large lists within OFS's limits, resumable (:mod:`ofsc.bulk`)."""
        from .bulk._extract import extract_of

        return extract_of(self)

    @property
    def bulk(self) -> SyncBulk:
        """Mass updates through OFS's bulk operations, with a report per item (:mod:`ofsc.bulk`)."""
        from .bulk._bulk import bulk_of

        result: SyncBulk = bulk_of(self)
        return result


class AsyncOFSC(AsyncClient, AsyncFamilies):
    """The async client; the same arguments as :class:`OFSC`.

    ``async with AsyncOFSC(...) as client: await client.core.get_activity(activity_id=1)``
    """

    if TYPE_CHECKING:

        @property
        def with_raw_response(self) -> AsyncRawFamilies:
            """This client answering each call with its :class:`~ofsc.RawResponse`:
            ``await client.with_raw_response.core.get_activity(activity_id=1)`` is a
            ``RawResponse[Activity]``, whose ``.parse()`` is the ``Activity``."""

    def paginate[T](
        self, method: Callable[..., Awaitable[Page[T]]], /, *, concurrency: int = 4, **kwargs: Any
    ) -> AsyncIterator[T]:
        """Every item of a paged list operation. Once the first page tells the total, up to
        ``concurrency`` pages are fetched at once; items still come in order."""
        return apaginate(method, kwargs, concurrency=concurrency)

    @property
    def extract(self) -> Extract:
        """Large lists within OFS's limits, resumable (:mod:`ofsc.bulk`); read with ``async for``."""
        from .bulk._extract import extract_of

        return extract_of(self)

    @property
    def bulk(self) -> AsyncBulk:
        """Mass updates through OFS's bulk operations, with a report per item (:mod:`ofsc.bulk`)."""
        from .bulk._bulk import bulk_of

        result: AsyncBulk = bulk_of(self)
        return result
