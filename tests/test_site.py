"""The built site: strict build, links and anchors, alt texts, languages, search, math."""

from __future__ import annotations

import collections
import contextlib
import functools
import html
import http.server
import json
import re
import subprocess
import sys
import threading
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

from nnsite import hooks, themecss
from tests.conftest import DOCS, ROOT

LINKCHECKER_CONFIG = """\
[checking]
threads=4
maxrequestspersecond=200
[filtering]
checkextern=0
# The notebook pages (megabytes of embedded outputs) are left to the browser tests,
# which load every page; parsing them here costs minutes.
ignore=
  /cuaderno/
  \\.ipynb$
[AnchorCheck]
"""


class Tags(HTMLParser):
    """Collects start tags with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(path: Path) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


@contextlib.contextmanager
def serve(directory: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def end_headers(self):
            # Lets linkchecker exceed its default of 10 requests a second to one host.
            self.send_header("LinkChecker", "allow")
            super().end_headers()

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def test_strict_build_has_no_warnings(built_site):
    log = (built_site / ".build.log").read_text()
    assert not re.findall(r"^(WARNING|ERROR)\b.*$", log, re.M)


def test_every_internal_link_and_anchor_resolves(built_site, tmp_path):
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG)
    with serve(built_site) as url:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "linkcheck",
                "-f",
                str(config),
                "--no-status",
                "-o",
                "text",
                url,
                url + "en/",
            ],
            capture_output=True,
            text=True,
        )
    report = proc.stdout + proc.stderr
    # A missing anchor is a warning for linkchecker: both count as failures here.
    assert "0 warnings found. 0 errors found" in report and proc.returncode == 0, report[-6000:]
    checked = int(re.search(r"(\d+) links in \d+ URLs checked", report)[1])
    assert checked > 100, report[-2000:]


def broken_anchors(site: Path) -> list[str]:
    """Links to #fragments that name no id (or name) on their target page. Checked here
    rather than by linkchecker's AnchorCheck, which in two clean-clone CI runs let a
    missing anchor through (its own test below saw 0 warnings), so it cannot be trusted
    alone to fail."""
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = {
                a[k] for _, a in tags(page) for k in ("id", "name") if a.get(k) is not None
            }
        return ids[page]

    problems = []
    for page in html_pages(site):
        for tag, attrs in tags(page):
            href = attrs.get("href") or ""
            if tag != "a" or "#" not in href or re.match(r"^[a-z]+:", href):
                continue
            path, _, fragment = href.partition("#")
            target = _resolve(site, page, path) if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{page.relative_to(site)}: {href}: no such page")
            elif fragment and urllib.parse.unquote(fragment) not in anchors(target):
                problems.append(f"{page.relative_to(site)}: {href}: no such anchor")
    return problems


def test_every_anchor_names_an_element_of_its_page(built_site):
    problems = broken_anchors(built_site)
    assert not problems, "links to missing anchors:\n" + "\n".join(problems[:30])


def test_no_page_gives_two_elements_the_same_id(built_site):
    """An anchor to a repeated id lands on the first one (nbconvert repeated the ids of
    repeated notebook headings; nnsite/notebooks.py numbers them)."""
    repeated = {}
    for page in html_pages(built_site):
        ids = collections.Counter(attrs["id"] for _, attrs in tags(page) if attrs.get("id"))
        twice = sorted(i for i, n in ids.items() if n > 1)
        if twice:
            repeated[str(page.relative_to(built_site))] = twice[:5]
    assert not repeated, repeated


def test_the_anchor_check_catches_a_broken_anchor(tmp_path):
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "index.html").write_text('<h1 id="exists">ok</h1>')
    (tmp_path / "index.html").write_text(
        '<a href="target/#exists">a</a> <a href="target/#missing">b</a> <a href="#top">c</a>'
        '<a href="gone/#x">d</a> <p id="top"></p>'
    )
    assert broken_anchors(tmp_path) == [
        "index.html: target/#missing: no such anchor",
        "index.html: gone/#x: no such page",
    ]


def test_linkchecker_catches_a_broken_link(tmp_path):
    """The link check above is only worth something if it fails on a link to nowhere."""
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "index.html").write_text("<h1>ok</h1>")
    (tmp_path / "index.html").write_text('<a href="target/">a</a> <a href="gone/">b</a>')
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG)
    with serve(tmp_path) as url:
        proc = subprocess.run(
            [sys.executable, "-m", "linkcheck", "-f", str(config), "--no-status", url],
            capture_output=True,
            text=True,
        )
    assert "gone/" in proc.stdout and "1 error found" in proc.stdout, proc.stdout[-3000:]
    assert proc.returncode != 0


def test_every_image_has_alt_text(built_site):
    missing = [
        f"{page.relative_to(built_site)}: {attrs.get('src')}"
        for page in html_pages(built_site)
        for tag, attrs in tags(page)
        if tag == "img" and not (attrs.get("alt") or "").strip()
    ]
    assert not missing, "images without alt text:\n" + "\n".join(missing)


def missing_twins(docs: Path) -> list[str]:
    """Spanish pages without an English twin, and English pages without a Spanish original."""
    problems = []
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(docs).as_posix()
        if page.name.endswith(".en.md"):
            if not page.with_name(page.name[: -len(".en.md")] + ".md").exists():
                problems.append(f"docs/{rel} has no Spanish original")
        elif not page.with_suffix(".en.md").exists():
            problems.append(f"docs/{rel} has no English twin")
    return problems


def test_every_spanish_page_has_its_english_twin():
    problems = missing_twins(DOCS)
    assert not problems, "\n".join(problems)


def test_missing_twins_are_listed(tmp_path):
    (tmp_path / "ch").mkdir()
    for name in ["a.md", "a.en.md", "ch/b.md", "ch/c.en.md"]:
        (tmp_path / name).write_text("# x\n")
    assert missing_twins(tmp_path) == [
        "docs/ch/b.md has no English twin",
        "docs/ch/c.en.md has no Spanish original",
    ]


def _switch_links(page: Path) -> dict[str, str]:
    return {
        attrs["hreflang"]: attrs["href"]
        for tag, attrs in tags(page)
        if tag == "a" and attrs.get("hreflang") and attrs.get("href")
    }


def _resolve(site: Path, page: Path, link: str) -> Path:
    """Where a link leads in the built site (absolute links are relative to site_url's path,
    which is / in these builds)."""
    return (site / link.lstrip("/") if link.startswith("/") else page.parent / link).resolve()


def test_language_switch_keeps_the_reader_on_the_same_page(built_site):
    spanish = [p for p in html_pages(built_site) if not p.relative_to(built_site).parts[0] == "en"]
    assert len(spanish) > 5
    for page in spanish:
        rel = page.relative_to(built_site)
        twin = built_site / "en" / rel
        assert twin.is_file(), f"no English build of {rel}"
        to_en = _resolve(built_site, page, _switch_links(page)["en"])
        to_es = _resolve(built_site, twin, _switch_links(twin)["es"])
        assert to_en == twin.parent.resolve() or to_en == twin.resolve(), rel
        assert to_es == page.parent.resolve() or to_es == page.resolve(), rel
        assert '<html lang="es"' in page.read_text() and '<html lang="en"' in twin.read_text()


def test_each_language_searches_its_own_pages(built_site):
    es = json.loads((built_site / "search" / "search_index.json").read_text())
    en = json.loads((built_site / "en" / "search" / "search_index.json").read_text())
    assert es["config"]["lang"] == ["es"] and en["config"]["lang"] == ["en"]
    es_pages = {d["location"].split("#")[0] for d in es["docs"]}
    en_pages = {d["location"].split("#")[0] for d in en["docs"]}
    assert es_pages == en_pages  # same pages, each index in its own language
    assert not any(loc.startswith("en/") for loc in es_pages)
    es_titles = {d["title"] for d in es["docs"] if d["location"] == "ch10/mlp-retropropagacion/"}
    en_titles = {d["title"] for d in en["docs"] if d["location"] == "ch10/mlp-retropropagacion/"}
    assert es_titles == {"Perceptrón multicapa y retropropagación"}
    assert en_titles == {"Multilayer perceptron and backpropagation"}
    # English pages point Material's search at the English index.
    page = (built_site / "en" / "ch10" / "mlp-retropropagacion" / "index.html").read_text()
    base = re.search(r'"base": "([^"]*)"', page)[1]
    assert base == "../../../en/"


FORMULA_RE = re.compile(r'<(span|div) class="arithmatex"[^>]*>(.*?)</\1>', re.S)
FONT_URL_RE = re.compile(r'url\("([^"]+)"\)')


def test_formulas_are_typeset_when_the_site_is_built(built_site):
    # No MathJax script is shipped: every formula is already CommonHTML, with hidden
    # MathML for screen readers, and its page carries the style sheet and site-served fonts.
    assert not list((built_site / "assets").rglob("*mathjax*.js"))
    assert not list((built_site / "assets" / "mathjax").rglob("*.js"))
    math_pages = 0
    for page in html_pages(built_site):
        text = page.read_text(encoding="utf-8")
        formulas = FORMULA_RE.findall(text)
        if not formulas:
            assert 'id="mathjax-styles"' not in text, page
            continue
        math_pages += 1
        for tag, body in formulas:
            assert body.startswith("<mjx-container"), f"{page}: untypeset {body[:80]!r}"
            assert "<mjx-assistive-mml" in body and "<math " in body, page
            assert "mjx-merror" not in body, page
            if tag == "div":
                assert f'<div class="arithmatex" tabindex="0">{body}' in text  # scrollable
        style = re.search(r'<style id="mathjax-styles">(.*?)</style>', text, re.S)[1]
        fonts = FONT_URL_RE.findall(style)
        assert len(fonts) > 10, page
        for url in fonts:
            assert (page.parent / url).resolve().is_file(), f"{page}: font {url} is missing"
    assert math_pages >= 20


def test_every_asset_is_served_by_the_site_itself(built_site):
    external = []
    for page in html_pages(built_site):
        for tag, attrs in tags(page):
            url = attrs.get("src") if tag in {"script", "img", "iframe"} else None
            if tag == "link" and attrs.get("rel") in {"stylesheet", "preconnect", "icon"}:
                url = attrs.get("href")
            if url and re.match(r"^(https?:)?//", url):
                external.append(f"{page.relative_to(built_site)}: <{tag}> {url}")
    assert not external, "\n".join(external[:20])


def test_what_the_first_paint_needs_comes_first(built_site):
    # One render-blocking request (Material's main style sheet) instead of three.
    extra = (DOCS / "stylesheets" / "extra.css").read_text(encoding="utf-8").strip()
    for page in html_pages(built_site):
        links = [a["href"] for t, a in tags(page) if t == "link" and a.get("rel") == "stylesheet"]
        assert len(links) == 1 and "/main." in links[0], (page, links)
        text = page.read_text(encoding="utf-8")
        assert f"<style>{extra}</style>" in text, page
        assert "[data-md-color-scheme=slate]" in text, page  # the palette's rules
        # No script holds the first paint back: ours run once the page is parsed (defer);
        # Material's has no tag, its loader has its address (a file of the site).
        # (mkdocs-jupyter writes an empty <script src=""> in notebooks: nothing fetched.)
        scripts = [a for t, a in tags(page) if t == "script" and a.get("src")]
        assert scripts and all("defer" in a for a in scripts), (page, scripts)
        loader = [a for t, a in tags(page) if t == "script" and "data-nnsite-bundle" in a]
        assert len(loader) == 1, page
        bundle = _resolve(built_site, page, loader[0]["data-nnsite-bundle"])
        assert bundle.name.startswith("bundle.") and bundle.is_file(), (page, bundle)


def test_material_style_sheet_without_the_rules_of_unused_features(built_site):
    # Content tabs are not configured: their 230 selectors, tried against every element at
    # every restyle, are dropped from Material's style sheet (nnsite/themecss.py).
    pages = [*html_pages(built_site), built_site / "404.html"]
    sheets = {
        _resolve(built_site, page, a["href"])
        for page in pages
        for t, a in tags(page)
        if t == "link" and a.get("rel") == "stylesheet" and "/main." in a["href"]
    }
    assert len(sheets) == 1, sheets
    (sheet,) = sheets
    assert re.fullmatch(r"main\.[0-9a-f]{8}\.[0-9a-f]{8}\.min\.css", sheet.name), sheet
    css = sheet.read_text(encoding="utf-8")
    assert ".md-typeset table:not([class])" in css and ".md-clipboard" in css
    assert not re.search(r"\.tabbed-", css)
    assert not any("tabbed-" in (a.get("class") or "") for p in pages for _, a in tags(p))
    # Only the pruned copy is published (Material's original and its source map are not).
    assert sorted(p.name for p in sheet.parent.glob("main.*")) == [sheet.name]


def test_markdown_tables_come_in_materials_scrolling_box(built_site):
    pages = [p for p in html_pages(built_site) if "<table>" in p.read_text(encoding="utf-8")]
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.count("<table>") == text.count(hooks.TABLE_OPEN), page


def test_notebook_figures_are_files_beside_their_page(built_site):
    """nnsite/hooks.py: no figure travels inside a notebook page as a data: URL; each is
    a file beside the page, sized and loaded lazily like the chapters' figures."""
    pages = [p for p in html_pages(built_site) if p.parent.name == "cuaderno"]
    assert len(pages) == 4, pages
    for page in pages:
        images = [a for t, a in tags(page) if t == "img"]
        assert not [a for a in images if a["src"].startswith("data:")], page
        figures = [a for a in images if a["src"].startswith("fig-")]
        assert len(figures) >= 10, (page, len(figures))
        for figure in figures:
            assert (page.parent / figure["src"]).is_file(), (page, figure["src"])
            assert figure.get("loading") == "lazy" and figure.get("width"), (page, figure)


