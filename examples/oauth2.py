"""Call OFS with an OAuth2 access token instead of Basic authentication.

    OFSC_AUTH=oauth2 python examples/oauth2.py     # or auth = "oauth2" in config.toml

The client asks the OFS token service for a token with its client id and secret (the
client-credentials grant) before the first call, sends it as a Bearer token, reuses it for
every call, and gets a new one shortly before it expires or when OFS rejects it.
"""

from __future__ import annotations

import sys

from ofsc import OFSC


def main() -> int:
    # auth="oauth2" here wins over OFSC_AUTH and config.toml; the rest comes from them.
    with OFSC(auth="oauth2") as client:
        for activity_type in client.paginate(client.metadata.get_activity_types, limit=100):
            print(activity_type.label, activity_type.name)
        state = client.token_state
        fetched = state.fetches if state is not None else 0
    print(f"listed activity types with {fetched} token request(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
