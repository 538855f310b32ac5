"""MkDocs hook: run stale snippets before pages render, publish their figures,
typeset the formulas with MathJax at build time (fonts served by the site itself),
and give each language its own search index."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import posixpath
import re
from pathlib import Path
from types import SimpleNamespace

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from nnsite import api_index, codecopy, glossary, notebooks, runner, slim, themecss, typeset

log = logging.getLogger("mkdocs.plugins.nnsite")

FIGURE_SUFFIXES = {".svg", ".png", ".jpg", ".webp"}
MATH_FONTS = "assets/mathjax/fonts"  # where the pages' MathJax style sheets find the fonts
CONFIG_BASE_RE = re.compile(
    r'(<script id="__config" type="application/json">[^<]*?"base": ")([^"]*)"'
)


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _i18n(config: MkDocsConfig):
    return config.plugins.get("i18n")


def _language(config: MkDocsConfig) -> tuple[str, bool]:
    """(current language, whether it is the default one)."""
    i18n = _i18n(config)
    if i18n is None:
        return config.theme.get("language", "en"), True
    return i18n.current_language, i18n.is_default_language_build


def on_pre_build(config: MkDocsConfig) -> None:
    execute = os.environ.get("NNSITE_EXECUTE", "1") != "0"
    docs, root = Path(config.docs_dir), _root(config)
    try:
        runner.prepare(docs, root, log=log.info, execute=execute)
    except runner.SnippetError as exc:
        raise PluginError(str(exc)) from None
    i18n = _i18n(config)
    if i18n is None or not i18n.building:  # once per build, not once per language
        languages = i18n.build_languages if i18n else ["es"]
        default = i18n.default_language if i18n else "es"
        notebooks.write_all(config.nav, docs, root, languages, default)


TEXT = {
    "es": {
        "ran": "Ejecutado en {seconds:.1f} s al construir el sitio",
        "loader": "No se ejecuta al construir el sitio: descargaría los datos",
        "source": "código fuente",
        "notebook": "Cuaderno del capítulo",
        "colab": "Abrir en Colab",
        "download": "Descargar el cuaderno",
        "permalink": "Enlace a esta sección",
    },
    "en": {
        "ran": "Ran in {seconds:.1f} s when the site was built",
        "loader": "Not run when the site is built: it would download the data",
        "source": "source code",
        "notebook": "Chapter notebook",
        "colab": "Open in Colab",
        "download": "Download the notebook",
        "permalink": "Link to this section",
    },
}


def _repo(config: MkDocsConfig) -> str:
    return (config.repo_url or "").rstrip("/")


GLOSSARY_PAGE = "glosario"
API_PAGE = "api"


def _page_stem(src: str) -> str:
    return src.split(".")[0]


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def _api_table(config: MkDocsConfig, language: str) -> str:
    docs, root = Path(config.docs_dir), _root(config)
    pages: dict[str, list[str]] = {}
    for ref in runner.scan_pages(docs, root):
        if ref.kind == "code" and (language == "en") == ref.page.endswith(".en.md"):
            pages.setdefault(ref.target, [])
            if ref.page not in pages[ref.target]:
                pages[ref.target].append(ref.page)
    entries = api_index.index(pages, root)
    titles = {p: _title(docs / p) for ps in entries.values() for p in ps}
    return api_index.table(entries, titles, language)


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """Append the generated glossary, API index and tooltips; link chapter pages to their
    notebook; say under each snippet how long it ran."""
    src = page.file.src_uri
    language = "en" if ".en." in src else "es"
    terms = glossary.load(_root(config) / "glossary")
    if _page_stem(src) == GLOSSARY_PAGE:
        return markdown + "\n\n" + glossary.table(terms, language, src) + "\n"
    if _page_stem(src) == API_PAGE:
        return markdown + "\n\n" + _api_table(config, language) + "\n"
    markdown = _annotate(markdown, src, language, config)
    return markdown + "\n\n" + glossary.abbreviations(terms, language) + "\n"


# Each page's MathJax style sheet, from on_page_content to on_post_page.
_MATH_STYLES: dict[str, str] = {}


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    """Mark the first use of each glossary term; on notebook pages, give the headings
    unique ids and the table of contents that points at them, and the figures their
    pages' descriptions; typeset the formulas (MkDocs renders every page's content before
    it writes any page, so a TeX error leaves no site); wrap the tables; name the
    headings' ¶ links; write the code blocks' copy buttons."""
    html = glossary.first_use_only(html)
    if page.file.src_uri.endswith(".ipynb"):
        html, tokens = notebooks.page_headings(html)
        page.toc = get_toc(tokens)
        html = notebooks.describe_figures(html, Path(page.file.abs_src_path))
    source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    label = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    try:
        html, style = typeset.typeset_page(
            html, get_relative_url(MATH_FONTS, page.url), source, label
        )
    except typeset.MathError as exc:
        raise PluginError(str(exc)) from None
    _MATH_STYLES[page.file.src_uri] = style
    _check_pruned_features(html, source, label)
    language = _language(config)[0]
    return codecopy.add_buttons(_permalinks(_wrap_tables(html), language), language)


HEADERLINK_RE = re.compile(
    r'(<a class="(?:headerlink|anchor-link)" href="#[^"]*")(?: title="[^"]*")?>'
)


def _permalinks(html: str, language: str) -> str:
    """The heading's ¶ link is named in the page's language ("toc" writes
    title="Permanent link" on every page; nbconvert gives no name but the ¶). A name,
    not a title: a title would pop up over every heading the pointer crosses."""
    label = TEXT[language]["permalink"]
    return HEADERLINK_RE.sub(lambda m: f'{m[1]} aria-label="{label}">', html)


TABLE_RE = re.compile(r"<table\b[^>]*>|</table>")


def _wrap_tables(html: str) -> str:
    """Each table written in Markdown comes in Material's scrolling box (the two <div>s
    its script puts around every class-less table), inside a plain <div>. On a phone
    Material's script runs only at the reader's first gesture
    (overrides/partials/lazy-material.html): until then the box is already there, so a
    wide table scrolls on its own and nothing moves when the script wraps the table
    again. The plain <div> keeps that re-wrapping from restyling the whole article:
    moving a child of the article made Chromium restyle every element of it (about 4,500
    on a chapter page), once per table; inside the <div> only the table is restyled."""
    wrapped: list[bool] = []  # one entry per open table: whether it got a box

    def wrap(match: re.Match) -> str:
        if match[0] != "</table>":
            wrapped.append(match[0] == "<table>" and not wrapped)
            return TABLE_OPEN if wrapped[-1] else match[0]
        return TABLE_CLOSE if wrapped and wrapped.pop() else match[0]

    return TABLE_RE.sub(wrap, html)


TABLE_OPEN = (
    '<div class="nnsite-table"><div class="md-typeset__scrollwrap">'
    '<div class="md-typeset__table"><table>'
)
TABLE_CLOSE = "</table></div></div></div>"


def _annotate(markdown: str, src: str, language: str, config: MkDocsConfig) -> str:
    text = TEXT[language]
    root, repo = _root(config), _repo(config)
    lines = markdown.split("\n")
    out: list[str] = []
    pending: str | None = None
    for line in lines:
        out.append(line)
        include = runner.INCLUDE_RE.match(line)
        if include and include["path"].startswith("snippets/"):
            pending = include["path"].partition(":")[0]
        elif pending and line.strip().startswith("```"):
            snippet = runner.Snippet(pending)
            meta = runner.read_meta(root / snippet.out_dir)
            ran = text["ran"].format(seconds=meta["seconds"]) if "seconds" in meta else None
            note = ran if snippet.runs_at_build else text["loader"]
            link = f"[{text['source']}]({repo}/blob/main/{pending})" if repo else f"`{pending}`"
            indent = line[: len(line) - len(line.lstrip())]  # stay inside admonitions
            body = f"{note} · {link}" if note else link
            out += ["", f"{indent}{body}", f"{indent}{{: .snippet-meta }}", ""]
            pending = None
    chapter = src.split("/")[0]
    if chapter.startswith("ch") and src.endswith(".md") and "/" in src:
        suffix = "" if language == "es" else ".en"
        links = f"[{text['notebook']}]({notebooks.NOTEBOOK_STEM}.ipynb)"
        notebook = f"{notebooks.NOTEBOOK_STEM}{suffix}.ipynb"
        if repo.startswith("https://github.com/"):
            colab = (
                "https://colab.research.google.com/github/"
                + repo.removeprefix("https://github.com/")
                + f"/blob/notebooks/{chapter}/{notebook}"
            )
            links += f" · [{text['colab']}]({colab})"
        for i, line in enumerate(out):
            if line.startswith("# "):
                out[i + 1 : i + 1] = ["", links, "{: .chapter-links }", ""]
                break
    return "\n".join(out)


def _add(files: Files, config: MkDocsConfig, src_uri: str, abs_path: Path) -> None:
    if files.get_file_from_path(src_uri) is None:
        files.append(File.generated(config, src_uri, abs_src_path=str(abs_path)))


@event_priority(-150)  # after mkdocs-static-i18n has rebuilt the file list
def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = _root(config)
    i18n = _i18n(config)
    for file in files:
        if file.src_uri.endswith(".ipynb"):
            # mkdocs-jupyter marks notebooks as pages; i18n's copies of them lose that mark,
            # and their language alternates (the language switch's targets).
            file.is_documentation_page = lambda: True
            if i18n is not None and hasattr(file, "alternates"):
                rel = file.url.removeprefix(f"{i18n.current_language}/")
                for lang in i18n.build_languages:
                    url = rel if lang == i18n.default_language else f"{lang}/{rel}"
                    file.alternates.setdefault(lang, SimpleNamespace(url=url))
    for path in sorted((root / "figures").rglob("*")):
        rel = path.relative_to(root)
        hidden = any(part.startswith(".") for part in rel.parts)
        if path.suffix in FIGURE_SUFFIXES and path.is_file() and not hidden:
            _add(files, config, rel.as_posix(), path)
    try:
        fonts = typeset.font_files()
    except typeset.MathError as exc:
        raise PluginError(str(exc)) from None
    for path in fonts:
        _add(files, config, f"{MATH_FONTS}/{path.name}", path)
    _prune_theme_css(files, config)
    return files


THEME_CSS_RE = re.compile(r"assets/stylesheets/(main\.[0-9a-f]+\.min\.css)")
# Material's main style sheet's file name -> its pruned copy's (nnsite/themecss.py),
# and the class prefixes whose rules were dropped.
_THEME_CSS: dict[str, str] = {}
_PRUNED_PREFIXES: list[str] = []


def _prune_theme_css(files: Files, config: MkDocsConfig) -> None:
    """Replace Material's main style sheet by a copy without the rules of features no
    configured Markdown extension can produce (nnsite/themecss.py)."""
    _THEME_CSS.clear()
    prefixes = themecss.unused_prefixes(config.markdown_extensions)
    _PRUNED_PREFIXES[:] = prefixes
    if not prefixes:
        return
    for file in list(files):
        match = THEME_CSS_RE.fullmatch(file.src_uri)
        if match is None or file.abs_src_path is None:
            continue
        css, dropped = themecss.prune(Path(file.abs_src_path).read_text("utf-8"), prefixes)
        name = themecss.hashed_name(match[1], css)
        files.remove(file)
        source_map = files.get_file_from_path(file.src_uri + ".map")
        if source_map is not None:
            files.remove(source_map)
        files.append(File.generated(config, f"assets/stylesheets/{name}", content=css))
        _THEME_CSS[match[1]] = name
        log.info(f"{match[1]}: {dropped} selectors of unused features dropped ({name})")


def _use_pruned_theme_css(output: str) -> str:
    """Point a page at the pruned copy of Material's style sheet."""
    for old, new in _THEME_CSS.items():
        output = output.replace(f"assets/stylesheets/{old}", f"assets/stylesheets/{new}")
    return output


