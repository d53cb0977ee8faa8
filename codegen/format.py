"""Stage 5: make the rendered sources look hand-written (ruff's fixes, then ruff format)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


class FormatError(Exception):
    """ruff failed on generated code: a template emits something that is not valid Python."""


def _ruff() -> list[str]:
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    return [exe] if exe else [sys.executable, "-m", "ruff"]


def format_sources(files: dict[str, str]) -> dict[str, str]:
    """Return ``files`` with every ``.py`` file fixed and formatted under the project's ruff config."""
    with tempfile.TemporaryDirectory(prefix="ofsc-codegen-") as tmp:
        root = Path(tmp)
        py = {name: text for name, text in files.items() if name.endswith(".py")}
        for name, text in py.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        config = ["--config", str(PYPROJECT), "--no-cache", "--quiet"]
        for step in (
            ["check", "--fix-only", "--exit-zero", "--unsafe-fixes", *config, "."],
            ["format", *config, "."],
        ):
            result = subprocess.run([*_ruff(), *step], cwd=root, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise FormatError(f"ruff {step[0]} failed:\n{result.stderr or result.stdout}")
        formatted = dict(files)
        for name in py:
            formatted[name] = (root / name).read_text(encoding="utf-8")
        return formatted
