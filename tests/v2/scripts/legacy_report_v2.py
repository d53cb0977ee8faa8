"""legacy_report.py after `python -m ofsc.migrate --apply`: what the codemod tests expect."""

import json
from datetime import date

import ofsc.v2
from ofsc.v2 import FULL_RESPONSE, OFSC
from ofsc.v2.common import wrap_return
from ofsc.v2.exceptions import OFSAPIException
from ofsc.v2.models import WorkskillGroup, Workzone


class Reports(ofsc.v2.OFSCore):
    @wrap_return(expected=[200])
    def where_is(self, activity_id):
        return self.call(
            method="GET", partialUrl="/rest/ofscCore/v1/whereIsMyTech", params={"activityId": activity_id}
        )


def main() -> None:
    instance = OFSC("cid", "acme", "secret", root="FLUSA")
    other = ofsc.v2.OFSC(clientID="cid", companyName="acme", secret="secret", useToken=True)
    core = instance.core
    print(core.get_activity(3951935))
    core.update_activity(123, json.dumps({"status": "pending"}), response_type=FULL_RESPONSE)
    zones = instance.metadata.get_workzones(offset=0, limit=100)
    print([zone.workZoneLabel for zone in zones if isinstance(zone, Workzone)])
    print(other.capacity.getQuota(dates=["2025-06-25"], areas=["FLUSA"], aggregateResults=True))
    print(instance.core.get_resource_workschedules("33001", date(2025, 6, 25)))
    print(WorkskillGroup, ofsc.v2.FULL_RESPONSE)
    try:
        instance.core.get_resources(canBeTeamHolder=True, workSkills=True)
    except OFSAPIException as e:
        print(e.status_code)
