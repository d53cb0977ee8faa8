"""The mock's ``q`` filter language, for all expressions (ofsc.testing._query).

The rules, as OFS documents them (the module's docstring): a comparison is ``field operator
literal``; ``not`` negates the statement that follows, not the rest of the expression;
``and`` and ``or`` have the same precedence and apply left to right; parentheses group;
keywords are not case-sensitive, nor are string comparisons; an integer and an
integer-looking string compare as numbers, anything else compares as text; a field that is
not set is the empty string; ``in`` is true when any array value is equal.
"""

from __future__ import annotations

import operator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsc.testing._query import QuerySyntaxError, parse

PROPERTY = settings(max_examples=60, deadline=None)
OPERATORS = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
    "<=": operator.le,
    ">=": operator.ge,
}
FIELDS = ["a", "b", "c"]
WORDS = st.text(alphabet="abcXYZ -_.", max_size=6)
INTEGERS = st.integers(min_value=-50, max_value=50)
VALUES = st.one_of(INTEGERS, WORDS, INTEGERS.map(str), st.booleans())
OBJECTS = st.fixed_dictionaries({}, optional={name: VALUES for name in FIELDS})


def quote(text: str) -> str:
    return "'" + text.replace("~", "~~").replace("'", "~'") + "'"


LITERALS = st.one_of(INTEGERS.map(str), WORDS.map(quote), INTEGERS.map(lambda n: quote(str(n))))
COMPARISONS = st.builds(
    lambda f, o, lit: f"{f} {o} {lit}", st.sampled_from(FIELDS), st.sampled_from(list(OPERATORS)), LITERALS
)


def is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, str) and value.lstrip("-").isdigit() and value == str(int(value))


@PROPERTY
@given(COMPARISONS, COMPARISONS, OBJECTS, st.sampled_from(["and", "or", "AND", "Or"]))
def test_not_negates_only_the_statement_that_follows(
    first: str, second: str, obj: dict[str, Any], joiner: str
) -> None:
    """``not A and B`` is ``(not A) and B``, and ``not A or B`` is ``(not A) or B``."""
    a, b = parse(first)(obj), parse(second)(obj)
    combined = parse(f"not {first} {joiner} {second}")(obj)
    assert combined is (((not a) and b) if joiner.lower() == "and" else ((not a) or b))
    assert parse(f"NOT ({first} {joiner} {second})")(obj) is (
        not ((a and b) if joiner.lower() == "and" else (a or b))
    )
    assert parse(f"not not {first}")(obj) is a


@PROPERTY
@given(
    st.lists(COMPARISONS, min_size=2, max_size=5),
    st.lists(st.sampled_from(["and", "or"]), min_size=4, max_size=4),
    OBJECTS,
)
def test_and_and_or_apply_left_to_right(parts: list[str], joiners: list[str], obj: dict[str, Any]) -> None:
    """No precedence between ``and`` and ``or``: ``A or B and C`` is ``(A or B) and C``."""
    expression = parts[0]
    expected = parse(parts[0])(obj)
    for joiner, part in zip(joiners, parts[1:], strict=False):
        expression = f"{expression} {joiner} {part}"
        value = parse(part)(obj)
        expected = (expected and value) if joiner == "and" else (expected or value)
    assert parse(expression)(obj) is expected


@PROPERTY
@given(COMPARISONS, COMPARISONS, COMPARISONS, OBJECTS)
def test_parentheses_group(first: str, second: str, third: str, obj: dict[str, Any]) -> None:
    """``A and (B or C)`` evaluates the parenthesised part first."""
    a, b, c = (parse(x)(obj) for x in (first, second, third))
    assert parse(f"{first} and ({second} or {third})")(obj) is (a and (b or c))
    assert parse(f"(({first}))")(obj) is a


@PROPERTY
@given(st.one_of(INTEGERS, INTEGERS.map(str)), INTEGERS, st.sampled_from(list(OPERATORS)), st.booleans())
def test_integers_and_integer_looking_text_compare_as_numbers(
    actual: int | str, literal: int, op: str, quoted: bool
) -> None:
    """When both sides are integers (or integer-looking strings), they compare as numbers:
    9 < 10, whichever side is quoted."""
    text = quote(str(literal)) if quoted else str(literal)
    assert parse(f"a {op} {text}")({"a": actual}) is OPERATORS[op](int(actual), literal)


