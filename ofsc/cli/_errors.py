"""Exit codes, and turning errors into one line on stderr and the matching code.

Scripts tell apart what went wrong by the exit code alone:

==== ===========================================================================
0    success
1    anything else (an answer that does not fit the spec, a cancelled confirmation)
2    usage: a bad command line, parameter or body; nothing was sent
3    configuration: missing or invalid settings, an unknown profile, a command
     whose optional module is not installed
4    the API refused the request (a 4xx answer)
5    the API failed (a 5xx answer), or the network did (connection, timeout,
     the circuit breaker open)
130  interrupted (Ctrl-C)
==== ===========================================================================
"""

from __future__ import annotations

import click

OK = 0
OTHER = 1
USAGE = 2
CONFIG = 3
CLIENT_ERROR = 4
SERVER_ERROR = 5
INTERRUPTED = 130


class CommandError(click.ClickException):
    """An error the command reports as ``ofsc: error: ...`` and leaves with ``exit_code``."""

    def __init__(self, message: str, exit_code: int = OTHER) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click reads it per exception

    def show(self, file: object = None) -> None:
        click.echo(f"ofsc: error: {self.format_message()}", err=True)


def exit_code_of(exc: BaseException) -> int:
    """The exit code for an error raised by the library while running a command."""
    from ofsc._exceptions import (
        APIConnectionError,
        APIStatusError,
        CircuitOpenError,
        ConfigError,
        RequestValidationError,
    )

    if isinstance(exc, RequestValidationError):
        return USAGE
    if isinstance(exc, ConfigError):
        return CONFIG
    if isinstance(exc, APIStatusError):
        return CLIENT_ERROR if 400 <= exc.status_code < 500 else SERVER_ERROR
    if isinstance(exc, APIConnectionError | CircuitOpenError):
        return SERVER_ERROR
    return OTHER


def as_command_error(exc: BaseException) -> CommandError:
    """The library's error as a command error (its text is already free of secrets)."""
    return CommandError(str(exc), exit_code_of(exc))
