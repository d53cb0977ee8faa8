"""How the mock checks a request before acting on it (ofsc.testing._validate), rule by rule.

The rules (the module's docstring): path, query, header and form parameters are parsed from
their text (``csv`` arrays split on commas) and checked against the spec; a JSON body is
checked against its schema; the problems found (up to five, then a count) become one 400
whose detail names each offending field; a body of the wrong media type is a 415.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsc.testing._http import MockRequest, OFSError
from ofsc.testing._routes import Endpoint, Match
from ofsc.testing._schema import SchemaChecker
from ofsc.testing._validate import _parse, validate
from ofsc_generated.operations.core import GET_ACTIVITY

PROPERTY = settings(max_examples=60, deadline=None)
CHECKER = SchemaChecker(
    {
        "definitions": {
            "Thing": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string"}, "n": {"type": "integer"}},
            }
        }
    }
)


def check(
    params: list[dict[str, Any]],
    *,
    query: str = "",
    headers: dict[str, str] | None = None,
    body: bytes = b"",
    path: dict[str, str] | None = None,
) -> Any:
    match = Match(Endpoint(GET_ACTIVITY, {"parameters": params}), path or {})
    return validate(MockRequest("POST", "/x", query, headers or {}, body), match, CHECKER)


def problem(params: list[dict[str, Any]], **kwargs: Any) -> tuple[int, str]:
    with pytest.raises(OFSError) as caught:
        check(params, **kwargs)
    return caught.value.status, caught.value.detail


@PROPERTY
@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_are_parsed_from_their_text(n: int) -> None:
    """An integer parameter takes an optional sign and digits."""
    assert _parse(str(n), {"type": "integer"}) == (n, None)
    assert _parse(f"+{abs(n)}", {"type": "integer"}) == (abs(n), None)


@pytest.mark.parametrize("text", ["1.5", "x", "", " 1", "1e3", "0x1"])
def test_anything_else_is_not_an_integer(text: str) -> None:
    """Decimals, words, blanks and other notations are refused, naming the text."""
    assert _parse(text, {"type": "integer"}) == (text, f"expected an integer, got {text!r}")


@PROPERTY
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_finite_numbers_are_parsed(x: float) -> None:
    """A number parameter takes any finite float's text."""
    assert _parse(repr(x), {"type": "number"}) == (x, None)


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e999"])
def test_numbers_must_be_finite(text: str) -> None:
    """NaN and infinities are refused."""
    assert _parse(text, {"type": "number"}) == (text, "must be finite")
    assert _parse("one", {"type": "number"}) == ("one", "expected a number, got 'one'")
    assert not math.isnan(1.0)


@PROPERTY
@given(st.sampled_from(["true", "false"]).flatmap(lambda w: st.sampled_from([w, w.upper(), w.title()])))
def test_booleans_are_true_or_false_in_any_case(text: str) -> None:
    """true and false, whatever their case."""
    assert _parse(text, {"type": "boolean"}) == (text.lower() == "true", None)


def test_other_words_are_not_booleans() -> None:
    """yes, 1 and the like are refused."""
    assert _parse("yes", {"type": "boolean"}) == ("yes", "expected true or false, got 'yes'")


@PROPERTY
@given(st.lists(st.integers(min_value=-99, max_value=99), max_size=5))
def test_arrays_are_split_on_commas_and_each_item_parsed(items: list[int]) -> None:
    """A csv array is split on commas; each item is parsed as the items' type; '' is empty."""
    text = ",".join(str(i) for i in items)
    assert _parse(text, {"type": "array", "items": {"type": "integer"}}) == (items, None)


def test_a_bad_array_item_is_named() -> None:
    """The first bad item is named with its own problem."""
    assert _parse("1,x,y", {"type": "array", "items": {"type": "integer"}}) == (
        "1,x,y",
        "item 'x': expected an integer, got 'x'",
    )
    assert _parse("a,b", {"type": "array"}) == (["a", "b"], None)  # items of no declared type stay text
    assert _parse("text", {}) == ("text", None)


def test_parameters_are_read_from_their_place_and_typed() -> None:
    """Path, query, header (by lower-case name) and form values come back parsed."""
    params = [
        {"name": "id", "in": "path", "type": "integer", "required": True},
        {"name": "limit", "in": "query", "type": "integer"},
        {"name": "X-Flag", "in": "header", "type": "boolean"},
        {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}},
    ]
    valid = check(params, path={"id": "7"}, query="limit=5&tags=a,b", headers={"x-flag": "TRUE"})
    assert (valid.path, valid.query, valid.headers) == (
        {"id": 7},
        {"limit": 5, "tags": ["a", "b"]},
        {"X-Flag": True},
    )


