"""Style sheets without the rules this site cannot use: Material's main one and JupyterLab's.

Every time the browser styles an element it tries each rule whose last compound selector
could match it. Material ships about 230 selectors for content tabs
(``pymdownx.tabbed``) that end in a bare ``:nth-child(N)``: no class or tag the browser
could index them by, so all of them are tried against every element of every page, at
every style recalculation. On a chapter page they were more than half of the time Chromium
spent matching selectors. When the site's configuration leaves out the extension that
produces an element, :func:`prune` drops the selectors that can only match inside it.

JupyterLab's style sheet, which mkdocs-jupyter writes into every notebook page, is 560 KB
of rules for the lab's panels, menus, widgets and icons. :func:`prune_for_page` keeps, for
one page, the selectors that can match one of its elements.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import tinycss2

# Markdown extension -> the class prefix of the elements only it produces.
OPTIONAL_FEATURES = {"pymdownx.tabbed": "tabbed-"}
NESTED_AT_RULES = {"media", "supports", "layer", "container"}
NOT_RE = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")


def unused_prefixes(markdown_extensions: list) -> list[str]:
    """Class prefixes of the optional features the configured extensions cannot produce."""
    names = {e if isinstance(e, str) else next(iter(e)) for e in markdown_extensions}
    return [prefix for ext, prefix in OPTIONAL_FEATURES.items() if ext not in names]


def _selectors(prelude: list) -> list[str]:
    """A rule's selector list split at its top-level commas (commas inside :is(...) or
    :not(...) are inside function tokens, so they are not top-level)."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [tinycss2.serialize(p).strip() for p in parts]


def _needs(selector: str, prefixes: list[str]) -> bool:
    """Whether the selector only matches inside an element with one of the prefixed
    classes (a class named inside :not(...) is no such requirement)."""
    positive = NOT_RE.sub("", selector)
    return any(re.search(rf"\.{re.escape(p)}[\w-]*", positive) for p in prefixes)


def _prune(rules: list, drop: Callable[[str], bool]) -> tuple[list[str], int]:
    out: list[str] = []
    dropped = 0
    for rule in rules:
        if rule.type in ("whitespace", "comment"):
            continue
        if rule.type == "qualified-rule":
            selectors = _selectors(rule.prelude)
            kept = [s for s in selectors if not drop(s)]
            dropped += len(selectors) - len(kept)
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTED_AT_RULES and rule.content:
            inner, n = _prune(
                tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True), drop
            )
            dropped += n
            if inner:
                prelude = tinycss2.serialize(rule.prelude)
                out.append(f"@{rule.at_keyword}{prelude}{{{''.join(inner)}}}")
        else:
            out.append(tinycss2.serialize([rule]))
    return out, dropped


def prune(css: str, prefixes: list[str]) -> tuple[str, int]:
    """``css`` without the selectors that need a class starting with one of ``prefixes``
    (a rule left without selectors goes too), and how many selectors were dropped. The
    source map comment goes as well: the map no longer matches."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    out, dropped = _prune(rules, lambda selector: _needs(selector, prefixes))
    return "".join(out), dropped


# What a selector requires of an element's classes: its class names outside functional
# pseudo-classes (:not, :is, :has... ask for something else, or for one of several) and
# outside attribute selectors ([data-mime-type="application/vnd.jupyter.stderr"] names
# no class).
FUNCTIONAL_RE = re.compile(r":[\w-]+\((?:[^()]|\([^()]*\))*\)")
ATTRIBUTE_RE = re.compile(r"\[[^\]]*\]")
CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
# Classes the site's scripts add while the reader reads (Material's, the root's, ours).
SCRIPT_CLASS_RE = re.compile(r"md-.*|js|no-js|js-focus-visible|focus-visible")
# :root under another element can match nothing (JupyterLab's style sheet, scoped under
# .jupyter-wrapper, has an 80 KB rule of icons so).
NESTED_ROOT_RE = re.compile(r"[\s>+~]:root\b")


def unmatchable(selector: str, classes: set[str]) -> bool:
    """Whether ``selector`` can match no element of a page whose elements carry
    ``classes``: it needs a class the page does not have and no script of the site adds,
    or it puts :root below another element. A selector with escapes is kept."""
    if "\\" in selector:
        return False
    if NESTED_ROOT_RE.search(selector):
        return True
    required = CLASS_RE.findall(ATTRIBUTE_RE.sub("", FUNCTIONAL_RE.sub("", selector)))
    return any(c not in classes and not SCRIPT_CLASS_RE.fullmatch(c) for c in required)


def prune_for_page(css: str, classes: set[str]) -> tuple[str, int]:
    """``css`` without the selectors that can match nothing on a page whose elements
    carry ``classes`` (:func:`unmatchable`), and how many selectors were dropped."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    out, dropped = _prune(rules, lambda selector: unmatchable(selector, classes))
    return "".join(out), dropped


def hashed_name(name: str, css: str) -> str:
    """``main.57a0d79d.min.css`` -> ``main.57a0d79d.<hash of css>.min.css``: a new name
    whenever the content changes, so no browser keeps a stale copy."""
    digest = hashlib.sha256(css.encode()).hexdigest()[:8]
    stem, _, suffix = name.partition(".min.")
    return f"{stem}.{digest}.min.{suffix}"
