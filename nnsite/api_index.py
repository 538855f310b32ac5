"""The API index: every Keras and TensorFlow symbol the snippets use, parsed from their code.

Like sphinx-gallery's backreferences: each symbol links to the pages whose snippets use it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

TOP_LEVEL = {"keras": "keras", "tensorflow": "tensorflow", "keras_tuner": "keras_tuner"}


def _aliases(tree: ast.AST) -> dict[str, str]:
    """Local name -> dotted module path, for imports from Keras, TensorFlow and Keras Tuner."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in TOP_LEVEL:
                    names[alias.asname or alias.name.split(".")[0]] = (
                        alias.name if alias.asname else alias.name.split(".")[0]
                    )
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] in TOP_LEVEL:
                for alias in node.names:
                    names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _dotted(node: ast.AST) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    return None


def symbols(source: str) -> set[str]:
    """Fully qualified Keras/TensorFlow names used in a piece of code."""
    tree = ast.parse(source)
    aliases = _aliases(tree)
    found: set[str] = set()
    inner: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and id(node) not in inner:
            child = node.value
            while isinstance(child, ast.Attribute):
                inner.add(id(child))
                child = child.value
            parts = _dotted(node)
            if parts and parts[0] in aliases:
                found.add(".".join([aliases[parts[0]], *parts[1:]]))
        elif isinstance(node, ast.Name) and node.id in aliases and "." in aliases[node.id]:
            found.add(aliases[node.id])
    # keep only leaves: drop "keras.layers" when "keras.layers.Dense" is there
    return {s for s in found if not any(o.startswith(s + ".") for o in found) and "." in s}


def index(snippet_pages: dict[str, list[str]], root: Path) -> dict[str, list[str]]:
    """symbol -> sorted pages, from {snippet path: pages that show it}."""
    result: dict[str, set[str]] = defaultdict(set)
    for path, pages in snippet_pages.items():
        for symbol in symbols((root / path).read_text(encoding="utf-8")):
            result[symbol].update(pages)
    return {s: sorted(p) for s, p in sorted(result.items(), key=lambda kv: kv[0].casefold())}


def table(entries: dict[str, list[str]], titles: dict[str, str], language: str) -> str:
    header = "| Símbolo | Dónde se usa |" if language == "es" else "| Symbol | Where it is used |"
    rows = [header, "| --- | --- |"]
    for symbol, pages in entries.items():
        links = ", ".join(f"[{titles.get(p, p)}]({p})" for p in pages)
        shown = (
            "tf." + symbol.removeprefix("tensorflow.")
            if symbol.startswith("tensorflow.")
            else symbol
        )
        rows.append(f"| `{shown}` | {links} |")
    return "\n".join(rows)