def test_missing_required_parameters_are_named_by_place() -> None:
    """A required parameter that is absent is a 400 naming its place and name."""
    params = [
        {"name": "id", "in": "path", "type": "integer", "required": True},
        {"name": "q", "in": "query", "type": "string", "required": True},
        {"name": "X-H", "in": "header", "type": "string", "required": True},
        {"name": "opt", "in": "query", "type": "string"},
    ]
    assert problem(params) == (
        400,
        "path parameter 'id' is required; query parameter 'q' is required; header 'X-H' is required",
    )


def test_values_are_checked_against_the_spec() -> None:
    """A value that parses but breaks the spec's bounds or enum is named with the problem."""
    params = [
        {"name": "limit", "in": "query", "type": "integer", "maximum": 10},
        {"name": "kind", "in": "query", "type": "string", "enum": ["a"]},
    ]
    status, detail = problem(params, query="limit=11&kind=b")
    assert status == 400
    assert detail.startswith("query parameter 'limit': ") and "; query parameter 'kind': " in detail
    status, detail = problem(params, query="limit=ten")
    assert detail == "query parameter 'limit': expected an integer, got 'ten'"


def test_an_allowed_empty_value_skips_the_checks() -> None:
    """allowEmptyValue lets '' through unchecked; without it '' is checked like any value."""
    params = [{"name": "q", "in": "query", "type": "string", "minLength": 2, "allowEmptyValue": True}]
    assert check(params, query="q=").query == {"q": ""}
    _, detail = problem([{"name": "q", "in": "query", "type": "string", "minLength": 2}], query="q=")
    assert detail.startswith("query parameter 'q': ")


def test_at_most_five_problems_are_listed_then_a_count() -> None:
    """The detail names the first five problems and says how many more there were."""
    params = [{"name": f"p{n}", "in": "query", "type": "string", "required": True} for n in range(7)]
    _, detail = problem(params)
    assert detail.count("is required") == 5
    assert detail.endswith("; and 2 more")
    _, five = problem(params[:5])
    assert five.count("is required") == 5 and "more" not in five


def test_a_file_parameter_is_taken_as_it_is() -> None:
    """A form file field keeps its bytes, unparsed and unchecked: the value rules a parameter
    may carry (enum, lengths, patterns) are for text, never applied to a file."""
    params = [{"name": "file", "in": "formData", "type": "file", "enum": ["text only"]}]
    body = (
        b'--B\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n\x00\x01\r\n--B--\r\n'
    )
    valid = check(params, headers={"content-type": "multipart/form-data; boundary=B"}, body=body)
    assert valid.form == {"file": b"\x00\x01"}


BODY: list[dict[str, Any]] = [
    {"name": "body", "in": "body", "required": True, "schema": {"$ref": "#/definitions/Thing"}}
]


def test_a_json_body_is_parsed_and_checked_against_its_schema() -> None:
    """A JSON body (application/json or any +json type) is parsed; each schema problem names its field."""
    assert check(BODY, headers={"content-type": "application/json"}, body=b'{"name": "x"}').body == {
        "name": "x"
    }
    assert check(
        BODY, headers={"content-type": "application/merge-patch+json; charset=utf-8"}, body=b'{"name": "x"}'
    ).body == {"name": "x"}
    assert check(BODY, body=b'{"name": "x"}').body == {"name": "x"}  # no content type: read as JSON
    status, detail = problem(
        BODY, headers={"content-type": "application/json"}, body=b'{"name": "x", "n": "two"}'
    )
    assert status == 400 and detail.startswith("body field 'n': ")
    _, detail = problem(BODY, body=b"{}")
    assert detail.startswith("body field 'name': ")
    _, detail = problem(BODY, body=b"[1]")
    assert detail.startswith("the request body: ")


def test_a_body_that_is_missing_or_not_json_is_a_400() -> None:
    """A required body must be there, and be JSON."""
    assert problem(BODY) == (400, "a JSON request body is required")
    optional = [{**BODY[0], "required": False}]
    assert check(optional).body is None
    status, detail = problem(BODY, body=b"{not json")
    assert status == 400 and detail.startswith("the request body is not valid JSON: ")
    status, detail = problem(BODY, body=b"\xff\xfe")
    assert status == 400 and detail.startswith("the request body is not valid JSON: ")


def test_a_body_of_another_media_type_is_a_415() -> None:
    """A JSON operation refuses a body sent as something else."""
    assert problem(BODY, headers={"content-type": "Text/Plain; charset=utf-8"}, body=b'{"name": "x"}') == (
        415,
        "the request body must be application/json, got text/plain",
    )


def test_a_binary_body_is_any_bytes() -> None:
    """A file body takes any bytes, or none."""
    binary = [{"name": "content", "in": "body", "schema": {"type": "string", "format": "binary"}}]
    assert check(binary, body=b"\x00raw").body == b"\x00raw"
    assert check([{"name": "c", "in": "body", "schema": {"type": "file"}}]).body == b""


