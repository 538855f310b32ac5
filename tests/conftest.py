"""Shared fixtures: the snippets' outputs and one strict build of the whole site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nnsite import runner

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MKDOCS = [sys.executable, "-m", "mkdocs"]


def build_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def snippets() -> dict[str, runner.Snippet]:
    """Every snippet the pages use, run if stale (the build would do the same)."""
    found = runner.collect(runner.scan_pages(DOCS))
    runner.run_stale(found)
    return found


@pytest.fixture(scope="session")
def outputs(snippets):
    """outputs("snippets/ch10/activations.py") -> its output folder, after it ran."""

    def folder(path: str) -> Path:
        assert path in snippets, f"{path} is not used by any page"
        return ROOT / snippets[path].out_dir

    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, snippets) -> Path:
    """One `mkdocs build --strict` of the real project into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=build_env(),
        capture_output=True,
        text=True,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{log[-5000:]}"
    (site / ".build.log").write_text(log)
    return site


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the project (figures cache included) to break on purpose."""
    return runner.copy_project(dest)
