"""``ofsc completion bash|zsh|fish``: the shell script that completes ``ofsc`` commands."""

from __future__ import annotations

import click

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_OFSC_COMPLETE"


@click.command("completion")
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the completion script for SHELL.

    \b
    bash:  eval "$(ofsc completion bash)"       (in ~/.bashrc)
    zsh:   eval "$(ofsc completion zsh)"        (in ~/.zshrc)
    fish:  ofsc completion fish > ~/.config/fish/completions/ofsc.fish
    """
    from click.shell_completion import get_completion_class

    completer = get_completion_class(shell)
    assert completer is not None
    root = ctx.find_root().command
    click.echo(completer(root, {}, "ofsc", COMPLETE_VAR).source())
