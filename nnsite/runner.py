"""Find the snippets that pages use, and run the stale ones.

A page uses a snippet when it includes its code (``--8<-- "snippets/ch10/x.py"``,
optionally ``:section``), its captured output (``--8<-- "figures/ch10/x/output.txt"``)
or one of its figures (``![alt](../figures/ch10/x/name.svg)``).

Each snippet runs in its own process with its output folder as working
directory, so it saves figures with plain relative names (``plt.savefig("x.svg")``)
and stays copyable into a notebook. Its standard output is kept in
``output.txt``. The folder is replaced only when the run succeeds; a failing
snippet leaves no output behind.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent


def copy_project(dest: Path, *, figures: bool = True) -> Path:
    """A throw-away copy of the project, for tests and benchmarks that break or rebuild it.
    Build outputs and caches are left out at the top level only (snippets/site/ is a
    source); figures/ (the snippet cache) is copied unless figures=False."""
    top_level = {".venv", "site", ".git", ".cache", ".pytest_cache", ".ruff_cache"}
    if not figures:
        top_level.add("figures")
    anywhere = shutil.ignore_patterns("__pycache__", "*.egg-info")

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = top_level & set(names) if Path(folder) == ROOT else set()
        return top | anywhere(folder, names)

    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


PACKAGE = "nnsite"
MATPLOTLIBRC = Path(__file__).resolve().parent / "matplotlibrc"  # keyed by name only
LOCK_FILE = "requirements.lock"
OUTPUT_NAME = "output.txt"
META_NAME = ".meta.json"
# Bump when the way snippets are run changes, so every cache entry goes stale.
RUNNER_VERSION = "1"

INCLUDE_RE = re.compile(r'^\s*-{2,}8<-{2,}\s+"(?P<path>[^"]+)"\s*$')
IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<url>[^)\s]+)")
SECTION_START_RE = re.compile(r"^\s*#\s*-{2,}8<-{2,}\s*\[start:(?P<name>[\w-]+)\]")


class SnippetError(Exception):
    """A problem that must fail the build; the message names file and line."""


@dataclass(frozen=True)
class Reference:
    """One place where a page uses a snippet, its output or one of its figures."""

    page: str  # docs-relative path of the page
    line: int
    kind: str  # "code", "output" or "figure"
    target: str  # project-relative path (snippet file, or file in figures/)
    section: str | None = None

    @property
    def where(self) -> str:
        return f"docs/{self.page}:{self.line}"


@dataclass
class Snippet:
    path: str  # project-relative, e.g. snippets/ch10/activations.py
    references: list[Reference] = field(default_factory=list)

    @property
    def runs_at_build(self) -> bool:
        """Loaders of downloadable data sets (snippets/chNN/datasets/) are shown, never run
        by the build: the tests run them on small files of the same format."""
        return "datasets" not in PurePosixPath(self.path).parts

    @property
    def out_dir(self) -> str:
        """figures/ch10/activations for snippets/ch10/activations.py."""
        rel = PurePosixPath(self.path).relative_to("snippets").with_suffix("")
        return str(PurePosixPath("figures") / rel)


def snippet_for_output(target: str) -> str | None:
    """The snippet that writes a file in figures/ (figures/ch10/x/y.svg -> snippets/ch10/x.py)."""
    parts = PurePosixPath(target).parts
    if len(parts) < 3 or parts[0] != "figures":
        return None
    return str(PurePosixPath("snippets", *parts[1:-1]).with_suffix(".py"))


def scan_pages(docs_dir: Path, root: Path = ROOT) -> list[Reference]:
    """Every reference to a snippet, an output or a figure in the Markdown pages."""
    refs: list[Reference] = []
    for md in sorted(docs_dir.rglob("*.md")):
        page = md.relative_to(docs_dir).as_posix()
        for number, line in enumerate(md.read_text(encoding="utf-8").splitlines(), 1):
            include = INCLUDE_RE.match(line)
            if include:
                path, _, section = include["path"].partition(":")
                if path.startswith("snippets/"):
                    refs.append(Reference(page, number, "code", path, section or None))
                elif path.startswith("figures/"):
                    refs.append(Reference(page, number, "output", path))
                continue
            for image in IMAGE_RE.finditer(line):
                url = image["url"]
                if "://" in url:
                    continue
                resolved = os.path.normpath(os.path.join(os.path.dirname(page), url))
                if resolved.replace(os.sep, "/").startswith("figures/"):
                    refs.append(Reference(page, number, "figure", resolved.replace(os.sep, "/")))
    return refs


def collect(refs: Iterable[Reference], root: Path = ROOT) -> dict[str, Snippet]:
    """Group references by snippet, checking that each snippet and section exists."""
    snippets: dict[str, Snippet] = {}
    for ref in refs:
        path = ref.target if ref.kind == "code" else snippet_for_output(ref.target)
        if path is None:
            raise SnippetError(f"{ref.where}: '{ref.target}' is not inside a snippet's folder")
        source = root / path
        if not source.is_file():
            what = "snippet" if ref.kind == "code" else f"snippet that writes '{ref.target}'"
            raise SnippetError(f"{ref.where}: {what} '{path}' does not exist")
        if ref.section and ref.section not in sections(source):
            raise SnippetError(
                f"{ref.where}: section '{ref.section}' does not exist in '{path}' "
                f"(sections: {', '.join(sorted(sections(source))) or 'none'})"
            )
        snippet = snippets.setdefault(path, Snippet(path))
        if ref.kind != "code" and not snippet.runs_at_build:
            raise SnippetError(f"{ref.where}: '{path}' is a data-set loader; it writes no output")
        snippet.references.append(ref)
    return snippets


def sections(source: Path) -> set[str]:
    text = source.read_text(encoding="utf-8")
    return {m["name"] for line in text.splitlines() if (m := SECTION_START_RE.match(line))}


def project_imports(source: Path, root: Path = ROOT, seen: set[Path] | None = None) -> set[Path]:
    """Files of this project's package that a snippet imports, directly or not."""
    seen = set() if seen is None else seen
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            if name.split(".")[0] != PACKAGE:
                continue
            base = root / Path(*name.split("."))
            for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                if candidate.is_file() and candidate not in seen:
                    seen.add(candidate)
                    project_imports(candidate, root, seen)
    return seen


