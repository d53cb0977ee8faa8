"""The root command: lazily loaded families and tasks, a registry of task commands, shell
completion, `ofsc mock serve`, and `python -m ofsc`."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import click
import pytest
from click.testing import CliRunner

from ofsc.cli import _registry
from ofsc.cli._app import cli
from ofsc.cli._errors import CONFIG

if TYPE_CHECKING:
    from .conftest import Invoke

LOADED = """
import sys
from ofsc.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.startswith(("ofsc_generated.", "httpx", "pydantic")))
print("LOADED", ",".join(loaded))
"""


def _modules_loaded_by(*arguments: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *arguments], capture_output=True, text=True, check=True
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("LOADED"))
    return set(filter(None, line.removeprefix("LOADED ").split(",")))


def test_the_top_level_help_loads_neither_the_sdk_nor_any_family() -> None:
    """`ofsc --help` lists families and tasks without importing httpx, pydantic or operations."""
    assert _modules_loaded_by("--help") == set()


def test_a_familys_help_loads_only_that_familys_operations() -> None:
    """`ofsc metadata --help` reads the metadata operation index and no other family's."""
    loaded = _modules_loaded_by("metadata", "--help")

    assert "ofsc_generated.operations.metadata" in loaded
    assert not {m for m in loaded if m.startswith("ofsc_generated.operations.")} - {
        "ofsc_generated.operations",
        "ofsc_generated.operations.metadata",
    }
    assert "httpx" not in loaded


def test_the_help_lists_families_tasks_and_commands(ofsc: Invoke) -> None:
    """Every API family, every registered task and the built-in commands are listed."""
    result = ofsc("--help")

    for name in ("core", "metadata", "parts-catalog", "mock", "config", "completion"):
        assert f"\n  {name} " in result.stdout


def test_a_task_whose_module_is_missing_is_a_clear_error(
    ofsc: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A registered task that cannot be imported is listed, and using it exits 3 saying why."""
    monkeypatch.setitem(_registry.TASKS, "later", ("ofsc.not_installed._cli:later", "Coming later."))

    listing = ofsc("--help")
    result = ofsc("later", "run", "--since", "1h")

    assert "later" in listing.stdout and "Coming later." in listing.stdout
    assert result.exit_code == CONFIG
    assert "'ofsc later' is not available" in result.stderr and "ofsc.not_installed" in result.stderr


def test_a_registered_task_is_mounted(ofsc: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """One registry line mounts a click command under its name."""
    monkeypatch.setitem(_registry.TASKS, "hello", ("tests.cli.test_app:hello_command", "Say hello."))

    assert ofsc("hello").stdout == "hello\n"


hello_command = click.Command("hello", callback=lambda: click.echo("hello"))


@pytest.mark.parametrize(
    ("shell", "marker"), [("bash", "complete -o"), ("zsh", "#compdef ofsc"), ("fish", "complete")]
)
def test_completion_scripts_for_each_shell(ofsc: Invoke, shell: str, marker: str) -> None:
    """`ofsc completion SHELL` prints a script that calls back with _OFSC_COMPLETE."""
    result = ofsc("completion", shell)

    assert result.exit_code == 0
    assert marker in result.stdout and "_OFSC_COMPLETE" in result.stdout


def test_completion_offers_families_operations_and_enum_values() -> None:
    """The completion protocol completes command names and a parameter's enum values."""

    def complete(words: str) -> list[str]:
        env = {
            "_OFSC_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        }
        result = CliRunner().invoke(cli, [], env=env, prog_name="ofsc", complete_var="_OFSC_COMPLETE")
        return [line.split(",", 1)[1] for line in result.stdout.splitlines()]

    assert {"core", "collaboration", "completion", "config"} <= set(complete("ofsc co"))
    assert "get-workzones" in complete("ofsc metadata get-workz")
    assert complete("ofsc core get-activities --include-children i") == ["immediate"]


def test_mock_serve_is_the_mocks_own_command(ofsc: Invoke) -> None:
    """`ofsc mock serve` hands its arguments to `python -m ofsc.testing serve`."""
    result = ofsc("mock", "serve", "--help")

    assert result.exit_code == 0
    assert "--fixture" in result.stdout and "--port" in result.stdout


def test_python_m_ofsc_runs_the_same_command() -> None:
    """`python -m ofsc` is the `ofsc` command."""
    done = subprocess.run([sys.executable, "-m", "ofsc", "--version"], capture_output=True, text=True)

    assert done.returncode == 0
    assert done.stdout.startswith("ofsc 3.") and "OFS REST spec" in done.stdout
