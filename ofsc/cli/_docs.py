"""An operation's documentation and enum values, read from its generated endpoint method.

The endpoint method's docstring holds the spec's summary and description, one line per
argument (``Args:``) and the method and path; its annotations (strings) hold the spec's
enums as ``Literal[...]``. Both are read only for the one operation a command runs or
describes, from the endpoint module the call imports anyway.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ofsc._operation import Operation


@dataclass(frozen=True)
class OperationDoc:
    text: str  # the description, without the per-argument lines
    arguments: dict[str, str] = field(default_factory=dict)  # python name -> description
    choices: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # python name -> enum values


def operation_doc(op: Operation[Any]) -> OperationDoc:
    text, arguments = split_docstring(inspect.cleandoc(_method(op.family, op.name).__doc__ or ""))
    return OperationDoc(text, arguments, operation_choices(op))


def operation_choices(op: Operation[Any]) -> dict[str, tuple[Any, ...]]:
    """Each parameter's enum values (what a call checks; the docstring is left alone)."""
    return _choices(op.family, op.name)


@cache
def _choices(family: str, name: str) -> dict[str, tuple[Any, ...]]:
    annotations: dict[str, Any] = getattr(_method(family, name), "__annotations__", {})
    return {
        arg: values
        for arg, annotation in annotations.items()
        if isinstance(annotation, str) and (values := literal_values(annotation))
    }


def _method(family: str, name: str) -> Any:
    from ofsc_generated import FAMILIES

    module, sync_class, _ = FAMILIES[family]
    return getattr(getattr(importlib.import_module(module), sync_class), name)


def split_docstring(doc: str) -> tuple[str, dict[str, str]]:
    """The docstring without its ``Args:`` section, and that section as ``{name: text}``."""
    kept: list[str] = []
    arguments: dict[str, str] = {}
    current: str | None = None
    in_args = False
    for line in doc.splitlines():
        if line.strip() == "Args:" and not line.startswith(" "):
            in_args = True
            continue
        if in_args:
            if line.startswith("        ") and current:
                arguments[current] += " " + line.strip()
                continue
            if line.startswith("    ") and ":" in line:
                current, _, text = line.strip().partition(":")
                arguments[current] = text.strip().removeprefix("(optional)").strip()
                continue
            if not line.strip():
                continue
            in_args = False
        kept.append(line)
    return "\n".join(kept).strip(), arguments


def literal_values(annotation: str) -> tuple[Any, ...]:
    """The values of the ``Literal[...]`` in an annotation string, in order (none: ``()``)."""
    try:
        tree = ast.parse(annotation, mode="eval")
    except SyntaxError:
        return ()
    values: list[Any] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Literal"
        ):
            elements = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            values.extend(e.value for e in elements if isinstance(e, ast.Constant))
    return tuple(values)
