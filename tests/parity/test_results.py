"""The facade's results tests over the three wires (see conftest.py)."""

from ..facade.test_results import *  # noqa: F403