def test_notebook_pages_keep_only_the_jupyterlab_rules_they_can_use(built_site):
    """JupyterLab's style sheet (560 KB, written into each notebook page by mkdocs-jupyter)
    keeps only the selectors that can match the page (nnsite/themecss.py): none that needs
    a class absent from the page, and still the rules for the notebook's cells."""
    for page in [p for p in html_pages(built_site) if p.parent.name == "cuaderno"]:
        text = page.read_text(encoding="utf-8")
        classes = hooks.page_classes(text)
        styles = [m[2] for m in hooks.JUPYTER_STYLE_RE.finditer(text)]
        assert styles, page
        for css in styles:
            assert themecss.prune_for_page(css, classes)[1] == 0, page  # nothing left to drop
        css = "".join(styles)
        assert ".jupyter-wrapper .jp-OutputArea-output" in css, page
        assert ".jp-Toolbar" not in css and "--jp-icon-add-above" not in css, page


def test_every_code_block_has_one_copy_button_written_at_build_time(built_site):
    """nnsite/codecopy.py: each block's button names its own <code>, in the page's language."""
    blocks = 0
    for page in html_pages(built_site):
        text = page.read_text(encoding="utf-8")
        title = (
            "Copy to clipboard"
            if page.relative_to(built_site).parts[0] == "en"
            else ("Copiar al portapapeles")
        )
        for block in re.findall(r'<div class="highlight">.*?</pre>', text, re.S):
            blocks += 1
            buttons = re.findall(r"<button [^>]*>", block)
            assert len(buttons) == 1, (page, block[:200])
            target = re.search(r'data-clipboard-target="#([^"]+)"', buttons[0])[1]
            assert f'title="{title}"' in buttons[0], (page, buttons[0])
            assert f'<code id="{target}">' in block, (page, buttons[0])
        ids = re.findall(r'<code id="([^"]+)"', text)
        assert len(ids) == len(set(ids)), page
    assert blocks > 100
    # Material's own buttons would come on top of these.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^\s*-\s*content\.code\.copy\b", config, re.M)


