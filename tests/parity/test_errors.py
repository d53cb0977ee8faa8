"""The facade's errors tests over the three wires (see conftest.py)."""

from ..facade.test_errors import *  # noqa: F403
