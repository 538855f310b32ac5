"""Build-time benchmark (make bench): medians of a few builds in a throw-away copy.

Prints a table: cold build (cache emptied), warm build (nothing changed),
build after touching one snippet (and how many snippets ran), warm build with
execution switched off, the warm / execution-off ratio (target <= 1.15); then
the per-chapter budgets: each snippet's run time (<= 20 s), each figure's size
(<= 150 KB) and each chapter's snippets run alone, cold (ch10 <= 120 s,
ch11 <= 150 s).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nnsite import runner

ROOT = runner.ROOT
SNIPPET_BUDGET_S = 20.0
FIGURE_BUDGET_KB = 150.0
CHAPTER_BUDGET_S = {"ch10": 120.0, "ch11": 150.0}
RATIO_TARGET = 1.15


def build(project: Path, execute: bool = True) -> tuple[float, int]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NNSITE_EXECUTE="1" if execute else "0")
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stderr[-4000:]}")
    ran = len(re.findall(r"ran snippets/\S+ in", proc.stderr))
    return seconds, ran


def chapter_cold(project: Path, chapter: str) -> float:
    """Run only one chapter's snippets from an empty cache (what its pages need)."""
    shutil.rmtree(project / "figures" / chapter, ignore_errors=True)
    refs = [r for r in runner.scan_pages(project / "docs", project) if r.page.startswith(chapter)]
    found = runner.collect(refs, project)
    start = time.perf_counter()
    runner.run_stale(found, project, log=lambda _: None)
    return time.perf_counter() - start


def row(name: str, values: list[float], extra: str = "") -> str:
    shown = ", ".join(f"{v:.1f}" for v in values)
    return f"| {name} | {statistics.median(values):.1f} | {shown} | {extra} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nnsite-bench-") as tmp:
        project = Path(tmp) / "project"
        runner.copy_project(project, figures=False)
        (project / "figures").mkdir()
        cold, warm, touched, ran_touched, off = [], [], [], [], []
        for _ in range(args.runs):
            shutil.rmtree(project / "figures")
            (project / "figures").mkdir()
            cold.append(build(project)[0])
        for _ in range(args.runs):
            warm.append(build(project)[0])
        some = sorted((project / "snippets").glob("ch10/*.py"))[0]
        for i in range(args.runs):
            some.write_text(some.read_text() + f"# toque {i}\n")
            seconds, ran = build(project)
            touched.append(seconds)
            ran_touched.append(ran)
        for _ in range(args.runs):
            off.append(build(project, execute=False)[0])

        ratio = statistics.median(warm) / statistics.median(off)
        print("| build | median s | runs s | note |")
        print("| --- | --- | --- | --- |")
        print(row("cold (cache emptied)", cold))
        print(row("warm (no change)", warm))
        print(row("one snippet touched", touched, f"snippets run: {sorted(set(ran_touched))}"))
        print(row("execution off", off))
        print(f"| warm / execution off | {ratio:.2f} | | target <= {RATIO_TARGET} |")

        print("\n| chapter | cold snippets s | budget s | slowest snippet s | largest figure KB |")
        print("| --- | --- | --- | --- | --- |")
        over: list[str] = []
        for chapter, budget in CHAPTER_BUDGET_S.items():
            seconds = chapter_cold(project, chapter)
            metas = [
                json.loads(p.read_text())
                for p in (project / "figures" / chapter).rglob(".meta.json")
            ]
            figures = [
                p
                for p in (project / "figures" / chapter).rglob("*")
                if p.suffix in {".svg", ".png"}
            ]
            slowest = max((m["seconds"] for m in metas), default=0.0)
            largest = max((p.stat().st_size / 1024 for p in figures), default=0.0)
            print(f"| {chapter} | {seconds:.1f} | {budget:.0f} | {slowest:.1f} | {largest:.0f} |")
            over += [
                f"{m['snippet']}: {m['seconds']:.1f} s"
                for m in metas
                if m["seconds"] > SNIPPET_BUDGET_S
            ]
            over += [
                f"{p.relative_to(project)}: {p.stat().st_size / 1024:.0f} KB"
                for p in figures
                if p.stat().st_size / 1024 > FIGURE_BUDGET_KB
            ]
            if seconds > budget:
                over.append(f"{chapter}: cold {seconds:.1f} s > {budget:.0f} s")
        print("\nOver budget: " + ("; ".join(over) if over else "nothing"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
