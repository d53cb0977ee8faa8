"""One command per API operation, built from the generated operation index when it is used.

``ofsc core get-activity 4225274``: path parameters are positional arguments (in path
order), query, header and form parameters are options named after them, a JSON body is
``--body`` (``@file``, ``-`` for stdin, or inline JSON). Only the family named on the
command line is loaded; an operation's documentation only when its help is asked for.
"""

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING, Any

import click

from ._output import FORMATS
from ._values import SpecValue

if TYPE_CHECKING:
    from ofsc._operation import Operation, Param

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def command_name(python_name: str) -> str:
    return python_name.replace("_", "-")


class FamilyGroup(click.Group):
    """``ofsc <family>``: the family's operations, read from its operation index on first use."""

    def __init__(self, name: str, family: str) -> None:
        super().__init__(name, help=f"The {family.replace('_', ' ')} API: one command per operation.")
        self.family = family
        self._operations: dict[str, Operation[Any]] | None = None

    def operations(self) -> dict[str, Operation[Any]]:
        if self._operations is None:
            module = importlib.import_module(f"ofsc_generated.operations.{self.family}")
            self._operations = {command_name(op.name): op for op in module.OPERATIONS}
        return self._operations

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.operations())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        op = self.operations().get(cmd_name)
        return OperationCommand(op) if op is not None else None


