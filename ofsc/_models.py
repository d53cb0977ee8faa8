"""Base classes of every generated model.

Models keep what the server sends even when the spec does not know it (``extra="allow"``),
accept Python names or the API's camelCase names, and serialise to the API's names. A
model returned by a call also carries the HTTP response it came from (``raw_response``,
``status_code``, ``headers``) and what of its body did not fit the model
(``shape_mismatches``), neither of which is part of its data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, RootModel

from ._internals import private_state

if TYPE_CHECKING:
    import httpx

    from ._shapes import ShapeMismatch
    from ._wire import Answer

RootT = TypeVar("RootT")

_CONFIG = ConfigDict(
    extra="allow",
    validate_by_name=True,
    validate_by_alias=True,
    serialize_by_alias=True,
    arbitrary_types_allowed=False,
    protected_namespaces=(),
)


class _ResponseInfo:
    """The result-metadata properties, shared by object and root models."""

    def _answer(self) -> Answer:
        from ._wire import RESPONSE_KEY  # loaded with the client, which alone attaches answers

        private = private_state(self)  # type: ignore[arg-type]
        if not private or RESPONSE_KEY not in private:
            raise AttributeError("this model was not returned by an API call, so it has no raw_response")
        answer: Answer = private[RESPONSE_KEY]
        return answer

    @property
    def raw_response(self) -> httpx.Response:
        """The HTTP response this result was parsed from."""
        return self._answer().http_response

    @property
    def status_code(self) -> int:
        return self._answer().status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.raw_response.headers

    @property
    def shape_mismatches(self) -> tuple[ShapeMismatch, ...]:
        """What of the response did not fit this model and was kept as received (empty when
        everything fitted). Paths are relative to this model. See ``docs/RESPONSES.md``."""
        private = private_state(self)  # type: ignore[arg-type]
        found: tuple[ShapeMismatch, ...] = private.get("shape_mismatches", ()) if private else ()
        return found

    if not TYPE_CHECKING:  # at runtime only, so that type checkers keep pydantic's signatures

        def model_dump(self, **kwargs):
            # Values kept as received do not fit their declared type: pydantic would warn.
            if "warnings" not in kwargs and self.shape_mismatches:
                kwargs["warnings"] = False
            return super().model_dump(**kwargs)

        def model_dump_json(self, **kwargs):
            if "warnings" not in kwargs and self.shape_mismatches:
                kwargs["warnings"] = False
            return super().model_dump_json(**kwargs)


class OFSCModel(_ResponseInfo, BaseModel):
    """An OFS object. Unknown fields are kept and round-trip through ``model_dump()``."""

    model_config = _CONFIG

    def to_api(self) -> dict[str, Any]:
        """The JSON-ready dict to send: API field names, only the fields that were set."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class OFSCRootModel[RootT](_ResponseInfo, RootModel[RootT]):
    """An OFS value that is a list or a map rather than an object."""

    def to_api(self) -> Any:
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)
