"""Running one operation: check, describe (``--dry-run``), confirm, send, print.

The arguments go through the library's own request preparation first, so a bad value
stops the command (exit 2) before credentials are even read. A write asks for
confirmation when a person is at the terminal, unless ``--yes``. A single answer is printed
as the server sent it; ``--all`` pages through the library's ``paginate`` and prints every
item (``jsonl`` as they arrive).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

from ._errors import USAGE, CommandError, as_command_error
from ._operations import WRITE_METHODS
from ._output import default_format, json_line, render, wants_colour
from ._values import stdin_is_terminal

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ofsc import OFSC
    from ofsc._operation import Operation
    from ofsc._request import PreparedRequest


@dataclass
class Invocation:
    fmt: str | None = None
    fields: list[str] = field(default_factory=list)
    every_page: bool = False
    dry_run: bool = False
    assume_yes: bool = False
    output_file: str | None = None
    profile: str | None = None
    config_file: str | None = None


def make_client(profile: str | None, config_file: str | None) -> OFSC:
    """A client from the library's own settings sources (arguments > ``OFSC_*`` > file)."""
    from ofsc import OFSC

    return OFSC(profile=profile, config_file=config_file)


def run_operation(op: Operation[Any], args: dict[str, Any], how: Invocation) -> None:
    from ofsc._exceptions import OFSCError
    from ofsc._request import prepare_request

    try:
        prepared = prepare_request(op, args, None)
        client = make_client(how.profile, how.config_file)
        try:
            if how.dry_run:
                click.echo(describe_request(client, prepared), nl=False)
                return
            if op.method in WRITE_METHODS and not how.assume_yes and stdin_is_terminal():
                click.confirm(f"Send {op.method} {request_url(client, prepared)}?", abort=True, err=True)
            _call(client, op, args, how)
        finally:
            client.close()
    except OFSCError as exc:
        raise as_command_error(exc) from None
    except KeyboardInterrupt:
        raise CommandError("interrupted", 130) from None


def _call(client: OFSC, op: Operation[Any], args: dict[str, Any], how: Invocation) -> None:
    method = getattr(getattr(client, op.family), op.name)
    stdout = sys.stdout
    fmt = how.fmt or default_format(stdout)
    colour = wants_colour(stdout)
    if op.response_kind == "binary":
        _download(method, args, how.output_file)
    elif how.every_page:
        _print_items((_plain(item) for item in client.paginate(method, **args)), fmt, how.fields, colour)
    else:
        answer = client.raw(method, **args)
        if answer.content:
            click.echo(render(answer.json(), fmt, how.fields, colour=colour), nl=False)


def _print_items(items: Iterable[Any], fmt: str, fields: list[str], colour: bool) -> None:
    if fmt == "jsonl":  # one line per item as pages arrive
        for item in items:
            click.echo(json_line({f: item.get(f) for f in fields} if fields else item), nl=False)
        return
    click.echo(render(list(items), fmt, fields, colour=colour), nl=False)


def _plain(item: Any) -> Any:
    dump = getattr(item, "model_dump", None)
    return dump(mode="json", by_alias=True, exclude_unset=True) if dump else item


def _download(method: Any, args: dict[str, Any], output_file: str | None) -> None:
    if output_file is None and sys.stdout.isatty():
        raise CommandError(
            "this operation answers with a file: give --output FILE, or redirect stdout", USAGE
        )
    with method(**args) as download:
        if output_file is not None:
            download.write_to(output_file)
            return
        out = sys.stdout.buffer
        for chunk in download.iter_bytes():
            out.write(chunk)
        out.flush()


def request_url(client: OFSC, prepared: PreparedRequest) -> str:
    import httpx

    query = f"?{httpx.QueryParams(prepared.query)}" if prepared.query else ""
    return f"{client.base_url.rstrip('/')}{prepared.path}{query}"


def describe_request(client: OFSC, prepared: PreparedRequest) -> str:
    """The request as an HTTP message, with every credential masked."""
    from ofsc._redact import REDACTED, SECRET_FIELDS, redact_headers, redact_text

    scheme = "Bearer" if client.settings.auth == "oauth2" else "Basic"
    headers = {
        **client._call_settings.headers,
        "Authorization": f"{scheme} {REDACTED}",
        **prepared.headers,
    }
    lines = [f"{prepared.method} {request_url(client, prepared)}"]
    lines += [f"{name}: {value}" for name, value in redact_headers(headers).items()]
    body = ""
    if prepared.form:
        body = "&".join(
            f"{name}={REDACTED if name in SECRET_FIELDS else value}" for name, value in prepared.form.items()
        )
    if prepared.files:
        body += "".join(f"\n[file {name}]" for name in prepared.files)
    if isinstance(prepared.content, bytes | bytearray):
        content = bytes(prepared.content)
        if prepared.headers.get("Content-Type") == "application/json":
            body = json.dumps(json.loads(content), indent=2, ensure_ascii=False)
        else:
            body = f"[{len(content)} bytes]"
    elif prepared.content is not None:
        body = "[streamed content]"
    text = "\n".join(lines) + "\n"
    return text + ("\n" + redact_text(body.strip()) + "\n" if body.strip() else "")
