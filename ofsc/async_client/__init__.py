"""``ofsc.async_client``: the 2.x async API of ``ofsc``, running on the v3 async runtime.

Scripts written for the 2.x async client keep working unchanged::

    from ofsc.async_client import AsyncOFSC

    async with AsyncOFSC(clientID="...", companyName="acme", secret="...") as client:
        zones = await client.metadata.get_workzones(offset=0, limit=100)
        async for zone in client.metadata.get_all_workzones():
            ...

Every 2.x async method (213) keeps its name, parameters and return convention (always a
model, always raising the 2.x ``OFSC*Error`` exceptions, which are also the v3 exception
classes). The v3 replacement is :class:`ofsc.AsyncOFSC`; ``docs/MIGRATION.md`` gives the v3
call for each method and ``python -m ofsc.migrate`` rewrites the mechanical part.
"""

import warnings

from ..v2 import exceptions
from ..v2.exceptions import *  # noqa: F403  (the 2.x exceptions, listed in its __all__)
from ._apis import AsyncOFSCapacity, AsyncOFSCore, AsyncOFSMetadata, AsyncOFSOauth2, AsyncOFSStatistics
from ._client import AsyncOFSC
from ._http_config import HTTPClientConfig

warnings.warn(
    "ofsc.async_client is the 2.x async API, kept so that 2.x scripts run; the v3 replacement is "
    "ofsc.AsyncOFSC(instance=..., client_id=..., client_secret=...) "
    "(`python -m ofsc.migrate --report` lists the calls to change)",
    DeprecationWarning,
    stacklevel=2,
)

__all__ = [
    "AsyncOFSC",
    "AsyncOFSCapacity",
    "AsyncOFSCore",
    "AsyncOFSMetadata",
    "AsyncOFSOauth2",
    "AsyncOFSStatistics",
    "HTTPClientConfig",
]
__all__ += exceptions.__all__
