"""The other packages measured beside ours, each in a virtualenv of its own under ``build/``.

Neither ``ofsc`` 2.x (it is also called ``ofsc``) nor openapi-python-client is installed
into the project's environment: each gets a virtualenv, created on first use from the
package index and reused after that, and is driven in a subprocess.
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
V2_REQUIREMENT = "ofsc==2.18.1"
OPENAPI_CLIENT_REQUIREMENT = "openapi-python-client==0.29.1"


def virtualenv(path: Path, requirements: Sequence[str]) -> Path:
    """The ``bin`` directory of a virtualenv at ``path`` holding ``requirements``; created
    (from the package index) unless a previous run left it with the same requirements."""
    bindir = path / "bin"
    marker = path / ".bench-requirements"
    wanted = "\n".join(requirements)
    if marker.exists() and marker.read_text(encoding="utf-8") == wanted and (bindir / "python").exists():
        return bindir
    print(f"creating {path.relative_to(ROOT)} ({', '.join(requirements)})", flush=True)
    pip_install = [str(bindir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    for command in ([sys.executable, "-m", "venv", "--clear", str(path)], [*pip_install, *requirements]):
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
        """Drive the real ``ofsc`` 2.x, installed in ``build/bench-v2-venv``."""
        return cls(virtualenv(BUILD / "bench-v2-venv", [V2_REQUIREMENT]) / "python")

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
        seconds: float = self.ask("get_activity", base_url=base_url, calls=calls)["seconds_per_call"]
        return seconds

    def all_users(self, base_url: str, limit: int) -> tuple[float, int]:
        answer = self.ask("all_users", base_url=base_url, limit=limit)
        return answer["seconds"], answer["items"]

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=10)
        self._cwd.cleanup()


def openapi_python_client() -> Path:
    """The ``bin`` directory of a virtualenv holding openapi-python-client (and its ruff)."""
    return virtualenv(BUILD / "bench-openapi-client-venv", [OPENAPI_CLIENT_REQUIREMENT])


def tool_env(bindir: Path) -> dict[str, str]:
    """The environment to run a virtualenv's tools in (its ``bin`` first on ``PATH``)."""
    return {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"}
