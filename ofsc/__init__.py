"""ofsc: the typed, sync and async Python SDK for the Oracle Fusion Field Service REST API.

>>> from ofsc import OFSC
>>> client = OFSC(instance="acme", client_id="cid", client_secret="...")
>>> activity = client.core.get_activity(activity_id=3951935)
"""

# Names are imported on first use: `import ofsc` stays cheap, and `from ofsc import NotFoundError`
# does not load the HTTP client.
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._client import OFSC, AsyncOFSC
    from ._config import ConfigFileWarning, Settings
    from ._exceptions import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        CircuitOpenError,
        ConfigError,
        ConflictError,
        InternalServerError,
        NotFoundError,
        OFSCError,
        PermissionDeniedError,
        PluginError,
        RateLimitError,
        RequestValidationError,
        ResponseShapeWarning,
        ResponseTooLargeError,
        ResponseValidationError,
        UnprocessableEntityError,
    )
    from ._instrument import AuditSink, CallInfo, Hooks
    from ._pagination import PaginationError
    from ._response import AsyncBinaryResponse, BinaryResponse, RawResponse
    from ._shapes import ShapeMismatch
    from ._spec import spec_info
    from ._types import FileContent, RequestOptions
    from .v2 import OFSCV2

_EXPORTS: dict[str, str] = {
    "APIConnectionError": "._exceptions",
    "APIStatusError": "._exceptions",
    "APITimeoutError": "._exceptions",
    "AsyncBinaryResponse": "._response",
    "AsyncOFSC": "._client",
    "AuditSink": "._instrument",
    "AuthenticationError": "._exceptions",
    "BadRequestError": "._exceptions",
    "BinaryResponse": "._response",
    "CallInfo": "._instrument",
    "CircuitOpenError": "._exceptions",
    "ConfigError": "._exceptions",
    "ConfigFileWarning": "._config",
    "ConflictError": "._exceptions",
    "FileContent": "._types",
    "Hooks": "._instrument",
    "InternalServerError": "._exceptions",
    "NotFoundError": "._exceptions",
    "OFSC": "._client",
    "OFSCError": "._exceptions",
    "OFSCV2": ".v2",
    "PaginationError": "._pagination",
    "PermissionDeniedError": "._exceptions",
    "PluginError": "._exceptions",
    "RateLimitError": "._exceptions",
    "RawResponse": "._response",
    "RequestOptions": "._types",
    "RequestValidationError": "._exceptions",
    "ResponseTooLargeError": "._exceptions",
    "ResponseShapeWarning": "._exceptions",
    "ResponseValidationError": "._exceptions",
    "Settings": "._config",
    "ShapeMismatch": "._shapes",
    "spec_info": "._spec",
    "UnprocessableEntityError": "._exceptions",
}

__all__ = [
    "OFSC",
    "OFSCV2",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncBinaryResponse",
    "AsyncOFSC",
    "AuditSink",
    "AuthenticationError",
    "BadRequestError",
    "BinaryResponse",
    "CallInfo",
    "CircuitOpenError",
    "ConfigError",
    "ConfigFileWarning",
    "ConflictError",
    "FileContent",
    "Hooks",
    "InternalServerError",
    "NotFoundError",
    "OFSCError",
    "PaginationError",
    "PermissionDeniedError",
    "PluginError",
    "RateLimitError",
    "RawResponse",
    "RequestOptions",
    "RequestValidationError",
    "ResponseShapeWarning",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "Settings",
    "ShapeMismatch",
    "UnprocessableEntityError",
    "__version__",
    "spec_info",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'ofsc' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
