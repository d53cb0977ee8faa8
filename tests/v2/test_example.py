"""``examples/v2_script.py``, a 2.x script: migrated with ``python -m ofsc.migrate --apply``,
it runs unchanged against the local mock OFS over loopback HTTP."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ofsc.migrate.__main__ import main as migrate
from ofsc.testing import MockOFS

EXAMPLE = Path(__file__).parents[2] / "examples" / "v2_script.py"


def test_the_2x_example_runs_after_migration(tmp_path: Path) -> None:
    script = tmp_path / "report.py"
    shutil.copy(EXAMPLE, script)
    assert migrate(["--apply", str(script)]) == 0
    assert "from ofsc.v2 import FULL_RESPONSE, OFSC" in script.read_text()

    with MockOFS(seed=7).serve(port=0) as base_url:
        environment = {
            **{k: v for k, v in os.environ.items() if not k.startswith("OFSC_")},
            "OFSC_CLIENT_ID": "cid", "OFSC_COMPANY": "acme", "OFSC_CLIENT_SECRET": "s3cr3t",
            "OFSC_BASE_URL": base_url, "OFSC_PLUGINS": "0",
        }  # fmt: skip
        run = subprocess.run(
            [sys.executable, str(script)],
            env=environment, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "work zones: ALTAMONTE",
        "user: Jane Doe",
        "status: 200 Altamonte Springs",
        "error: 404 Not Found",
    ]
    # shown, since it points at the script itself: the way to v3
    assert f"{script}:24: DeprecationWarning: ofsc.v2.OFSC keeps 2.x scripts running" in run.stderr
