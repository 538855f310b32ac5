"""The Spanish–English glossary: one source (glossary/*.yml), two uses.

The glossary pages get the full table; every other page gets the terms as
Markdown abbreviations, so that hovering a term's first use shows its definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

KEYS = ("es", "en", "def_es", "def_en", "page")
ABBR_RE = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>')
HEADER = {
    "es": "| Español | English | Definición |\n| --- | --- | --- |",
    "en": "| English | Español | Definition |\n| --- | --- | --- |",
}


class GlossaryError(Exception):
    pass


@dataclass(frozen=True)
class Term:
    es: str
    en: str
    def_es: str
    def_en: str
    page: str  # docs-relative page, optionally with #anchor

    def name(self, language: str) -> str:
        return self.es if language == "es" else self.en

    def definition(self, language: str) -> str:
        return self.def_es if language == "es" else self.def_en


def load(folder: Path) -> list[Term]:
    """Every term of glossary/*.yml, sorted by its Spanish name; duplicates are errors."""
    terms: dict[str, Term] = {}
    for source in sorted(folder.glob("*.yml")):
        for number, entry in enumerate(yaml.safe_load(source.read_text(encoding="utf-8")) or []):
            missing = [k for k in KEYS if not str(entry.get(k, "")).strip()]
            if missing:
                raise GlossaryError(f"{source}: entry {number + 1} lacks {', '.join(missing)}")
            term = Term(**{k: " ".join(str(entry[k]).split()) for k in KEYS})
            key = term.es.casefold()
            if key in terms and terms[key] != term:
                raise GlossaryError(f"{source}: '{term.es}' is defined twice, differently")
            terms[key] = term
    return sorted(terms.values(), key=lambda t: t.es.casefold())


def _short(term: str) -> str:
    """The form a term takes in running text: without a parenthesised acronym."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", term).strip()


def table(terms: list[Term], language: str, from_page: str) -> str:
    """The glossary as a Markdown table, with links relative to the glossary page."""
    depth = from_page.count("/")
    rows = []
    for term in sorted(terms, key=lambda t: t.name(language).casefold()):
        other = term.en if language == "es" else term.es
        link = "../" * depth + term.page
        name = f"[{term.name(language)}]({link})"
        other_language = "en" if language == "es" else "es"
        rows.append(
            f'| {name} | <em lang="{other_language}">{other}</em> | {term.definition(language)} |'
        )
    return HEADER[language] + "\n" + "\n".join(rows)


def abbreviations(terms: list[Term], language: str) -> str:
    """Markdown abbreviation definitions (*[term]: definition) for one language."""
    lines = []
    for term in terms:
        definition = term.definition(language).replace("\n", " ")
        for form in {_short(term.name(language)), term.name(language)}:
            if form and "[" not in form and "]" not in form:
                lines.append(f"*[{form}]: {definition}")
    return "\n".join(sorted(set(lines)))


HEADING_RE = re.compile(r"(<h([1-6])\b[^>]*>)(.*?)(</h\2>)", re.S)


def first_use_only(html: str) -> str:
    """Keep the tooltip on the first use of each term in the page's running text; later
    uses are plain text. Headings are titles: no tooltip, no dotted underline there."""
    html = HEADING_RE.sub(lambda m: m[1] + ABBR_RE.sub(r"\2", m[3]) + m[4], html)
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        term = match[2].casefold()
        if term in seen:
            return match[2]
        seen.add(term)
        return match[0]

    return ABBR_RE.sub(keep_first, html)
