"""Requests and answers before any HTTP library's objects (ofsc._wire).

The rules (the module's docstring): a request's URL is the client's base URL joined with the
encoded path and query, the same whether read as text or as an ``httpx.URL``; the httpx
request and response are built on first use and then kept, so everyone who asks sees the same
object; only a body held in memory counts as in memory.
"""

from __future__ import annotations

import datetime as dt
import gzip
import struct
import time
import zlib
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from ofsc import ResponseTooLargeError
from ofsc._wire import (
    ACCEPT_ENCODING,
    RESPONSE_KEY,
    Answer,
    BaseURL,
    BodyReader,
    OutgoingRequest,
    attach_response,
    keep_body,
)

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


def test_joining_reuses_the_parsed_base(monkeypatch: pytest.MonkeyPatch) -> None:
    """The base was checked once: joining a request's path and query to it parses no URL
    again (parsing is the costly part of building a request)."""
    base = BaseURL("https://acme.example/root/")
    parses: list[object] = []
    parse = httpx.URL.__init__

    def counted(url: httpx.URL, *args: object, **kwargs: object) -> None:
        parses.append(args)
        parse(url, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(httpx.URL, "__init__", counted)
    url = base.join("/a/b?c=1")
    assert parses == []
    assert str(url) == "https://acme.example/root/a/b?c=1"


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
    assert Answer(status, {}, request, content=b"").is_success is success


def test_a_buffered_answer_becomes_one_httpx_response() -> None:
    """The httpx.Response is built on first use, with the status, headers, body, request and
    elapsed time, and kept; an httpx sender's own response is carried as it is."""
    request = OutgoingRequest("GET", BaseURL("https://a.example"), "/x", {}, httpx.Timeout(1))
    raw = [(b"X-Request-Id", b"r1"), (b"Set-Cookie", b"a=1")]
    answer = Answer(201, httpx.Headers(raw), request, content=b'{"a":1}', raw_headers=raw, elapsed=0.25)
    assert answer.elapsed == dt.timedelta(seconds=0.25) and answer._http_response is None
    response = answer.http_response
    assert answer.http_response is response
    assert (response.status_code, response.headers["x-request-id"], response.json()) == (201, "r1", {"a": 1})
    assert response.request is request.to_httpx()
    assert response.elapsed == dt.timedelta(seconds=0.25)
    plain = httpx.Response(200)
    assert Answer.of_httpx(plain, request).http_response is plain


def test_once_built_the_httpx_response_is_what_the_answer_reads() -> None:
    """Headers are read from what the sender received until the httpx.Response exists; then
    from it, so that a response hook's change is what everyone sees."""
    request = OutgoingRequest("GET", BaseURL("https://a.example"), "/x", {}, httpx.Timeout(1))
    received = {"Retry-After": "5"}  # any case-insensitive mapping a library gives
    answer = Answer(503, httpx.Headers(received), request, content=b"")
    assert answer.headers["retry-after"] == "5" and answer._http_response is None
    answer.http_response.headers["Retry-After"] = "9"  # as a response hook may
    assert answer.headers["retry-after"] == "9"


def test_a_streamed_answer_is_read_from_its_sender_and_kept() -> None:
    """A streamed answer's body comes from its stream: in chunks, or read whole and then kept
    as its content; closing closes the stream. A buffered answer gives its content in the
    same way, in pieces of the asked size."""
    request = OutgoingRequest("GET", BaseURL("https://a.example"), "/f", {}, httpx.Timeout(1))
    body = b"0123456789" * 10
    chunks = Answer.of_httpx(httpx.Response(200, stream=httpx.ByteStream(body)), request, stream=True)
    assert b"".join(chunks.iter_bytes(7)) == body
    whole = Answer.of_httpx(httpx.Response(200, stream=httpx.ByteStream(body)), request, stream=True)
    assert whole.read() == body and whole.content == body and whole.http_response.content == body
    whole.close()
    assert whole.http_response.is_closed
    buffered = Answer(200, {}, request, content=body)
    assert [len(piece) for piece in buffered.iter_bytes(40)] == [40, 40, 20]
    assert buffered.read() == body and list(Answer(200, {}, request, content=b"").iter_bytes()) == []


def streamed(body: bytes) -> Answer:
    request = OutgoingRequest("GET", BaseURL("https://a.example"), "/f", {}, httpx.Timeout(1))
    return Answer.of_httpx(httpx.Response(200, stream=httpx.ByteStream(body)), request, stream=True)


def test_a_streamed_answer_gives_chunks_of_the_asked_size_and_closes_unread() -> None:
    """A streamed answer's chunks have the size asked for; closing it before its body is read
    closes the sender's stream. Closing a buffered answer does nothing."""
    body = b"0123456789" * 10
    assert [len(chunk) for chunk in streamed(body).iter_bytes(40)] == [40, 40, 20]
    unread = streamed(body)
    unread.close()
    assert unread.http_response.is_closed
    request = OutgoingRequest("GET", BaseURL("https://a.example"), "/f", {}, httpx.Timeout(1))
    Answer(200, {}, request, content=body).close()


async def test_a_streamed_answer_is_read_the_same_way_by_the_async_client() -> None:
    """The async client reads an answer as the sync one does: a streamed one from its stream,
    in chunks of the asked size or whole (then kept as its content), closed by aclose(); a
    buffered one from its content, in pieces of the asked size."""
    body = b"0123456789" * 10
    assert [len(chunk) async for chunk in streamed(body).aiter_bytes(40)] == [40, 40, 20]
    whole = streamed(body)
    assert await whole.aread() == body and whole.content == body
    unread = streamed(body)
    await unread.aclose()
    assert unread.http_response.is_closed
    request = OutgoingRequest("GET", BaseURL("https://a.example"), "/f", {}, httpx.Timeout(1))
    buffered = Answer(200, {}, request, content=body)
    assert [len(piece) async for piece in buffered.aiter_bytes(40)] == [40, 40, 20]
    assert [piece async for piece in buffered.aiter_bytes()] == [body]
    assert await buffered.aread() == body
    await buffered.aclose()


def test_an_httpx_answer_is_buffered_unless_said_streamed() -> None:
    """Answer.of_httpx without stream=True is a buffered answer: its body is the content the
    sender read and decoded, not the response's stream; an answer built without a measured
    time reports none."""
    request = OutgoingRequest("GET", BaseURL("https://a.example"), "/f", {}, httpx.Timeout(1))
    answer = Answer.of_httpx(httpx.Response(200, stream=httpx.ByteStream(b"on the wire")), request)
    answer.content = b"decoded"
    assert list(answer.iter_bytes()) == [b"decoded"] and answer.read() == b"decoded"
    assert Answer(200, {}, request, content=b"").elapsed == dt.timedelta(0)


def test_a_result_remembers_its_answer() -> None:
    """attach_response stores the answer as the result's raw response, only on that instance."""

    class Result(BaseModel):
        a: int = 0

    result = Result()
    request = OutgoingRequest("GET", BaseURL("https://a.example"), "/x", {}, httpx.Timeout(1))
    answer = Answer(200, {}, request, content=b"")
    attach_response(result, answer)
    assert result.__pydantic_private__ == {RESPONSE_KEY: answer}
    assert RESPONSE_KEY == "raw_response"
    assert Result().__pydantic_private__ is None


def limited(max_size: int | None, deadline: float | None = None) -> OutgoingRequest:
    request = OutgoingRequest("GET", BaseURL("https://a.example"), "/big?q=1", {}, httpx.Timeout(1))
    request.max_size = max_size
    if deadline is not None:
        request.deadline = deadline
    return request


ENCODINGS = {
    "identity": lambda b: b,
    "gzip": gzip.compress,
    "deflate": zlib.compress,  # with its zlib header, as the standard says
    "raw-deflate": None,  # without it, as some servers send it
}


def encode(body: bytes, encoding: str) -> bytes:
    if encoding == "raw-deflate":
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        return packer.compress(body) + packer.flush()
    return ENCODINGS[encoding](body)


@PROPERTY
@given(
    st.binary(max_size=3000).map(lambda b: b * 3),
    st.sampled_from(list(ENCODINGS)),
    st.integers(min_value=1, max_value=2000),
    st.integers(min_value=0, max_value=12000),
)
def test_a_buffered_answer_is_read_whole_up_to_the_size_limit(
    body: bytes, encoding: str, chunk: int, limit: int
) -> None:
    """The decoded body is returned when it holds at most max_response_size bytes, whatever the
    content coding and however it is chunked; past the limit reading stops with
    ResponseTooLargeError and nothing is kept."""
    header = "deflate" if encoding == "raw-deflate" else encoding
    reader = BodyReader(limited(limit), 200, httpx.Headers({"content-encoding": header}))
    assert reader.decodes is (encoding != "identity")
    wire = encode(body, encoding)
    try:
        for start in range(0, len(wire), chunk):
            reader.feed(wire[start : start + chunk])
        content = reader.content()
    except ResponseTooLargeError as exc:
        assert len(body) > limit
        assert exc.limit == limit and exc.status_code == 200 and exc.url == "https://a.example/big"
        assert reader.size > limit
        return
    assert len(body) <= limit
    assert content == body and reader.size == len(body)


@pytest.mark.parametrize("encoding", ["deflate", "raw-deflate"])
def test_deflate_with_or_without_its_zlib_header_decodes_from_one_byte_chunks(encoding: str) -> None:
    """Content-Encoding: deflate is read with its zlib header or without it (raw), however the
    body is split: a first chunk of 1 byte, too few to tell the two apart, waits for the next
    (it used to raise httpx.DecodingError for raw deflate); a body shorter than the header is
    read at the end."""
    body = b"deflated twice over " * 50
    wire = encode(body, encoding)
    for chunks in ([wire[:1], wire[1:]], [wire[:1], b"", wire[1:2], wire[2:]], [bytes([b]) for b in wire]):
        reader = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": "deflate"}))
        for chunk in chunks:
            reader.feed(chunk)
        assert reader.content() == body and reader.size == len(body)
    empty = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": "deflate"}))
    empty.feed(encode(b"", encoding)[:1])
    assert empty.content() == b""


def test_raw_deflate_is_told_from_zlib_by_the_whole_zlib_header() -> None:
    """A raw deflate body whose first two bytes pass zlib's check bits but name a window
    zlib cannot have (a stored block with stray padding bits) is read as raw deflate."""
    data = bytes(range(28))
    wire = b"\x88" + struct.pack("<HH", len(data), 0xFFFF ^ len(data)) + data + b"\x03\x00"
    assert (wire[0] << 8 | wire[1]) % 31 == 0
    reader = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": "deflate"}))
    reader.feed(wire)
    assert reader.content() == data


@PROPERTY
@given(st.binary(max_size=500), st.sampled_from(list(ENCODINGS)))
def test_without_a_limit_any_size_is_read(body: bytes, encoding: str) -> None:
    """max_response_size None: no limit (what streamed downloads use)."""
    header = "deflate" if encoding == "raw-deflate" else encoding
    reader = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": header}))
    reader.feed(encode(body, encoding))
    assert reader.content() == body


def test_an_announced_length_past_the_limit_is_refused_before_reading() -> None:
    """A Content-Length larger than the limit raises at once; one at the limit is read."""
    with pytest.raises(ResponseTooLargeError) as caught:
        BodyReader(limited(10), 502, httpx.Headers({"content-length": "11"}))
    assert (
        str(caught.value)
        == "the 502 answer is larger than max_response_size (10 bytes) (GET https://a.example/big)"
    )
    BodyReader(limited(10), 200, httpx.Headers({"content-length": "10"}))
    BodyReader(
        limited(10), 200, httpx.Headers({"content-length": "11", "content-encoding": "gzip"})
    )  # decoded size counts
    BodyReader(limited(10), 200, httpx.Headers({"content-length": "bogus"}))
    reader = BodyReader(limited(10), 200, httpx.Headers({"content-encoding": "gzip"}), decoded=True)
    assert reader.decodes is False
    reader.feed(b"x" * 10)
    assert reader.content() == b"x" * 10


def test_an_answer_still_arriving_after_the_deadline_times_out() -> None:
    """Reading past the request's deadline raises ReadTimeout (a trickling server cannot hold a call forever)."""
    reader = BodyReader(limited(None, deadline=time.monotonic() - 1), 200, httpx.Headers())
    with pytest.raises(httpx.ReadTimeout, match="did not arrive within the deadline"):
        reader.feed(b"late")
    on_time = BodyReader(limited(None, deadline=time.monotonic() + 3600), 200, httpx.Headers())
    on_time.feed(b"")
    on_time.feed(b"ok")
    assert on_time.content() == b"ok"


def test_a_corrupt_compressed_body_is_a_decoding_error() -> None:
    """Bytes that do not decode as the announced coding raise httpx.DecodingError."""
    reader = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": "gzip"}))
    with pytest.raises(httpx.DecodingError):
        reader.feed(b"not gzip at all")
    deflate = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": "deflate"}))
    deflate.feed(zlib.compress(b"abc")[:4])
    with pytest.raises(httpx.DecodingError):
        deflate.feed(b"\xff\xff\xff\xff garbage")


def test_a_deflate_body_with_a_wrong_checksum_is_a_decoding_error_however_it_is_split() -> None:
    """A zlib-wrapped deflate body whose checksum does not match raises httpx.DecodingError,
    wherever the chunks break (it is not taken for a raw deflate body after its header)."""
    wire = bytearray(zlib.compress(b"abc"))
    wire[-1] ^= 0xFF
    for split in range(len(wire) + 1):
        reader = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": "deflate"}))
        with pytest.raises(httpx.DecodingError):
            reader.feed(bytes(wire[:split]))
            reader.feed(bytes(wire[split:]))
            reader.content()


def test_a_deflate_body_that_is_neither_zlib_nor_raw_is_a_decoding_error() -> None:
    """Deflate is read with its zlib header or without it, as its first two bytes tell:
    bytes that are neither raise httpx.DecodingError as soon as those two have come (a
    shorter body, once it has ended)."""
    reader = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": "deflate"}))
    with pytest.raises(httpx.DecodingError):
        reader.feed(b"\xff\xff")
    one_byte = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": "deflate"}))
    one_byte.feed(b"\xff")
    with pytest.raises(httpx.DecodingError):
        one_byte.content()


def test_raw_deflate_that_starts_like_a_zlib_header_without_its_check_is_raw() -> None:
    """A zlib header is recognised by its method, window and check bits (RFC 1950): a raw
    deflate body whose first byte merely looks like one (a stored block) is read as raw."""
    hello = b"\x08" + (5).to_bytes(2, "little") + (5 ^ 0xFFFF).to_bytes(2, "little") + b"hello"
    reader = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": "deflate"}))
    reader.feed(hello + b"\x01\x00\x00\xff\xff")  # a stored block, then an empty last one
    assert reader.content() == b"hello"


@pytest.mark.parametrize("extra", [1, 200])
def test_a_raw_deflate_body_longer_than_a_decoding_step_is_read_whole(extra: int) -> None:
    """A deflate body without its zlib header (nor a checksum after it) is returned whole when
    it decodes to more than one 64 KiB step: the bytes zlib still holds at the end are kept."""
    body = b"\0" * (64 * 1024 + extra)
    reader = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": "deflate"}))
    reader.feed(encode(body, "raw-deflate"))
    assert reader.content() == body and reader.size == len(body)


def test_the_sdk_asks_for_the_codings_it_can_bound() -> None:
    """Accept-Encoding names exactly the codings decoded here step by step."""
    assert ACCEPT_ENCODING == "gzip, deflate"
    assert BodyReader(limited(None), 200, httpx.Headers({"content-encoding": " X-GZIP "})).decodes


def test_keep_body_gives_a_response_its_decoded_body() -> None:
    """A response read here answers content, text and json() like any read httpx response."""
    response = httpx.Response(200, stream=httpx.ByteStream(b""))
    assert keep_body(response, b'{"a": 1}') is response
    assert response.json() == {"a": 1} and response.content == b'{"a": 1}'


def test_the_base_url_keeps_a_path_ending_in_any_character() -> None:
    """Only slashes are trimmed from the base's end, and its fragment is dropped."""
    assert BaseURL("https://acme.example/apiX/#frag").text == "https://acme.example/apiX"
    base = BaseURL("https://acme.example/apiX/")
    assert str(base.join("/a")) == "https://acme.example/apiX/a"
    assert BaseURL("https://acme.example/X").text == "https://acme.example/X"


def test_a_library_decoded_body_is_counted_as_it_comes() -> None:
    """decoded=True: the chunks are already decoded, so a Content-Length past the limit refuses
    the answer at once and the chunks are kept as they are."""
    with pytest.raises(ResponseTooLargeError):
        BodyReader(
            limited(5), 200, httpx.Headers({"content-encoding": "gzip", "content-length": "6"}), decoded=True
        )
    reader = BodyReader(limited(None), 200, httpx.Headers({"Content-Encoding": "GZIP"}), decoded=True)
    reader.feed(b"plain")
    assert reader.content() == b"plain"
    upper = BodyReader(limited(None), 200, httpx.Headers({"Content-Encoding": " GZip "}))
    assert upper.decodes


def test_the_deadline_error_and_decoding_errors_name_the_request() -> None:
    """A read past the deadline or a corrupt body raises an httpx error carrying the request
    (what the pipeline turns into a typed error naming the call)."""
    reader = BodyReader(limited(None, deadline=time.monotonic() - 1), 200, httpx.Headers())
    with pytest.raises(httpx.ReadTimeout) as late:
        reader.feed(b"x")
    assert str(late.value) == "the answer did not arrive within the deadline"
    assert late.value.request.url == "https://a.example/big?q=1"
    corrupt = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": "gzip"}))
    with pytest.raises(httpx.DecodingError) as bad:
        corrupt.feed(b"not gzip at all")
    assert bad.value.request.url == "https://a.example/big?q=1"
    assert "Error -3 while decompressing data" in str(bad.value)


@PROPERTY
@given(st.integers(min_value=1, max_value=5))
def test_a_highly_compressed_body_is_decoded_in_bounded_steps(megabytes: int) -> None:
    """A small gzip of a large body is inflated step by step, so the limit stops it as soon
    as the decoded size passes it (memory never holds much more than the limit)."""
    bomb = gzip.compress(b"\0" * (megabytes * 1024 * 1024))
    limit = 100_000
    reader = BodyReader(limited(limit), 200, httpx.Headers({"content-encoding": "gzip"}))
    with pytest.raises(ResponseTooLargeError):
        reader.feed(bomb)
    assert reader.size <= limit + 64 * 1024
    whole = BodyReader(limited(None), 200, httpx.Headers({"content-encoding": "gzip"}))
    whole.feed(bomb)
    assert whole.content() == b"\0" * (megabytes * 1024 * 1024)


def test_a_buffered_answer_builds_a_read_httpx_response() -> None:
    """The httpx.Response of a buffered answer is already read: its content is the decoded body."""
    request = OutgoingRequest("GET", BaseURL("https://a.example"), "/x", {}, httpx.Timeout(1))
    raw = [(b"Content-Encoding", b"gzip")]
    response = Answer(200, httpx.Headers(raw), request, content=b"decoded", raw_headers=raw).http_response
    assert response.is_stream_consumed or response.content == b"decoded"
    assert response.content == b"decoded" and response.read() == b"decoded"


def test_an_upload_keeps_its_files_in_the_httpx_request() -> None:
    """to_httpx() sends the multipart files with the form."""
    outgoing = OutgoingRequest(
        "POST",
        BaseURL("https://a.example"),
        "/up",
        {},
        httpx.Timeout(1),
        form={"k": "v"},
        files={"f": ("a.txt", b"xyz")},
    )
    body = outgoing.to_httpx().read()
    assert b'name="f"; filename="a.txt"' in body and b"xyz" in body and b'name="k"' in body
    assert OutgoingRequest("GET", BaseURL("https://a.example"), "/x", {}, httpx.Timeout(1)).max_size is None


def test_a_length_that_is_not_ascii_digits_is_left_to_the_reader() -> None:
    """An announced length that is not plain ASCII digits (``"²"`` passes ``str.isdigit``)
    is not trusted to refuse a body early, nor does it crash: the body is counted as read."""
    request = OutgoingRequest("GET", BaseURL("http://h"), "/x", {}, httpx.Timeout(1.0))
    request.max_size = 10
    reader = BodyReader(request, 200, {"content-length": "\u00b2"})  # as aiohttp decodes latin-1
    reader.feed(b"0123456789")
    assert reader.content() == b"0123456789"
