"""Slimmed code blocks keep their text and every styled token."""

from __future__ import annotations

import html
import re

import markdown

from nnsite import slim
from tests.conftest import ROOT

TAG_RE = re.compile(r"<[^>]+>")


def highlighted(source: str) -> str:
    md = markdown.Markdown(extensions=["pymdownx.highlight", "pymdownx.superfences"])
    return md.convert(f"```python\n{source}\n```\n")


def text(block: str) -> str:
    return html.unescape(TAG_RE.sub("", block))


def coloured(block: str) -> str:
    """The text of the tokens that have a colour of their own, in order."""
    return "".join(re.findall(r'<span class="(?!n"|w")[a-z0-9]+">([^<]*)', block))


def test_slim_code_keeps_the_text_and_the_coloured_tokens():
    source = (ROOT / "snippets" / "ch11" / "regularizers.py").read_text(encoding="utf-8")
    before = highlighted(source)
    after = slim.slim_code(before)
    assert text(after) == text(before)
    # Names and whitespace lose their spans; every other token keeps its class.
    assert '<span class="n">' in before and '<span class="n">' not in after
    assert after.count("<span") < 0.7 * before.count("<span")
    assert coloured(after) == coloured(before)


def test_neighbouring_tokens_of_one_class_merge():
    block = (
        '<pre><code><span class="p">)</span><span class="p">(</span>'
        '<span class="n">x</span></code></pre>'
    )
    assert slim.slim_code(block) == '<pre><code><span class="p">)(</span>x</code></pre>'
    # Outside <pre> nothing changes.
    assert slim.slim_code('<p><span class="n">x</span></p>') == '<p><span class="n">x</span></p>'
