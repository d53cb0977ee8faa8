"""Distributions per spec: their versions, what the wheel holds, and a clean install of each.

The install tests build real wheels and virtualenvs (seconds each), so they are marked
``slow``; under ``-n auto`` they run beside the rest.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from codegen.build import ROOT, BuildError, distribution_version
from codegen.cli import main
from codegen.load import load_spec
from codegen.manifest import fetch, pinned, sha256_of
from codegen.pipeline import generate

NEXT_VERSION = "2026.02.10"
# Under `--dist loadgroup` all of this module runs on one worker, so the wheels are built
# once (module fixtures), not once per worker.
pytestmark = pytest.mark.xdist_group("codegen-build")


# ---- the version scheme --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sdk", "spec", "expected"),
    [
        ("3.0.0.dev0", "2025.12.23", "3.0.0.20251223.dev0"),
        ("3.0.0", "2026.3.1", "3.0.0.20260301"),
        ("3.1.2rc1", "2026.03.10", "3.1.2.20260310rc1"),
        ("3.1.2.post1", "2026.03.10", "3.1.2.20260310.post1"),
    ],
)
def test_distribution_version_puts_the_spec_date_after_the_sdk_release(
    sdk: str, spec: str, expected: str
) -> None:
    version = distribution_version(sdk, spec)
    assert version == expected
    assert str(Version(version)) == version  # already in PEP 440's normal form


def test_distribution_versions_order_by_sdk_release_then_spec_date() -> None:
    builds = [
        ("3.0.0", "2026.03.10"),
        ("3.0.1", "2025.12.23"),
        ("3.0.0", "2025.12.23"),
        ("3.0.0rc1", "2026.03.10"),
    ]
    ordered = sorted((distribution_version(*build) for build in builds), key=Version)
    assert ordered == ["3.0.0.20251223", "3.0.0.20260310rc1", "3.0.0.20260310", "3.0.1.20251223"]


@pytest.mark.parametrize(("sdk", "spec"), [("3.0", "2025.12.23"), ("3.0.0", "25D"), ("3.0.0", "2025.13.01")])
def test_distribution_version_refuses_what_it_cannot_order(sdk: str, spec: str) -> None:
    with pytest.raises(BuildError):
        distribution_version(sdk, spec)


# ---- building ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Built:
    spec: Path
    version: str
    dist: Path
    stage: Path
    output: str  # what `python -m codegen build` printed

    @property
    def wheel(self) -> Path:
        return self.dist / f"ofsc-{self.version}-py3-none-any.whl"

    @property
    def sdist(self) -> Path:
        return self.dist / f"ofsc-{self.version}.tar.gz"

    @property
    def build_date(self) -> str:
        stamp = self.stage / "generated" / "ofsc_generated" / "_build.py"
        return stamp.read_text().split('BUILD_DATE = "')[1].split('"')[0]


def _build(root: Path, *options: str) -> Built:
    # Stage as `make build` does: in build/ of a checkout whose .gitignore leaves out generated/.
    checkout = root / "checkout"
    (checkout / ".git").mkdir(parents=True)
    (checkout / ".gitignore").write_text((ROOT / ".gitignore").read_text())
    dist, stage = checkout / "dist", checkout / "build"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["build", *options, "--dist", str(dist), "--stage", str(stage)]) == 0
    output = printed.getvalue()
    version = output.split("built ofsc ")[1].split()[0]
    spec_version = output.split("OFS REST spec ")[1].split()[0]
    spec = Path(options[-1]) if options[0] == "--spec" else fetch(pinned(spec_version))
    return Built(spec, version, dist, stage / f"ofsc-{spec_version}", output)


@pytest.fixture(scope="module")
def pinned_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp("pinned"), "--version", "2025.12.23")


@pytest.fixture(scope="module")
def next_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("next")
    doc: dict[str, Any] = json.loads(fetch(pinned()).read_bytes())
    doc["info"]["version"] = NEXT_VERSION
    for name in ("activity", "getActivitySchema"):  # one class, Activity, defined twice
        doc["definitions"][name]["properties"]["carbonFootprint"] = {"type": "number"}
    spec = root / "next.swagger.json"
    spec.write_text(json.dumps(doc))
    return _build(root, "--spec", str(spec))


@pytest.mark.slow
def test_build_reports_what_it_built(pinned_build: Built) -> None:
    sha = sha256_of(pinned_build.spec)
    assert pinned_build.output.splitlines() == [
        f"built ofsc {pinned_build.version} from OFS REST spec 2025.12.23 (sha256 {sha}) "
        f"on {pinned_build.build_date}, staged in {pinned_build.stage}",
        f"  {pinned_build.sdist}",
        f"  {pinned_build.wheel}",
    ]


@pytest.mark.slow
def test_each_spec_gets_its_own_ordered_version(pinned_build: Built, next_build: Built) -> None:
    assert pinned_build.version.split(".")[3] == "20251223"
    assert next_build.version.split(".")[3] == "20260210"
    assert Version(next_build.version) > Version(pinned_build.version)


@pytest.mark.slow
def test_the_wheel_holds_generate_output_and_the_stamp(pinned_build: Built, tmp_path: Path) -> None:
    first = generate(pinned_build.spec, tmp_path / "generated")
    again = generate(pinned_build.spec, tmp_path / "generated")
    assert first.changed == first.files and again.changed == 0  # generate: same spec, same bytes
    package = tmp_path / "generated" / "ofsc_generated"
    generated = {
        f"ofsc_generated/{p.relative_to(package)}": p.read_bytes() for p in package.rglob("*") if p.is_file()
    }
    with zipfile.ZipFile(pinned_build.wheel) as wheel:
        shipped = {name: wheel.read(name) for name in wheel.namelist() if name.startswith("ofsc_generated/")}
        top_level = {name.split("/")[0] for name in wheel.namelist()}
    stamp = shipped.pop("ofsc_generated/_build.py")
    assert shipped == generated
    assert f'BUILD_DATE = "{pinned_build.build_date}"'.encode() in stamp
    assert top_level == {"ofsc", "ofsc_generated", f"ofsc-{pinned_build.version}.dist-info"}


@pytest.mark.slow
def test_the_sdist_builds_the_same_wheel_as_the_staged_sources(pinned_build: Built, tmp_path: Path) -> None:
    with tarfile.open(pinned_build.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert "generated/ofsc_generated/_build.py" in names and "pyproject.toml" in names
    assert not any(name.startswith(("codegen/", "specs/", "templates/")) for name in names)
    # `python -m build` made the wheel from the unpacked sdist; make one straight from the stage.
    epoch = int(dt.datetime.fromisoformat(pinned_build.build_date).timestamp())
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(pinned_build.stage),
        ],
        env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)},
        capture_output=True,
        check=True,
    )
    assert _contents(tmp_path / pinned_build.wheel.name) == _contents(pinned_build.wheel)


def _contents(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# ---- installing ----------------------------------------------------------------------

# Run in the fresh virtualenv, isolated (-I) and outside the repository.
_USE_THE_INSTALLED_SDK = """
import importlib.metadata as md, importlib.util, json
import httpx, ofsc, ofsc_generated
from ofsc import OFSC

