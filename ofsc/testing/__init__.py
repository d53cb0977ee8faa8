"""Test helpers for code that uses ofsc: a local mock OFS and spec-driven sample data.

::

    from ofsc.testing import MockOFS

    mock = MockOFS(seed=7)
    client = mock.client()                       # an OFSC wired to the mock, in-process
    mock.faults.add(status=503, count=2)         # the next two requests fail
    with mock.serve() as base_url: ...           # or over HTTP on 127.0.0.1
    MockOFS(fixture=DEMO_DATA)                   # what `python -m ofsc.testing serve` starts with

With pytest, the fixtures ``ofsc_mock`` and ``ofsc_mock_server`` come with the package
(:mod:`ofsc.testing.pytest_plugin`).
"""

from ._demo import DEMO_DATA
from ._faults import Fault, FaultPlan
from ._http import MockRequest, Reply
from ._limits import MockLimits
from ._mock import MOCK_BASE_URL, Call, MockOFS
from ._server import LoopbackServer
from ._store import COLLECTIONS, Store
from .samples import SchemaSampler, normalised_spec

__all__ = [
    "COLLECTIONS",
    "DEMO_DATA",
    "MOCK_BASE_URL",
    "Call",
    "Fault",
    "FaultPlan",
    "LoopbackServer",
    "MockLimits",
    "MockOFS",
    "MockRequest",
    "Reply",
    "SchemaSampler",
    "Store",
    "normalised_spec",
]
