"""Chapter notebooks: assembled from the snippets in page order, rendered, and runnable."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from mkdocs.config import load_config
from nbclient import NotebookClient

from nnsite import notebooks, runner
from tests.conftest import DOCS, ROOT
from tests.test_site import tags

CHAPTERS = ["ch10", "ch11"]


def load(chapter: str, suffix: str = "") -> dict:
    return json.loads((DOCS / chapter / f"cuaderno{suffix}.ipynb").read_text(encoding="utf-8"))


@pytest.mark.parametrize("chapter", CHAPTERS)
@pytest.mark.parametrize("suffix", ["", ".en"])
def test_notebook_holds_the_chapter_snippets_in_page_order(built_site, snippets, chapter, suffix):
    nb = load(chapter, suffix)
    nbformat.validate(nbformat.from_dict(nb))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    pages = notebooks.nav_pages(load_config(str(ROOT / "mkdocs.yml")).nav, chapter)
    expected: list[str] = []
    for page in pages:
        page = page if not suffix else page.replace(".md", f"{suffix}.md")
        refs = sorted(
            (r for s in snippets.values() for r in s.references if r.page == page),
            key=lambda r: r.line,
        )
        for ref in refs:
            if ref.kind == "code" and ref.target not in expected:
                expected.append(ref.target)
    assert len(code) == len(expected) > 0
    for source, path in zip(code, expected, strict=True):
        lines = (ROOT / path).read_text().splitlines()
        kept = [ln for ln in lines if not notebooks.MARKER_RE.match(ln)]
        assert source == "\n".join(kept).rstrip("\n"), path
    # Outputs are the build's own: the captured stdout of each snippet that ran.
    for cell, path in zip(
        [c for c in nb["cells"] if c["cell_type"] == "code"], expected, strict=True
    ):
        snippet = runner.Snippet(path)
        stdout = ROOT / snippet.out_dir / runner.OUTPUT_NAME
        streams = [o for o in cell["outputs"] if o["output_type"] == "stream"]
        if snippet.runs_at_build and stdout.read_text().strip():
            assert "".join(streams[0]["text"]) == stdout.read_text()
        if not snippet.runs_at_build:
            assert notebooks.DOWNLOAD_TAG in cell["metadata"]["tags"]
    # Headings come without the pages' attribute lists, which Jupyter would print as text.
    headings = [
        "".join(c["source"])
        for c in nb["cells"]
        if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("#")
    ]
    assert headings and not [h for h in headings if re.search(r"\{[:#.]", h)]
    # Each page's title comes once, however many of its snippets follow.
    titles = [h for h in headings if h.startswith("## ")]
    assert len(titles) == len(set(titles)), titles


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_pages_render_with_a_download_and_every_chapter_page_links_them(
    built_site, chapter
):
    for prefix, suffix in [("", ""), ("en/", ".en")]:
        page = (built_site / prefix / chapter / "cuaderno" / "index.html").read_text()
        assert '<div class="jupyter-wrapper">' in page  # rendered by mkdocs-jupyter
        assert f"cuaderno{suffix}.ipynb" in page  # mkdocs-jupyter's download button
        assert not re.search(r'<script[^>]+src="(https?:)?//', page)
        for html in (built_site / prefix / chapter).glob("*/index.html"):
            if html.parent.name != "cuaderno":
                assert 'class="chapter-links"' in html.read_text(), html


@pytest.mark.parametrize("chapter", CHAPTERS)
@pytest.mark.parametrize("prefix, suffix", [("", ""), ("en/", ".en")])
def test_notebook_figures_carry_their_pages_descriptions(built_site, chapter, prefix, suffix):
    """A notebook's figures are described as the chapter's pages describe them: in the
    .ipynb (what a Jupyter front end prints when it cannot show an image) and on the
    notebook's page, in place of nbconvert's "No description has been provided"."""
    folder = built_site / prefix / chapter
    page_alts = {
        attrs["alt"]
        for html in folder.glob("*/index.html")
        if html.parent.name != "cuaderno"
        for tag, attrs in tags(html)
        if tag == "img" and "/figures/" in (attrs.get("src") or "")
    }
    figures = [
        output
        for cell in load(chapter, suffix)["cells"]
        for output in cell.get("outputs", [])
        if {"image/svg+xml", "image/png"} & set(output.get("data", {}))
    ]
    alts = ["".join(output["data"]["text/plain"]) for output in figures]
    assert len(figures) > 3 and set(alts) <= page_alts, set(alts) - page_alts
    for output, alt in zip(figures, alts, strict=True):
        mime = next(m for m in ("image/svg+xml", "image/png") if m in output["data"])
        assert output["metadata"][mime]["alt"] == alt
    shown = [a.get("alt") for t, a in tags(folder / "cuaderno" / "index.html") if t == "img"]
    assert shown == alts


def test_notebook_headings_get_unique_ids_and_a_table_of_contents_made_from_them():
    def h(level, hid, inner):
        return f'<h{level} id="{hid}">{inner}<a class="anchor-link" href="#{hid}">¶</a></h{level}>'

    html = (
        h(2, "keras", "Keras")
        + "<p>x</p>"
        + h(3, "el-sustituto-load_digits", "El sustituto: <code>load_digits</code>")
        + h(3, "en-keras", "En Keras")
        + h(2, "otra", "Otra &amp; más")
        + h(3, "en-keras", "En Keras")
        + h(3, "en-keras", "En Keras")
    )
    fixed, toc = notebooks.page_headings(html)
    ids = re.findall(r'<h[23] id="([^"]+)">', fixed)
    assert ids == [
        "keras",
        "el-sustituto-load_digits",
        "en-keras",
        "otra",
        "en-keras_1",
        "en-keras_2",
    ]
    assert re.findall(r'href="#([^"]+)"', fixed) == ids  # each ¶ link follows its heading
    assert "<p>x</p>" in fixed and "<code>load_digits</code>" in fixed
    assert [(t["id"], t["name"], [c["id"] for c in t["children"]]) for t in toc] == [
        ("keras", "Keras", ["el-sustituto-load_digits", "en-keras"]),
        ("otra", "Otra &amp; más", ["en-keras_1", "en-keras_2"]),
    ]
    assert toc[0]["children"][0]["name"] == "El sustituto: load_digits"


def _cells_to_run(nb):
    nb.cells = [c for c in nb.cells if notebooks.DOWNLOAD_TAG not in c.metadata.get("tags", [])]
    return nb


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(built_site, chapter, tmp_path):
    """Every cell but the data-set downloads runs without error (nbclient, python3 kernel)."""
    nb = _cells_to_run(nbformat.read(DOCS / chapter / "cuaderno.ipynb", as_version=4))
    for cell in nb.cells:
        cell.outputs = [] if cell.cell_type == "code" else None
        if cell.cell_type != "code":
            cell.pop("outputs")
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=600,
        allow_errors=False,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    assert sum(1 for c in nb.cells if c.cell_type == "code" and c.outputs) > 0
