"""Mutation testing of the policy modules (``make mutation``), one module at a time.

mutmut takes one test selection for a whole run; here each module is run against its own
tests only (``modules.toml``), so a module's kill rate says what its own tests pin. For each
module a fresh mutmut run (in a child process, so that nothing imported by one run leaks
into the next) mutates that file alone, runs each mutant against the mapped tests that call
the mutated function, and leaves its verdicts in ``build/mutation/<module>.json``. The report
prints the kill rate per module and every survivor's edit; the mutants listed in
``equivalent.toml`` (edits that cannot change behaviour, each with its reason) are left out
of the rate and counted apart.

    python tests/mutation/driver.py                 # every module, then the report
    python tests/mutation/driver.py ofsc/_retry.py  # one module (or several)
    python tests/mutation/driver.py --edits-only    # only the hand-written edits (edits.toml)
    python tests/mutation/driver.py --report        # the report of the last runs only
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import queue
import shutil
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
RESULTS = ROOT / "build" / "mutation"
TARGET_RATE = 90.0
# mutmut's exit codes for a mutant's test run, read as verdicts.
KILLED = "killed"
SURVIVED = "survived"


def load_modules() -> dict[str, list[str]]:
    data = tomllib.loads((HERE / "modules.toml").read_text(encoding="utf-8"))
    return {str(k): [str(t) for t in v] for k, v in data["modules"].items()}


def load_equivalents() -> dict[str, dict[str, str]]:
    """Mutant name -> its entry (``reason``, and the ``mutated`` line it is known by)."""
    data = tomllib.loads((HERE / "equivalent.toml").read_text(encoding="utf-8"))
    entries: dict[str, dict[str, str]] = {}
    for entry in data.get("mutant", []):
        if not entry.get("reason"):
            raise SystemExit(f"equivalent.toml: {entry.get('name')} has no reason")
        entries[str(entry["name"])] = {str(k): str(v) for k, v in entry.items()}
    return entries


def result_path(module: str) -> Path:
    return RESULTS / (module.replace("/", ".").removesuffix(".py") + ".json")


# --- one module, inside a child process ----------------------------------------------------


def run_one(module: str, tests: list[str], max_children: int) -> int:
    """Run mutmut on ``module`` with ``tests`` and write its verdicts (in a fresh process)."""
    import mutmut.configuration as mutmut_config

    base = mutmut_config._load_config()  # [tool.mutmut] in pyproject.toml
    mutmut_config._config = dataclasses.replace(
        base, only_mutate=[module], pytest_add_cli_args_test_selection=tests
    )
    from mutmut.__main__ import _run
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    _run([], max_children)
    data = SourceFileMutationData(path=Path(module))
    data.load()
    verdicts: dict[str, dict[str, str]] = {}
    for name, exit_code in sorted(data.exit_code_by_key.items()):
        status = str(status_by_exit_code[exit_code])
        entry = {"status": status}
        if status != KILLED:
            entry["diff"] = get_diff_for_mutant(name, path=Path(module))
        verdicts[name] = entry
    RESULTS.mkdir(parents=True, exist_ok=True)
    result_path(module).write_text(
        json.dumps({"module": module, "tests": tests, "mutants": verdicts}, indent=1), encoding="utf-8"
    )
    return 0


def run_module(module: str, tests: list[str], max_children: int) -> bool:
    missing = [t for t in tests if not t.startswith("-") and not (ROOT / t).exists()]
    tests = [t for t in tests if t not in missing]
    for t in missing:
        print(f"  {module}: {t} does not exist; left out")
    if not tests:
        print(f"  {module}: no tests to run")
        return False
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)  # a fresh run: no stale mutants or stats
    result_path(module).unlink(missing_ok=True)  # a failed run must not report the last one's verdicts
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / (result_path(module).stem + ".log")
    started = time.monotonic()
    print(f"== {module}: {sum(not t.startswith('-') for t in tests)} test file(s) ... ", end="", flush=True)
    with log.open("w", encoding="utf-8") as out:
        code = subprocess.call(
            [sys.executable, __file__, "--one", module, "--max-children", str(max_children), "--", *tests],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "HYPOTHESIS_PROFILE": "mutation"},
        )
    print(f"{time.monotonic() - started:.0f} s" + ("" if code == 0 else f", failed (see {log})"))
    return code == 0


# --- the hand-written edits (edits.toml) ---------------------------------------------------


def run_edits(modules: list[str], mapping: dict[str, list[str]], workers: int) -> list[tuple[str, str, str]]:
    """Apply each edit of ``modules`` to a copy of the package and run the module's tests:
    ``(module, promise, verdict)`` with verdict killed, survived, stale or error. ``workers``
    copies are used at once, each running one pytest at a time."""
    data = tomllib.loads((HERE / "edits.toml").read_text(encoding="utf-8"))
    edits = [e for e in data["edit"] if e["module"] in modules]
    if not edits:
        return []
    print(f"== {len(edits)} hand-written edit(s) (tests/mutation/edits.toml)", flush=True)
    copies: queue.Queue[Path] = queue.Queue()
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis")
    for n in range(max(1, workers)):
        work = RESULTS / f"edits-{n}"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(ROOT / "ofsc", work / "ofsc", ignore=ignore)
        shutil.copytree(ROOT / "tests", work / "tests", ignore=ignore)
        shutil.copy2(ROOT / "pyproject.toml", work / "pyproject.toml")
        probe = subprocess.run(
            [sys.executable, "-c", "import ofsc; print(ofsc.__file__)"],
            cwd=work, env=environment(work), capture_output=True, text=True, check=False,
        )  # fmt: skip
        if not probe.stdout.startswith(str(work)):
            raise SystemExit(
                f"the edited copy of ofsc is not the one imported: {probe.stdout or probe.stderr}"
            )
        copies.put(work)

    def pytest_exit_code(module: str, old: str = "", new: str = "") -> int:
        """The module's tests on a copy, with ``old`` replaced by ``new`` in the module."""
        work = copies.get()
        original = (ROOT / module).read_text(encoding="utf-8")
        try:
            if old:
                (work / module).write_text(original.replace(old, new), encoding="utf-8")
            tests = [t for t in mapping[module] if t.startswith("-") or (ROOT / t).exists()]
            return subprocess.call(
                [sys.executable, "-m", "pytest", "-x", "-q", "--rootdir=.", "-p", "no:cacheprovider",
                 "-n", "0", "-m", "not live", *tests],
                cwd=work, env=environment(work), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        finally:
            (work / module).write_text(original, encoding="utf-8")
            copies.put(work)

    def verdict(edit: dict[str, str], clean: bool) -> tuple[str, str, str]:
        module, promise = edit["module"], edit["promise"]
        if not clean:
            return module, promise, "error (its tests fail without the edit)"
        if (ROOT / module).read_text(encoding="utf-8").count(edit["old"]) != 1:
            return module, promise, "stale"
        code = pytest_exit_code(module, edit["old"], edit["new"])
        return module, promise, {0: SURVIVED, 1: KILLED}.get(code, f"error (pytest exit {code})")

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        # A module's tests must pass on the unedited code, or no edit's failure would mean anything.
        owners = list(dict.fromkeys(e["module"] for e in edits))
        clean = dict(zip(owners, pool.map(lambda m: pytest_exit_code(m) == 0, owners), strict=True))
        verdicts = list(pool.map(lambda e: verdict(e, clean[e["module"]]), edits))
    while not copies.empty():
        shutil.rmtree(copies.get(), ignore_errors=True)
    (RESULTS / "edits.json").write_text(json.dumps(verdicts, indent=1), encoding="utf-8")
    return verdicts


def environment(work: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(work), "HYPOTHESIS_PROFILE": "mutation"}


# --- the report ----------------------------------------------------------------------------


def changed_lines(diff: str) -> list[str]:
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def report(modules: list[str], edits: list[tuple[str, str, str]]) -> bool:
    equivalents = load_equivalents()
    seen: set[str] = set()
    ok = True
    rows: list[tuple[str, int, int, int, int, str]] = []
    survivors: list[tuple[str, str, str]] = []
    stale: list[str] = []
    for module in modules:
        path = result_path(module)
        if not path.exists():
            rows.append((module, 0, 0, 0, 0, "not run"))
            ok = False
            continue
        mutants: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["mutants"]
        killed = excluded = 0
        counted = 0
        for name, verdict in mutants.items():
            status = verdict["status"]
            if name in equivalents:
                seen.add(name)
                expected = equivalents[name].get("mutated")
                lines = changed_lines(verdict.get("diff", ""))
                if status == KILLED:
                    stale.append(f"{name}: listed as equivalent but a test kills it")
                elif expected and not any(expected.strip() in line for line in lines if line[:1] == "+"):
                    stale.append(f"{name}: the listed edit is no longer this mutant")
                else:
                    excluded += 1
                    continue
            counted += 1
            if status in (KILLED, "timeout"):
                killed += 1
            elif status != "skipped":
                survivors.append((name, status, verdict.get("diff", "")))
        rate = 100.0 * killed / counted if counted else 100.0
        ok = ok and rate >= TARGET_RATE
        rows.append((module, len(mutants), killed, counted - killed, excluded, f"{rate:.1f}%"))
    for name in equivalents:
        module = name.split(".x")[0].replace(".", "/") + ".py"
        if name not in seen and module in modules and result_path(module).exists():
            stale.append(f"{name}: listed as equivalent but mutmut made no such mutant")

    print()
    print(f"{'module':<28} {'mutants':>8} {'killed':>8} {'alive':>8} {'equiv.':>8} {'rate':>8}")
    for module, total, killed, alive, excluded, shown in rows:
        print(f"{module:<28} {total:>8} {killed:>8} {alive:>8} {excluded:>8} {shown:>8}")
    total_excluded = sum(r[4] for r in rows)
    print(
        f"\n{total_excluded} equivalent mutant(s) excluded from the rates (tests/mutation/equivalent.toml)."
    )
    if survivors:
        print(f"\n{len(survivors)} surviving mutant(s):")
        for name, status, diff in survivors:
            print(f"\n-- {name} ({status})")
            for line in changed_lines(diff):
                print(f"   {line}")
    if edits:
        print(f"\nhand-written edits (tests/mutation/edits.toml): "
              f"{sum(v == KILLED for _, _, v in edits)} of {len(edits)} killed")  # fmt: skip
        for module, promise, outcome in edits:
            print(f"   {outcome:<9} {module}: {promise}")
            ok = ok and outcome == KILLED
    if stale:
        ok = False
        print("\nequivalent.toml entries to review:")
        for line in stale:
            print(f"   {line}")
    print(
        f"\nevery module at >= {TARGET_RATE:.0f}%: {'yes' if ok and all(r[5] != 'not run' for r in rows) else 'no'}"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("modules", nargs="*", help="module paths (default: every module in modules.toml)")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--report", action="store_true", help="print the report of the last runs only")
    parser.add_argument("--edits-only", action="store_true", help="run the hand-written edits only")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        return run_one(args.one, args.modules, args.max_children)

    mapping = load_modules()
    modules = args.modules or list(mapping)
    unknown = [m for m in modules if m not in mapping]
    if unknown:
        parser.error(f"not in tests/mutation/modules.toml: {', '.join(unknown)}")
    edits: list[tuple[str, str, str]] = []
    if args.report:
        saved = RESULTS / "edits.json"
        if saved.exists():
            edits = [tuple(e) for e in json.loads(saved.read_text(encoding="utf-8")) if e[0] in modules]
    else:
        started = time.monotonic()
        if not args.edits_only:
            for module in modules:
                run_module(module, mapping[module], args.max_children)
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        edits = run_edits(modules, mapping, args.max_children)
        print(f"mutation runs took {time.monotonic() - started:.0f} s")
    return 0 if report(modules, edits) else 1


if __name__ == "__main__":
    sys.exit(main())