def _check_pruned_features(html: str, source: Path | None, label: str) -> None:
    """A page with an element of a pruned feature (written as raw HTML) would show it
    unstyled: the build stops before any page is written, naming the line."""
    for prefix in _PRUNED_PREFIXES:
        pattern = rf'class="(?:[^"]*\s)?{re.escape(prefix)}'
        if re.search(pattern, html):
            lines = source.read_text(encoding="utf-8").splitlines() if source else []
            line = next((i for i, text in enumerate(lines, 1) if re.search(pattern, text)), 0)
            raise PluginError(
                f"{label}:{line}: an element of class '{prefix}...', whose styles are dropped "
                "because no Markdown extension in mkdocs.yml produces it "
                "(nnsite/themecss.py); enable that extension"
            )


def _site_path(page_url: str, href: str) -> str:
    """A link written on the page at page_url, as a path from the site's root."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_url), href))


STYLESHEET_RE = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
INLINE_CSS_MAX = 16_000  # bytes: the palette (12 KB, 2 KB gzipped) and ours


def _inline_small_stylesheets(output: str, page_url: str, sources: list[Path]) -> str:
    """Small style sheets (the palette's, ours) written into the page: each render-blocking
    request costs a round trip before the first paint on a slow connection. Material's
    main style sheet (about 140 KB) stays a cached file. ``sources``: the folders the
    site's files come from (docs/, then the theme's)."""

    def inline(match: re.Match) -> str:
        href = match[1]
        if ":" in href or href.startswith("/"):
            return match[0]
        path = _site_path(page_url, href)
        source = next((d / path for d in sources if (d / path).is_file()), None)
        if source is None:
            return match[0]
        css = source.read_text(encoding="utf-8")
        if len(css.encode()) > INLINE_CSS_MAX or "url(" in css or "sourceMappingURL" in css:
            return match[0]
        return f"<style>{css.strip()}</style>"

    return STYLESHEET_RE.sub(inline, output)


IMG_RE = re.compile(r'<img ((?:(?!width=)[^>])*?)src="([^":]+)"([^>]*)>')
SVG_SIZE_RE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)(pt|px)?"[^>]*?\sheight="([\d.]+)(pt|px)?"')
PT_TO_PX = 4 / 3  # CSS: 1pt = 4/3 px; matplotlib writes its SVG sizes in pt


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in CSS pixels of an SVG (its width/height) or PNG (its header)."""
    if path.suffix not in (".svg", ".png"):
        return None
    with path.open("rb") as f:
        return _dimensions(path.suffix, f.read(4000))


