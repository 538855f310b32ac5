"""Assemble one Jupyter notebook per chapter and language from the snippets its pages show.

Cells follow the pages in navigation order: the page title and the heading above
each snippet as Markdown, then the snippet's code with the output and figures it
produced at build time. Data-set loaders (snippets/chNN/datasets/) would download
when run, so their cells carry the tag ``downloads-data``.
"""

from __future__ import annotations

import base64
import json
import re
from html import escape as html_escape
from pathlib import Path

from nnsite import runner

NOTEBOOK_STEM = "cuaderno"
DOWNLOAD_TAG = "downloads-data"
# A Markdown heading, without the attribute list ({#id}, {: .class}) Jupyter would print.
HEADING_RE = re.compile(r"^(#{1,3})\s+(.+?)(?:\s*\{[:#.][^}]*\})?\s*$")
MARKER_RE = re.compile(r"^\s*#\s*-{2,}8<-{2,}\s*\[(start|end):[\w-]+\]\s*$")
INTRO = {
    "es": (
        "Cuaderno del capítulo generado a partir de los fragmentos del sitio, en el orden "
        "de sus páginas. Las salidas y figuras son las de la construcción del sitio; "
        "ejecuta las celdas de arriba abajo para reproducirlas."
    ),
    "en": (
        "Chapter notebook assembled from the site's snippets, in the order of its pages. "
        "Outputs and figures are those of the site's build; run the cells top to bottom "
        "to reproduce them."
    ),
}
LOADER_NOTE = {
    "es": "Esta celda descarga el conjunto de datos: necesita conexión a internet.",
    "en": "This cell downloads the data set: it needs an internet connection.",
}


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines:
        lines[-1] = lines[-1].rstrip("\n")
    return lines


def _markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": _lines(text)}


# A figure in a page's Markdown: ![description](../figures/chNN/snippet/name.svg)
FIGURE_ALT_RE = re.compile(r"!\[([^\]]+)\]\((?:\.\./)*(figures/[^)\s]+)\)")


def figure_alts(pages: list[str], docs_dir: Path) -> dict[str, str]:
    """Each figure's description as the given pages write it, by its path from the project
    root (``figures/ch11/dropout/dropout_curves.svg``)."""
    alts: dict[str, str] = {}
    for page in pages:
        for match in FIGURE_ALT_RE.finditer((docs_dir / page).read_text(encoding="utf-8")):
            alts.setdefault(match[2], match[1])
    return alts


def _outputs(out_dir: Path, root: Path, alts: dict[str, str]) -> list[dict]:
    outputs: list[dict] = []
    stdout = out_dir / runner.OUTPUT_NAME
    if stdout.is_file() and stdout.read_text().strip():
        outputs.append(
            {
                "output_type": "stream",
                "name": "stdout",
                "text": stdout.read_text().splitlines(keepends=True),
            }
        )
    for figure in sorted(out_dir.glob("*.svg")) + sorted(out_dir.glob("*.png")):
        if figure.suffix == ".svg":
            data = {"image/svg+xml": _lines(figure.read_text(encoding="utf-8"))}
        else:
            data = {"image/png": base64.b64encode(figure.read_bytes()).decode("ascii")}
        alt = alts.get(figure.relative_to(root).as_posix())
        if alt is None:
            raise ValueError(
                f"{figure.relative_to(root)}: this figure goes into the notebook but no page "
                "shows it, so it has no description: show it on a page with ![description](...)"
            )
        # The page's description: the notebook page's alt text, and what a Jupyter front
        # end that cannot show the image prints instead.
        data["text/plain"] = [alt]
        mime = next(iter(data))
        outputs.append(
            {"output_type": "display_data", "data": data, "metadata": {mime: {"alt": alt}}}
        )
    return outputs


def _code(snippet: runner.Snippet, root: Path, language: str, alts: dict[str, str]) -> list[dict]:
    source = (root / snippet.path).read_text(encoding="utf-8")
    code = "".join(ln for ln in source.splitlines(keepends=True) if not MARKER_RE.match(ln))
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": _lines(code.rstrip("\n")),
    }
    if not snippet.runs_at_build:
        cell["metadata"]["tags"] = [DOWNLOAD_TAG]
        return [_markdown(f"*{LOADER_NOTE[language]}*"), cell]
    cell["outputs"] = _outputs(root / snippet.out_dir, root, alts)
    return [cell]


