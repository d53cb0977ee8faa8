"""GetSubscriptionsResponse

Generated from ``GET /rest/ofscCore/v1/events/subscriptions response`` (parsed leniently: it is part of responses).
"""

from ofsc.runtime import OFSCRootModel

from .subscription import Subscription


class GetSubscriptionsResponse(OFSCRootModel[list[Subscription]]):
    """GetSubscriptionsResponse"""

    root: list[Subscription]
