"""Requests and answers before any HTTP library's objects (ofsc._wire).

The rules (the module's docstring): a request's URL is the client's base URL joined with the
encoded path and query, the same whether read as text or as an ``httpx.URL``; the httpx
request and response are built on first use and then kept, so everyone who asks sees the same
object; only a body held in memory counts as in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from ofsc._wire import RESPONSE_KEY, BaseURL, BufferedAnswer, OutgoingRequest, as_httpx, attach_response

PROPERTY = settings(max_examples=60, deadline=None)
# Encoded segments as the SDK makes them: never "." or ".." (those are encoded as %2E).
SEGMENT = (
    st.text(alphabet="abcXYZ019-._~%20", min_size=1, max_size=8)
    .map(lambda s: s.replace("%", "%25"))
    .filter(lambda s: set(s) != {"."})
)
QUERY = st.lists(
    st.tuples(st.sampled_from(["q", "fields", "limit"]), st.text(alphabet="abc,01", max_size=5)), max_size=3
)


@PROPERTY
@given(
    st.sampled_from(
        [
            "https://acme.example",
            "https://acme.example/",
            "http://127.0.0.1:8080/base/",
            "https://h.example/p?x=1",
        ]
    ),
    st.lists(SEGMENT, min_size=1, max_size=4),
    QUERY,
)
def test_a_url_is_the_base_joined_with_the_path_and_query(
    base: str, segments: list[str], query: list[tuple[str, str]]
) -> None:
    """The base URL's path (without a trailing slash, query or fragment), then the request's
    encoded path and query; the parsed URL and the text agree."""
    parsed = BaseURL(base)
    target = "/" + "/".join(segments) + (f"?{httpx.QueryParams(query)}" if query else "")
    url = parsed.join(target)
    expected_text = str(httpx.URL(base).copy_with(query=None, fragment=None)).rstrip("/") + target
    assert parsed.text == expected_text.removesuffix(target)
    assert str(url) == expected_text
    assert url == httpx.URL(expected_text)
    assert url.query == (str(httpx.QueryParams(query)).encode() if query else b"")
    request = OutgoingRequest("GET", parsed, target, {}, httpx.Timeout(1))
    assert request.url_text == expected_text
    assert request.url == url
    assert request.url is request.url  # parsed once


def test_the_base_url_prints_as_given() -> None:
    """str(BaseURL) is the configured URL; its text form drops the query and trailing slash."""
    base = BaseURL("https://acme.example/root/?a=1")
    assert str(base) == "https://acme.example/root/?a=1"
    assert base.text == "https://acme.example/root"
    assert base.join("/x").path == "/root/x"


def test_joining_works_without_httpx_internals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should httpx's URL internals change, the URL is parsed from the text instead, with the same result."""
    base = BaseURL("https://acme.example/root/")
    expected = base.join("/a/b?c=1")
    monkeypatch.setattr(base, "parsed", httpx.URL("https://acme.example/root/"))
    object.__setattr__(base.parsed, "_uri_reference", None)
    fallback = base.join("/a/b?c=1")
    assert fallback == expected
    assert str(fallback) == "https://acme.example/root/a/b?c=1"


def chunks() -> Iterator[bytes]:
    yield b"x"


@pytest.mark.parametrize(
    ("content", "files", "in_memory"),
    [
        (None, None, True),
        (b"x", None, True),
        (bytearray(b"x"), None, True),
        (chunks(), None, False),
        (None, {"f": b"x"}, False),
    ],
)
def test_only_bodies_held_in_memory_count_as_in_memory(
    content: object, files: dict[str, bytes] | None, in_memory: bool
) -> None:
    """No body or a bytes body can go through any transport as it is; a stream or an upload cannot."""
    request = OutgoingRequest(
        "PUT", BaseURL("https://a.example"), "/x", {}, httpx.Timeout(1), content=content, files=files
    )
    assert request.body_in_memory is in_memory


def test_the_httpx_request_is_built_once_with_everything_decided() -> None:
    """to_httpx() builds the request on first use (method, URL, headers, body, timeout) and
    then returns that same object, so changes made to it by a hook are what is sent."""
    timeout = httpx.Timeout(5.0, connect=1.0)
    outgoing = OutgoingRequest(
        "POST", BaseURL("https://a.example/base"), "/x?y=1", {"X-H": "v"}, timeout, form={"k": "v"}
    )
    assert outgoing.http_request is None
    request = outgoing.to_httpx()
    assert outgoing.to_httpx() is request and outgoing.http_request is request
    assert (request.method, str(request.url)) == ("POST", "https://a.example/base/x?y=1")
    assert request.headers["X-H"] == "v"
    assert request.read() == b"k=v"
    assert request.extensions["timeout"] == timeout.as_dict()
    assert outgoing.body_in_memory is True  # a form is encoded as bytes
    streamed = OutgoingRequest("PUT", BaseURL("https://a.example"), "/x", {}, timeout, content=chunks())
    streamed.to_httpx()
    assert streamed.body_in_memory is False


@pytest.mark.parametrize(
    ("status", "success"), [(199, False), (200, True), (204, True), (299, True), (300, False), (404, False)]
)
def test_a_buffered_answer_is_a_success_for_2xx_only(status: int, success: bool) -> None:
    """is_success means 200 to 299."""
    request = OutgoingRequest("GET", BaseURL("https://a.example"), "/x", {}, httpx.Timeout(1))
    assert BufferedAnswer(status, [], b"", request, 0.0).is_success is success


def test_a_buffered_answer_becomes_one_httpx_response() -> None:
    """The httpx.Response is built on first use, with the status, headers, body, request and
    elapsed time, and kept; as_httpx gives it (or an httpx.Response itself)."""
    request = OutgoingRequest("GET", BaseURL("https://a.example"), "/x", {}, httpx.Timeout(1))
    answer = BufferedAnswer(
        201, [(b"X-Request-Id", b"r1"), (b"Set-Cookie", b"a=1")], b'{"a":1}', request, 0.25
    )
    response = as_httpx(answer)
    assert as_httpx(answer) is response and answer.to_httpx() is response
    assert (response.status_code, response.headers["x-request-id"], response.json()) == (201, "r1", {"a": 1})
    assert response.request is request.to_httpx()
    assert response.elapsed == dt.timedelta(seconds=0.25)
    plain = httpx.Response(200)
    assert as_httpx(plain) is plain


def test_a_result_remembers_its_answer() -> None:
    """attach_response stores the answer as the result's raw response, only on that instance."""

    class Result(BaseModel):
        a: int = 0

    result = Result()
    answer = httpx.Response(200)
    attach_response(result, answer)
    assert result.__pydantic_private__ == {RESPONSE_KEY: answer}
    assert RESPONSE_KEY == "raw_response"
    assert Result().__pydantic_private__ is None
