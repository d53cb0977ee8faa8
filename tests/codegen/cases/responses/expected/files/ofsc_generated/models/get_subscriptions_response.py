"""GetSubscriptionsResponse

Generated from ``GET /rest/ofscCore/v1/events/subscriptions response`` (parsed leniently: it is part of responses).
"""

from ofsc._models import OFSCRootModel

from .subscription import Subscription


class GetSubscriptionsResponse(OFSCRootModel[list[Subscription]]):
    """GetSubscriptionsResponse"""

    root: list[Subscription]