def test_heading_links_are_named_in_the_page_language(built_site):
    """The ¶ beside each heading (toc's headerlink, nbconvert's anchor-link on notebook
    pages) gets a name in the page's language instead of toc's English title."""
    links = 0
    for page in html_pages(built_site):
        english = page.relative_to(built_site).parts[0] == "en"
        label = "Link to this section" if english else "Enlace a esta sección"
        for tag, attrs in tags(page):
            if tag == "a" and attrs.get("class") in ("headerlink", "anchor-link"):
                links += 1
                assert attrs.get("aria-label") == label and "title" not in attrs, (page, attrs)
    assert links > 200


def built_page(site: Path, page: str) -> Path:
    """docs-relative page (ch10/x.md or ch10/x.en.md) -> its built HTML file."""
    english = page.endswith(".en.md")
    rel = Path(page[: -len(".en.md")] if english else page[: -len(".md")])
    rel = rel.parent if rel.name == "index" else rel
    return site / ("en" if english else "") / rel / "index.html"


def test_pages_show_the_outputs_their_snippets_wrote(built_site, snippets):
    checked = 0
    for snippet in snippets.values():
        for ref in snippet.references:
            text = html.unescape(built_page(built_site, ref.page).read_text(encoding="utf-8"))
            target = ROOT / ref.target
            if ref.kind == "output" and target.suffix == ".md":
                header = target.read_text().splitlines()[0]
                cells = [c.strip() for c in header.strip().strip("|").split("|") if c.strip()]
                missing = [c for c in cells if f">{c}<" not in text]
                assert not missing, f"{ref.where}: table columns {missing} not shown"
            elif ref.kind == "output":
                lines = [ln.strip() for ln in target.read_text().splitlines() if ln.strip()]
                assert all(ln in text for ln in lines[:5]), f"{ref.where}: output not shown"
            elif ref.kind == "figure":
                assert (built_site / ref.target).read_bytes() == target.read_bytes(), ref.where
                assert f'src="{Path(ref.target).name}"' not in text  # linked by path, not name
                assert re.search(r'["/]' + re.escape(ref.target) + '"', text), ref.where
            checked += 1
    assert checked > 0