answer = httpx.Response(200, json={"activityId": 7, "status": "started"})
client = OFSC(instance="acme", client_id="cid", client_secret="secret",
              transport=httpx.MockTransport(lambda request: answer))
activity = client.core.get_activity(activity_id=7)
print(json.dumps({
    "spec_info": ofsc.spec_info(),
    "versions": [ofsc.__version__, md.version("ofsc")],
    "summary": md.metadata("ofsc")["Summary"],
    "imported_from": [ofsc.__file__, ofsc_generated.__file__],
    "unavailable": [name for name in ("jinja2", "codegen") if importlib.util.find_spec(name) is None],
    "activity": [activity.activity_id, activity.status],
}))
"""


def _runtime_dependencies(target: Path) -> Path:
    """Links to the installed distributions ofsc needs at run time (not its extras)."""
    target.mkdir()
    needed: dict[str, metadata.Distribution] = {}
    pending = list(metadata.requires("ofsc") or [])
    while pending:
        requirement = Requirement(pending.pop())
        name = canonicalize_name(requirement.name)
        if name in needed or (requirement.marker and not requirement.marker.evaluate({"extra": ""})):
            continue
        needed[name] = metadata.distribution(name)
        pending.extend(needed[name].requires or [])
    for dist in needed.values():
        for top in {file.parts[0] for file in dist.files or []} - {"..", "__pycache__"}:
            link = target / top
            if not link.exists():
                link.symlink_to(Path(str(dist.locate_file(top))))
    return target


@pytest.mark.slow
@pytest.mark.parametrize(
    ("which", "spec_version"), [("pinned_build", "2025.12.23"), ("next_build", NEXT_VERSION)]
)
def test_the_wheel_installs_alone_and_says_which_spec_it_was_built_from(
    which: str, spec_version: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    built: Built = request.getfixturevalue(which)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = ["install", "--quiet", "--no-deps", "--no-index", str(built.wheel)]
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), *install], check=True, capture_output=True
    )
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(purelib) / "ofsc-runtime-deps.pth").write_text(f"{_runtime_dependencies(tmp_path / 'deps')}\n")

    result = subprocess.run(
        [python, "-I", "-c", _USE_THE_INSTALLED_SDK],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    spec = load_spec(built.spec)
    assert facts["spec_info"] == {
        "version": spec_version,
        "sha256": spec.sha256,
        "title": "REST API for Oracle Fusion Field Service Cloud Service",
        "build_date": built.build_date,
    }
    assert facts["versions"] == [built.version, built.version]
    assert f"built from OFS REST spec {spec.version}, sha256 {spec.sha256}" in facts["summary"]
    assert all(path.startswith(purelib) for path in facts["imported_from"])
    assert facts["unavailable"] == ["jinja2", "codegen"]
    assert facts["activity"] == [7, "started"]
