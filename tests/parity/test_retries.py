"""The facade's retries tests over the three wires (see conftest.py)."""

from ..facade.test_retries import *  # noqa: F403
