"""Subscription

Generated from ``definitions.subscription`` (parsed leniently: it is part of responses).
"""

from pydantic import Field

from ofsc.runtime import OFSCModel


class Subscription(OFSCModel):
    """Subscription"""

    subscription_id: str | None = Field(default=None, alias="subscriptionId")
