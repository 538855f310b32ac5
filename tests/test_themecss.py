"""Material's style sheet loses only the rules of features the site cannot produce, and
tables are wrapped so that Material's script moves them without restyling the page."""

from __future__ import annotations

import re
from pathlib import Path

import material

from nnsite import hooks, themecss

MATERIAL_CSS = next(
    (Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css")
)


def test_prune_drops_selectors_that_need_the_feature_and_keeps_the_rest():
    css = (
        ".a,.tabbed-set>input{color:red}"
        ".tabbed-labels{display:flex}"
        "@media screen{.md-x .tabbed-content,.md-y{margin:0}.tabbed-block{order:1}}"
        ".md-z:not(.tabbed-set){top:0}"
        ":is(.b,.c) .d:nth-child(1n+2){left:0}"
        "/*# sourceMappingURL=main.css.map */"
    )
    pruned, dropped = themecss.prune(css, ["tabbed-"])
    assert dropped == 4
    assert pruned == (
        ".a{color:red}"
        "@media screen{.md-y{margin:0}}"
        ".md-z:not(.tabbed-set){top:0}"
        # tinycss2 separates 1n and +2 with an empty comment: the same An+B.
        ":is(.b,.c) .d:nth-child(1n/**/+2){left:0}"
    )


def test_material_style_sheet_without_tabs():
    css = MATERIAL_CSS.read_text(encoding="utf-8")
    pruned, dropped = themecss.prune(css, ["tabbed-"])
    assert dropped > 100
    assert not re.search(r"\.tabbed-", pruned)
    # Everything else is still there: the same rules once the tab selectors are gone.
    unchanged, none = themecss.prune(css, [])
    assert none == 0 and len(unchanged) >= len(css) - len("/*# sourceMappingURL=x.map */") - 40
    for selector in (".md-header", ".md-typeset table:not([class])", ".md-clipboard"):
        assert selector in pruned


def test_only_missing_extensions_count_as_unused():
    assert themecss.unused_prefixes(["toc", {"pymdownx.tabbed": {}}]) == []
    assert themecss.unused_prefixes(["toc", "pymdownx.tabbed"]) == []
    assert themecss.unused_prefixes(["toc"]) == ["tabbed-"]


def test_hashed_name_changes_with_the_content():
    a = themecss.hashed_name("main.57a0d79d.min.css", "a{}")
    assert re.fullmatch(r"main\.57a0d79d\.[0-9a-f]{8}\.min\.css", a)
    assert a != themecss.hashed_name("main.57a0d79d.min.css", "b{}")


def test_markdown_tables_come_in_materials_box_once():
    html = "<p>x</p><table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>"
    wrapped = hooks._wrap_tables(html)
    assert wrapped == (
        '<p>x</p><div class="nnsite-table"><div class="md-typeset__scrollwrap">'
        '<div class="md-typeset__table"><table><tr><td><table><tr><td>1</td></tr>'
        "</table></td></tr></table></div></div></div>"
    )
    # Tables with attributes (notebook data frames) are not Material's to wrap: left alone.
    assert hooks._wrap_tables('<table class="dataframe"></table>') == (
        '<table class="dataframe"></table>'
    )


def test_a_selector_is_unmatchable_only_when_it_needs_a_class_nobody_gives():
    classes = {"jupyter-wrapper", "jp-Cell", "jp-OutputArea-output"}
    gone = themecss.unmatchable
    assert gone(".jupyter-wrapper .jp-Toolbar", classes)
    assert gone(".jp-Cell.jp-mod-selected", classes)  # both classes are needed
    assert gone(".jupyter-wrapper :root", classes)  # :root below another element
    assert not gone(".jupyter-wrapper .jp-Cell > p", classes)
    assert not gone("body", classes) and not gone(":root", classes)
    # Only what the selector requires: not what :not/:is/:has name, nor attribute values.
    assert not gone(".jp-Cell:not(.jp-mod-hidden)", classes)
    assert not gone(".jp-Cell:is(.jp-A, .jp-B)", classes)
    stderr = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
    assert not gone(stderr, classes)
    # Classes the site's scripts add later (Material's md-*, the focus ring's) stay.
    assert not gone(".jupyter-wrapper .md-typeset__scrollwrap", classes)
    assert not gone(".jp-Cell .focus-visible", classes)
    # An escaped name is not parsed: kept.
    assert not gone(".sm\\:block", classes)


def test_prune_for_page_keeps_rules_at_rules_and_declarations():
    css = (
        ".jp-Cell{color:red}.jp-Gone,.jp-Cell p{margin:0}"
        "@media (max-width:10px){.jp-Gone{top:0}.jp-Cell{top:1px}}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
    )
    out, dropped = themecss.prune_for_page(css, {"jp-Cell"})
    assert dropped == 2
    assert out == (
        ".jp-Cell{color:red}.jp-Cell p{margin:0}"
        "@media (max-width:10px){.jp-Cell{top:1px}}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
    )
