"""ofsc: the typed, sync and async Python SDK for the Oracle Fusion Field Service REST API.

>>> from ofsc import OFSC
>>> client = OFSC(instance="acme", client_id="cid", client_secret="...")
>>> activity = client.core.get_activity(activity_id=3951935)
"""

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
    RateLimitError,
    RequestValidationError,
    ResponseValidationError,
    UnprocessableEntityError,
)
from ._instrument import AuditSink, CallInfo, Hooks
from ._pagination import PaginationError
from ._response import AsyncBinaryResponse, BinaryResponse, RawResponse
from ._spec import spec_info
from ._types import FileContent, RequestOptions
from ._version import __version__

__all__ = [
    "OFSC",
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
    "RateLimitError",
    "RawResponse",
    "RequestOptions",
    "RequestValidationError",
    "ResponseValidationError",
    "Settings",
    "UnprocessableEntityError",
    "__version__",
    "spec_info",
]
