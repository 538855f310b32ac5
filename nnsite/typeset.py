"""Formulas typeset when the site is built, so that no math script runs in the browser.

pymdownx.arithmatex (generic mode) leaves each formula as TeX in
``<span class="arithmatex">\\(...\\)</span>`` or ``<div class="arithmatex">\\[...\\]</div>``.
:func:`typeset_page` hands every formula of a page to MathJax 3 running in Node
(``nnsite/mathjax-render.js``, one process for the whole build), puts MathJax's
CommonHTML (with hidden MathML for screen readers) in place of the TeX, and returns the
page's MathJax style sheet, which the hook puts in the page's ``<head>``. The fonts are
the site's own copy of MathJax's woff files. A TeX error stops the build, naming the
page's source file and line.
"""

from __future__ import annotations

import atexit
import html
import importlib.util
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

FORMULA_RE = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
RENDERER = Path(__file__).with_name("mathjax-render.js")


class MathError(Exception):
    """A formula MathJax cannot typeset, or no way to run MathJax."""


def mathjax_package() -> Path:
    """MathJax 3 as the django-static-mathjax package installs it (mathjax-full 3.2.2)."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise MathError("MathJax is not installed: run 'make build' to set up .venv")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax"


def font_files() -> list[Path]:
    """The CommonHTML fonts (woff) the pages' style sheets point at."""
    fonts = mathjax_package() / "es5" / "output" / "chtml" / "fonts" / "woff-v2"
    return sorted(fonts.glob("*.woff"))


@dataclass
class Formula:
    tex: str
    display: bool
    source: str  # as written in the page's HTML, for error messages


def _formula(tag: str, body: str) -> Formula:
    tex = html.unescape(body).strip()
    for left, right, display in (("\\(", "\\)", False), ("\\[", "\\]", True)):
        if tex.startswith(left) and tex.endswith(right):
            return Formula(tex[2:-2].strip(), display, tex)
    return Formula(tex, tag == "div", tex)  # \begin{...}...\end{...} blocks


class Renderer:
    """One Node process running mathjax-render.js, fed a page at a time."""

    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None:
            raise MathError(
                "Node.js is needed to typeset the formulas when the site is built: "
                "install it (Debian: apt install nodejs)"
            )
        self.process = subprocess.Popen(
            [node, str(RENDERER), str(mathjax_package())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def render(self, formulas: list[Formula], font_url: str) -> dict:
        request = {
            "fontURL": font_url,
            "formulas": [{"tex": f.tex, "display": f.display} for f in formulas],
        }
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise MathError(f"MathJax (Node) stopped: exit code {self.process.poll()}")
        return json.loads(answer)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=10)


_renderer: Renderer | None = None


def _shared() -> Renderer:
    global _renderer
    if _renderer is None or _renderer.process.poll() is not None:
        _renderer = Renderer()
        atexit.register(_renderer.close)
    return _renderer


def _line_of(source_file: Path | None, formula: Formula) -> int | None:
    """The line of the page's source where the formula (its first line) is written."""
    if source_file is None or not source_file.is_file():
        return None
    first = formula.tex.splitlines()[0].strip() if formula.tex else ""
    for number, line in enumerate(source_file.read_text(encoding="utf-8").splitlines(), 1):
        if first and first in line:
            return number
    return None


def typeset_page(
    content: str, font_url: str, source_file: Path | None, label: str
) -> tuple[str, str]:
    """(the page's HTML with its formulas typeset, the <style> element they need), or
    (the HTML unchanged, "") if it has no formula. ``label`` names the page's source in
    error messages."""
    matches = list(FORMULA_RE.finditer(content))
    if not matches:
        return content, ""
    formulas = [_formula(m[1], m[2]) for m in matches]
    answer = _shared().render(formulas, font_url)
    if "error" in answer:
        index = answer["index"]
        if index < 0:
            raise MathError(f"{label}: MathJax failed: {answer['error']}")
        bad = formulas[index]
        line = _line_of(source_file, bad)
        where = f"{label}:{line}" if line else label
        raise MathError(f"{where}: TeX error in formula {bad.source!r}: {answer['error']}")
    parts, last = [], 0
    for match, rendered in zip(matches, answer["html"], strict=True):
        tag = match[1]
        # Display formulas can be wider than a phone: they scroll, so they take focus.
        focus = ' tabindex="0"' if tag == "div" else ""
        parts += [content[last : match.start()], f'<{tag} class="arithmatex"{focus}>']
        parts += [rendered, f"</{tag}>"]
        last = match.end()
    parts.append(content[last:])
    css = re.sub(r" ?([{};,]) ?", r"\1", re.sub(r"\s+", " ", answer["css"])).strip()
    return "".join(parts), f'<style id="mathjax-styles">{css}</style>'
