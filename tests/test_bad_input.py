"""Bad input fails the build loudly, naming the file and line, and leaves nothing stale.

Each test breaks a throw-away copy of the project (with the warm figures cache)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from nnsite import runner
from tests.conftest import MKDOCS, ROOT, build_env, copy_project

BROKEN = '''"""Un fragmento que falla a propósito."""
x = 1
y = x / 0
'''
GOOD = '''"""Un fragmento que funciona."""
import matplotlib.pyplot as plt

print("hola")
plt.plot([0, 1], [0, 1])
plt.savefig("line.svg")
'''


@pytest.fixture
def project(tmp_path, snippets) -> Path:
    return copy_project(tmp_path / "project")


def add_page(project: Path, body: str) -> str:
    page = project / "docs" / "ch10" / "broken.md"
    page.write_text("# Página rota\n\n" + body)
    (project / "docs" / "ch10" / "broken.en.md").write_text("# Broken page\n")
    return "docs/ch10/broken.md"


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )


def assert_fails(proc: subprocess.CompletedProcess, *needles: str) -> None:
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0, log[-3000:]
    for needle in needles:
        assert needle in log, f"{needle!r} not in build log:\n{log[-3000:]}"


def test_a_snippet_that_raises_fails_the_build_with_its_traceback(project):
    (project / "snippets" / "ch10" / "broken.py").write_text(BROKEN)
    page = add_page(project, '```python\n--8<-- "snippets/ch10/broken.py"\n```\n')
    proc = build(project)
    assert_fails(proc, "snippets/ch10/broken.py:3", "ZeroDivisionError", f"{page}:4", "y = x / 0")
    assert not (project / "site" / "index.html").exists()


def test_a_snippet_that_starts_failing_loses_its_old_output(project):
    snippet = project / "snippets" / "ch10" / "broken.py"
    snippet.write_text(GOOD)
    add_page(
        project,
        '```python\n--8<-- "snippets/ch10/broken.py"\n```\n\n'
        "![una recta](../figures/ch10/broken/line.svg)\n",
    )
    runner.prepare(project / "docs", project, log=lambda _: None)
    out = project / "figures" / "ch10" / "broken"
    assert (out / "line.svg").is_file() and (out / "output.txt").read_text() == "hola\n"
    snippet.write_text(GOOD + "raise RuntimeError('roto')\n")
    assert_fails(build(project), "snippets/ch10/broken.py:7", "RuntimeError: roto")
    assert not out.exists(), "the failing snippet's old figure is still there"


def test_a_page_naming_a_missing_snippet_fails(project):
    page = add_page(project, 'Texto.\n\n```python\n--8<-- "snippets/ch10/nope.py"\n```\n')
    assert_fails(build(project), f"{page}:6", "snippet 'snippets/ch10/nope.py' does not exist")


def test_a_page_naming_a_missing_section_fails(project):
    page = add_page(project, '```python\n--8<-- "snippets/ch10/activations.py:nope"\n```\n')
    assert_fails(build(project), f"{page}:4", "section 'nope' does not exist")


def test_a_page_naming_a_figure_its_snippet_did_not_write_fails(project):
    page = add_page(project, "![nada](../figures/ch10/activations/nope.svg)\n")
    assert_fails(
        build(project),
        f"{page}:3",
        "'figures/ch10/activations/nope.svg' was not written by 'snippets/ch10/activations.py'",
    )


def test_a_page_naming_a_figure_of_no_snippet_fails(project):
    page = add_page(project, "![nada](../figures/ch10/ghost/a.svg)\n")
    assert_fails(build(project), f"{page}:3", "snippet that writes 'figures/ch10/ghost/a.svg'")


def test_a_formula_with_a_tex_error_fails_the_build(project):
    page = add_page(project, "Bien: $a < b$.\n\nMal:\n\n$$\n\\sigmaa(z)\n$$\n")
    assert_fails(build(project), f"{page}:8", "TeX error", "Undefined control sequence \\sigmaa")
    assert not (project / "site" / "index.html").exists()


def test_raw_html_of_a_pruned_feature_fails_the_build(project):
    # Content tabs are not configured, so their styles are dropped (nnsite/themecss.py);
    # a tab set written by hand would show unstyled.
    page = add_page(project, 'Texto.\n\n<div class="tabbed-set">x</div>\n')
    assert_fails(build(project), f"{page}:5", "tabbed-", "enable that extension")
    assert not (project / "site" / "index.html").exists()


def test_every_snippet_is_used_by_some_page(snippets):
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "snippets").rglob("*.py")}
    unused = sorted(files - set(snippets))
    assert not unused, "snippets that no page uses:\n" + "\n".join(unused)


def test_the_cache_reruns_only_what_changed(project):
    """Warm: nothing runs. Editing one snippet reruns that one only."""
    (project / "snippets" / "ch10" / "broken.py").write_text(GOOD)
    add_page(project, '```python\n--8<-- "snippets/ch10/broken.py"\n```\n')
    refs = [r for r in runner.scan_pages(project / "docs", project) if r.page == "ch10/broken.md"]
    found = runner.collect(refs, project)
    assert runner.run_stale(found, project, log=lambda _: None) == ["snippets/ch10/broken.py"]
    assert runner.run_stale(found, project, log=lambda _: None) == []
    (project / "snippets" / "ch10" / "broken.py").write_text(GOOD.replace("hola", "adiós"))
    assert runner.run_stale(found, project, log=lambda _: None) == ["snippets/ch10/broken.py"]
    assert (project / "figures/ch10/broken/output.txt").read_text() == "adiós\n"


def test_a_warm_build_never_imports_tensorflow(project):
    """With every snippet fresh, the build process itself must not pay for TensorFlow."""
    code = (
        "import sys, runpy; sys.argv = ['mkdocs', 'build', '--site-dir', 'site'];\n"
        "try:\n    runpy.run_module('mkdocs', run_name='__main__')\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules\n"
        "print('NO-TF')"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0 and "NO-TF" in proc.stdout, (proc.stdout + proc.stderr)[-3000:]
    assert "to run on" not in proc.stderr  # nothing was stale


def test_cache_keys_do_not_depend_on_where_the_project_lives(project, snippets):
    for snippet in snippets.values():
        assert runner.cache_key(snippet, project) == runner.cache_key(snippet, ROOT), snippet.path
        if snippet.runs_at_build:
            assert runner.is_fresh(snippet, project), snippet.path
