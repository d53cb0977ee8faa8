"""What ``with_raw_response`` calls are, for type checkers and at run time alike.

``test_raw_response_types.py`` type-checks this module with mypy (``assert_type`` fails
there when a type is wrong or ``Any``) and runs the same functions against the mock OFS,
where the ``isinstance`` checks hold the runtime to what the types say.
"""

from __future__ import annotations

from typing import assert_type

from ofsc import OFSC, AsyncBinaryResponse, AsyncOFSC, BinaryResponse, RawResponse
from ofsc_generated.models.activity import Activity
from ofsc_generated.models.work_zone_list import WorkZoneList


def sync_calls(client: OFSC, activity_id: int) -> None:
    raw = client.with_raw_response.core.get_activity(activity_id=activity_id)
    assert_type(raw, RawResponse[Activity])
    assert_type(raw.parse(), Activity)
    assert isinstance(raw, RawResponse) and isinstance(raw.parse(), Activity)

    # A paged list operation answers with one page.
    page = client.with_raw_response.metadata.get_workzones(limit=2)
    assert_type(page, RawResponse[WorkZoneList])
    assert isinstance(page.parse(), WorkZoneList)

    # A download's raw response holds the whole file; .parse() is the download itself.
    file = client.with_raw_response.core.get_file_property(activity_id=activity_id, property_label="photo")
    assert_type(file, RawResponse[BinaryResponse])
    assert isinstance(file.parse(), BinaryResponse) and file.parse().read() == file.content

    same = client.raw(client.core.get_activity, activity_id=activity_id)
    assert_type(same, RawResponse[Activity])
    assert isinstance(same.parse(), Activity)

    gone = client.with_raw_response.core.delete_activity(activity_id=activity_id)
    assert_type(gone, RawResponse[None])
    assert gone.status_code == 204 and gone.parse() is None


async def async_calls(client: AsyncOFSC, activity_id: int) -> None:
    raw = await client.with_raw_response.core.get_activity(activity_id=activity_id)
    assert_type(raw, RawResponse[Activity])
    assert_type(raw.parse(), Activity)
    assert isinstance(raw, RawResponse) and isinstance(raw.parse(), Activity)

    page = await client.with_raw_response.metadata.get_workzones(limit=2)
    assert_type(page, RawResponse[WorkZoneList])
    assert isinstance(page.parse(), WorkZoneList)

    file = await client.with_raw_response.core.get_file_property(
        activity_id=activity_id, property_label="photo"
    )
    assert_type(file, RawResponse[AsyncBinaryResponse])
    assert isinstance(file.parse(), AsyncBinaryResponse) and await file.parse().read() == file.content

    same = await client.raw(client.core.get_activity, activity_id=activity_id)
    assert_type(same, RawResponse[Activity])
    assert isinstance(same.parse(), Activity)

    gone = await client.with_raw_response.core.delete_activity(activity_id=activity_id)
    assert_type(gone, RawResponse[None])
    assert gone.status_code == 204 and gone.parse() is None
