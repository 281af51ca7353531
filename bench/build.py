"""Benchmark: building the shipped curriculum against real pages on loopback.

    python bench/build.py            every week, 150 ms per response, two runs
    python bench/build.py --smoke    weeks 1 and 7 of the shortest pages, no latency, one run (for the tests)
    python bench/build.py --json     the figures as JSON

Each reading of curriculum.yaml is moved onto loopback (bench/loopback_web.py):
the readings of one site share a host (127.0.0.2, .3, ...) and keep their
paths; each is answered by a page of the shared readability corpus (real
articles with their site chrome; papers get the corpus's longest pages with
numbered sections and formulas), the images those pages show by stand-in
JPEGs from the same host. The report whose link is a landing page gets a
corpus page naming its PDF (citation_pdf_url), and a real PDF: a long corpus
article printed once with plain WeasyPrint before any timing. Every response
waits the same latency.

Each run, in a fresh folder, times three `packet build`s, each a new process
as an organizer runs it: the cold build (empty cache), a warm no-op rebuild
(the same command again), and a rebuild after one week's title changed. The
peak memory is that of the whole process tree (the build and its workers),
sampled from /proc every 20 ms and summed (bench/process_tree.py).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from loopback_web import ARTICLES, CORPUS, PAPERS, LoopbackWeb  # noqa: E402
from process_tree import PeakMemory  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from packet.load import load_curriculum  # noqa: E402

# About 20,000 words: a report-sized PDF; the smoke run's is a short one.
REPORT_PDF_PAGES = {False: "wikipedia-2", True: "telegraph"}
SMOKE_WEEKS = "1,7"  # a page with images, the report's landing page and PDF, an empty week
CHANGED_WEEK = {False: "5", True: "7"}


def report_pdf(corpus_name: str) -> bytes:
    """A corpus article printed as a PDF, the way a publisher's tool would."""
    import weasyprint

    def refuse(url, *args, **kwargs):
        raise ValueError(f"the report PDF is made offline: {url}")

    html = (CORPUS / corpus_name / "expected.html").read_text(encoding="utf-8")
    css = weasyprint.CSS(string="@page { size: letter; margin: 2cm } body { font: 10.5pt serif } img { display: none }")
    return weasyprint.HTML(string=html, url_fetcher=refuse).write_pdf(stylesheets=[css])


def shortest_first(names: tuple[str, ...]) -> list[str]:
    """The corpus pages by length, for a smoke run that only has to work."""
    return sorted(names, key=lambda name: (CORPUS / name / "expected.html").stat().st_size)


def serve_curriculum(web: LoopbackWeb, text: str, pdf: bytes, pdf_page: str, smoke: bool = False) -> tuple[str, dict[str, str]]:
    """The curriculum with every reading URL moved onto `web`, and which
    corpus page stands for each reading (the shortest pages in a smoke run)."""
    curriculum = load_curriculum(REPO / "curriculum.yaml")
    articles = iter(shortest_first(ARTICLES) if smoke else ARTICLES)
    papers = iter(shortest_first(PAPERS) if smoke else PAPERS)
    moved: dict[str, str] = {}
    page_of: dict[str, str] = {}
    for reading in curriculum.readings:
        if reading.url and reading.url not in moved:
            parts = urlsplit(reading.url)
            site, path = parts.hostname, parts.path or "/"
            if reading.kind == "report":
                name = next(articles)
                pdf_url = web.file(site, "/files/report.pdf", pdf, "application/pdf")
                moved[reading.url] = web.page(site, path, name, head=f'<meta name="citation_pdf_url" content="{pdf_url}">')
                name += f" (landing page) + PDF of {pdf_page}"
            else:
                name = next(papers) if reading.kind == "paper" else next(articles)
                moved[reading.url] = web.page(site, path, name)
            page_of[reading.url] = name
    standing_for = {r.id: page_of[r.url] for r in curriculum.readings if r.url}
    for old, new in moved.items():
        text = text.replace(f"    url: {old}\n", f"    url: {new}\n")
    return text, standing_for


def timed_build(curriculum: Path, out: Path, cache: Path, weeks: str | None) -> dict:
    command = [sys.executable, "-m", "packet", "build", str(curriculum), "--out", str(out),
               "--cache-dir", str(cache), "--quiet"]
    if weeks:
        command += ["--weeks", weeks]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakMemory(process.pid) as memory:
        _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"build failed ({process.returncode}): {stderr[-2000:]}")
    return {"seconds": round(seconds, 2), "exit": process.returncode,
            "rss_mb": round(memory.peak.rss / 2**20), "pss_mb": round(memory.peak.pss / 2**20),
            "processes": memory.peak.processes}


