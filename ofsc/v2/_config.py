"""The 2.x configuration: ``OFSConfig`` (one per client, shared by its sub-APIs) and
``OFSOAuthRequest`` (what ``token()`` asks the token service for)."""

from __future__ import annotations

import base64

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

DEFAULT_BASE_URL = "https://{companyName}.fs.ocs.oraclecloud.com"


class OFSConfig(BaseModel):
    """The settings one 2.x client and its sub-APIs share."""

    model_config = ConfigDict(validate_assignment=True)

    clientID: str
    secret: str = Field(repr=False)
    companyName: str
    useToken: bool = False
    access_token: str | None = Field(default=None, repr=False)
    root: str | None = None
    baseURL: str | None = None
    auto_raise: bool = True
    auto_model: bool = True

    @field_validator("baseURL")
    @classmethod
    def _default_base_url(cls, url: str | None, info: ValidationInfo) -> str | None:
        company = info.data.get("companyName")
        return url or (DEFAULT_BASE_URL.format(companyName=company) if company else url)

    @property
    def basicAuthString(self) -> bytes:
        return base64.b64encode(f"{self.clientID}@{self.companyName}:{self.secret}".encode())


class OFSOAuthRequest(BaseModel):
    """The token service request of ``token()`` / ``oauth2.get_token()``."""

    model_config = ConfigDict(frozen=True)

    assertion: str | None = None
    grant_type: str = "client_credentials"


class ConfiguredAPI:
    """What every 2.x sub-API, sync or async, reads from its :class:`OFSConfig`."""

    _config: OFSConfig

    @property
    def config(self) -> OFSConfig:
        return self._config

    @property
    def baseUrl(self) -> str:
        return self._config.baseURL or DEFAULT_BASE_URL.format(companyName=self._config.companyName)
