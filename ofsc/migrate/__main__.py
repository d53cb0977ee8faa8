"""The command line of :mod:`ofsc.migrate` (see its docstring)."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import libcst as cst

from ._codemod import migrate_source, report_source
from ._mapping import async_migration_table, migration_table

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence


# Directories a tree walk skips: environments and caches, not the user's scripts.
_SKIPPED_DIRECTORIES = frozenset({"__pycache__", "site-packages", "node_modules"})


def _python_files(paths: Sequence[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if not path.is_dir():
            yield path
            continue
        for candidate in sorted(path.rglob("*.py")):
            parents = candidate.relative_to(path).parts[:-1]
            if candidate.is_file() and not any(
                part.startswith(".") or part in _SKIPPED_DIRECTORIES for part in parents
            ):
                yield candidate


def _process(path: Path, *, apply: bool, report: bool) -> bool:
    """Migrate or report one file; False when it could not be read or parsed."""
    try:
        source = path.read_text(encoding="utf-8")
        migration = migrate_source(source)
        findings = report_source(source) if report else []
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{path}: cannot read ({exc}); left unchanged")
        return False
    except cst.ParserSyntaxError as exc:
        print(f"{path}: cannot parse (line {exc.raw_line}: {exc.message}); left unchanged")
        return False
    for finding in findings:
        print(f"{path}:{finding.line}: {finding.call}")
        print(f"    v3: {finding.v3}")
        if finding.note:
            print(f"    note: {finding.note}")
    if migration.skipped_reason:
        print(f"{path}: {migration.skipped_reason}; left unchanged")
    elif not migration.changed:
        if not report:
            print(f"{path}: nothing to change")
    elif apply:
        path.write_text(migration.code, encoding="utf-8")
        print(f"{path}: {len(migration.changes)} change(s) applied")
    elif not report:
        diff = difflib.unified_diff(
            source.splitlines(keepends=True), migration.code.splitlines(keepends=True), str(path), str(path)
        )
        sys.stdout.writelines(diff)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ofsc.migrate",
        description="Point ofsc 2.x scripts at ofsc.v2, and list their calls with the v3 equivalents.",
    )
    parser.add_argument("paths", nargs="*", help="Python files or directories")
    parser.add_argument("--apply", action="store_true", help="rewrite the files (default: show the diff)")
    parser.add_argument("--report", action="store_true", help="list each 2.x call and its v3 equivalent")
    parser.add_argument("--table", action="store_true", help="print the 2.x -> v3 table of docs/MIGRATION.md")
    parser.add_argument(
        "--async",
        dest="async_table",
        action="store_true",
        help="with --table: the table of the 2.x async client",
    )
    args = parser.parse_args(argv)
    if args.table:
        sys.stdout.write(async_migration_table() if args.async_table else migration_table())
        return 0
    if not args.paths:
        parser.error("give at least one file or directory")
    results = [_process(path, apply=args.apply, report=args.report) for path in _python_files(args.paths)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
