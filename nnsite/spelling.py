"""pyspelling filter for the built pages (.pyspelling.yml): pyspelling's own HTML filter,
but each page goes to hunspell in one piece instead of one hunspell run per paragraph,
which makes checking the whole site about a hundred times faster."""

from __future__ import annotations

from pyspelling.filters import SourceText
from pyspelling.filters.html import HtmlFilter


class PageFilter(HtmlFilter):
    def _filter(self, text, context, encoding):
        parts = super()._filter(text, context, encoding)
        page = "\n".join(part.text for part in parts)
        return [SourceText(page, context, encoding, "html")]


def get_plugin():
    return PageFilter