def _dimensions(suffix: str, head: bytes) -> tuple[int, int] | None:
    """(width, height) in CSS pixels from the first bytes of an SVG or PNG file."""
    if suffix == ".svg":
        m = SVG_SIZE_RE.search(head.decode("utf-8", errors="replace"))
        if not m:
            return None
        scale = PT_TO_PX if m[2] == "pt" else 1
        return round(float(m[1]) * scale), round(float(m[3]) * scale)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


# An image written into the page (notebook outputs): its kind and its base64 data.
DATA_URL = r"data:image/(svg\+xml|png);base64,([A-Za-z0-9+/=]+)"
DATA_IMG_RE = re.compile(rf'<img ((?:(?!width=)[^>])*?)src="{DATA_URL}"([^>]*)>')


def _data_image_size(kind: str, data: str) -> tuple[int, int] | None:
    head = base64.b64decode(data[:5400])  # a multiple of 4 characters: about 4,000 bytes
    return _dimensions(".svg" if kind == "svg+xml" else ".png", head)


def _sized_images(output: str, page_url: str, site_root: Path) -> str:
    """Each figure gets width and height attributes (its aspect ratio, with Material's
    height: auto): the browser reserves its box before the file arrives, so the text
    does not jump as lazy figures load while the reader scrolls (nor a jump to a heading
    land above it)."""

    def size(match: re.Match) -> str:
        rel = _site_path(page_url, match[2])
        dims = image_size(site_root / rel) if not rel.startswith("..") else None
        if dims is None:
            return match[0]
        return f'<img {match[1]}src="{match[2]}" width="{dims[0]}" height="{dims[1]}"{match[3]}>'

    def data_size(match: re.Match) -> str:
        dims = _data_image_size(match[2], match[3])
        if dims is None:
            return match[0]
        return (
            f'<img {match[1]}src="data:image/{match[2]};base64,{match[3]}" '
            f'width="{dims[0]}" height="{dims[1]}"{match[4]}>'
        )

    # Notebook outputs come as data: URLs (mkdocs-jupyter).
    return DATA_IMG_RE.sub(data_size, IMG_RE.sub(size, output))


