"""The project's Python (machinery, snippets, tests) passes ruff."""

import subprocess
import sys

from tests.conftest import ROOT


def test_ruff_check_passes():
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-4000:]
