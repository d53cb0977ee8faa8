"""``OFSC``: the 2.x top-level client (``ofsc.v2.OFSC``, also ``ofsc.OFSCV2``)."""

from __future__ import annotations

import functools
import warnings
from typing import Any, NoReturn, Self

from ._config import OFSConfig
from ._session import Session
from ._wire import origin
from .capacity import OFSCapacity
from .core import OFSCore
from .metadata import OFSMetadata
from .oauth import OFSOauth2

# The sub-APIs whose method names 2.x recognised when called on the top-level object.
_SUB_APIS = (("Capacity", OFSCapacity), ("Core", OFSCore), ("Metadata", OFSMetadata))


@functools.cache
def _public_methods(cls: type) -> frozenset[str]:
    return frozenset(name for name in dir(cls) if not name.startswith("_") and callable(getattr(cls, name)))


class OFSC:
    """The 2.x client, running on the v3 transport.

    ``OFSC(clientID, companyName, secret, root=None, baseUrl=None, useToken=False,
    enable_auto_raise=True, enable_auto_model=True)`` as in 2.x. Arguments left out are read
    like v3 reads them (``OFSC_CLIENT_ID``, ``OFSC_INSTANCE`` or ``OFSC_COMPANY``,
    ``OFSC_CLIENT_SECRET``, ``config.toml``). Further keywords (``timeout=``,
    ``max_retries=``, ``transport=``, ``http_client=``, ``hooks=``, ...) go to the v3
    :class:`ofsc.OFSC` underneath.
    """

    def __init__(
        self,
        clientID: str | None = None,
        companyName: str | None = None,
        secret: str | None = None,
        root: str | None = None,
        baseUrl: str | None = None,
        useToken: bool = False,
        enable_auto_raise: bool = True,
        enable_auto_model: bool = True,
        *,
        company: str | None = None,
        **options: Any,
    ) -> None:
        if company is not None:
            if companyName is not None and companyName != company:
                raise TypeError(
                    f"OFSC() got companyName={companyName!r} and company={company!r}; pass only companyName"
                )
            warnings.warn(
                "company= is deprecated: pass companyName= (in v3: OFSC(instance=...))",
                DeprecationWarning,
                stacklevel=2,
            )
            companyName = company
        from .. import OFSC as V3Client

        # Resolve what was left out the way v3 does (arguments > environment > config.toml).
        resolved = V3Client(
            instance=companyName,
            client_id=clientID,
            client_secret=secret,
            auth="oauth2" if useToken else "basic",
            base_url=origin(baseUrl) if baseUrl else None,
            **options,
        )
        settings = resolved.settings
        warnings.warn(
            "ofsc.v2.OFSC keeps 2.x scripts running; the v3 client is "
            f"ofsc.OFSC(instance={settings.instance!r}, client_id={settings.client_id!r}, client_secret=...) "
            "and `python -m ofsc.migrate --report` lists the calls to change",
            DeprecationWarning,
            stacklevel=2,
        )
        secret_value = settings.client_secret.get_secret_value() if settings.client_secret else ""
        self._config = OFSConfig(
            clientID=settings.client_id,
            secret=secret_value,
            companyName=settings.instance,
            root=root,
            baseURL=baseUrl or settings.base_url,
            useToken=useToken,
            auto_raise=enable_auto_raise,
            auto_model=enable_auto_model,
        )
        self._session = Session(self._config, options, client=resolved)
        self._core = OFSCore(self._config, session=self._session)
        self._metadata = OFSMetadata(self._config, session=self._session)
        self._capacity = OFSCapacity(self._config, session=self._session)
        self._oauth = OFSOauth2(self._config, session=self._session)

    @property
    def core(self) -> OFSCore:
        return self._core

    @property
    def metadata(self) -> OFSMetadata:
        return self._metadata

    @property
    def capacity(self) -> OFSCapacity:
        return self._capacity

    @property
    def oauth2(self) -> OFSOauth2:
        return self._oauth

    @property
    def auto_model(self) -> bool:
        return self._config.auto_model

    @auto_model.setter
    def auto_model(self, value: bool) -> None:
        self._config.auto_model = value

    def close(self) -> None:
        """Close the connections (2.x had none to close; this one pools them)."""
        self._session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __str__(self) -> str:
        return f"baseURL={self._config.baseURL}"

    def __getattr__(self, name: str) -> Any:
        # 2.x answered any attribute with a callable that explains what went wrong.
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)

        def misplaced(*args: Any, **kwargs: Any) -> NoReturn:
            for api, cls in _SUB_APIS:
                if name in _public_methods(cls):
                    raise NotImplementedError(
                        f"{name} was called without the API name ({api}). This was deprecated in OFSC 2.0"
                    )
            raise Exception("method not found")

        return misplaced


# The name the 2.x client has in the v3 package (``ofsc.OFSCV2``).
OFSCV2 = OFSC
