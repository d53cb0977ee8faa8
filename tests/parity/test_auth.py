"""The facade's auth tests over the three wires (see conftest.py)."""

from ..facade.test_auth import *  # noqa: F403
