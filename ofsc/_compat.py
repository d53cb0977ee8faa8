"""Calls written for ofsc 2.x that reach a v3 client: refused loudly, with the way forward.

A 2.x script calling v3's ``OFSC(clientID, companyName, secret)`` must fail before any
request, not send wrong credentials; the message names the 2.x-compatible client and the
migration tool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

# 2.x constructor keywords: a 2.x script calling v3's OFSC must fail loudly, not send wrong credentials.
_V2_KEYWORDS = frozenset(
    {
        "clientID",
        "companyName",
        "secret",
        "root",
        "baseUrl",
        "useToken",
        "company",
        "enable_auto_raise",
        "enable_auto_model",
        # the 2.x async client's
        "access_token",
        "enable_logging",
        "http_config",
    }
)
_V2_HINT = (
    "ofsc 3 clients take keyword arguments: {name}(instance=..., client_id=..., client_secret=...). "
    "For code written for ofsc 2.x use `{v2_import}`, or migrate it with "
    "`python -m ofsc.migrate --apply PATH`."
)


def refuse_2x_arguments(
    name: str, v2_import: str, positional: tuple[object, ...], keywords: Mapping[str, object]
) -> None:
    """Raise ``TypeError`` when a client is built with 2.x's positional or keyword arguments."""
    if positional or _V2_KEYWORDS & keywords.keys():
        raise TypeError(_V2_HINT.format(name=name, v2_import=v2_import))