NOTEBOOK_FIGURE_RE = re.compile(rf'(<img [^>]*?src="){DATA_URL}"')


def _notebook_figures(output: str, page) -> str:
    """A notebook's figures as files beside its page instead of data: URLs inside it
    (mkdocs-jupyter's way): the page shrinks from about 530 KB to 170 KB gzipped, its
    text comes first and each figure loads as the reader reaches it (loading="lazy",
    its size already in the tag). A file is named by its content: the same figure in
    both languages, or in two builds, is the same file."""
    folder = Path(page.file.abs_dest_path).parent

    def extract(match: re.Match) -> str:
        data = base64.b64decode(match[3])
        suffix = "svg" if match[2] == "svg+xml" else "png"
        name = f"fig-{hashlib.sha256(data).hexdigest()[:16]}.{suffix}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        return f'{match[1]}{name}"'

    return NOTEBOOK_FIGURE_RE.sub(extract, output)


CLASS_ATTR_RE = re.compile(r"""\sclass=(["'])(.*?)\1""", re.S)


def page_classes(html: str) -> set[str]:
    """Every class named in the page's class attributes."""
    return {c for m in CLASS_ATTR_RE.finditer(html) for c in m[2].split()}


JUPYTER_STYLE_RE = re.compile(r"(<style[^>]*>)([^<]*\.jupyter-wrapper[^<]*)(</style>)")


