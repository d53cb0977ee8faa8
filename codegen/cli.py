"""``python -m codegen``: fetch a pinned spec, generate the SDK from it, take a new spec,
diff two specs for SDK users, build the distributions for one spec."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .build import BuildError, build
from .diff import diff_specs
from .format import FormatError
from .load import SpecError
from .manifest import ManifestError, bring_in, fetch, pinned
from .name import NamingError
from .overlay import OverlayError
from .pipeline import generate
from .update import update

if TYPE_CHECKING:
    from .diff import SpecDiff
    from .pipeline import GenerationReport

ROOT = Path(__file__).resolve().parent.parent
EXIT_BREAKING = 3  # --fail-on-breaking found breaking changes (1 is an error)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_fetch = sub.add_parser("fetch", help="bring a pinned spec into specs/cache and verify its sha256")
    p_fetch.add_argument("--version", help="spec version (default: the manifest's current)")
    p_fetch.add_argument(
        "--source",
        help="path or URL to read it from, checked even if the spec is cached "
        "(default: keep a cached copy that checks out, else try the manifest's sources in order)",
    )
    p_gen = sub.add_parser("generate", help="generate the SDK package from a spec")
    p_gen.add_argument("--spec", type=Path, help="spec file (default: the pinned current spec, fetched)")
    p_gen.add_argument("--version", help="pinned spec version to generate from")
    p_gen.add_argument(
        "--out",
        type=Path,
        default=ROOT / "generated",
        metavar="DIR",
        help="directory to write the ofsc_generated package into (default: generated/)",
    )
    p_gen.add_argument("--timings", action="store_true", help="print the time each stage took")
    p_gen.add_argument("--notes", action="store_true", help="print every normalisation applied")
    p_diff = sub.add_parser("diff", help="what changed for SDK users between two specs")
    p_diff.add_argument("old", help="the older spec: a file, or a pinned version")
    p_diff.add_argument("new", help="the newer spec: a file, or a pinned version")
    _report_options(p_diff)
    p_update = sub.add_parser(
        "update", help="pin a new spec as current, regenerate, and diff it against the previous one"
    )
    p_update.add_argument("--source", required=True, help="path or URL of the new spec")
    p_update.add_argument(
        "--out",
        type=Path,
        default=ROOT / "generated",
        metavar="DIR",
        help="where to regenerate (default: generated/)",
    )
    _report_options(p_update)
    p_build = sub.add_parser("build", help="build the sdist and wheel for one spec")
    p_build.add_argument("--version", help="pinned spec version to build (default: the manifest's current)")
    p_build.add_argument("--spec", type=Path, help="build from this spec file instead of a pinned one")
    p_build.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the sdist and wheel go")
    p_build.add_argument("--stage", type=Path, default=ROOT / "build", help="where the sources are staged")
    args = parser.parse_args(argv)
    commands = {"fetch": _fetch, "generate": _generate, "diff": _diff, "update": _update, "build": _build}
    try:
        return commands[args.command](args)
    except (ManifestError, SpecError, OverlayError, NamingError, FormatError, BuildError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the diff as JSON")
    parser.add_argument("--markdown", type=Path, metavar="PATH", help="also write the CHANGELOG section")
    parser.add_argument(
        "--fail-on-breaking", action="store_true", help=f"exit {EXIT_BREAKING} if any change is breaking"
    )


def _fetch(args: argparse.Namespace) -> int:
    spec = pinned(args.version)
    fetched = bring_in(spec, args.source)
    origin = "the cached copy" if fetched.origin is None else f"from {fetched.origin}"
    print(f"spec {spec.version}: {_shown(fetched.path)} ({origin}, sha256 verified)")
    return 0


def _generate(args: argparse.Namespace) -> int:
    spec = args.spec or fetch(pinned(args.version))
    report = generate(spec, args.out)
    if args.notes:
        for note in report.notes:
            print(f"normalised: {note}")
    _print_generation(report)
    if args.timings:
        for name, seconds in report.timings.items():
            print(f"  {name:<10} {seconds * 1000:8.1f} ms")
        print(f"  {'total':<10} {sum(report.timings.values()) * 1000:8.1f} ms")
    return 0


def _print_generation(report: GenerationReport) -> None:
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"generated {report.operations} operations, {report.models} models from spec "
        f"{report.spec_version}: {report.files} files, {report.changed} changed"
    )


def _spec_path(spec: str) -> Path:
    """A spec given on the command line: a file, or else a pinned version (fetched)."""
    path = Path(spec)
    return path if path.is_file() else fetch(pinned(spec))


def _diff(args: argparse.Namespace) -> int:
    return _report(diff_specs(_spec_path(args.old), _spec_path(args.new)), args)


def _update(args: argparse.Namespace) -> int:
    result = update(args.source, args.out)
    was = f"; it was {result.previous.version}" if result.previous else ""
    print(f"pinned spec {result.spec.version} (sha256 {result.spec.sha256}) as current{was}")
    _print_generation(result.generation)
    return _report(result.diff, args) if result.diff else 0


def _report(diff: SpecDiff, args: argparse.Namespace) -> int:
    markdown = diff.to_markdown()
    print()
    print(markdown, end="")
    for path, text in ((args.markdown, markdown), (args.json, json.dumps(diff.to_json(), indent=2) + "\n")):
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    breaking = len(diff.breaking)
    print(
        f"\n{breaking} breaking, {len(diff.changes) - breaking} other changes; {len(diff.unnamed)} unnamed operations"
    )
    return EXIT_BREAKING if args.fail_on_breaking and breaking else 0


def _build(args: argparse.Namespace) -> int:
    spec = args.spec or fetch(pinned(args.version))
    built = build(spec, args.dist, args.stage)
    print(
        f"built ofsc {built.version} from OFS REST spec {built.spec_version} "
        f"(sha256 {built.spec_sha256}) on {built.build_date}, staged in {_shown(built.stage)}"
    )
    for path in (built.sdist, built.wheel):
        print(f"  {_shown(path)}")
    return 0


def _shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
