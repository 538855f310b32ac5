"""MkDocs hook: run stale snippets before pages render, publish their figures,
serve MathJax from the site itself, and give each language its own search index."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from nnsite import runner

log = logging.getLogger("mkdocs.plugins.nnsite")

FIGURE_SUFFIXES = {".svg", ".png", ".jpg", ".webp"}
MATHJAX_PARTS = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions")
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
    try:
        runner.prepare(Path(config.docs_dir), _root(config), log=log.info, execute=execute)
    except runner.SnippetError as exc:
        raise PluginError(str(exc)) from None


def _add(files: Files, config: MkDocsConfig, src_uri: str, abs_path: Path) -> None:
    if files.get_file_from_path(src_uri) is None:
        files.append(File.generated(config, src_uri, abs_src_path=str(abs_path)))


def _mathjax_dir() -> Path:
    spec = importlib.util.find_spec("mathjax")  # from the django-static-mathjax package
    if spec is None or not spec.submodule_search_locations:
        raise PluginError("MathJax is not installed: run 'make build' to set up .venv")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = _root(config)
    for path in sorted((root / "figures").rglob("*")):
        rel = path.relative_to(root)
        hidden = any(part.startswith(".") for part in rel.parts)
        if path.suffix in FIGURE_SUFFIXES and path.is_file() and not hidden:
            _add(files, config, rel.as_posix(), path)
    mathjax = _mathjax_dir()
    for part in MATHJAX_PARTS:
        source = mathjax / part
        for path in [source] if source.is_file() else sorted(source.rglob("*")):
            if path.is_file():
                _add(files, config, f"assets/mathjax/{path.relative_to(mathjax).as_posix()}", path)
    loader = Path(__file__).with_name("mathjax-loader.js")
    _add(files, config, "assets/mathjax/loader.js", loader)
    return files


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """Point each translated page's search at its own language's index."""
    language, default = _language(config)
    if default:
        return output
    return CONFIG_BASE_RE.sub(
        lambda m: f'{m[1]}{m[2].rstrip("/") or "."}/{language}/"', output, count=1
    )


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
