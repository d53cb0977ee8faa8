"""A griffe extension for the reference pages: the runtime's docstrings cross-reference
with reST roles (``:class:`Settings```), which Markdown would show verbatim; show the name
as code instead."""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|meth|func|mod|attr|exc|data|obj):`~?([^`]+)`")


class ReSTRoles(griffe.Extension):
    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = _ROLE.sub(
                lambda m: f"`{m.group(1).rsplit('.', 1)[-1]}`", obj.docstring.value
            )
