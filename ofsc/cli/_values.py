"""Command-line text to the values an operation takes, checked as the library checks them.

Each parameter's text is converted to the spec's type (``42`` to an int for an integer,
``a,b`` to a list for an array), checked against the spec's enum, then handed to the
library's own parameter check (:func:`ofsc._request.check_param`), so a bad value gets the
same message on the command line as in Python. Bodies come from ``@file``, ``-`` (stdin)
or the text itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ofsc._operation import Operation, Param


if TYPE_CHECKING:
    _ParamType = click.ParamType[Any]  # generic in recent click only
else:
    _ParamType = click.ParamType


class SpecValue(_ParamType):
    """One parameter of one operation, as the spec declares it."""

    def __init__(self, op: Operation[Any], param: Param) -> None:
        self.op = op
        self.param = param
        self.name = _type_name(param)

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        if isinstance(param, click.Argument):
            return None
        return f"{self.name.upper()}{',...' if self.param.array else ''}"

    def choices(self) -> tuple[Any, ...]:
        from ._docs import operation_choices

        return operation_choices(self.op).get(self.param.name, ())

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        items = [
            _scalar(self.param.types, text) for text in (value.split(",") if self.param.array else [value])
        ]
        choices = self.choices()
        for item in items:
            if choices and item not in choices:
                known = ", ".join(str(c) for c in choices)
                self.fail(f"{item!r} is not one of: {known}", param, ctx)
        result: Any = items if self.param.array else items[0]
        from ofsc._request import check_param

        problem = check_param(self.param, result)
        if problem:
            self.fail(problem, param, ctx)
        return result

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[click.shell_completion.CompletionItem]:
        from click.shell_completion import CompletionItem

        return [CompletionItem(str(c)) for c in self.choices() if str(c).startswith(incomplete)]


def _type_name(param: Param) -> str:
    names = [t.__name__ for t in param.types]
    if "date" in names:
        return "date"
    return {"int": "integer", "float": "number", "bool": "boolean", "object": "value"}.get(names[0], "text")


def _scalar(types: tuple[type, ...], text: str) -> Any:
    """``text`` as the first of ``types`` it reads as; else the text (the check then says why)."""
    for kind in types:
        if kind is bool:
            lowered = text.lower()
            if lowered in ("true", "false"):
                return lowered == "true"
        elif kind is int:
            try:
                return int(text)
            except ValueError:
                continue
        elif kind is float:
            try:
                return float(text)
            except ValueError:
                continue
    return text


def read_source(source: str, *, binary: bool = False, hint: str = "'--body'") -> bytes | str:
    """``@path`` reads a file, ``-`` reads stdin, anything else is the value itself."""
    if source == "-":
        return sys.stdin.buffer.read() if binary else sys.stdin.read()
    if source.startswith("@"):
        path = Path(source[1:]).expanduser()
        try:
            return path.read_bytes() if binary else path.read_text(encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(f"cannot read {path}: {exc.strerror or exc}", param_hint=hint) from None
    return source.encode() if binary else source


def json_body(source: str) -> Any:
    """The JSON document ``--body`` names (``@file``, ``-`` or inline)."""
    text = read_source(source)
    assert isinstance(text, str)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = "stdin" if source == "-" else source[1:] if source.startswith("@") else "the text given"
        raise click.BadParameter(
            f"not JSON ({where}, line {exc.lineno} column {exc.colno}): {exc.msg}", param_hint="'--body'"
        ) from None


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty() if sys.stdin else False
