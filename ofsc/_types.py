"""Public type aliases shared by the generated endpoints and the facade."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable, Mapping
from typing import IO, TypedDict

# A file to upload: bytes, an open binary file, an iterable of chunks, or
# (filename, content[, content_type]) for multipart uploads.
FileContent = (
    bytes
    | IO[bytes]
    | Iterable[bytes]
    | AsyncIterable[bytes]
    | tuple[str, bytes | IO[bytes]]
    | tuple[str, bytes | IO[bytes], str]
)


class RequestOptions(TypedDict, total=False):
    """Per-call settings, passed as ``options=`` to any endpoint method."""

    timeout: float | None
    """Seconds for each attempt, from connecting to the answer's last byte (overrides the client's)."""
    call_timeout: float | None
    """Seconds for the whole call: every attempt and every wait between them (overrides the client's)."""
    max_retries: int
    """Retries after the first attempt (0 disables retrying this call)."""
    headers: Mapping[str, str]
    """Extra headers to send."""
    query: Mapping[str, str]
    """Extra query parameters (for ones the spec does not list yet)."""
    retry_unsafe: bool
    """Allow replaying a POST/PATCH that may have reached the server (you know it is idempotent)."""
    strict_responses: bool
    """Raise ``ResponseValidationError`` when the 2xx body does not fit its model (overrides the client's)."""
