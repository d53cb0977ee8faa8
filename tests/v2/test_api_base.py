"""``OFSApi``, the base of the 2.x sub-APIs: built from an ``OFSConfig`` as in 2.x, its
``headers``, and ``@wrap_return`` on a subclass's own methods."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

import httpx
import pytest

from ofsc.v2 import OFSC as OFSCV2
from ofsc.v2 import OFSConfig, OFSCore, OFSMetadata
from ofsc.v2.common import FULL_RESPONSE, Response, wrap_return
from ofsc.v2.exceptions import OFSCNotFoundError
from ofsc.v2.models import OFSOAuthRequest, Workzone

from .conftest import TOKEN_PATH, ScriptedOFS, error, reply

CONFIG = {"clientID": "cid", "secret": "s3cr3t", "companyName": "acme", "baseURL": None}


class Reports(OFSCore):
    @wrap_return(expected=[200])
    def where_is(self, activity_id: int) -> Response:
        return self.call(
            method="GET", partialUrl="/rest/ofscCore/v1/whereIsMyTech", params={"activityId": activity_id}
        )

    @wrap_return(model=Workzone)
    def zone(self, label: str) -> Response:
        return self.call(method="GET", partialUrl=f"/rest/ofscMetadata/v1/workZones/{label}")


def test_a_sub_api_built_from_a_config() -> None:
    core = OFSCore(OFSConfig(**CONFIG))
    assert core.baseUrl == "https://acme.fs.ocs.oraclecloud.com"
    assert core.headers == {
        "Content-Type": "application/json;charset=UTF-8",
        "Authorization": "Basic " + base64.b64encode(b"cid@acme:s3cr3t").decode(),
    }
    assert core.config.auto_model and core.config.auto_raise


def test_wrap_return_on_a_subclass(ofs: ScriptedOFS) -> None:
    ofs.on(
        "GET", "/rest/ofscCore/v1/whereIsMyTech", reply(200, {"coordinates": {}}), error(404, "No activity 2")
    )
    ofs.on("GET", "/rest/ofscMetadata/v1/workZones/A", reply(200, {"workZoneLabel": "A", "links": []}))
    reports = Reports(OFSConfig(**CONFIG), transport=httpx.MockTransport(ofs), max_retries=0)
    assert reports.where_is(1) == {"coordinates": {}}
    assert dict(ofs.last.url.params) == {"activityId": "1"}
    with pytest.raises(OFSCNotFoundError):
        reports.where_is(2)
    assert isinstance(reports.where_is(2, response_type=FULL_RESPONSE), Response)
    assert reports.zone("A").workZoneLabel == "A"
    assert reports.zone("A", model=None) == {"workZoneLabel": "A", "links": []}


def test_a_response_raises_for_its_status(ofs: ScriptedOFS) -> None:
    ofs.on("GET", "/rest/ofscMetadata/v1/workZones/B", error(404, "No zone B"))
    metadata = OFSMetadata(OFSConfig(**CONFIG), transport=httpx.MockTransport(ofs), max_retries=0)
    response = metadata.get_workzone("B", response_type=FULL_RESPONSE)
    assert (bool(response), response.reason, repr(response)) == (False, "Not Found", "<Response [404]>")
    assert response.url == "https://acme.fs.ocs.oraclecloud.com/rest/ofscMetadata/v1/workZones/B"
    with pytest.raises(OFSCNotFoundError, match=r"\[404\] Not Found No zone B"):
        response.raise_for_status()


@pytest.mark.parametrize(
    "request_",
    [
        OFSOAuthRequest(),
        OFSOAuthRequest(assertion="eyJ.jwt", grant_type="urn:ietf:params:oauth:grant-type:jwt-bearer"),
        OFSOAuthRequest(assertion="eyJ.jwt"),  # 2.x sent an assertion with any grant it was given
    ],
)
def test_token_sends_the_form_2x_sent(c: OFSCV2, ofs: ScriptedOFS, request_: OFSOAuthRequest) -> None:
    """Promise: ``token(auth)`` posts to the token service exactly the form 2.x posted, its
    ``OFSOAuthRequest`` without unset fields, in field order, with the Basic credentials
    (built by the runtime's token form, ``ofsc._token_service.token_form``)."""
    assert c.core.token(request_).status_code == 200
    sent = ofs.last
    assert (sent.method, sent.url.path) == ("POST", TOKEN_PATH)
    assert sent.content == urlencode(request_.model_dump(exclude_none=True)).encode()
    assert sent.headers["Authorization"] == "Basic " + base64.b64encode(b"cid@acme:s3cr3t").decode()