class OperationCommand(click.Command):
    """One operation: its parameters as arguments and options, and the common options."""

    def __init__(self, op: Operation[Any]) -> None:
        self.op = op
        super().__init__(
            command_name(op.name),
            callback=self._run,
            params=_parameters(op),
            short_help=op.summary,
            help=f"{op.summary}\n\n{op.method} {op.path}",
            deprecated=op.deprecated,
        )
        self._documented = False
        self._argument_help: dict[str, str] = {}

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._document()
        super().format_help(ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments = [(p.human_readable_name, self._argument_help.get(p.name or "", "")) for p in self.params
                     if isinstance(p, click.Argument)]  # fmt: skip
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        super().format_options(ctx, formatter)

    def _document(self) -> None:
        """Fill in the spec's description and each parameter's (only help needs them)."""
        if self._documented:
            return
        from ._docs import operation_doc

        doc = operation_doc(self.op)
        self.help = _help_text(doc.text, self.op.paging is not None) if doc.text else self.help
        self._argument_help = doc.arguments
        for param in self.params:
            if not isinstance(param, click.Option) or not param.name:
                continue
            if param.name == "body_source" and self.op.body is not None:
                described = doc.arguments.get(self.op.body.name)
                param.help = f"{described} {param.help}" if described else param.help
                continue
            if param.help:
                continue
            text = doc.arguments.get(param.name, "")
            choices = doc.choices.get(param.name)
            if choices:
                text = f"{text} One of: {', '.join(str(c) for c in choices)}.".strip()
            param.help = text or None
        self._documented = True

    def _run(self, **values: Any) -> None:
        from ._invoke import Invocation, run_operation

        fields = _split(values.get("output_fields"))
        state = click.get_current_context().find_object(CliState) or CliState()
        run_operation(
            self.op,
            call_arguments(self.op, values, fields),
            Invocation(
                fmt=values.get("output_format"),
                fields=fields,
                every_page=bool(values.get("every_page")),
                dry_run=bool(values.get("dry_run")),
                assume_yes=bool(values.get("assume_yes")),
                output_file=values.get("output_file"),
                profile=state.profile,
                config_file=state.config_file,
            ),
        )


def call_arguments(op: Operation[Any], values: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """The endpoint method's keyword arguments from the parsed command line."""
    from ._values import json_body, read_source

    args: dict[str, Any] = {}
    for param in op.params:
        value = values.get(param.name)
        if param.array and isinstance(value, tuple):  # a repeated option, each a list
            value = [item for chunk in value for item in chunk] or None
        if param.location == "file" and value is not None:
            value = read_source(value, binary=True, hint=f"'--{command_name(param.name)}'")
        args[param.name] = value
    if fields and op.param("fields") is not None and args.get("fields") is None:
        args["fields"] = fields  # the columns shown are the fields asked for
    source = values.get("body_source")
    if op.body is not None and op.body.name and source is not None:
        args[op.body.name] = (
            read_source(source, binary=True) if op.body.kind == "binary" else json_body(source)
        )
    return args


class CliState:
    """What the root command's options say for every command below it."""

    def __init__(self, profile: str | None = None, config_file: str | None = None) -> None:
        self.profile = profile
        self.config_file = config_file


def _split(values: tuple[str, ...] | None) -> list[str]:
    return [name.strip() for chunk in values or () for name in chunk.split(",") if name.strip()]


def _path_order(op: Operation[Any], param: Param) -> int:
    return op.path.find("{" + param.wire + "}")


def _parameters(op: Operation[Any]) -> list[click.Parameter]:
    params: list[click.Parameter] = []
    path = sorted((p for p in op.params if p.location == "path"), key=lambda p: _path_order(op, p))
    for param in path:
        params.append(click.Argument([param.name], type=SpecValue(op, param), required=param.required))
    has_fields = False
    for param in op.params:
        if param.location == "path":
            continue
        if param.name == "fields":
            has_fields = True  # one --fields: what OFS returns, and the columns shown
            continue
        flag = f"--{command_name(param.name)}"
        if param.location == "file":
            params.append(
                click.Option(
                    [flag, param.name],
                    metavar="@FILE|-",
                    required=param.required,
                    help="The file to upload: @path, or - for stdin.",
                )
            )
        elif param.types == (bool,):
            params.append(
                click.Option(
                    [f"{flag}/--no-{command_name(param.name)}", param.name],
                    default=None,
                    required=param.required,
                )
            )
        else:
            params.append(
                click.Option(
                    [flag, param.name],
                    type=SpecValue(op, param),
                    multiple=param.array,
                    required=param.required,
                )
            )
    if op.body is not None and op.body.name:
        binary = op.body.kind == "binary"
        params.append(
            click.Option(
                ["--body", "body_source"],
                metavar="@FILE|-" if binary else "JSON|@FILE|-",
                required=op.body.required,
                help="The content to send: @path or - (stdin)."
                if binary
                else "The JSON body: inline, @path to read a file, or - to read stdin.",
            )
        )
    params.extend(_common_options(op, has_fields))
    return params


def _common_options(op: Operation[Any], has_fields: bool) -> list[click.Parameter]:
    fields_help = "Columns to show (comma-separated or repeated)."
    if has_fields:
        fields_help += " Also sent as the operation's fields parameter, so OFS returns just those."
    options: list[click.Parameter] = []
    if op.response_kind == "binary":
        options.append(
            click.Option(
                ["--output", "-o", "output_file"],
                metavar="FILE",
                help="Write the file here (default: stdout, when it is not a terminal).",
            )
        )
    else:
        options += [
            click.Option(
                ["--format", "output_format"],
                type=click.Choice(FORMATS),
                help="Output format (default: table on a terminal, json otherwise).",
            ),
            click.Option(["--fields", "output_fields"], multiple=True, metavar="NAME,...", help=fields_help),
        ]
    if op.paging is not None:
        options.append(
            click.Option(["--all", "every_page"], is_flag=True, help="Fetch every page and print every item.")
        )
    options.append(
        click.Option(
            ["--dry-run", "dry_run"],
            is_flag=True,
            help="Print the request that would be sent (secrets masked) and exit.",
        )
    )
    if op.method in WRITE_METHODS:
        options.append(
            click.Option(
                ["--yes", "-y", "assume_yes"], is_flag=True, help="Do not ask for confirmation on a terminal."
            )
        )
    return options


_CODE = re.compile(r"``([^`]+)``")


def _help_text(text: str, pageable: bool) -> str:
    """The docstring as click help (paragraphs rewrapped), with the command line's paging note."""
    paragraphs = [p for p in _CODE.sub(r"\1", text).split("\n\n") if not p.startswith("Pageable:")]
    if pageable:
        paragraphs.insert(-1, "Pageable: --all fetches every page and prints every item.")
    return "\n\n".join(paragraphs)
