"""Reproducible builds: two cold builds, each from a clean copy of the project (no
figures cache, no site, no notebooks), give byte-identical figures and notebooks."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import MKDOCS, ROOT, build_env

# Left out of the copies: at the top, the environment, caches and outputs; anywhere, bytecode.
TOP_LEFT_OUT = {".venv", ".git", ".cache", "site", "figures", ".pytest_cache", ".ruff_cache"}
ANYWHERE_LEFT_OUT = shutil.ignore_patterns("__pycache__", "*.egg-info", "cuaderno*.ipynb")


def cold_build(dest: Path) -> float:
    """Copy the project without its caches into dest, build it there; seconds taken."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = TOP_LEFT_OUT & set(names) if Path(folder) == ROOT else set()
        return top | ANYWHERE_LEFT_OUT(folder, names)

    shutil.copytree(ROOT, dest, ignore=ignore)
    (dest / "figures").mkdir()
    start = time.perf_counter()
    proc = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(dest / "site")],
        cwd=dest,
        env=build_env(NNSITE_EXECUTE="1"),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, f"cold build failed:\n{proc.stderr[-4000:]}"
    return time.perf_counter() - start


def files(root: Path, pattern: str) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.glob(pattern) if p.is_file()}


def differing(a: Path, b: Path, names: set[str]) -> list[str]:
    return sorted(n for n in names if not filecmp.cmp(a / n, b / n, shallow=False))


@pytest.mark.slow
def test_two_cold_builds_are_identical(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    seconds = [cold_build(first), cold_build(second)]
    print(f"cold builds: {seconds[0]:.0f} s and {seconds[1]:.0f} s")

    # Figures and notebooks (which embed every snippet's printed output) must match byte
    # for byte. Run times (.meta.json, the pages' "ran in" lines) and saved model archives
    # (zip entries stamped with the time of saving) differ by nature and are not compared.
    figures = [
        {n for n in files(p / "figures", "**/*") if Path(n).suffix in {".svg", ".png"}}
        for p in (first, second)
    ]
    assert figures[0] == figures[1], f"different figure files: {figures[0] ^ figures[1]}"
    assert len(figures[0]) > 20, "the builds wrote too few figures"
    changed = differing(first / "figures", second / "figures", figures[0])
    assert not changed, "figures that differ between two cold builds:\n" + "\n".join(changed)

    books = [files(p / "docs", "*/cuaderno*.ipynb") for p in (first, second)]
    assert books[0] == books[1] and len(books[0]) == 4
    changed = differing(first / "docs", second / "docs", books[0])
    assert not changed, "notebooks that differ between two cold builds:\n" + "\n".join(changed)