def assemble(pages: list[str], docs_dir: Path, root: Path, language: str) -> dict:
    """A notebook (as a dict) from the given docs-relative pages, in order."""
    snippets = runner.collect(runner.scan_pages(docs_dir, root), root)
    alts = figure_alts(pages, docs_dir)
    cells: list[dict] = []
    seen: set[str] = set()
    page_open = None
    for page in pages:
        text = (docs_dir / page).read_text(encoding="utf-8").splitlines()
        refs = sorted(
            (
                r
                for s in snippets.values()
                for r in s.references
                if r.page == page and r.kind == "code"
            ),
            key=lambda r: r.line,
        )
        emitted_heading = None
        for ref in refs:
            if ref.target in seen:
                continue
            seen.add(ref.target)
            headings = [
                (i, m) for i, ln in enumerate(text[: ref.line]) if (m := HEADING_RE.match(ln))
            ]
            title = next((m for _, m in headings if len(m[1]) == 1), None)
            if page_open != page:  # the page title, once, above its first cell
                heading = title[2] if title else page
                cells.append(_markdown(f"## {heading}"))
                page_open = page
            last = headings[-1] if headings else None
            if last and len(last[1][1]) > 1 and last[0] != emitted_heading:
                cells.append(_markdown(f"### {last[1][2]}"))
                emitted_heading = last[0]
            cells.extend(_code(snippets[ref.target], root, language, alts))
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def flatten(nav: list):
    """Every page path in a MkDocs nav, in order."""
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from flatten(value)
        elif isinstance(value, str):
            yield value


def nav_pages(nav: list, chapter: str) -> list[str]:
    """Spanish Markdown pages of a chapter, in navigation order (docs-relative)."""
    return [p for p in flatten(nav) if p.startswith(f"{chapter}/") and p.endswith(".md")]


def write_all(
    nav: list, docs_dir: Path, root: Path, languages: list[str], default: str
) -> list[Path]:
    """Write docs/chNN/cuaderno[.en].ipynb for every chapter folder in the nav."""
    written = []
    chapters = sorted({p.split("/")[0] for p in flatten(nav) if "/" in p})
    for chapter in chapters:
        pages_es = nav_pages(nav, chapter)
        for language in languages:
            pages = [
                p if language == default else p[: -len(".md")] + f".{language}.md" for p in pages_es
            ]
            notebook = assemble(pages, docs_dir, root, language)
            notebook["cells"].insert(0, _markdown(INTRO[language]))
            for number, cell in enumerate(notebook["cells"]):
                cell["id"] = f"{chapter}-{number:03d}"  # stable ids: same source, same bytes
            suffix = "" if language == default else f".{language}"
            target = docs_dir / chapter / f"{NOTEBOOK_STEM}{suffix}.ipynb"
            text = json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")  # unchanged files stay untouched
            written.append(target)
    return written


# A heading as nbconvert renders a notebook's Markdown cell: its id, its text, a ¶ link.
RENDERED_HEADING_RE = re.compile(
    r'<h([2-6]) id="([^"]+)">(.*?)<a class="anchor-link" href="#\2">¶</a></h\1>', re.S
)


def page_headings(html: str) -> tuple[str, list[dict]]:
    """Unique heading ids on a rendered notebook page, and its table of contents.

    mkdocs-jupyter builds a notebook page's table of contents from the Markdown source,
    while nbconvert gives the headings their ids: the two disagree for a heading with
    inline code (``#el-sustituto`` vs ``el-sustituto-load_digits``), and nbconvert
    repeats an id for repeated titles (three ``en-keras``). Here repeated ids get
    ``_1``, ``_2`` (as Python-Markdown does on the other pages), their ¶ links follow,
    and the table of contents is made from the headings themselves: a list of
    MkDocs toc tokens (level, id, name, children)."""
    used: set[str] = set()
    tokens: list[dict] = []
    stack: list[dict] = []

    def heading(match: re.Match) -> str:
        level, hid, inner = int(match[1]), match[2], match[3]
        unique, n = hid, 0
        while unique in used:
            n += 1
            unique = f"{hid}_{n}"
        used.add(unique)
        token = {
            "level": level,
            "id": unique,
            "name": re.sub(r"<[^>]+>", "", inner).strip(),
            "children": [],
        }
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
        return (
            f'<h{level} id="{unique}">{inner}'
            f'<a class="anchor-link" href="#{unique}">¶</a></h{level}>'
        )

    return RENDERED_HEADING_RE.sub(heading, html), tokens


# nbconvert's alt text for an image output that has none (it reads no alt from the notebook).
NO_ALT = 'alt="No description has been provided for this image"'
IMAGE_MIMES = ("image/svg+xml", "image/png")


def describe_figures(html: str, notebook: Path) -> str:
    """A rendered notebook page's figures get the descriptions the notebook's outputs carry
    (the pages' alt texts, see :func:`_outputs`), in output order, in place of nbconvert's
    "No description has been provided for this image"."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    alts = [
        next(output["metadata"][m]["alt"] for m in IMAGE_MIMES if m in output["data"])
        for cell in cells
        for output in cell.get("outputs", [])
        if any(m in output.get("data", {}) for m in IMAGE_MIMES)
    ]
    if html.count(NO_ALT) != len(alts):
        raise ValueError(
            f"{notebook}: {len(alts)} figures in the notebook, "
            f"{html.count(NO_ALT)} undescribed images on its page"
        )
    descriptions = iter(alts)
    return re.sub(re.escape(NO_ALT), lambda _: f'alt="{html_escape(next(descriptions))}"', html)
