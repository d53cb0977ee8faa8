"""Build an sdist and a wheel of the SDK for one spec, staged outside the working tree.

The stage, ``build/ofsc-<spec version>/``, holds a copy of the hand-written ``ofsc``
package, the ``ofsc_generated`` package generated there from the spec, the README, and
a ``pyproject.toml`` stamped with the distribution's version and the spec it comes
from. ``python -m build`` then makes the sdist and, from the unpacked sdist, the wheel,
so the sdist is known to build that very wheel. Neither needs the spec, jinja2 or the
generator to install or run.

Versions (PEP 440) are ``<SDK release>.<spec date, YYYYMMDD>[<SDK pre, post, dev>]``:
the SDK's own ``MAJOR.MINOR.PATCH`` from ``pyproject.toml`` first, the spec date as a
fourth release component, so builds of one SDK release from different specs are
distinct and ordered by spec date: ``3.0.0.dev0`` from spec ``2025.12.23`` is
``3.0.0.20251223.dev0``; ``3.0.0`` from ``2026.03.10`` is ``3.0.0.20260310``.

The build date is stamped into ``ofsc_generated/_build.py`` (``ofsc.spec_info()``
reads it), never into ``generate``'s output. ``SOURCE_DATE_EPOCH``, when set, fixes
that date and the archives' timestamps, so a build can be repeated byte for byte.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .load import load_spec
from .pipeline import generate

ROOT = Path(__file__).resolve().parent.parent
_SDK_VERSION = re.compile(r"^(\d+\.\d+\.\d+)((?:a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?$")
_SPEC_DATE = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$")


class BuildError(Exception):
    """The distributions could not be built."""


@dataclass(frozen=True)
class Distributions:
    version: str  # the distribution's version
    spec_version: str
    spec_sha256: str
    build_date: str  # ISO 8601, UTC
    stage: Path
    sdist: Path
    wheel: Path


def distribution_version(sdk_version: str, spec_version: str) -> str:
    sdk = _SDK_VERSION.match(sdk_version)
    if sdk is None:
        raise BuildError(
            f"the SDK version {sdk_version!r} in pyproject.toml is not MAJOR.MINOR.PATCH[aN|bN|rcN][.postN][.devN]"
        )
    release, *suffixes = sdk.groups()
    return f"{release}.{_spec_date(spec_version):%Y%m%d}{''.join(s for s in suffixes if s)}"


def _spec_date(spec_version: str) -> dt.date:
    match = _SPEC_DATE.match(spec_version)
    if match:
        with contextlib.suppress(ValueError):
            return dt.date(*(int(part) for part in match.groups()))
    raise BuildError(f"spec version {spec_version!r} is not a date (YYYY.MM.DD), which wheel versions need")


def build(spec: Path, dist: Path, stage_root: Path) -> Distributions:
    """Build the sdist and wheel for ``spec`` into ``dist``, staging the sources in ``stage_root``."""
    loaded = load_spec(spec)
    sdk_version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    version = distribution_version(sdk_version, loaded.version)
    built = _build_time()
    build_date = f"{built:%Y-%m-%dT%H:%M:%SZ}"
    stage = stage_root / f"ofsc-{loaded.version}"
    _stage_sources(spec, stage)
    summary = f"built from OFS REST spec {loaded.version}, sha256 {loaded.sha256}"
    (stage / "pyproject.toml").write_text(_stamped_pyproject(version, summary), encoding="utf-8")
    (stage / "ofsc" / "_version.py").write_text(f'__version__ = "{version}"\n', encoding="utf-8")
    (stage / "generated" / "ofsc_generated" / "_build.py").write_text(
        f'"""Written by ``python -m codegen build`` when this distribution was built."""\n\n'
        f'BUILD_DATE = "{build_date}"\n',
        encoding="utf-8",
    )
    _run_build(stage, dist, int(built.timestamp()))
    sdist, wheel = dist / f"ofsc-{version}.tar.gz", dist / f"ofsc-{version}-py3-none-any.whl"
    _check_built(sdist, wheel)
    return Distributions(version, loaded.version, loaded.sha256, build_date, stage, sdist, wheel)


def _stage_sources(spec: Path, stage: Path) -> None:
    """The hand-written package and the README copied, the generated package generated."""
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(ROOT / "ofsc", stage / "ofsc", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "README.md", stage / "README.md")
    # The build backend obeys the nearest .gitignore, and the checkout's leaves out generated/.
    (stage / ".gitignore").write_text(
        "# The staged sources of one distribution: nothing is ignored.\n", encoding="utf-8"
    )
    generate(spec, stage / "generated")


def _check_built(sdist: Path, wheel: Path) -> None:
    for path in (sdist, wheel):
        if not path.exists():
            raise BuildError(f"python -m build did not produce {path}")
    with zipfile.ZipFile(wheel) as archive:
        missing = {"ofsc/__init__.py", "ofsc_generated/__init__.py", "ofsc_generated/_build.py"}
        missing -= set(archive.namelist())
    if missing:
        raise BuildError(f"{wheel} lacks {', '.join(sorted(missing))}: the build backend left files out")


def _build_time() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _stamped_pyproject(version: str, summary: str) -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    text = re.sub(r'(?m)^version = "[^"]*"$', f'version = "{version}"', text, count=1)
    text = re.sub(r'(?m)^(description = "[^"]*)"$', rf'\1 ({summary})"', text, count=1)
    project = tomllib.loads(text)["project"]
    if project["version"] != version or summary not in project["description"]:
        raise BuildError("pyproject.toml has no one-line [project] version and description to stamp")
    return text


def _run_build(stage: Path, dist: Path, epoch: int) -> None:
    # Without isolation: the build backend is the one the dev environment pins (no download).
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(stage)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise BuildError(f"python -m build failed in {stage}:\n" + "\n".join(output[-20:]))
