"""``ofsc.v2``: the 2.x API of ``ofsc``, running on the v3 transport.

Scripts written for ``ofsc`` 2.x keep working with their imports pointed here
(``python -m ofsc.migrate --apply script.py`` does that)::

    from ofsc.v2 import OFSC, FULL_RESPONSE

    instance = OFSC("client-id", "acme", "secret")
    zones = instance.metadata.get_workzones(offset=0, limit=100)

Every 2.x method keeps its name, arguments, defaults and return conventions
(``response_type=``, ``auto_model``, ``auto_raise``); the differences (bugs that lost data
or hid failures, now fixed) are listed in ``docs/MIGRATION.md``, with the v3 call for
each method.
"""

from . import exceptions
from ._base import OFSApi
from ._client import OFSC, OFSCV2
from ._config import OFSConfig
from .capacity import OFSCapacity
from .common import FILE_RESPONSE, FULL_RESPONSE, OBJ_RESPONSE, TEXT_RESPONSE
from .core import OFSCore
from .exceptions import *  # noqa: F403  (the 2.x exceptions, listed in its __all__)
from .metadata import OFSMetadata
from .oauth import OFSOauth2

__all__ = [
    "FILE_RESPONSE",
    "FULL_RESPONSE",
    "OBJ_RESPONSE",
    "OFSC",
    "OFSCV2",
    "TEXT_RESPONSE",
    "OFSApi",
    "OFSCapacity",
    "OFSConfig",
    "OFSCore",
    "OFSMetadata",
    "OFSOauth2",
]
__all__ += exceptions.__all__
