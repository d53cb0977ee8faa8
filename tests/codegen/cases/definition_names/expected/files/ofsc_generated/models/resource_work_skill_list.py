"""ResourceWorkSkillList

Generated from ``definitions.workSkills`` (parsed leniently: it is part of responses).
"""

from ofsc.runtime import OFSCModel


class ResourceWorkSkillList(OFSCModel):
    """ResourceWorkSkillList"""

    items: list[str] | None = None