FORM: list[dict[str, Any]] = [
    {"name": "grant_type", "in": "formData", "type": "string", "required": True},
    {"name": "n", "in": "formData", "type": "integer"},
]


def test_a_form_is_read_from_urlencoded_or_multipart_bodies() -> None:
    """Form fields come from an urlencoded body (also when no content type is given) or a multipart one."""
    urlencoded = check(
        FORM, headers={"content-type": "application/x-www-form-urlencoded"}, body=b"grant_type=x&n=2"
    )
    assert urlencoded.form == {"grant_type": "x", "n": 2}
    assert check(FORM, body=b"grant_type=y").form == {"grant_type": "y"}
    multipart = b'--B\r\nContent-Disposition: form-data; name="grant_type"\r\n\r\nz\r\n--B--\r\n'
    assert check(FORM, headers={"content-type": "multipart/form-data; boundary=B"}, body=multipart).form == {
        "grant_type": "z"
    }


def test_form_fields_the_operation_does_not_take_are_problems() -> None:
    """An unknown form field is named; a form that is not UTF-8 is a 400; another media type is a 415."""
    _, detail = problem(
        FORM, headers={"content-type": "application/x-www-form-urlencoded"}, body=b"grant_type=x&bogus=1"
    )
    assert detail == "form field 'bogus' is not a field of this operation"
    _, detail = problem(
        FORM, headers={"content-type": "application/x-www-form-urlencoded"}, body=b"grant_type=\xff"
    )
    assert "the form body is not valid UTF-8" in detail
    assert problem(
        FORM, headers={"content-type": "application/json"}, body=json.dumps({"a": 1}).encode()
    ) == (
        415,
        "the request body must be application/x-www-form-urlencoded or multipart/form-data, got application/json",
    )
    assert problem(FORM) == (400, "form field 'grant_type' is required")
    assert problem(FORM, headers={"content-type": "text/plain"}) == (
        415,
        "the request body must be application/x-www-form-urlencoded or multipart/form-data, got text/plain",
    )


def test_an_operation_without_parameters_takes_any_request() -> None:
    """An operation whose spec lists no parameters has nothing to check."""
    match = Match(Endpoint(GET_ACTIVITY, {}), {})
    assert validate(MockRequest("GET", "/x", "a=1", {}, b""), match, CHECKER).query == {}


def test_six_problems_are_five_and_one_more() -> None:
    """Past five, the rest are counted: the sixth makes "and 1 more"."""
    params = [{"name": f"p{n}", "in": "query", "type": "string", "required": True} for n in range(6)]
    _, detail = problem(params)
    assert detail.endswith("; and 1 more")


def test_a_body_parameter_without_a_schema_takes_any_json() -> None:
    """A body with no schema in the spec is parsed and not checked."""
    assert check([{"name": "b", "in": "body"}], body=b'{"a": 1}').body == {"a": 1}


def test_media_type_parameters_are_ignored() -> None:
    """Only the media type itself counts, however many parameters follow it."""
    headers = {"content-type": "Application/JSON; charset=utf-8; x=y"}
    assert check(BODY, headers=headers, body=b'{"name": "x"}').body == {"name": "x"}


def test_blank_form_fields_are_kept() -> None:
    """An urlencoded field with an empty value is present (and empty), not missing."""
    valid = check(
        FORM, headers={"content-type": "application/x-www-form-urlencoded"}, body=b"grant_type=&n=2"
    )
    assert valid.form == {"grant_type": "", "n": 2}


def test_a_form_that_is_not_utf8_is_reported_alone_with_what_it_lacks() -> None:
    """The form's encoding problem is said exactly, with the fields that are then missing."""
    _, detail = problem(
        FORM, headers={"content-type": "application/x-www-form-urlencoded"}, body=b"grant_type=\xff"
    )
    assert detail == "the form body is not valid UTF-8; form field 'grant_type' is required"


def test_multipart_text_fields_are_decoded_leniently() -> None:
    """A multipart text field is UTF-8 text (an undecodable byte becomes U+FFFD); an empty one is ''."""
    body = (
        b'--B\r\nContent-Disposition: form-data; name="grant_type"\r\n\r\nab\xffc\r\n'
        b'--B\r\nContent-Disposition: form-data; name="n"\r\n\r\n\r\n--B--\r\n'
    )
    params: list[dict[str, Any]] = [FORM[0], {"name": "n", "in": "formData", "type": "string"}]
    valid = check(params, headers={"content-type": "multipart/form-data; boundary=B"}, body=body)
    assert valid.form == {"grant_type": "ab\ufffdc", "n": ""}
