"""The other packages measured beside ours, each in a virtualenv of its own under ``build/``.

Neither ``ofsc`` 2.x (it is also called ``ofsc``) nor openapi-python-client is installed
into the project's environment: each gets a virtualenv, created on first use from the
package index and reused after that, and is driven in a subprocess.

The 2.x compared is the newest, 2.27.2: it requires Python 3.13, so its virtualenv is made
with the Python 3.13 that ``tools/find-python 3.13`` finds (``$PYTHON``, ``python3.13`` on
``PATH``, or pyenv's). 2.18.1, the newest 2.x for Python 3.12, runs the same sync code
(``requests`` without a session) and has no async client, so it is not measured as well.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from collections.abc import Sequence

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
V2_VERSION = "2.27.2"
V2_REQUIREMENT = f"ofsc=={V2_VERSION}"
V2_PYTHON = "3.13"  # what 2.27.2 requires
V2_NAME = f"`ofsc` {V2_VERSION}"  # as the table names it
V2_VENV = BUILD / "bench-v2-venv"
OPENAPI_CLIENT_REQUIREMENT = "openapi-python-client==0.29.1"


def virtualenv(path: Path, requirements: Sequence[str], python: str = sys.executable) -> Path:
    """The ``bin`` directory of a virtualenv at ``path`` made by ``python`` and holding
    ``requirements``; created (from the package index) unless a previous run left it with
    the same Python and requirements."""
    bindir = path / "bin"
    marker = path / ".bench-requirements"
    wanted = "\n".join([f"# {python}", *requirements])
    if marker.exists() and marker.read_text(encoding="utf-8") == wanted and (bindir / "python").exists():
        return bindir
    print(f"creating {path.relative_to(ROOT)} ({', '.join(requirements)})", flush=True)
    pip_install = [str(bindir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    for command in ([python, "-m", "venv", "--clear", str(path)], [*pip_install, *requirements]):
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    marker.write_text(wanted, encoding="utf-8")
    return bindir


class V2Driver:
    """A long-lived ``v2_worker`` process: ``ofsc`` 2.x, timed where it runs."""

    def __init__(self, python: Path | str, path: Path | None = None) -> None:
        command = [str(python), "-I", str(Path(__file__).with_name("v2_worker.py"))]
        if path is not None:
            command += ["--path", str(path)]
        # Run from an empty directory: nothing there can shadow the 2.x package.
        self._cwd = tempfile.TemporaryDirectory(prefix="ofsc-bench-v2-")
        self._process = subprocess.Popen(
            command, cwd=self._cwd.name, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    @classmethod
    def installed(cls) -> Self:
        """Drive the real ``ofsc`` 2.x, installed in ``build/bench-v2-venv`` (Python 3.13)."""
        return cls(virtualenv(V2_VENV, [V2_REQUIREMENT], python_for_v2()) / "python")

    def ask(self, command: str, **arguments: Any) -> dict[str, Any]:
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        stdin.write(json.dumps({"do": command, **arguments}) + "\n")
        stdin.flush()
        line = stdout.readline()
        if not line:
            raise RuntimeError(f"the ofsc 2.x worker exited (status {self._process.wait()})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def versions(self) -> dict[str, str]:
        return self.ask("versions")

    def get_activity(self, base_url: str, calls: int) -> float:
        """Seconds per sync ``core.get_activity`` call, over ``calls`` calls."""
        seconds: float = self.ask("get_activity", base_url=base_url, calls=calls)["seconds_per_call"]
        return seconds

    def async_throughput(self, base_url: str, seconds: float, in_flight: int) -> float:
        """Requests per second of ``AsyncOFSC.core.get_activity`` with ``in_flight`` calls
        running, over about ``seconds``."""
        answer = self.ask("async_throughput", base_url=base_url, seconds=seconds, in_flight=in_flight)
        rate: float = answer["requests_per_second"]
        return rate

    def all_users(self, base_url: str, limit: int, way: str = "sync") -> tuple[float, int]:
        """(seconds, users fetched) for every user, ``limit`` a page, one of the worker's
        ways: ``sync``, ``async-page-by-page`` or ``async-gather``."""
        answer = self.ask("all_users", base_url=base_url, limit=limit, way=way)
        return answer["seconds"], answer["items"]

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=10)
        self._cwd.cleanup()


def python_for_v2() -> str:
    """The Python 3.13 interpreter to build 2.x's virtualenv with (``tools/find-python``)."""
    done = subprocess.run([str(ROOT / "tools" / "find-python"), V2_PYTHON], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(
            f"{V2_REQUIREMENT} needs Python {V2_PYTHON}, and none was found ({done.stderr.strip()}); "
            f"install it, set PYTHON=/path/to/python{V2_PYTHON}, or leave 2.x out with --no-v2"
        )
    return done.stdout.strip()


def openapi_python_client() -> Path:
    """The ``bin`` directory of a virtualenv holding openapi-python-client (and its ruff)."""
    return virtualenv(BUILD / "bench-openapi-client-venv", [OPENAPI_CLIENT_REQUIREMENT])


def tool_env(bindir: Path) -> dict[str, str]:
    """The environment to run a virtualenv's tools in (its ``bin`` first on ``PATH``)."""
    return {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"}
