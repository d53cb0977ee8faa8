"""The facade's observability tests over the three wires (see conftest.py)."""

from ..facade.test_observability import *  # noqa: F403
