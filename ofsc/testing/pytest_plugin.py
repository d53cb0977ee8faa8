"""pytest fixtures for testing code that uses ofsc; installed with the package.

- ``ofsc_mock``: a fresh :class:`~ofsc.testing.MockOFS` per test, used in-process
  (``ofsc_mock.client()``, or ``transport=ofsc_mock.transport()``).
- ``ofsc_mock_server``: the base URL of ``ofsc_mock`` served on 127.0.0.1 for the test.
- ``ofsc_mock_options``: the keyword arguments ``ofsc_mock`` is built with; override it to
  seed the mock or load a fixture::

      @pytest.fixture
      def ofsc_mock_options():
          return {"seed": 7, "fixture": "tests/ofs-fixture.toml"}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._mock import MockOFS


@pytest.fixture
def ofsc_mock_options() -> dict[str, Any]:
    """Keyword arguments for the ``ofsc_mock`` fixture's :class:`MockOFS`."""
    return {}


@pytest.fixture
def ofsc_mock(ofsc_mock_options: dict[str, Any]) -> MockOFS:
    """A mock OFS for this test (in-process; see ``ofsc_mock_server`` for HTTP)."""
    from ._mock import MockOFS

    return MockOFS(**ofsc_mock_options)


@pytest.fixture
def ofsc_mock_server(ofsc_mock: MockOFS) -> Iterator[str]:
    """The base URL of ``ofsc_mock`` served on loopback for this test."""
    with ofsc_mock.serve() as base_url:
        yield base_url
