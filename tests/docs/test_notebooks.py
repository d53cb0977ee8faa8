"""The example notebooks run top to bottom against the mock OFS, in a kernel that is this
test run's Python, and are kept in the repository without outputs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

from .conftest import EXAMPLES, UserEnvironment

NOTEBOOKS = sorted((EXAMPLES / "notebooks").glob("*.ipynb"))
KERNEL_NAME = "ofsc-docs-test"
CELL_TIMEOUT = 120  # seconds


def kernel_for_this_python(jupyter_dir: Path) -> None:
    """A kernel spec that starts this interpreter (never whatever "python3" a machine has)."""
    spec_dir = jupyter_dir / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "ofsc tests",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec))


def test_there_are_notebooks() -> None:
    assert {nb.name for nb in NOTEBOOKS} >= {"getting_started.ipynb", "day_analysis.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_notebook_runs_against_the_mock(
    path: Path, user_env: UserEnvironment, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = user_env.mock.store
    for n in range(40):  # a day of a few activity types and statuses
        store.add("activities", {"resourceId": "routing_bucket", "date": "2025-06-02", "duration": 30 + n % 5 * 15,
                                 "activityType": ("install", "repair", "upgrade", "survey")[n % 7 % 4],
                                 "status": ("completed", "pending", "started", "cancelled")[n % 9 % 4]})  # fmt: skip
    store.generate("activityTypes", 4)
    store.generate("users", 5)
    store.generate("workZones", 3)
    kernel_for_this_python(tmp_path / "jupyter")
    # The kernel inherits this process's environment: make it the user's.
    for name in [n for n in user_env.env if n.startswith("OFSC_")] + ["XDG_CONFIG_HOME"]:
        monkeypatch.setenv(name, user_env.env[name])
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(new_code_cell("import sys; print(sys.executable)"))

    NotebookClient(
        notebook,
        kernel_name=KERNEL_NAME,
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(user_env.cwd)}},
    ).execute()

    assert notebook.cells[-1].outputs[0]["text"].strip() == sys.executable
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o["output_type"] == "error"]
    if path.stem == "day_analysis":
        assert any("image/png" in o.get("data", {}) for o in outputs), "the plot is not shown inline"
        assert (user_env.cwd / "activities_by_status.png").stat().st_size > 0
        assert any("40 activities on 2025-06-02" in o.get("text", "") for o in outputs)
