"""Lighthouse budget of the built site (make bench-site): a benchmark, not a test.

Builds the site into a temporary folder, serves it on 127.0.0.1 with gzip (as any real
host does; Python's http.server alone does not compress), installs npm lighthouse into
.cache/lighthouse if needed, and audits, in Lighthouse's default mobile mode, the home
page, the heaviest chapter page and the heaviest notebook page, three times each
(Lighthouse's scores vary from run to run). Prints the medians of performance,
accessibility, best practices, SEO, KiB transferred and total blocking time, against
the targets 100/100/100/100 and <= 400 KiB (chapter page).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = "lighthouse@12.2.3"
CACHE = ROOT / ".cache" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHAPTER_BUDGET_KIB = 400
REPORTS = CACHE / "reports"  # the full Lighthouse reports (JSON), kept for reading
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it, cacheable like a real host's."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # http.server redirects to the slash
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path):
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def build(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stderr[-4000:]}")


def lighthouse() -> Path:
    """The lighthouse CLI, installed into .cache/lighthouse on first use."""
    binary = CACHE / "node_modules" / ".bin" / "lighthouse"
    package = CACHE / "node_modules" / "lighthouse" / "package.json"
    wanted = LIGHTHOUSE.split("@")[1]
    if not (binary.exists() and json.loads(package.read_text())["version"] == wanted):
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), LIGHTHOUSE],
            check=True,
        )
    return binary


def heaviest(site: Path, notebooks: bool) -> str:
    """The Spanish chapter page with the most bytes (HTML, with its typeset formulas, and
    its images), among section pages or among the pages rendered from notebooks."""

    def weight(page: Path) -> int:
        html = page.read_text(encoding="utf-8")
        images = re.findall(r'<img[^>]+src="([^"]+)"', html)
        return page.stat().st_size + sum(
            (page.parent / src).stat().st_size
            for src in images
            if ":" not in src and (page.parent / src).is_file()
        )

    pages = [
        p
        for p in site.glob("ch1[0-9]/*/index.html")
        if ('<div class="jupyter-wrapper">' in p.read_text(encoding="utf-8")) == notebooks
    ]
    if not pages:
        return ""
    return max(pages, key=weight).parent.relative_to(site).as_posix() + "/"


def audit(binary: Path, url: str, report: Path) -> dict[str, float]:
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=env,
        check=True,
    )
    result = json.loads(report.read_text())
    scores = {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES}
    scores["KiB"] = result["audits"]["total-byte-weight"]["numericValue"] / 1024
    scores["TBT"] = result["audits"]["total-blocking-time"]["numericValue"]
    scores["failed"] = [
        audit_id
        for c in CATEGORIES
        for ref in result["categories"][c]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"])
        and (result["audits"][audit_id]["score"] or 0) < 0.9
        and result["audits"][audit_id]["scoreDisplayMode"] not in {"notApplicable", "manual"}
    ]
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="audit this built site instead of building")
    parser.add_argument(
        "--runs", type=int, default=3, help="audits per page; the table shows medians"
    )
    args = parser.parse_args()
    binary = lighthouse()
    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site)
        pages = {
            "home": "",
            "chapter": heaviest(site, notebooks=False),
            "notebook": heaviest(site, notebooks=True),
        }
        rows = []
        with serve(site) as url:
            for name, path in pages.items():
                if name != "home" and not path:
                    continue
                runs = []
                for run in range(args.runs):
                    report = REPORTS / f"{name}-{run + 1}.json"
                    runs.append(audit(binary, url + path, report))
                rows.append((name, path, runs))
    print(
        f"\n{'page':<40} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'SEO':>5} {'KiB':>7}"
        f" {'TBT ms':>7}  perf in each run"
    )
    for name, path, runs in rows:
        s = {k: statistics.median(r[k] for r in runs) for k in [*CATEGORIES, "KiB", "TBT"]}
        label = f"{name} (/{path})"
        print(
            f"{label:<40} {s['performance']:>5.0f} {s['accessibility']:>5.0f} "
            f"{s['best-practices']:>5.0f} {s['seo']:>5.0f} {s['KiB']:>7.0f} {s['TBT']:>7.0f}"
            f"  {', '.join(str(r['performance']) for r in runs)}"
        )
    print(f"{'target':<40} {100:>5} {100:>5} {100:>5} {100:>5} {CHAPTER_BUDGET_KIB:>7}")
    print(
        f"(medians of {args.runs} runs; KiB target for the chapter page; the notebook "
        "page is shown for information)"
    )
    print(f"full reports: {REPORTS}/<page>-<run>.json")
    for name, _, runs in rows:
        failed = sorted({audit_id for r in runs for audit_id in r["failed"]})
        if failed:
            print(f"{name}: audits below 90 in some run: {', '.join(failed)}")


if __name__ == "__main__":
    main()
