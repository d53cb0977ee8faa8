"""A script written for ofsc 2.x, kept as it was to show the way to ofsc 3.

Migrate a copy, then run it (here against the local mock OFS)::

    cp examples/v2_script.py /tmp/report.py
    python -m ofsc.migrate --apply /tmp/report.py     # the imports now say ofsc.v2
    python -m ofsc.testing serve --port 8000 &         # or a real OFS instance
    OFSC_CLIENT_ID=cid OFSC_COMPANY=acme OFSC_CLIENT_SECRET=s3cr3t \\
        OFSC_BASE_URL=http://127.0.0.1:8000 python /tmp/report.py

``python -m ofsc.migrate --report examples/v2_script.py`` lists the calls to change to move
it to the v3 API.
"""

import json
import os

from ofsc import FULL_RESPONSE, OFSC
from ofsc.exceptions import OFSAPIException
from ofsc.models import Workzone


def main() -> None:
    instance = OFSC(
        os.environ["OFSC_CLIENT_ID"],
        os.environ["OFSC_COMPANY"],
        os.environ["OFSC_CLIENT_SECRET"],
        baseUrl=os.environ.get("OFSC_BASE_URL"),
    )

    # A model in, a model out (auto_model is on by default).
    zone = Workzone(
        workZoneLabel="ALTAMONTE",
        workZoneName="Altamonte Springs",
        status="active",
        travelArea="sunrise_enterprise",
    )
    instance.metadata.replace_workzone(zone)
    zones = instance.metadata.get_workzones(offset=0, limit=100)
    print("work zones:", ", ".join(z.workZoneLabel for z in zones))

    # A JSON string in, a dict out (these methods have no model).
    user = {"name": "Jane Doe", "userType": "technician", "language": "en", "timeZone": "Eastern",
            "resources": ["FLUSA"], "password": "Secret-123"}  # fmt: skip
    instance.core.create_user("jdoe", json.dumps(user))
    print("user:", instance.core.get_user("jdoe")["name"])

    # The HTTP response itself.
    response = instance.metadata.get_workzone("ALTAMONTE", response_type=FULL_RESPONSE)
    print("status:", response.status_code, response.json()["workZoneName"])

    # Errors raise OFSAPIException, with the fields of the OFS error.
    try:
        instance.core.get_activity(99999)
    except OFSAPIException as error:
        print("error:", error.status_code, error.title)


if __name__ == "__main__":
    main()
