"""``ofsc mock serve``: the local mock OFS, as ``python -m ofsc.testing serve`` runs it."""

from __future__ import annotations

import click


@click.group("mock")
def mock() -> None:
    """The local mock OFS, for trying commands and scripts without an instance."""


@mock.command(
    "serve",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("arguments", nargs=-1, type=click.UNPROCESSED)
def serve(arguments: tuple[str, ...]) -> None:
    """Serve the mock OFS on loopback until interrupted (--help for its options).

    Then, in another shell: OFSC_BASE_URL=http://127.0.0.1:8080 OFSC_INSTANCE=acme
    OFSC_CLIENT_ID=cid OFSC_CLIENT_SECRET=s3cr3t ofsc core get-activities ...
    """
    from ofsc.testing.__main__ import main

    raise SystemExit(main(["serve", *arguments]))
