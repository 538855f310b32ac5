"""Copy buttons written into the pages when the site is built.

With Material's ``content.code.copy`` feature, its script creates a copy button for
each code block when a page loads: one insertion into the page per block, each followed
by a style recalculation, all inside Material's start-up task (the longest task of a
chapter page). Here the build writes the same button into the HTML instead, and the
feature is off (mkdocs.yml). The button has Material's classes, so it looks and sits as
before, and Material's clipboard integration, which it sets up on every page whatever
the features, copies the text of the element the button names and shows its "copied"
message. Keyboard readers can reach every button from the start, not only those of the
code blocks Material has mounted.
"""

from __future__ import annotations

import html
import itertools
import re
from functools import cache
from pathlib import Path

import material

# A code block as pymdownx.highlight writes it, with or without a title.
BLOCK_RE = re.compile(
    r'(<div class="highlight">(?:<span class="filename">[^<]*</span>)?<pre>)<span></span><code>'
)
LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


@cache
def label(language: str) -> str:
    """Material's own text for the copy button in ``language`` ("clipboard.copy")."""
    source = (LANGUAGES / f"{language}.html").read_text(encoding="utf-8")
    match = re.search(r'"clipboard\.copy":\s*"([^"]+)"', source)
    if match is None:
        raise ValueError(f"{LANGUAGES / f'{language}.html'}: no clipboard.copy text")
    return match[1]


def add_buttons(page_html: str, language: str) -> str:
    """``page_html`` with a copy button at the top of each code block. The button names
    its block's ``<code>`` (given an id here) as the text to copy."""
    title = html.escape(label(language), quote=True)
    number = itertools.count()

    def block(match: re.Match) -> str:
        ident = f"__code_text_{next(number)}"
        button = (
            f'<button type="button" class="md-code__button" title="{title}" '
            f'data-clipboard-target="#{ident}" data-md-type="copy"></button>'
        )
        # A <span>: a <pre> holds phrasing content only (Material inserts a <nav>).
        return (
            f'{match[1]}<span class="md-code__nav">{button}</span><span></span><code id="{ident}">'
        )

    return BLOCK_RE.sub(block, page_html)
