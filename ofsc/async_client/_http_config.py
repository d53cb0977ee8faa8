"""``HTTPClientConfig``: the 2.x transport settings of ``AsyncOFSC`` (same fields, defaults
and validation as in 2.x)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class HTTPClientConfig(BaseModel):
    """How ``AsyncOFSC`` connects; every field is optional.

    - ``max_concurrency``: at most this many connections (requests beyond it wait for one);
    - ``timeout``: seconds per request (default: v3's, 30 s);
    - ``max_retries``: retries of a failed attempt (default: v3's; 2.x retried connection
      errors only, v3 also retries 429 and 5xx answers, honouring ``Retry-After``);
    - ``proxy``, ``verify_ssl``, ``http2`` (used when the ``h2`` package is installed),
      ``follow_redirects`` and ``trust_env`` (proxy, CA bundle and netrc from the environment).
    """

    model_config = ConfigDict(frozen=True)

    max_concurrency: int | None = Field(default=None, ge=1)
    timeout: float | None = Field(default=None, gt=0)
    max_retries: int = Field(default=0, ge=0)
    proxy: str | None = None
    verify_ssl: bool = True
    http2: bool = True
    follow_redirects: bool = False
    trust_env: bool = True
