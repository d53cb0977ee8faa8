"""OFS filter expressions (the activity search's ``q``), parsed and evaluated as OFS documents them.

    status == 'pending' and (activityType in ['IN', 'TC'] or not duration > 60)

A comparison is ``field operator literal``, in that order: ``== != < > <= >=`` against a
string (single quotes, ``~`` escapes) or an integer, or ``in`` against a non-empty array of
one or the other. ``not`` negates what follows; ``and`` and ``or`` have the same precedence
and apply left to right; parentheses group. Keywords are not case-sensitive, nor are string
comparisons; an integer and an integer-looking string compare as numbers; a field that is
not set is the empty string. Anything else is a :class:`QuerySyntaxError`, which the mock
answers with 400, as OFS does.
"""

from __future__ import annotations

import operator as op
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Predicate = Callable[[Mapping[str, Any]], bool]


class QuerySyntaxError(ValueError):
    """The expression does not follow OFS's filter syntax."""


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>'(?:[^'~]|~.)*')
      | (?P<number>-?(?:0|[1-9][0-9]*))(?![0-9A-Za-z_.])
      | (?P<operator>==|!=|<=|>=|<|>)
      | (?P<punct>[()\[\],])
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
    )""",
    re.VERBOSE,
)
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": op.eq, "!=": op.ne, "<": op.lt, ">": op.gt, "<=": op.le, ">=": op.ge,
}  # fmt: skip
_EXPECTED = {"word": "a field name", "string": "a string", "number": "an integer",
             "operator": "a comparison operator", "in": "in"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    at: int


def _tokens(text: str) -> list[_Token]:
    found: list[_Token] = []
    at = 0
    while text[at:].strip():
        match = _TOKEN.match(text, at)
        if match is None or match.lastgroup is None:
            raise QuerySyntaxError(f"unexpected {text[at:].strip()[:20]!r} at position {at}")
        kind = group = match.lastgroup
        value = match.group(group)
        if kind == "word" and value.lower() in ("and", "or", "not", "in"):
            kind = value.lower()
        found.append(_Token(kind, value, match.start(group)))
        at = match.end()
    return found


def parse(text: str) -> Predicate:
    """A predicate over an object (a dict of its fields) for the expression ``text``."""
    parser = _Parser(_tokens(text))
    predicate = parser.expression()
    if parser.peek() is not None:
        token = parser.peek()
        assert token is not None
        raise QuerySyntaxError(f"unexpected {token.text!r} at position {token.at}")
    return predicate


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self._tokens = tokens
        self._next = 0

    def peek(self) -> _Token | None:
        return self._tokens[self._next] if self._next < len(self._tokens) else None

    def take(self, *kinds: str) -> _Token:
        token = self.peek()
        if token is None or token.kind not in kinds:
            raise self.unexpected(" or ".join(_EXPECTED.get(kind, kind) for kind in kinds))
        self._next += 1
        return token

    def punct(self, text: str) -> _Token:
        token = self.peek()
        if token is None or token.text != text:
            raise self.unexpected(repr(text))
        self._next += 1
        return token

    def unexpected(self, expected: str) -> QuerySyntaxError:
        token = self.peek()
        found = "the end" if token is None else f"{token.text!r} at position {token.at}"
        return QuerySyntaxError(f"expected {expected}, found {found}")

    def expression(self) -> Predicate:
        """statement (('and' | 'or') statement)*, left to right."""
        result = self.statement()
        while (token := self.peek()) is not None and token.kind in ("and", "or"):
            self._next += 1
            left, right = result, self.statement()
            result = _both(left, right) if token.kind == "and" else _either(left, right)
        return result

    def statement(self) -> Predicate:
        token = self.peek()
        if token is not None and token.kind == "not":
            self._next += 1
            inner = self.statement()
            return lambda obj: not inner(obj)
        if token is not None and token.text == "(":
            self._next += 1
            inner = self.expression()
            self.punct(")")
            return inner
        return self.comparison()

    def comparison(self) -> Predicate:
        field = self.take("word").text
        operator = self.take("operator", "in")
        if operator.kind == "in":
            values = self.array()
            return lambda obj: any(_compare(_field(obj, field), "==", value) for value in values)
        literal = self.literal()
        return lambda obj: _compare(_field(obj, field), operator.text, literal)

    def literal(self) -> str | int:
        token = self.take("string", "number")
        return _unquote(token.text) if token.kind == "string" else int(token.text)

    def array(self) -> list[str | int]:
        opening = self.punct("[")
        values = [self.literal()]
        while (token := self.peek()) is not None and token.text == ",":
            self._next += 1
            values.append(self.literal())
        self.punct("]")
        if len({type(value) for value in values}) > 1:
            raise QuerySyntaxError(f"an array holds only strings or only integers (at position {opening.at})")
        return values


def _both(left: Predicate, right: Predicate) -> Predicate:
    return lambda obj: left(obj) and right(obj)


def _either(left: Predicate, right: Predicate) -> Predicate:
    return lambda obj: left(obj) or right(obj)


def _unquote(text: str) -> str:
    return re.sub(r"~(.)", r"\1", text[1:-1])


def _field(obj: Mapping[str, Any], path: str) -> Any:
    value: Any = obj
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return "" if value is None else value


def _compare(actual: Any, operator: str, literal: str | int) -> bool:
    if isinstance(actual, bool):
        actual = "true" if actual else "false"
    if _is_integer(actual) and _is_integer(literal):
        return _OPERATORS[operator](int(actual), int(literal))
    return _OPERATORS[operator](str(actual).lower(), str(literal).lower())


def _is_integer(value: Any) -> bool:
    if isinstance(value, int) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and _INTEGER.fullmatch(value) is not None
