"""What a benchmark produces (:class:`Figure`), and the table it is reported in."""

from __future__ import annotations

import os
import platform
import re
from dataclasses import dataclass, field
from importlib import metadata
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from pathlib import Path

    from .timing import Samples

Unit = Literal["s", "req/s", "events/s", "MB", "us/item"]
MB = 1024 * 1024


@dataclass(frozen=True)
class Measure:
    """Repeated values of one quantity, in ``unit`` (times in seconds)."""

    samples: Samples
    unit: Unit

    def text(self) -> str:
        median, low, high = self.samples.median, self.samples.low, self.samples.high
        if len(self.samples.values) == 1:
            return _format(median, self.unit)
        return f"{_format(median, self.unit)} ({_format(low, self.unit)} to {_format(high, self.unit)})"


@dataclass(frozen=True)
class Target:
    text: str  # as printed, e.g. "<= 1.10x"
    met_by: Callable[[float], bool]


def at_most(limit: float, text: str) -> Target:
    return Target(text, lambda value: value <= limit)


def at_least(limit: float, text: str) -> Target:
    return Target(text, lambda value: value >= limit)


@dataclass(frozen=True)
class Comparison:
    """Our figure against another contender's, with their relation taken round by round."""

    against: str
    theirs: Measure | None = None
    relation: Samples | None = None  # e.g. our time / their time, per round
    relation_format: str | Callable[[float], str] = "{:.3f}x"
    target: Target | None = None
    not_run: str = ""  # why the contender was not measured

    def relation_text(self) -> str:
        if self.relation is None:
            return "-"
        text = self.relation_format if callable(self.relation_format) else self.relation_format.format
        median = text(self.relation.median)
        if len(self.relation.values) == 1:
            return median
        return f"{median} ({text(self.relation.low)} to {text(self.relation.high)})"

    def verdict(self) -> str:
        if self.not_run:
            return f"not run: {self.not_run}"
        if self.target is None or self.relation is None:
            return "report"
        return "met" if self.target.met_by(self.relation.median) else "**missed**"


V2_NOT_RUN = "ofsc 2.x was not set up (--no-v2)"


def versus(
    against: str,
    ours: Samples,
    theirs: Samples | None,
    unit: Unit,
    target: Target | None = None,
    *,
    speedup: bool = False,
    not_run: str = V2_NOT_RUN,
) -> Comparison:
    """``ours`` against ``theirs`` round by round: our value / theirs, or with ``speedup``
    their time / ours ("3.2x faster")."""
    if theirs is None:
        return Comparison(against, target=target, not_run=not_run)
    if speedup:
        return Comparison(against, Measure(theirs, unit), theirs.ratio_to(ours), speed, target)
    return Comparison(against, Measure(theirs, unit), ours.ratio_to(theirs), target=target)


def speed(ratio: float) -> str:
    """Their time / ours as words: "3.2x faster", or "1.5x slower" below 1."""
    return f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x slower"


@dataclass
class Figure:
    key: str  # stable identifier, e.g. "sync_call"
    title: str
    ours: Measure
    comparisons: list[Comparison] = field(default_factory=list)
    target: Target | None = None  # on our own value (e.g. peak RSS growth)
    notes: list[str] = field(default_factory=list)

    def verdict(self) -> str:
        if self.target is None:
            return "report"
        return "met" if self.target.met_by(self.ours.samples.median) else "**missed**"


HEADER = ("figure", "ours: median (min to max)", "compared with", "theirs", "relation", "target", "result")


def table(figures: Iterable[Figure]) -> str:
    """A Markdown table: one line per comparison, the figure's own target first."""
    rows = [HEADER, tuple("---" for _ in HEADER)]
    for figure in figures:
        ours = figure.ours.text()
        if figure.target is not None or not figure.comparisons:
            target = figure.target.text if figure.target else "report"
            rows.append((figure.title, ours, "-", "-", "-", target, figure.verdict()))
            title = ours = ""
        else:
            title = figure.title
        for comparison in figure.comparisons:
            theirs = comparison.theirs.text() if comparison.theirs else "-"
            target = comparison.target.text if comparison.target else "report"
            rows.append((title, ours, comparison.against, theirs, comparison.relation_text(), target,
                         comparison.verdict()))  # fmt: skip
            title = ours = ""
    return "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows)


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            models = re.findall(r"^model name\s*:\s*(.+)$", info.read(), re.MULTILINE)
        cpu = models[0] if models else cpu
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cores": f"{usable} usable of {os.cpu_count()}",
        "CPU": cpu,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "OS": f"{platform.system()} {platform.release()}",
        "load average at start (1/5/15 min)": load_average(),
    }


def load_average() -> str:
    return " / ".join(f"{v:.2f}" for v in os.getloadavg())


def package_versions(names: Iterable[str]) -> dict[str, str]:
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


START = "<!-- results:start (written by `make bench`; edit outside these markers) -->"
END = "<!-- results:end -->"


def write_results(path: Path, body: str) -> None:
    """Replace the generated part of ``path`` (between the markers), keeping the rest."""
    block = f"{START}\n{body.rstrip()}\n{END}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in text and END in text:
        before, _, rest = text.partition(START)
        _, _, after = rest.partition(END)
        text = before + block + after
    else:
        text = (text.rstrip() + "\n\n" if text else "# Benchmark results\n\n") + block + "\n"
    path.write_text(text, encoding="utf-8")


def results_body(
    figures: list[Figure], machine_info: Mapping[str, str], versions: Mapping[str, str], footer: Iterable[str]
) -> str:
    lines = ["## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in machine_info.items()]
    lines += ["", "## Packages", ""]
    lines += [f"- {name} {version}" for name, version in versions.items()]
    lines += ["", "## Figures", "", table(figures), ""]
    notes = [(figure.title, note) for figure in figures for note in figure.notes]
    if notes:
        lines += ["### Notes", ""]
        lines += [f"- {title}: {note}" for title, note in notes]
        lines.append("")
    lines += list(footer)
    return "\n".join(lines)


def _format(value: float, unit: Unit) -> str:
    if unit == "s":
        if value < 1e-3:
            return f"{value * 1e6:.0f} us"
        if value < 1:
            return f"{value * 1e3:.1f} ms"
        return f"{value:.2f} s"
    if unit in ("req/s", "events/s"):
        return f"{value:,.0f} {unit}"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:.1f} us/item"
