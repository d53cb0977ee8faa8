"""The Python types of the IR, as small values rather than source text.

The name stage builds them, the templates render them (``str(expr)`` is the annotation as
generated code writes it), and the spec diff takes them apart, without parsing any text.
Each lists the model classes it refers to (``refs()``) and the names its module must import
(``imports()``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

Base = Literal["str", "int"]


@dataclass(frozen=True)
class Scalar:
    """A type the generated code names directly: ``str``, ``int``, ``dt.date``, ``Any``..."""

    name: str

    def __str__(self) -> str:
        return self.name

    def refs(self) -> frozenset[str]:
        return frozenset()

    def imports(self) -> frozenset[str]:
        if self.name.startswith("dt."):
            return frozenset({"dt"})
        return frozenset({self.name}) if self.name == "Any" else frozenset()


@dataclass(frozen=True)
class Ref:
    """A generated model class."""

    name: str

    def __str__(self) -> str:
        return self.name

    def refs(self) -> frozenset[str]:
        return frozenset({self.name})

    def imports(self) -> frozenset[str]:
        return frozenset()


@dataclass(frozen=True)
class ListOf:
    """``list[item]``; ``Sequence[item]`` where a caller may pass any sequence."""

    item: TypeExpr
    any_sequence: bool = False

    def __str__(self) -> str:
        return f"{'Sequence' if self.any_sequence else 'list'}[{self.item}]"

    def refs(self) -> frozenset[str]:
        return self.item.refs()

    def imports(self) -> frozenset[str]:
        return self.item.imports()


@dataclass(frozen=True)
class MapOf:
    """``dict[str, value]``; ``Mapping[str, value]`` where a caller may pass any mapping."""

    value: TypeExpr
    any_mapping: bool = False

    def __str__(self) -> str:
        return f"{'Mapping' if self.any_mapping else 'dict'}[str, {self.value}]"

    def refs(self) -> frozenset[str]:
        return self.value.refs()

    def imports(self) -> frozenset[str]:
        return self.value.imports()


@dataclass(frozen=True)
class OpenEnum:
    """The listed values, or any other value of the base type (unknown values are kept)."""

    values: tuple[object, ...]  # as the spec lists them (strings, or integers)
    base: Base

    def __str__(self) -> str:
        return f"Literal[{', '.join(json.dumps(v) for v in self.values)}] | {self.base}"

    def refs(self) -> frozenset[str]:
        return frozenset()

    def imports(self) -> frozenset[str]:
        return frozenset({"Literal"})


@dataclass(frozen=True)
class Union:
    """Any of its members: ``int | str``, ``Activity | Mapping[str, Any]``."""

    members: tuple[TypeExpr, ...]

    def __str__(self) -> str:
        return " | ".join(str(m) for m in self.members)

    def refs(self) -> frozenset[str]:
        return frozenset(name for m in self.members for name in m.refs())

    def imports(self) -> frozenset[str]:
        return frozenset(name for m in self.members for name in m.imports())


TypeExpr = Scalar | Ref | ListOf | MapOf | OpenEnum | Union

ANY = Scalar("Any")
STR = Scalar("str")
