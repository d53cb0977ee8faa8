"""``python -m codegen``: fetch a pinned spec, generate the SDK from it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .format import FormatError
from .load import SpecError
from .manifest import ManifestError, fetch, pinned
from .name import NamingError
from .overlay import OverlayError
from .pipeline import generate

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_fetch = sub.add_parser("fetch", help="bring a pinned spec into specs/cache and verify its sha256")
    p_fetch.add_argument("--version", help="spec version (default: the manifest's current)")
    p_fetch.add_argument("--source", help="path or URL to read it from (default: the manifest's source)")
    p_gen = sub.add_parser("generate", help="generate the SDK package from a spec")
    p_gen.add_argument("--spec", type=Path, help="spec file (default: the pinned current spec, fetched)")
    p_gen.add_argument("--version", help="pinned spec version to generate from")
    p_gen.add_argument("--out", type=Path, default=ROOT / "generated")
    p_gen.add_argument("--timings", action="store_true", help="print the time each stage took")
    p_gen.add_argument("--notes", action="store_true", help="print every normalisation applied")
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            path = fetch(pinned(args.version), args.source)
            print(f"spec {pinned(args.version).version}: {path.relative_to(ROOT)} (sha256 verified)")
            return 0
        return _generate(args)
    except (ManifestError, SpecError, OverlayError, NamingError, FormatError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _generate(args: argparse.Namespace) -> int:
    spec = args.spec or fetch(pinned(args.version))
    report = generate(spec, args.out)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.notes:
        for note in report.notes:
            print(f"normalised: {note}")
    print(
        f"generated {report.operations} operations, {report.models} models from spec "
        f"{report.spec_version}: {report.files} files, {report.changed} changed"
    )
    if args.timings:
        for name, seconds in report.timings.items():
            print(f"  {name:<10} {seconds * 1000:8.1f} ms")
        print(f"  {'total':<10} {sum(report.timings.values()) * 1000:8.1f} ms")
    return 0
