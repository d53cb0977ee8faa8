"""WorkSkills

Generated from ``definitions.WorkSkills`` (parsed leniently: it is part of responses).
"""

from pydantic import Field

from ofsc.runtime import OFSCModel


class WorkSkills(OFSCModel):
    """WorkSkills"""

    total_results: int | None = Field(default=None, alias="totalResults")
