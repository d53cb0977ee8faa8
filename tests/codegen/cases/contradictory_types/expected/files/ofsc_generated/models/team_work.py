"""TeamWork

Generated from ``definitions.teamWork`` (parsed leniently: it is part of responses).
"""

from ofsc.runtime import OFSCRootModel

from .team_work_item import TeamWorkItem


class TeamWork(OFSCRootModel[list[TeamWorkItem]]):
    """TeamWork"""

    root: list[TeamWorkItem]