@PROPERTY
@given(
    WORDS.filter(lambda w: not is_integer(w)),
    st.one_of(INTEGERS.map(str), WORDS.map(quote)),
    st.sampled_from(list(OPERATORS)),
)
def test_anything_else_compares_as_text_without_case(actual: str, literal: str, op: str) -> None:
    """A value that is not an integer compares as text, without case, even against an integer
    literal (never an error)."""
    expected_literal = (
        literal[1:-1].replace("~~", "\0").replace("~'", "'").replace("\0", "~")
        if literal.startswith("'")
        else literal
    )
    assert parse(f"a {op} {literal}")({"a": actual}) is OPERATORS[op](
        actual.lower(), expected_literal.lower()
    )
    assert parse(f"a {op} {literal}")({"a": actual.upper()}) is OPERATORS[op](
        actual.lower(), expected_literal.lower()
    )


@PROPERTY
@given(st.booleans(), st.sampled_from(["'true'", "'TRUE'", "'false'"]))
def test_booleans_compare_as_true_and_false(value: bool, literal: str) -> None:
    """A boolean field is the text true or false."""
    assert parse(f"a == {literal}")({"a": value}) is (literal.strip("'").lower() == str(value).lower())


@PROPERTY
@given(OBJECTS, st.sampled_from(FIELDS), st.lists(st.one_of(INTEGERS.map(str)), min_size=1, max_size=4))
def test_in_is_true_when_any_value_is_equal(obj: dict[str, Any], field: str, values: list[str]) -> None:
    """``f in [x, y]`` is ``f == x or f == y``."""
    expected = any(parse(f"{field} == {v}")(obj) for v in values)
    assert parse(f"{field} in [{', '.join(values)}]")(obj) is expected
    assert parse(f"{field} IN [{', '.join(values)}]")(obj) is expected


@PROPERTY
@given(st.sampled_from(["==", "!=", "<", ">", "<=", ">="]), WORDS)
def test_a_field_that_is_not_set_is_the_empty_string(op: str, text: str) -> None:
    """An absent field, a null one, and a path through a missing object all read as ''."""
    expected = OPERATORS[op]("", text.lower())
    for obj in ({}, {"a": None}, {"a": {"b": None}}, {"a": "not an object"}):
        assert parse(f"a.b {op} {quote(text)}")(obj) is expected


def test_dotted_fields_read_nested_objects() -> None:
    """``address.city`` is the city of the address object."""
    assert parse("address.city == 'lyon'")({"address": {"city": "Lyon"}}) is True
    assert parse("address.city == 'lyon'")({"address": {"city": "Paris"}}) is False


def test_tilde_escapes_quotes_and_itself() -> None:
    """In a string literal ``~'`` is a quote and ``~~`` a tilde."""
    assert parse("a == 'it~'s ~~'")({"a": "it's ~"}) is True


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("a in [1, 'x']", "an array holds only strings or only integers (at position 5)"),
        ("a == 1 b", "unexpected 'b' at position 7"),
        ("a == 1 and", "expected a field name, found the end"),
        ("(a == 1", "expected ')', found the end"),
        ("a in 1", "expected '[', found '1' at position 5"),
        ("a in [1 2]", "expected ']', found '2' at position 8"),
        ("a ==", "expected a string or an integer, found the end"),
        ("a 'x'", "expected a comparison operator or in, found \"'x'\" at position 2"),
        ("a == 01", "unexpected '01' at position 4"),
        ("a == $", "unexpected '$' at position 4"),
        ("and == 1", "expected a field name, found 'and' at position 0"),
    ],
)
def test_anything_else_is_a_syntax_error_saying_where(expression: str, message: str) -> None:
    """Malformed expressions raise QuerySyntaxError naming what was expected and where."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse(expression)
    assert str(caught.value) == message


def test_blanks_are_optional_and_negative_integers_are_numbers() -> None:
    """Tokens need no spaces between them (but an integer ends at a blank or a symbol);
    ``-5`` is an integer literal."""
    assert parse("a>=-5 and(b=='x')")({"a": -5, "b": "X"}) is True
    with pytest.raises(QuerySyntaxError):
        parse("a>=-5and b=='x'")
    assert parse("  a  ==  -5  ")({"a": "-5"}) is True


def test_an_unexpected_text_is_quoted_up_to_twenty_characters() -> None:
    """The error quotes at most the first 20 characters of what could not be read."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse("a == $" + "x" * 30)
    assert str(caught.value) == f"unexpected {'$' + 'x' * 19!r} at position 4"
