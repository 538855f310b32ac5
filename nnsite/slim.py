"""Fewer elements in highlighted code, same pixels.

Pygments wraps every token of a code block in a ``<span>``; a chapter page ends up with
thousands of them, and every one of them is styled and laid out each time the browser
recalculates the page (several times while Material's script starts). Two kinds carry no
style of their own in Material's theme: names (``n``, drawn in the code's own colour:
``--md-code-hl-name-color`` is ``--md-code-fg-color`` in both palettes) and whitespace
(``w``). :func:`slim_code` unwraps those, and merges neighbouring spans of one class
(``)(`` is one span, not two). The text, and so what the copy button copies, is unchanged.
"""

from __future__ import annotations

import re

PRE_RE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.S)
PLAIN_RE = re.compile(r'<span class="(?:n|w)">([^<]*)</span>')
NEIGHBOURS_RE = re.compile(
    r'<span class="([a-z0-9]+)">([^<]*)</span><span class="\1">([^<]*)</span>'
)


def _merge(code: str) -> str:
    while True:
        merged = NEIGHBOURS_RE.sub(r'<span class="\1">\2\3</span>', code)
        if merged == code:
            return code
        code = merged


def slim_code(html: str) -> str:
    """``html`` with the token spans of its ``<pre>`` blocks slimmed (see module doc)."""
    return PRE_RE.sub(lambda m: m[1] + _merge(PLAIN_RE.sub(r"\1", m[2])) + m[3], html)
