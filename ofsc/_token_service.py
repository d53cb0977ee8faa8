"""OFS's OAuth2 token service: where it is and what a token request's form holds.

The one home of these facts for the runtime (:mod:`ofsc._auth`), the settings' default
(:mod:`ofsc._config`) and the 2.x layers (:mod:`ofsc.v2`, :mod:`ofsc.async_client`). It
imports nothing, so the settings can name the path without loading anything else; a test
holds ``TOKEN_PATH`` to the generated ``auth.get_token`` operation's path.
"""

from __future__ import annotations

TOKEN_PATH = "/rest/oauthTokenService/v2/token"
CLIENT_CREDENTIALS = "client_credentials"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"


def token_form(grant_type: str, assertion: str | None = None, scope: str | None = None) -> dict[str, str]:
    """The form of a token request: the grant, its assertion (JWT-bearer) and OFS's dynamic
    scope, each only when given, in the order 2.x sent them (assertion first)."""
    form = {} if assertion is None else {"assertion": assertion}
    form["grant_type"] = grant_type
    if scope:
        form["ofsc_dynamic_scope"] = scope
    return form
