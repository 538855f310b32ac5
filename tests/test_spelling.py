"""Spelling of the built pages: pyspelling with .pyspelling.yml (hunspell es_ES on the
Spanish pages, en_US on the English ones), run on the site the tests build."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pyspelling
import yaml

from tests.conftest import ROOT

CONFIG = ROOT / ".pyspelling.yml"


def config_for(site: Path, tmp: Path) -> Path:
    """.pyspelling.yml with its sources moved from site/ to the built site, its compiled
    dictionaries written into tmp and its word lists found from anywhere."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    for task in config["matrix"]:
        task["sources"] = [s.replace("site/", f"{site}/") for s in task["sources"]]
        task["dictionary"]["output"] = str(tmp / f"{task['name']}.dic")
        task["dictionary"]["wordlists"] = [str(ROOT / w) for w in task["dictionary"]["wordlists"]]
    path = tmp / "pyspelling.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def unknown_words(site: Path, tmp: Path) -> dict[str, dict[str, set[str]]]:
    """task name -> unknown word -> pages where it appears."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    config = config_for(site, tmp)
    for task in yaml.safe_load(config.read_text(encoding="utf-8"))["matrix"]:
        checked = 0
        for result in pyspelling.spellcheck(str(config), names=[task["name"]]):
            assert not result.error, f"{result.context}: {result.error}"
            checked += 1
            page = Path(result.context).relative_to(site).parent.as_posix()
            for word in result.words:
                found[task["name"]][word].add(f"/{page}/".replace("/./", "/"))
        assert checked > 5, f"pyspelling checked only {checked} pages for '{task['name']}'"
    return found


def test_pages_are_spelled_correctly(built_site, tmp_path):
    assert shutil.which("hunspell"), "hunspell is missing: apt-get install hunspell hunspell-es"
    found = unknown_words(built_site, tmp_path)
    lines = [
        f"{lang}: {word}  ({', '.join(sorted(pages)[:3])}{', ...' if len(pages) > 3 else ''})"
        for lang, words in sorted(found.items())
        for word, pages in sorted(words.items())
    ]
    assert not lines, (
        "unknown words (correct the page, or add a real term to spelling/wordlist-LANG.txt):\n"
        + "\n".join(lines)
    )
