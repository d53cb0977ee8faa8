"""Reading libcst nodes back as Python source, for both codemods."""

from __future__ import annotations

import libcst as cst


def code(node: cst.CSTNode) -> str:
    """The node's source text."""
    return cst.Module(body=[]).code_for_node(node).strip()


def dotted(node: cst.BaseExpression) -> str | None:
    """``a.b.c`` for a name or a chain of attributes, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None
