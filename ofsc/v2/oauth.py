"""``OFSOauth2``: the 2.x token service API."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._base import OFSApi
from ._endpoint import v3_equivalent
from .common import OBJ_RESPONSE

if TYPE_CHECKING:
    from ._config import OFSOAuthRequest


class OFSOauth2(OFSApi):
    """The 2.x token service API, reached as ``client.oauth2``."""

    @v3_equivalent(
        "auth.get_token",
        args={"params": None},
        note="or the JWT-bearer grant with assertion=",
        derived={"grant_type": "'client_credentials'"},
    )
    def get_token(self, params: OFSOAuthRequest = OFSApi._DEFAULT_TOKEN_REQUEST, **kwargs: Any) -> Any:
        """The token service's answer for ``params``: a dict with ``access_token``,
        ``token_type`` and ``expires_in`` (unless ``response_type=`` says otherwise)."""
        return self._token_result(params, OBJ_RESPONSE, kwargs)


__all__ = ["OFSOauth2"]