def one_run(text: str, web: LoopbackWeb, smoke: bool, keep: Path | None) -> dict:
    weeks = SMOKE_WEEKS if smoke else None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        curriculum = folder / "curriculum.yaml"
        curriculum.write_text(text)
        out, cache = folder / "build", folder / "cache"
        before = web.requests
        cold = timed_build(curriculum, out, cache, weeks)
        cold["requests"] = web.requests - before
        report = json.loads((out / "report.json").read_text())
        cold["not_had"] = [r["id"] for r in report.get("readings", []) if r.get("status") not in ("ok", "cached")]
        cold["whole_instead_of_sections"] = sorted(w.split(":")[0] for w in report.get("warnings", []) if "matched nothing" in w)
        cold["handout_pages"] = len(PdfReader(out / "handouts.pdf").pages)

        before = web.requests
        warm = timed_build(curriculum, out, cache, weeks)
        warm["requests"] = web.requests - before

        changed = CHANGED_WEEK[smoke]
        curriculum.write_text(re.sub(rf"(- number: {changed}\n    title: )(.*)", r"\1\2 (revised)", text, count=1))
        stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
        one_week = timed_build(curriculum, out, cache, weeks)
        one_week["rerendered"] = sorted(p.name for p in out.glob("*.pdf") if stamps.get(p.name) != p.stat().st_mtime_ns)
        if keep:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(folder, keep, ignore=shutil.ignore_patterns("cache"))
    return {"cold": cold, "warm": warm, "one_week": one_week}


def _range(values: list[float], unit: str, digits: int = 0) -> str:
    low, high = min(values), max(values)
    shown = f"{low:.{digits}f}" if round(low, digits) == round(high, digits) else f"{low:.{digits}f}-{high:.{digits}f}"
    return f"{shown}{unit}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="weeks 1 and 7 of the shortest pages, no latency, one run")
    parser.add_argument("--latency", type=float, default=None, help="seconds before every response (default 0.15)")
    parser.add_argument("--runs", type=int, default=None, help="how many times to run the whole sequence (default 2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, help="copy the last run's curriculum and outputs here, to look at")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"the shared corpus is not at {CORPUS}")
    latency = args.latency if args.latency is not None else (0.0 if args.smoke else 0.15)
    runs = args.runs or (1 if args.smoke else 2)

    pdf_page = REPORT_PDF_PAGES[args.smoke]
    with LoopbackWeb(latency) as web:
        text, standing_for = serve_curriculum(
            web, (REPO / "curriculum.yaml").read_text(), report_pdf(pdf_page), pdf_page, smoke=args.smoke
        )
        results = [one_run(text, web, args.smoke, args.keep) for _ in range(runs)]
    figures = {"latency_ms": round(latency * 1000), "hosts": web.hosts, "readings": standing_for,
               "weeks": SMOKE_WEEKS if args.smoke else "all", "runs": results}
    if args.json:
        print(json.dumps(figures, indent=2))
        return

    print(f"shipped curriculum, weeks: {figures['weeks']}; {len(standing_for)} readings on {figures['hosts']} "
          f"loopback hosts, {figures['latency_ms']} ms per response")
    for rid, name in standing_for.items():
        print(f"  {rid:34} {name}")
    for number, run in enumerate(results, start=1):
        cold, warm, week = run["cold"], run["warm"], run["one_week"]
        print(f"run {number}:")
        print(f"  cold build          {cold['seconds']:7.2f} s  {cold['requests']:4d} requests, exit {cold['exit']}, "
              f"{cold['handout_pages']} handout pages" + (f", not had: {', '.join(cold['not_had'])}" if cold["not_had"] else ""))
        if cold["whole_instead_of_sections"]:
            print(f"    printed whole (no heading of the page matches their sections): {', '.join(cold['whole_instead_of_sections'])}")
        print(f"  warm no-op rebuild  {warm['seconds']:7.2f} s  {warm['requests']:4d} requests, "
              f"{100 * warm['seconds'] / cold['seconds']:.1f}% of cold")
        print(f"  one week changed    {week['seconds']:7.2f} s  re-rendered: {', '.join(week['rerendered'])}")
        print(f"  peak memory, whole process tree (cold build): {cold['rss_mb']} MB summed RSS, "
              f"{cold['pss_mb']} MB PSS, {cold['processes']} processes at most")
    cold = [r["cold"]["seconds"] for r in results]
    warm = [r["warm"]["seconds"] for r in results]
    share = [100 * r["warm"]["seconds"] / r["cold"]["seconds"] for r in results]
    week = [r["one_week"]["seconds"] for r in results]
    rss = [max(r[k]["rss_mb"] for k in ("cold", "warm", "one_week")) for r in results]
    pss = [max(r[k]["pss_mb"] for k in ("cold", "warm", "one_week")) for r in results]
    print(f"README: cold build {_range(cold, ' s')}, warm no-op rebuild {_range(warm, ' s', 2)} "
          f"({_range(share, '%', 1)} of cold, {max(r['warm']['requests'] for r in results)} requests), "
          f"one week changed {_range(week, ' s')}, peak memory {_range(rss, ' MB')} "
          f"(whole process tree, summed RSS; PSS {_range(pss, ' MB')})")


if __name__ == "__main__":
    main()
