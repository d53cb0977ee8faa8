"""Turning arguments into a request, and refusing bad ones before sending (ofsc._request).

The rules (the module's docstring and ``docs/BEST_PRACTICES.md``): every mistake a caller
can make (a missing or mistyped parameter, a value outside the spec's bounds, array items of
the wrong type, a header that cannot be sent, a body that does not validate) is a
``RequestValidationError`` naming each problem, raised before anything is sent; a path value
is percent-encoded as one whole segment, so it cannot change the route; arrays go
comma-separated; a one-shot stream body is never replayed.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsc import RequestValidationError
from ofsc._operation import Body, Operation, Param
from ofsc._request import (
    PreparedRequest,
    _path_segment,
    check_param,
    header_problem,
    header_problems,
    prepare_request,
    to_wire,
)
from ofsc._wire import BaseURL

PROPERTY = settings(max_examples=60, deadline=None)


class Color(enum.Enum):
    RED = "red"
    ONE = 1


def param(name: str = "p", location: Any = "query", types: tuple[type, ...] = (str,), **kw: Any) -> Param:
    return Param(
        name=name,
        wire=kw.pop("wire", name),
        location=location,
        required=kw.pop("required", False),
        types=types,
        **kw,
    )


def operation(
    *params: Param, body: Body | None = None, path: str = "/x", method: str = "GET", kind: Any = "model"
) -> Operation[Any]:
    return Operation("core", "op", method, path, tuple(params), (200,), kind, body=body)


def problems(op: Operation[Any], args: dict[str, Any], options: Any = None) -> list[tuple[str, str]]:
    with pytest.raises(RequestValidationError) as caught:
        prepare_request(op, args, options)
    assert caught.value.operation == op.name
    return caught.value.errors


@PROPERTY
@given(st.text(max_size=30))
def test_a_path_value_is_always_exactly_one_segment(value: str) -> None:
    """Whatever a label holds (``/``, ``..``, ``?``, ``#``, ``%``, spaces, non-ASCII), it is
    encoded as one segment that decodes back to itself."""
    segment = _path_segment(value)
    assert not set(segment) & set("/?#[] ")
    assert unquote(segment) == value
    op = operation(param("label", "path", required=True), path="/rest/things/{label}/x")
    path = prepare_request(op, {"label": value if value not in ("", ".", "..") else "v"}, None).path
    assert path.startswith("/rest/things/") and path.endswith("/x")
    assert path.count("/") == 4


@PROPERTY
@given(
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=20
    )
)
def test_plain_ids_are_sent_as_they_are(value: str) -> None:
    """ASCII letters and digits need no encoding."""
    assert _path_segment(value) == value


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        ("text", "text"),
        (42, "42"),
        (True, "true"),
        (False, "false"),
        (Color.RED, "red"),
        (Color.ONE, "1"),
        (dt.date(2024, 5, 6), "2024-05-06"),
        (dt.datetime(2024, 5, 6, 7, 8, 9), "2024-05-06T07:08:09"),
        (["a", 1, True], "a,1,true"),
        ((Color.RED, dt.date(2024, 1, 2)), "red,2024-01-02"),
        (1.5, "1.5"),
    ],
)
def test_values_are_sent_in_the_text_form_ofs_expects(value: object, wire: str) -> None:
    """true/false, enum values, ISO dates, comma-separated lists."""
    assert to_wire(value) == wire


@PROPERTY
@given(st.lists(st.one_of(st.integers(), st.text(alphabet="abc", max_size=5)), max_size=6))
def test_arrays_are_sent_comma_separated(values: list[Any]) -> None:
    """An array parameter goes as one comma-separated value."""
    op = operation(param("ids", types=(int, str), array=True))
    request = prepare_request(op, {"ids": values}, None)
    assert request.query == [("ids", ",".join(str(v) for v in values))]


@PROPERTY
@given(st.lists(st.integers(), min_size=0, max_size=4), st.sampled_from([1.5, "x", None, b"b", object()]))
def test_array_items_are_type_checked(good: list[int], bad: Any) -> None:
    """Every item of an array must be of the declared type; the error names the bad item's type."""
    p = param("ids", types=(int,), array=True)
    assert check_param(p, good) is None
    message = check_param(p, [*good, bad])
    assert message is not None and message.startswith("items must be int, got ")
    assert problems(operation(p), {"ids": [*good, bad]}) == [("ids", message)]


def test_an_array_parameter_takes_a_list_or_preformatted_text() -> None:
    """A str is taken as already comma-separated (and bounds-checked); a non-iterable is an error."""
    p = param("ids", types=(int,), array=True, max_length=3)
    assert check_param(p, "1,2") is None
    assert check_param(p, "1,2,3") == "must be at most 3 characters, got 5"
    assert check_param(p, 7) == "expected a list, got int 7"


def test_bools_are_not_integers_and_enums_are_their_values() -> None:
    """True is not an int parameter; an enum member passes when its value has the right type."""
    number = param("n", types=(int,))
    assert check_param(number, True) == "expected int, got bool True"
    assert check_param(param("b", types=(bool,)), True) is None
    assert check_param(number, Color.ONE) is None
    assert check_param(number, Color.RED) == "expected int, got Color"
    assert check_param(param("d", types=(dt.date,)), "2024") == "expected datetime.date, got str '2024'"
    assert check_param(param("items", types=(int,), array=True), [True]) == "items must be int, got bool True"
    assert check_param(param("any", types=(object,), array=True), [True]) is None


@PROPERTY
@given(st.integers(min_value=0, max_value=8), st.integers(min_value=0, max_value=12))
def test_string_lengths_are_bounded_inclusively(bound: int, length: int) -> None:
    """min_length and max_length are inclusive: a value of exactly that length is accepted."""
    value = "x" * length
    too_short = check_param(param(types=(str,), min_length=bound), value)
    assert (too_short is None) is (length >= bound)
    if too_short:
        assert too_short == f"must be at least {bound} characters, got {length}"
    too_long = check_param(param(types=(str,), max_length=bound), value)
    assert (too_long is None) is (length <= bound)
    if too_long:
        assert too_long == f"must be at most {bound} characters, got {length}"


@PROPERTY
@given(st.integers(min_value=-5, max_value=5), st.integers(min_value=-8, max_value=8))
def test_numbers_are_bounded_inclusively(bound: int, value: int) -> None:
    """ge and le are inclusive; the message says the bound and the value."""
    low = check_param(param(types=(int,), ge=bound), value)
    assert (low is None) is (value >= bound)
    if low:
        assert low == f"must be >= {bound:g}, got {value}"
    high = check_param(param(types=(int, float), le=bound), value + 0.5)
    assert (high is None) is (value + 0.5 <= bound)
    if high:
        assert high == f"must be <= {bound:g}, got {value + 0.5}"


def test_numeric_bounds_do_not_apply_to_bools_and_patterns_apply_to_text() -> None:
    """A bool is not held to ge/le; a pattern must be found in the text."""
    assert check_param(param(types=(bool,), ge=5), False) is None
    p = param(types=(str,), pattern="^[A-Z]{2}$")
    assert check_param(p, "AB") is None
    assert check_param(p, "ABC") == "must match '^[A-Z]{2}$'"


def test_every_problem_is_reported_at_once_and_nothing_is_built() -> None:
    """All bad or missing parameters are listed together, in the operation's order."""
    op = operation(
        param("a", required=True),
        param("b", types=(int,)),
        param("c", "header", wire="X-C"),
        param("d", required=False),
    )
    assert problems(op, {"b": "x", "c": "bad\nvalue"}) == [
        ("a", "required"),
        ("b", "expected int, got str 'x'"),
        ("c", "header values must be printable ASCII, found '\\n' at position 3"),
    ]


@PROPERTY
@given(
    st.from_regex(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+", fullmatch=True),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20),
)
def test_valid_headers_pass(name: str, value: str) -> None:
    """A token name and a printable-ASCII value can be sent."""
    assert header_problem(name, value) is None
    assert header_problem(name, value + "\t") is None


@PROPERTY
@given(
    st.text(alphabet="abc ", max_size=5),
    st.sampled_from(["\r", "\n", "\x00", "\x7f", "é"]),
    st.text(alphabet="xyz", max_size=5),
)
def test_a_header_value_that_could_not_be_sent_says_where(before: str, bad: str, after: str) -> None:
    """A CR, LF, control or non-ASCII character is refused, with its position (never the value)."""
    assert header_problem("X-H", before + bad + after) == (
        f"header values must be printable ASCII, found {bad!r} at position {len(before)}"
    )


def test_header_names_and_types_are_checked() -> None:
    """A name must be an HTTP token and a value a str; a non-ASCII file name gets a hint."""
    assert header_problem("Bad Name", "v") == "'Bad Name' is not a valid header name"
    assert header_problem(1, "v") == "1 is not a valid header name"
    assert header_problem("X", 5) == "header values must be str, got int 5"
    assert header_problem("Content-Disposition", "attachment; filename=é").endswith(  # type: ignore[union-attr]
        "; for a non-ASCII file name use filename*=UTF-8''<percent-encoded name>"
    )
    assert header_problems({"ok": "v", "X-B": 1}, "h") == [
        ("h['X-B']", "header values must be str, got int 1")
    ]


def test_extra_headers_from_options_are_checked_and_sent() -> None:
    """options["headers"] are validated like parameters, then sent over the request's own."""
    op = operation()
    assert problems(op, {}, {"headers": {"X-A": "a\r\nInjected: 1"}}) == [
        ("options[\"headers\"]['X-A']", "header values must be printable ASCII, found '\\r' at position 1")
    ]
    request = prepare_request(
        op, {}, {"headers": {"Accept": "text/csv", "X-A": "1"}, "query": {"fields": "a"}}
    )
    assert request.headers == {"Accept": "text/csv", "X-A": "1"}
    assert request.query == [("fields", "a")]


def test_accept_follows_the_response_kind() -> None:
    """JSON for models, octet-stream for file downloads, unless a header parameter sets it."""
    assert prepare_request(operation(), {}, None).headers == {"Accept": "application/json"}
    assert prepare_request(operation(kind="binary"), {}, None).headers == {
        "Accept": "application/octet-stream"
    }
    accept = operation(param("accept", "header", wire="Accept"))
    assert prepare_request(accept, {"accept": "text/plain"}, None).headers == {"Accept": "text/plain"}


def test_parameters_go_where_the_spec_puts_them() -> None:
    """Path, query, header, form and file parameters each go to their place; None is left out."""
    op = operation(
        param("id", "path", types=(int,), wire="activityId", required=True),
        param("q", "query", wire="fields"),
        param("h", "header", wire="X-H"),
        param("f", "form", types=(bool,), wire="field"),
        param("file", "file", types=(bytes,), wire="upload"),
        param("skip"),
        path="/a/{activityId}",
        body=Body("multipart"),
        method="POST",
    )
    request = prepare_request(
        op, {"id": 7, "q": "x", "h": "v", "f": True, "file": b"data", "skip": None}, None
    )
    assert (request.method, request.path, request.query) == ("POST", "/a/7", [("fields", "x")])
    assert request.headers == {"X-H": "v", "Accept": "application/json"}
    assert (request.form, request.files, request.replayable) == ({"field": "true"}, {"upload": b"data"}, True)


def chunks() -> Iterator[bytes]:
    yield b"a"
    yield b"b"


@pytest.mark.parametrize(
    ("content", "replayable"),
    [
        (b"bytes", True),
        (bytearray(b"ba"), True),
        (io.BytesIO(b"file"), False),
        (chunks(), False),
        ([b"a"], False),
    ],
)
def test_only_bytes_bodies_are_replayable(content: Any, replayable: bool) -> None:
    """A binary body in memory may be sent again; a file or an iterator is consumed by the
    first attempt, so the request is marked not replayable (never retried)."""
    op = operation(body=Body("binary", name="data"), method="PUT")
    request = prepare_request(op, {"data": content}, None)
    assert request.content is content
    assert request.replayable is replayable
    assert request.headers["Content-Type"] == "application/octet-stream"


@pytest.mark.parametrize(
    ("files", "replayable"),
    [({"f": b"x"}, True), ({"f": ("n.txt", b"x")}, True), ({"f": io.BytesIO(b"x")}, False)],
)
def test_only_in_memory_uploads_are_replayable(files: dict[str, Any], replayable: bool) -> None:
    """A multipart upload of bytes or (name, bytes) may be replayed; a file object may not."""
    op = operation(param("f", "file", types=(bytes, tuple, io.IOBase)), body=Body("multipart"), method="POST")
    assert prepare_request(op, files, None).replayable is replayable


def test_a_binary_body_must_be_bytes_a_file_or_chunks() -> None:
    """A str or a number is not a binary body: a typed error, before sending."""
    op = operation(body=Body("binary", name="data"), method="PUT")
    assert problems(op, {"data": "text"}) == [
        ("data", "expected bytes, a binary file or an iterable of bytes, got str 'text'")
    ]
    assert problems(op, {"data": 5}) == [
        ("data", "expected bytes, a binary file or an iterable of bytes, got int 5")
    ]
    assert problems(op, {}) == [("data", "required")]
    optional = operation(body=Body("binary", name="data", required=False), method="PUT")
    assert prepare_request(optional, {}, None).content is None


def test_a_form_body_is_the_form_parameters() -> None:
    """A form body sends the form parameters as the form, even when none is given."""
    op = operation(param("f", "form", wire="grant"), body=Body("form"), method="POST")
    assert prepare_request(op, {"f": "x"}, None).form == {"grant": "x"}
    assert prepare_request(op, {}, None).form == {}
    multipart = operation(body=Body("multipart"), method="POST")
    assert prepare_request(multipart, {}, None).form is None


def test_a_json_body_is_validated_and_sent_by_alias_without_unset_fields() -> None:
    """A dict body is validated against its model (errors name body.field); what is sent is the
    model's JSON by alias, without fields the caller did not set."""
    from ofsc_generated.operations.core import CREATE_ACTIVITY

    assert CREATE_ACTIVITY.body is not None
    name = CREATE_ACTIVITY.body.name
    request = prepare_request(CREATE_ACTIVITY, {name: {"activityType": "install", "resourceId": "r1"}}, None)
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {"activityType": "install", "resourceId": "r1"}
    errors = problems(CREATE_ACTIVITY, {name: {"duration": "long"}})
    assert errors and all(where.startswith(f"{name}.") for where, _ in errors)
    assert any(where == f"{name}.duration" for where, _ in errors)


def test_an_attempt_sends_client_headers_then_authorization_then_the_requests_own() -> None:
    """Headers are merged client < Authorization < request; the query is encoded onto the path."""
    prepared = PreparedRequest("GET", "/a", [("q", "a b"), ("n", 1)], {"X-Own": "1", "Accept": "x/y"})
    timeout = httpx.Timeout(5)
    sent = prepared.build(
        BaseURL("https://acme.example"), {"Accept": "a/b", "Authorization": "old"}, timeout, "Bearer t"
    )
    assert sent.headers == {"Accept": "x/y", "Authorization": "Bearer t", "X-Own": "1"}
    assert sent.target == "/a?q=a+b&n=1"
    assert sent.timeout is timeout and sent.method == "GET"
    plain = PreparedRequest("GET", "/a").build(
        BaseURL("https://acme.example"), {"Authorization": "Basic x"}, timeout
    )
    assert plain.headers == {"Authorization": "Basic x"} and plain.target == "/a"


@pytest.mark.parametrize("value", [".", ".."])
def test_a_dot_segment_is_refused(value: str) -> None:
    """ "." or ".." as a path value would be read as "here" or "up one level": a typed error
    before sending."""
    op = operation(param("label", "path", required=True), path="/rest/things/{label}/x")
    assert problems(op, {"label": value}) == [
        ("label", f"{value!r} cannot be a path value: it would change the route")
    ]


@pytest.mark.parametrize("value", ["...", "../..", "a/../b", "./x"])
def test_other_dotted_labels_stay_one_segment(value: str) -> None:
    """Any other label with dots is one encoded segment that URL normalisation leaves alone."""
    op = operation(param("label", "path", required=True), path="/rest/things/{label}/x")
    path = prepare_request(op, {"label": value}, None).path
    segment = path.removeprefix("/rest/things/").removesuffix("/x")
    assert "/" not in segment and segment not in (".", "..")
    assert unquote(segment) == value
    assert httpx.URL("https://a.example" + path).raw_path.decode() == path  # nothing normalised away


@PROPERTY
@given(st.integers(min_value=-5, max_value=5))
def test_a_number_equal_to_a_bound_is_accepted(bound: int) -> None:
    """ge and le include the bound itself."""
    assert check_param(param(types=(int,), le=bound), bound) is None
    assert check_param(param(types=(int,), ge=bound), bound) is None


def test_type_errors_name_the_types_readably() -> None:
    """Types are listed with "or"; a file parameter reads "a binary file", a date "datetime.date"."""
    assert check_param(param(types=(bytes, io.IOBase)), 5) == "expected bytes or a binary file, got int 5"
    assert check_param(param(types=(dt.date, str)), 5) == "expected datetime.date or str, got int 5"


def test_an_enum_member_is_accepted_where_its_enum_is_declared() -> None:
    """A parameter typed by an enum takes that enum's members."""
    assert check_param(param(types=(Color,)), Color.RED) is None


def test_the_url_length_limit_is_inclusive_and_names_the_call() -> None:
    """A URL of exactly MAX_URL_LENGTH characters can be sent; one more is refused, saying how long it was."""
    from ofsc._request import MAX_URL_LENGTH, check_url_length

    base = BaseURL("https://acme.example")
    room = MAX_URL_LENGTH - len(base.text) - len("/x?q=")
    check_url_length("op", base, PreparedRequest("GET", "/x", [("q", "a" * room)]))
    with pytest.raises(RequestValidationError) as caught:
        check_url_length("op", base, PreparedRequest("GET", "/x", [("q", "a" * (room + 1))]))
    assert caught.value.operation == "op"
    assert caught.value.errors == [
        ("url", f"is {MAX_URL_LENGTH + 1} characters long; at most {MAX_URL_LENGTH} can be sent")
    ]


def test_the_position_of_a_bad_header_character_counts_tildes_and_tabs_as_good() -> None:
    """~ and tab are allowed in header values, so the bad character is found after them."""
    assert header_problem("X", "a~\x01").endswith("found '\\x01' at position 2")  # type: ignore[union-attr]
    assert header_problem("X", "a\tb\x01").endswith("found '\\x01' at position 3")  # type: ignore[union-attr]


def test_dot_only_segments_are_encoded_dot_by_dot() -> None:
    """inert_dots encodes each dot of a dots-only segment and leaves any other segment alone."""
    from ofsc._request import inert_dots

    assert (inert_dots("."), inert_dots(".."), inert_dots("...")) == ("%2E", "%2E%2E", "%2E%2E%2E")
    assert (inert_dots("a.b"), inert_dots(""), inert_dots("%2E")) == ("a.b", "", "%2E")


def test_a_refused_dot_segment_does_not_hide_other_problems() -> None:
    """Every parameter is still checked after a refused path value."""
    op = operation(param("label", "path", required=True), param("n", types=(int,)), path="/t/{label}")
    assert [where for where, _ in problems(op, {"label": "..", "n": "x"})] == ["label", "n"]


def test_an_attempt_carries_the_body() -> None:
    """Each attempt's request holds the prepared body, form and files."""
    chunks_body = b"payload"
    base, timeout = BaseURL("https://acme.example"), httpx.Timeout(5)
    sent = PreparedRequest("PUT", "/a", content=chunks_body).build(base, {}, timeout)
    assert sent.content is chunks_body
    upload = PreparedRequest("POST", "/a", form={"k": "v"}, files={"f": b"x"}).build(base, {}, timeout)
    assert (upload.form, upload.files) == ({"k": "v"}, {"f": b"x"})
