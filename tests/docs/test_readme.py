"""The code in the README and the guides runs, so what they show stays true.

Every ```` ```python ```` block of a checked file is executed, in the order of the file and
in one namespace (a later block may use what an earlier one defined), in a fresh Python
process whose working directory is empty and whose environment points at the mock OFS
that ``python -m ofsc.testing serve`` runs, as a user starts it: ``OFSC_BASE_URL`` is its
URL and ``OFSC_INSTANCE``, ``OFSC_CLIENT_ID`` and ``OFSC_CLIENT_SECRET`` its default
credentials ("acme", "cid", "s3cr3t"). So a block may build its client with ``OFSC()`` or
with those literal credentials, and runs unchanged against a real instance once the
environment names one. The served mock starts with its demo data
(``ofsc.testing.DEMO_DATA``: activity 4225274, resource ``tech1``, user ``jdoe``...),
which blocks may rely on; it answers everything else with schema-valid sample data. Every ```` ```toml ```` block must parse.

A block that must not run (one that needs a real instance, say) is preceded by the line::

    <!-- docs-test: skip -->

(an HTML comment: invisible on GitHub and in the documentation site). Nothing else in a
block is special; ``print`` output is only shown when a block fails.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT, CommandLineMock

CHECKED_FILES = (
    "README.md",
    "docs/BEST_PRACTICES.md",
    "docs/RESPONSES.md",
    "docs/BULK.md",
    "docs/SECURITY.md",
)
SKIP_MARKER = "<!-- docs-test: skip -->"
# Runs in the child process: executes the blocks given on stdin, stops at the first failure.
RUNNER = """
import json, sys, traceback
namespace = {"__name__": "__main__"}
for block in json.load(sys.stdin):
    try:
        exec(compile(block["code"], block["name"], "exec"), namespace)
    except BaseException:
        traceback.print_exc()
        print(f"FAILED: the block at {block['name']}", file=sys.stderr)
        sys.exit(1)
"""


@dataclass(frozen=True)
class CodeBlock:
    file: str
    line: int  # of the opening fence
    language: str
    code: str
    skip: bool

    @property
    def name(self) -> str:
        return f"{self.file}:{self.line}"


_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")


def code_blocks(text: str, file: str) -> list[CodeBlock]:
    """The fenced code blocks of a Markdown text, each with its skip marker (if any)."""
    blocks: list[CodeBlock] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        start, fence = index, opening["fence"]
        index += 1
        body: list[str] = []
        while index < len(lines) and not lines[index].strip().startswith(fence):
            body.append(lines[index])
            index += 1
        index += 1
        before = next((line.strip() for line in reversed(lines[:start]) if line.strip()), "")
        language = opening["info"].split()[0].lower() if opening["info"].strip() else ""
        blocks.append(CodeBlock(file, start + 1, language, "\n".join(body) + "\n", before == SKIP_MARKER))
    return blocks


def blocks_of(file: str) -> list[CodeBlock]:
    return code_blocks((ROOT / file).read_text(encoding="utf-8"), file)


@pytest.mark.parametrize("file", CHECKED_FILES)
def test_python_blocks_run_against_the_served_mock(file: str, tmp_path: Path) -> None:
    """Every Python block of the README and the guides runs as written against
    ``python -m ofsc.testing serve`` started with no option."""
    runnable = [b for b in blocks_of(file) if b.language == "python" and not b.skip]
    assert runnable, f"{file} has no Python block to run"

    payload = json.dumps([{"name": block.name, "code": block.code} for block in runnable])
    with CommandLineMock.serving(tmp_path) as served:
        result = served.run(sys.executable, "-c", RUNNER, stdin=payload)

    assert result.returncode == 0, f"{result.stderr}\n--- output ---\n{result.stdout}"


@pytest.mark.parametrize("file", CHECKED_FILES)
def test_toml_blocks_parse(file: str) -> None:
    for block in blocks_of(file):
        if block.language == "toml":
            try:
                tomllib.loads(block.code)
            except tomllib.TOMLDecodeError as exc:
                pytest.fail(f"{block.name}: {exc}")


def test_code_blocks_and_the_skip_marker_are_found() -> None:
    text = "\n".join(
        [
            "# Title",
            "```python",
            "print('runs')",
            "```",
            "",
            SKIP_MARKER,
            "",
            "```python",
            "OFSC(base_url='https://acme.fs.ocs.oraclecloud.com')",
            "```",
            "~~~toml",
            "[client]",
            "```",  # not the closing fence of a ~~~ block
            "~~~",
        ]
    )
    blocks = code_blocks(text, "X.md")
    assert [(b.line, b.language, b.skip) for b in blocks] == [
        (2, "python", False),
        (8, "python", True),
        (11, "toml", False),
    ]
    assert blocks[0].code == "print('runs')\n"
    assert blocks[2].code == "[client]\n```\n"