def cache_key(snippet: Snippet, root: Path = ROOT) -> str:
    """Hash of what a snippet's outputs depend on; the same in any copy of the project."""
    digest = hashlib.sha256()
    source = root / snippet.path
    inputs = [(snippet.path, source)]
    inputs += [(p.relative_to(root).as_posix(), p) for p in sorted(project_imports(source, root))]
    inputs += [(LOCK_FILE, root / LOCK_FILE), ("matplotlibrc", MATPLOTLIBRC)]
    for label, path in inputs:
        digest.update(label.encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    digest.update(sys.version.encode())
    digest.update(RUNNER_VERSION.encode())
    return digest.hexdigest()


def read_meta(out_dir: Path) -> dict:
    try:
        return json.loads((out_dir / META_NAME).read_text())
    except (OSError, ValueError):
        return {}


def is_fresh(snippet: Snippet, root: Path = ROOT) -> bool:
    return read_meta(root / snippet.out_dir).get("key") == cache_key(snippet, root)


def snippet_env(threads: int, root: Path = ROOT) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")])),
        PYTHONHASHSEED="0",
        MPLBACKEND="Agg",
        MATPLOTLIBRC=str(MATPLOTLIBRC),
        SOURCE_DATE_EPOCH="0",  # no dates in SVG metadata
        TF_CPP_MIN_LOG_LEVEL="3",
        TF_DETERMINISTIC_OPS="1",
        TF_NUM_INTRAOP_THREADS=str(threads),
        TF_NUM_INTEROP_THREADS="1",
        CUDA_VISIBLE_DEVICES="-1",
        KERAS_BACKEND="tensorflow",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def failure_message(snippet: Snippet, source: Path, stderr: str, code: int) -> str:
    lines = re.findall(rf'File "{re.escape(str(source))}", line (\d+)', stderr)
    where = f"{snippet.path}:{lines[-1]}" if lines else snippet.path
    used = ", ".join(ref.where for ref in snippet.references[:3])
    tail = "\n".join(stderr.strip().splitlines()[-40:])
    return f"{where}: snippet failed (exit code {code}), used by {used}\n{tail}"


def run_one(snippet: Snippet, root: Path, threads: int, timeout: float) -> float:
    """Run one snippet into a fresh folder; replace its outputs only on success."""
    source = (root / snippet.path).resolve()
    out_dir = root / snippet.out_dir
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    key = cache_key(snippet, root)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    start = time.perf_counter()
    try:
        try:
            proc = subprocess.run(
                [sys.executable, str(source)],
                cwd=work,
                env=snippet_env(threads, root),
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as exc:
            raise SnippetError(f"{snippet.path}: snippet ran longer than {timeout:.0f} s") from exc
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise SnippetError(failure_message(snippet, source, proc.stderr, proc.returncode))
        (work / OUTPUT_NAME).write_text(proc.stdout, encoding="utf-8")
        meta = {"key": key, "seconds": round(seconds, 2), "snippet": snippet.path}
        (work / META_NAME).write_text(json.dumps(meta, indent=1) + "\n")
        shutil.rmtree(out_dir, ignore_errors=True)
        work.rename(out_dir)
        return seconds
    except BaseException:
        shutil.rmtree(out_dir, ignore_errors=True)  # nothing stale may be shown
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check_outputs(snippets: dict[str, Snippet], root: Path = ROOT) -> None:
    """Every output and figure that a page names was written by its snippet."""
    for snippet in snippets.values():
        for ref in snippet.references:
            if ref.kind != "code" and not (root / ref.target).is_file():
                written = sorted(
                    p.name for p in (root / snippet.out_dir).glob("*") if not p.name.startswith(".")
                )
                raise SnippetError(
                    f"{ref.where}: '{ref.target}' was not written by '{snippet.path}' "
                    f"(it wrote: {', '.join(written) or 'nothing'})"
                )


def run_stale(
    snippets: dict[str, Snippet],
    root: Path = ROOT,
    log: Callable[[str], None] = print,
    execute: bool = True,
    timeout: float = 600,
) -> list[str]:
    """Run every stale snippet, in parallel up to the cores. Returns the paths that ran."""
    stale = [s for s in snippets.values() if s.runs_at_build and not is_fresh(s, root)]
    if not execute:
        log(f"execution off: {len(stale)} stale snippet(s) not run")
        check_outputs(snippets, root)
        return []
    if not stale:
        log(f"{len(snippets)} snippets, all up to date")
        check_outputs(snippets, root)
        return []
    cores = os.cpu_count() or 1
    workers = max(1, min(cores, len(stale)))
    threads = max(1, cores // workers)
    log(f"{len(snippets)} snippets, {len(stale)} to run on {workers} worker(s)")
    errors: list[str] = []

    def task(snippet: Snippet) -> None:
        try:
            seconds = run_one(snippet, root, threads, timeout)
            log(f"ran {snippet.path} in {seconds:.1f} s")
        except SnippetError as exc:
            errors.append(str(exc))
            log(f"FAILED {snippet.path}")

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(task, stale))
    if errors:
        raise SnippetError("\n\n".join(sorted(errors)))
    check_outputs(snippets, root)
    return [s.path for s in stale]


def prepare(docs_dir: Path, root: Path = ROOT, **kwargs) -> dict[str, Snippet]:
    """Scan the pages, run what is stale, check what the pages name. The build's entry point."""
    snippets = collect(scan_pages(docs_dir, root), root)
    run_stale(snippets, root, **kwargs)
    return snippets


def main(argv: list[str] | None = None) -> int:
    """python -m nnsite.runner: run the stale snippets without building the site."""
    try:
        prepare(ROOT / "docs")
    except SnippetError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
