"""Secrets never show in reprs, logs or error messages (ofsc._redact, and the errors that use it).

The rules (``docs/BEST_PRACTICES.md``, "Secrets"): the ``Authorization``,
``Proxy-Authorization``, ``Cookie`` and ``Set-Cookie`` headers are masked; in any text,
``Basic``/``Bearer`` values, ``client_secret=``, signing keys, assertions, tokens, passwords
and JWTs are masked, and the rest of the text is kept.
"""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsc import APIConnectionError, APITimeoutError, InternalServerError
from ofsc._redact import REDACTED, SECRET_HEADERS, redact_headers, redact_text

PROPERTY = settings(max_examples=60, deadline=None)
# What a credential is made of (base64, base64url, JWT and token characters).
CREDENTIAL = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/=-", min_size=1, max_size=40
).map(lambda s: "Zq" + s)
B64URL = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", min_size=1, max_size=30
)
AROUND = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 ()[]", max_size=20).map(lambda s: s.strip())
SECRET_NAMES = ["client_secret", "signing_key", "assertion", "access_token", "token", "password"]


def cased(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from([name, name.upper(), name.title(), name.capitalize()])


@PROPERTY
@given(
    st.sampled_from(["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"]).flatmap(cased),
    st.text(),
)
def test_secret_headers_are_masked_whatever_their_case(name: str, value: str) -> None:
    """Authorization, Proxy-Authorization, Cookie and Set-Cookie never show their value."""
    assert redact_headers({name: value, "Accept": "application/json"}) == {
        name: REDACTED,
        "Accept": "application/json",
    }


@PROPERTY
@given(
    st.dictionaries(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=15).filter(
            lambda k: k not in SECRET_HEADERS
        ),
        st.text(max_size=20),
        max_size=5,
    )
)
def test_other_headers_are_kept_as_they_are(headers: dict[str, str]) -> None:
    """Headers that hold no credential are shown unchanged."""
    assert redact_headers(headers) == headers


def test_the_masked_headers_are_exactly_the_credential_headers() -> None:
    """The set of masked header names, in lower case."""
    assert frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"}) == SECRET_HEADERS


@PROPERTY
@given(
    st.sampled_from(["Basic", "Bearer"]).flatmap(cased),
    st.sampled_from([" ", "  ", "\t"]),
    CREDENTIAL,
    AROUND,
    AROUND,
)
def test_basic_and_bearer_values_in_text_are_masked(
    scheme: str, gap: str, secret: str, before: str, after: str
) -> None:
    """``Basic <credentials>`` and ``Bearer <token>`` anywhere in text keep the scheme and lose the value."""
    text = f"{before} {scheme}{gap}{secret} {after}"
    assert redact_text(text) == f"{before} {scheme}{gap}{REDACTED} {after}"


@PROPERTY
@given(
    st.sampled_from(SECRET_NAMES).flatmap(cased),
    st.sampled_from(["=", ": ", ":", " = ", '": "', "='", '="']),
    CREDENTIAL.map(lambda s: s.replace("=", "")),
    st.sampled_from(["", "&next=1", ", other", "}", "'"]),
)
def test_named_secrets_in_text_are_masked(name: str, separator: str, secret: str, rest: str) -> None:
    """``client_secret=…``, ``"token": "…"`` and the like (any case, form or JSON style) lose the
    value up to the next quote, ``&``, blank, comma or brace; what follows is kept."""
    text = f"sent {name}{separator}{secret}{rest}"
    redacted = redact_text(text)
    assert secret not in redacted
    assert redacted == f"sent {name}{separator}{REDACTED}{rest}"


@PROPERTY
@given(B64URL, B64URL, st.one_of(st.just(""), B64URL), AROUND)
def test_a_bare_jwt_in_text_is_masked(header: str, payload: str, signature: str, before: str) -> None:
    """A JWT (``eyJ….….…``) anywhere in text is masked whole."""
    jwt = f"eyJ{header}.{payload}.{signature}"
    assert redact_text(f"{before} got {jwt} back") == f"{before} got {REDACTED} back"


@PROPERTY
@given(st.text(alphabet="abcdfghijklmnuvwxyz0123456789 .,;()-/", max_size=60))
def test_text_without_credentials_is_unchanged(text: str) -> None:
    """Redaction only masks credentials: ordinary text (ids, URLs, messages) is kept."""
    assert redact_text(text) == text


def test_a_connection_error_message_is_redacted() -> None:
    """An APIConnectionError's text never holds a credential, whatever the transport said."""
    exc = APIConnectionError(
        "ConnectError: proxy said Basic dXNlcjpwYXNz", method="POST", url="https://acme.example/token"
    )
    assert "dXNlcjpwYXNz" not in str(exc)
    assert (
        str(exc) == f"ConnectError: proxy said Basic {REDACTED} (POST https://acme.example/token, 1 attempt)"
    )
    timeout = APITimeoutError("ReadTimeout: token=abc123", method="GET", url="https://a/x", attempts=3)
    assert str(timeout) == f"ReadTimeout: token={REDACTED} (GET https://a/x, 3 attempts)"


def test_a_status_error_message_is_redacted() -> None:
    """An APIStatusError's text (title, detail, body snippet) never holds a credential."""
    request = httpx.Request("GET", "https://acme.example/rest/x?access_token=q")
    response = httpx.Response(500, json={"title": "Oops", "detail": "bad Bearer abc.def"}, request=request)
    exc = InternalServerError(response)
    assert "abc.def" not in str(exc)
    assert str(exc).startswith(f"500 Oops: bad Bearer {REDACTED} (GET https://acme.example/rest/x")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"client_secret": "s3cr3t", "id": 1}', f'{{"client_secret": "{REDACTED}", "id": 1}}'),
        ("grant_type=x&assertion=eyJa.b.c&scope=y", f"grant_type=x&assertion={REDACTED}&scope=y"),
        ("PASSWORD:hunter2 ok", f"PASSWORD:{REDACTED} ok"),
    ],
)
def test_examples_of_masked_text(text: str, expected: str) -> None:
    """Bodies and query strings as they show up in logs."""
    assert redact_text(text) == expected


def test_a_remembered_secret_is_masked_anywhere_in_text() -> None:
    """A configured secret is masked wherever it shows up, whatever surrounds it; the longest
    remembered secret wins where two overlap; values too short to be secrets are not remembered."""
    import uuid

    from ofsc._redact import _SHORTEST, remember_secret

    fresh = "Qz" + uuid.uuid4().hex[:8]  # secrets are remembered for the whole process: new ones each run
    remember_secret(f"{fresh}-secret")
    remember_secret(f"{fresh}-secret-longer")
    remember_secret(f"{fresh}-secret")  # again: nothing changes
    assert redact_text(f"x={fresh}-secret;y") == f"x={REDACTED};y"
    assert redact_text(f"[{fresh}-secret-longer]") == f"[{REDACTED}]"
    short = fresh[: _SHORTEST - 1]
    remember_secret(short)
    assert redact_text(f"id {short} here") == f"id {short} here"
    just_long_enough = fresh[:_SHORTEST]
    remember_secret(just_long_enough)
    assert redact_text(f"id {just_long_enough} here") == f"id {REDACTED} here"
