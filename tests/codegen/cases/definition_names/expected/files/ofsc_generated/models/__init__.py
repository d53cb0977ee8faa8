"""Every model of the OFS API (3 classes), imported on first use.

``from ofsc_generated.models import Activity`` loads only ``Activity`` and the models it
refers to, so that importing the SDK stays cheap.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .resource_work_skill_list import ResourceWorkSkillList as ResourceWorkSkillList
    from .v2_quota_area import V2QuotaArea as V2QuotaArea
    from .work_skills import WorkSkills as WorkSkills

_MODULES: dict[str, str] = {
    "ResourceWorkSkillList": "resource_work_skill_list",
    "V2QuotaArea": "v2_quota_area",
    "WorkSkills": "work_skills",
}

__all__ = [
    "ResourceWorkSkillList",
    "V2QuotaArea",
    "WorkSkills",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