def _notebook_styles(output: str) -> str:
    """mkdocs-jupyter writes JupyterLab's whole style sheet into each notebook page
    (560 KB: the lab's panels, menus, widgets and icons). Only the rules that can match
    an element of the page are kept (nnsite/themecss.py, :func:`prune_for_page`)."""
    classes = page_classes(output)

    def prune(match: re.Match) -> str:
        css, _ = themecss.prune_for_page(match[2], classes)
        return match[1] + css + match[3]

    return JUPYTER_STYLE_RE.sub(prune, output)


PALETTE_FORM = '<form class="md-header__option" data-md-component="palette">'


def _own_palette_switch(output: str) -> str:
    """The light/dark switch is driven by overrides/assets/javascripts/palette.js, not by
    Material's component (which restyles the whole page two or three times on load)."""
    return output.replace(PALETTE_FORM, '<form class="md-header__option" data-nnsite-palette>', 1)


BUNDLE_RE = re.compile(
    r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>'
)
LOADER_TAG = "<script data-nnsite-bundle>"


def _lazy_bundle(output: str, label: str) -> str:
    """Material's script tag goes; the loader written before it
    (overrides/partials/lazy-material.html) fetches the script when it is needed and
    gets its address here."""
    match = BUNDLE_RE.search(output)
    if match is None or output.count(LOADER_TAG) != 1:
        raise PluginError(f"{label}: no Material script tag, or no loader for it, in the page")
    output = output[: match.start()] + output[match.end() :]
    return output.replace(LOADER_TAG, f'<script data-nnsite-bundle="{match[1]}">', 1)


ARTICLE_RE = re.compile(r'(<article class="md-content__inner md-typeset">)')


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """Put the page's MathJax style sheet in its head; drop the code spans that change
    nothing on screen (nnsite/slim.py); write small style sheets into the page; let
    Material's script load when it is needed; drive the palette switch with our script;
    size the figures. On notebook pages: put the figures in files of their own, keep
    only the JupyterLab style rules the page can use, and give a download link
    (mkdocs-jupyter copies the .ipynb beside the page; Material 9.8 no longer shows its
    button). Point each translated page's search at its own language's index."""
    language, default = _language(config)
    style = _MATH_STYLES.pop(page.file.src_uri, "")
    if style:
        output = output.replace("</head>", style + "</head>", 1)
    output = slim.slim_code(output)
    output = _use_pruned_theme_css(output)
    sources = [Path(config.docs_dir), *map(Path, config.theme.dirs)]
    output = _inline_small_stylesheets(output, page.url, sources)
    output = _own_palette_switch(_lazy_bundle(output, page.file.src_uri))
    output = _sized_images(output, page.url, _root(config))
    if page.file.src_uri.endswith(".ipynb"):
        output = _notebook_styles(_notebook_figures(output, page))
        name = Path(page.file.src_uri).name
        label = TEXT["es" if default else "en"]["download"]
        link = f'<p class="notebook-download"><a href="{name}" download>{label} ({name})</a></p>'
        output = ARTICLE_RE.sub(lambda m: m[1] + link, output, count=1)
    if default:
        return output
    return CONFIG_BASE_RE.sub(
        lambda m: f'{m[1]}{m[2].rstrip("/") or "."}/{language}/"', output, count=1
    )


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Pages rendered from a template alone (404.html) load the same style sheets, and
    Material's script the same way."""
    output = _use_pruned_theme_css(output)
    return _lazy_bundle(output, template_name) if template_name.endswith(".html") else output


@event_priority(-200)  # after mkdocs-static-i18n has written the stacked index
def on_post_build(config: MkDocsConfig) -> None:
    i18n = _i18n(config)
    if i18n is None or i18n.building:
        return
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if not index_path.is_file():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
    by_language: dict[str, list] = {lang: [] for lang in [i18n.default_language, *others]}
    for doc in index["docs"]:
        if f"/{notebooks.NOTEBOOK_STEM}/" in doc["location"]:
            continue  # notebooks repeat the pages' code; searching them buries the sections
        prefix = doc["location"].split("/", 1)[0]
        if prefix in others:
            doc = dict(doc, location=doc["location"][len(prefix) + 1 :])
            by_language[prefix].append(doc)
        else:
            by_language[i18n.default_language].append(doc)
    for lang, docs in by_language.items():
        target = (
            index_path
            if lang == i18n.default_language
            else (Path(config.site_dir) / lang / "search" / "search_index.json")
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        split = dict(index, config=dict(index["config"], lang=[lang]), docs=docs)
        target.write_text(json.dumps(split, ensure_ascii=False, separators=(",", ":")), "utf-8")
    log.info("search index split: " + ", ".join(f"{k} {len(v)}" for k, v in by_language.items()))
