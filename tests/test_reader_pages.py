"""Glossary, API index, licence: generated from one source each, and checked against the site."""

from __future__ import annotations

import importlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from nnsite import api_index, glossary
from tests.conftest import DOCS, ROOT


class Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)


def page_html(site: Path, page: str, language: str) -> str:
    rel = Path(page[: -len(".md")])
    rel = rel.parent if rel.name == "index" else rel
    return (site / ("en" if language == "en" else "") / rel / "index.html").read_text()


@pytest.fixture(scope="module")
def terms() -> list[glossary.Term]:
    return glossary.load(ROOT / "glossary")


def test_glossary_has_at_least_60_terms(terms):
    assert len(terms) >= 60, len(terms)


def used_pattern(term: str) -> re.Pattern:
    """A term as running text writes it: inflected endings, any punctuation or Markdown
    emphasis between words, acronyms in parentheses optional."""
    words = re.findall(r"\w+", re.sub(r"\([^)]*\)", " ", term))
    stems = [re.escape(w[: max(4, len(w) - 2)]) + r"\w*" for w in words]
    return re.compile(r"\W+".join(stems), re.IGNORECASE)


def test_every_glossary_term_is_used_on_some_page(terms):
    texts = {
        lang: "\n".join(
            p.read_text(encoding="utf-8")
            for p in DOCS.rglob("*.md")
            if p.stem.split(".")[0] != "glosario" and p.name.endswith(".en.md") == (lang == "en")
        )
        for lang in ("es", "en")
    }
    unused = [
        f"{t.name(lang)} ({lang})"
        for t in terms
        for lang in ("es", "en")
        if not used_pattern(t.name(lang)).search(texts[lang])
    ]
    assert not unused, "glossary terms no page uses:\n" + "\n".join(unused)


def test_every_glossary_link_leads_to_an_existing_page_and_anchor(built_site, terms):
    broken = []
    for term in terms:
        page, _, anchor = term.page.partition("#")
        if not (DOCS / page).is_file():
            broken.append(f"{term.es}: no page {page}")
            continue
        for lang in ("es", "en"):
            parser = Ids()
            parser.feed(page_html(built_site, page, lang))
            if anchor and anchor not in parser.ids:
                broken.append(f"{term.es}: no anchor #{anchor} on {page} ({lang})")
    assert not broken, "\n".join(broken)


def test_glossary_pages_list_every_term_in_both_languages(built_site, terms):
    es = page_html(built_site, "glosario.md", "es")
    en = page_html(built_site, "glosario.md", "en")
    for term in terms:
        assert f">{term.es}</a>" in es and f">{term.en}</a>" in en, term.es


def test_a_term_shows_its_definition_on_first_use_only(built_site, terms):
    shown = 0
    for page in DOCS.rglob("*.md"):
        if page.name.endswith(".en.md") or page.stem in {"glosario", "api"}:
            continue
        html = page_html(built_site, page.relative_to(DOCS).as_posix(), "es")
        titles = re.findall(r'<abbr title="([^"]*)">(.*?)</abbr>', html)
        words = [w.casefold() for _, w in titles]
        assert len(words) == len(set(words)), f"{page}: a term has more than one tooltip"
        headings = re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", html, re.S)
        assert not [h for _, h in headings if "<abbr" in h], f"{page}: a tooltip in a heading"
        shown += len(titles)
    assert shown >= 30


def test_glossary_rejects_an_incomplete_entry(tmp_path):
    (tmp_path / "x.yml").write_text("- es: capa\n  en: layer\n  def_es: Un conjunto.\n")
    with pytest.raises(glossary.GlossaryError, match="x.yml: entry 1 lacks def_en, page"):
        glossary.load(tmp_path)


def test_api_index_parses_what_the_code_uses():
    code = (
        "import keras\nimport tensorflow as tf\nfrom keras import layers\n"
        "from keras.optimizers import Nadam\n"
        "m = keras.Sequential([layers.Dense(3), layers.BatchNormalization()])\n"
        "opt = Nadam(1e-3)\nwith tf.GradientTape() as tape: pass\n"
    )
    assert api_index.symbols(code) == {
        "keras.Sequential",
        "keras.layers.Dense",
        "keras.layers.BatchNormalization",
        "keras.optimizers.Nadam",
        "tensorflow.GradientTape",
    }


def test_every_symbol_of_the_api_index_exists_in_the_pinned_libraries(snippets):
    pages = {path: ["x"] for path in snippets}
    entries = api_index.index(pages, ROOT)
    assert len(entries) >= 20
    missing = []
    for symbol in entries:
        parts = symbol.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            try:
                for attr in parts[cut:]:
                    obj = getattr(obj, attr)
            except AttributeError:
                missing.append(symbol)
            break
        else:
            missing.append(symbol)
    assert not missing, missing


def test_api_pages_link_each_symbol_to_the_pages_using_it(built_site):
    es = page_html(built_site, "api.md", "es")
    en = page_html(built_site, "api.md", "en")
    assert "keras.layers.Dense" in es and "keras.layers.Dense" in en
    assert 'href="../ch10/' in es and 'href="../ch10/' in en


def test_licence_file_and_pages():
    text = (ROOT / "LICENSE").read_text()
    assert "MIT License" in text and "CC BY 4.0" in text
    assert (DOCS / "licencia.md").is_file() and (DOCS / "licencia.en.md").is_file()


def test_twins_share_their_section_anchors(built_site):
    """A link to a section (#anchor) works in both languages: every heading below the
    title has the same id on the Spanish page and on its English twin ({#id} in .en.md).
    Notebook pages are left out: their headings are Jupyter's."""
    ids = re.compile(r'<h[2-6] id="([^"]+)"')
    differ = {}
    pages = [p for p in built_site.glob("**/index.html") if not p.is_relative_to(built_site / "en")]
    for spanish in pages:
        twin = built_site / "en" / spanish.relative_to(built_site)
        if "cuaderno" in spanish.parts or not twin.is_file():
            continue
        es = set(ids.findall(spanish.read_text(encoding="utf-8")))
        en = set(ids.findall(twin.read_text(encoding="utf-8")))
        if es != en:
            differ[spanish.parent.relative_to(built_site).as_posix()] = sorted(es ^ en)
    assert len(pages) > 10
    assert not differ, f"section anchors that differ between the twins: {differ}"
