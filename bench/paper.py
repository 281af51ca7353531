"""How much paper the handout renderer uses, whether it keeps everything, how fast.

For the long-form pages of the shared readability corpus, extract each
article (packet.extract.extract_article on source.html) and print it on its
own with render_print at Letter. Reports pages per article and in total, the
body text size, the headings and figure captions of the corpus's expected
output (Readability.js's) missing from the PDF (and whether extraction or
printing lost them), and pages with (almost) no text. Images are not
downloadable here, so they are refused; their captions still print.

    python bench/paper.py [--corpus PATH] [--smoke] [--keep DIR] [--no-browser]
    python bench/paper.py --speed [--rounds 3]
    python bench/paper.py --costs [--rounds 3]

The bar, and the exit status (1 when it is not met): at most 117 pages for
the 20 articles, body text no smaller than 10.5 pt, every heading and
caption kept, no blank or near-empty page.

--speed times the issue's comparison: `packet print` of the 20 articles as
one PDF, cache warm and offline, against plain WeasyPrint rendering
readability-lxml's extraction of the same articles with a plain stylesheet
(each article on a new page), both as fresh processes, both with their
extraction done beforehand (packet's article cache, the plain side's saved
HTML), in alternating rounds.

--costs prints what each of packet's paper features costs WeasyPrint: the
20 articles rendered in one process with everything on, and with one
feature off at a time (fonts subset with HarfBuzz or embedded whole,
hyphenation, running headers, QR codes, link notes), in alternating
rounds, as the CPU seconds of each one's fastest round.

Beside packet's pages, a full run counts the pages Chromium's print-to-PDF
makes of the same pages as they are (headless, offline: "browser
printing"), with the Chromium version; without Chromium it prints no
figure.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "readability-test-pages"
FAKE_URL = "http://fakehost/test/page.html"
PAGES = (
    "wikipedia", "medium-1", "nytimes-1", "guardian-1", "lwn-1", "google-sre-book-1", "mozilla-1",
    "dropbox-blog", "gitlab-blog", "v8-blog", "quanta-1", "ars-1", "wordpress", "daringfireball-1",
    "ietf-1", "keep-images", "mathjax", "salon-1", "seattletimes-1", "theverge",
)
SMOKE_PAGES = ("daringfireball-1", "v8-blog")
PAGE_BUDGET = 117
BODY_MIN_PT = 10.5
# A page with fewer characters than this (running header and page number
# aside) prints next to nothing: a blank or icon-only page.
NEAR_EMPTY_CHARS = 80
PLAIN_CSS = (
    "@page { size: letter; margin: 0.75in; } body { font: 11pt serif; line-height: 1.35; } "
    "img { max-width: 100%; } .article { break-before: page; }"
)
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",
)


@dataclass
class PaperResult:
    name: str
    pages: int = 0
    words: int = 0
    seconds: float = 0.0
    body_size: float = 0.0
    lost_in_extraction: list[str] = field(default_factory=list)
    lost_in_print: list[str] = field(default_factory=list)
    near_empty: list[int] = field(default_factory=list)
    refused: int = 0
    error: str = ""

    @property
    def missing(self) -> list[str]:
        return self.lost_in_extraction + self.lost_in_print


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", "", text).casefold()


def expected_texts(html: str) -> list[str]:
    """Headings (h2-h6) and figure captions of the corpus's expected output.

    Wikipedia's "[edit]" links end its headings there; packet drops them on
    purpose, so they are not asked for."""
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(html or "<div></div>", create_parent="div")
    texts = []
    for el in root.iter("h2", "h3", "h4", "h5", "h6", "figcaption"):
        text = re.sub(r"\[\s*edit\s*\]$", "", " ".join(el.text_content().split())).strip()
        if _norm(text):
            texts.append(text)
    return texts


def screen_reader_texts(source: str) -> list[str]:
    """Texts the page marks for screen readers only ("Credit" before a
    photographer's name). Readability.js keeps them in its expected output; a
    browser shows none of them, and neither does packet's print."""
    from lxml import html as lxml_html

    from packet.extract.transforms import SCREEN_READER_CLASSES

    root = lxml_html.document_fromstring(source)
    return [
        " ".join(el.text_content().split()) for el in root.iter()
        if isinstance(el.tag, str) and not SCREEN_READER_CLASSES.isdisjoint((el.get("class") or "").lower().split())
        and el.text_content().strip()
    ]


def _without(text: str, unseen: list[str]) -> str:
    for words in unseen:
        text = re.sub(rf"(?<!\w){re.escape(words)}(?!\w)", " ", text)
    return text


def measure(name: str, corpus: Path, keep: Path | None = None) -> PaperResult:
    import pdfplumber

    from packet.curriculum import Reading
    from packet.extract.article import extract_article
    from packet.render.handout import render_print
    from packet.render.material import ReadingMaterial

    result = PaperResult(name)
    source = (corpus / name / "source.html").read_text(encoding="utf-8", errors="replace")
    try:
        article = extract_article(source, FAKE_URL)
    except Exception as exc:  # the bench reports every failure and goes on
        result.error = f"extract: {exc}"
        return result
    reading = Reading(id=re.sub(r"[^a-z0-9-]", "-", name.lower()), title=article.title or name, url=FAKE_URL)
    material = ReadingMaterial(reading=reading, url=FAKE_URL, article=article)
    started = time.perf_counter()
    try:
        handout = render_print([material])
    except Exception as exc:
        result.error = f"render: {exc}"
        return result
    result.seconds = time.perf_counter() - started
    result.pages = handout.pages
    result.words = article.word_count
    result.refused = len(handout.refused)
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        (keep / f"{name}.pdf").write_bytes(handout.pdf)
    sizes: Counter = Counter()
    texts = []
    with pdfplumber.open(io.BytesIO(handout.pdf)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            body = [c for c in page.chars if 56 < c["top"] < page.height - 56]
            sizes.update(round(c["size"], 1) for c in body if c["text"].strip())
            if len("".join(c["text"] for c in body).strip()) < NEAR_EMPTY_CHARS and number < len(pdf.pages):
                result.near_empty.append(number)
            texts.append(page.extract_text() or "")
    result.body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    printed = _norm(" ".join(texts))
    extracted = _norm(article.text or "")
    expected = (corpus / name / "expected.html").read_text(encoding="utf-8", errors="replace")
    unseen = screen_reader_texts(source)
    for text in expected_texts(expected):
        if _norm(_without(text, unseen)) in printed:
            continue
        (result.lost_in_print if _norm(text) in extracted else result.lost_in_extraction).append(text)
    return result


def fails_bar(results: list[PaperResult], smoke: bool) -> list[str]:
    """What keeps the run below its bar, one line each (nothing: it passes)."""
    problems = [f"{r.name}: {r.error}" for r in results if r.error]
    total = sum(r.pages for r in results)
    if not smoke and total > PAGE_BUDGET:
        problems.append(f"{total} pages, over the budget of {PAGE_BUDGET}")
    problems += [f"{r.name}: body text {r.body_size} pt, under {BODY_MIN_PT}" for r in results
                 if not r.error and r.body_size < BODY_MIN_PT]
    problems += [f"{r.name}: {len(r.missing)} headings or captions missing" for r in results if r.missing]
    problems += [f"{r.name}: near-empty pages {r.near_empty}" for r in results if r.near_empty]
    return problems


def report(results: list[PaperResult], smoke: bool) -> int:
    print(f"{'page':20} {'pages':>5} {'s/page':>7} {'body pt':>7} {'refused':>7}  problems")
    for r in results:
        problems = r.error or "; ".join(
            part for part in (
                f"lost in extraction {len(r.lost_in_extraction)}: {r.lost_in_extraction[:3]}" if r.lost_in_extraction else "",
                f"lost in print {len(r.lost_in_print)}: {r.lost_in_print[:3]}" if r.lost_in_print else "",
                f"near-empty pages {r.near_empty}" if r.near_empty else "",
            ) if part
        )
        per_page = r.seconds / r.pages if r.pages else 0.0
        print(f"{r.name:20} {r.pages:5d} {per_page:7.2f} {r.body_size:7.1f} {r.refused:7d}  {problems}")
    total = sum(r.pages for r in results)
    seconds = sum(r.seconds for r in results)
    words = sum(r.words for r in results)
    expected = sum(len(r.missing) for r in results)
    print(f"total pages: {total}" + ("" if smoke else f" (budget {PAGE_BUDGET})"))
    print(f"headings and captions missing: {expected} "
          f"({sum(len(r.lost_in_extraction) for r in results)} lost in extraction, "
          f"{sum(len(r.lost_in_print) for r in results)} in print)")
    print(f"seconds per printed page (in one process): {seconds / total if total else 0:.3f}; "
          f"per 1000 words {1000 * seconds / words if words else 0:.3f} ({words:,} words)")
    problems = fails_bar(results, smoke)
    for problem in problems:
        print(f"BELOW THE BAR: {problem}")
    print("bar met" if not problems else f"bar not met ({len(problems)} problems)")
    return 1 if problems else 0


# ---------- speed: packet print against plain WeasyPrint ----------


def plain_weasyprint(out: Path, sources: list[Path]) -> None:
    """The plain side, run as its own process: saved readability-lxml
    extractions, each article on a new page, one PDF."""
    import logging

    import weasyprint
    from weasyprint.urls import URLFetcher

    class Offline(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError("offline")

    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    body = "".join(f"<div class='article'>{path.read_text(encoding='utf-8')}</div>" for path in sources)
    document = weasyprint.HTML(string=f"<html><body>{body}</body></html>", url_fetcher=Offline()).render(
        stylesheets=[weasyprint.CSS(string=PLAIN_CSS)]
    )
    document.write_pdf(out)


def _extract_plain(name: str, corpus: Path, folder: Path) -> Path:
    from readability import Document

    source = (corpus / name / "source.html").read_text(encoding="utf-8", errors="replace")
    document = Document(source)
    path = folder / f"{name}.html"
    path.write_text(f"<h1>{document.short_title()}</h1>{document.summary(html_partial=True)}", encoding="utf-8")
    return path


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of `command` as a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} ... failed ({done.returncode}): {done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def speed(names: tuple[str, ...], corpus: Path, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plain_dir = tmp / "plain"
        plain_dir.mkdir()
        sources = [str(corpus / name / "source.html") for name in names]
        packet = [sys.executable, "-m", "packet", "print", *sources, "-o", str(tmp / "packet.pdf"),
                  "--offline", "--cache-dir", str(tmp / "cache"), "--quiet"]
        extracted = [_extract_plain(name, corpus, plain_dir) for name in names]
        plain = [sys.executable, str(Path(__file__).resolve()), "--plain-weasyprint", str(tmp / "plain.pdf"),
                 *map(str, extracted)]
        # Warm: packet's article cache filled, both sides' files in the OS cache.
        _timed(packet)
        _timed(plain)
        times: dict[str, list[tuple[float, float]]] = {"packet": [], "plain": []}
        for number in range(rounds):
            order = (("packet", packet), ("plain", plain))
            for side, command in order if number % 2 == 0 else reversed(order):
                times[side].append(_timed(command))
            print(f"round {number + 1}: packet {times['packet'][-1][0]:.2f} s, plain {times['plain'][-1][0]:.2f} s",
                  flush=True)
        pages = {"packet": _pages(tmp / "packet.pdf"), "plain": _pages(tmp / "plain.pdf")}
    # The fastest round is the one least slowed by whatever else the machine
    # was doing; the median is shown beside it.
    for side in ("packet", "plain"):
        walls, cpus = [t for t, _ in times[side]], [c for _, c in times[side]]
        print(f"{side:7} fastest {min(walls):6.2f} s wall ({min(cpus):6.2f} s CPU), median {statistics.median(walls):6.2f} s; "
              f"{pages[side]} pages ({min(walls) / pages[side]:.3f} s a page)")

    def ratio(pick) -> float:
        return pick(t for t, _ in times["packet"]) / pick(t for t, _ in times["plain"])

    print(f"packet print / plain WeasyPrint, same {len(names)} articles: {ratio(min):.2f}x (fastest rounds), "
          f"{ratio(statistics.median):.2f}x (medians), CPU {min(c for _, c in times['packet']) / min(c for _, c in times['plain']):.2f}x; "
          f"per page {ratio(min) * pages['plain'] / pages['packet']:.2f}x")


# ---------- what each feature costs ----------

FEATURES_OFF = {
    "hyphenation": "* { hyphens: manual !important; }",
    "running headers": (
        "@page :left { @top-left { content: none } @bottom-left { content: none } } "
        "@page :right { @top-right { content: none } @bottom-right { content: none } }"
    ),
    "QR codes": "img.qr { display: none !important; }",
    "link notes": ".link-notes, a.link-ref { display: none !important; }",
}


def costs(names: tuple[str, ...], corpus: Path, rounds: int) -> None:
    import logging

    from packet.curriculum import Reading
    from packet.extract.article import extract_article
    from packet.render import pdf as render_pdf_module
    from packet.render.handout import render_print
    from packet.render.material import ReadingMaterial
    from packet.render.options import RenderOptions

    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    materials = []
    for name in names:
        article = extract_article((corpus / name / "source.html").read_text(encoding="utf-8", errors="replace"), FAKE_URL)
        reading = Reading(id=re.sub(r"[^a-z0-9-]", "-", name), title=article.title or name, url=FAKE_URL)
        materials.append(ReadingMaterial(reading=reading, url=FAKE_URL, article=article))
    subsetting = render_pdf_module._fast_subsetting
    with tempfile.TemporaryDirectory() as tmp:
        variants = {"everything on": RenderOptions()}
        for feature, css in FEATURES_OFF.items():
            path = Path(tmp) / f"{len(variants)}.css"
            path.write_text(css)
            variants[f"without {feature}"] = RenderOptions(stylesheets=(path,))
        variants["fonts embedded whole"] = RenderOptions()

        def run(name: str) -> float:
            render_pdf_module._fast_subsetting = (lambda: False) if name == "fonts embedded whole" else subsetting
            started = time.process_time()
            render_print(materials, variants[name])
            return time.process_time() - started

        run("everything on")
        seconds: dict[str, list[float]] = {name: [] for name in variants}
        for number in range(rounds):
            for name in variants if number % 2 == 0 else reversed(variants):
                seconds[name].append(run(name))
        # Python calls do not vary with the machine's load as seconds do.
        calls = {}
        for name in variants:
            profile = cProfile.Profile()
            profile.runcall(run, name)
            calls[name] = pstats.Stats(profile).total_calls
        render_pdf_module._fast_subsetting = subsetting
    base = min(seconds["everything on"])
    from packet.render.body import parse_body, typeset_math

    maths = []
    for _ in range(rounds):
        started = time.process_time()
        for material in materials:
            typeset_math(parse_body(material.article.html, "r", RenderOptions().measure()))
        maths.append(time.process_time() - started)
    formulas = sum(material.article.html.count("<math") for material in materials)
    print(f"rendering {len(names)} articles in one process: CPU seconds of the fastest of {rounds} rounds "
          "(median beside), and millions of Python calls (the same on any machine, blind to time spent in C)")
    for name, runs in seconds.items():
        fastest = min(runs)
        change = "" if name == "everything on" else (
            f"  {fastest - base:+.2f} s ({100 * (fastest / base - 1):+.0f}%), "
            f"calls {100 * (calls[name] / calls['everything on'] - 1):+.1f}%"
        )
        print(f"  {name:24} {fastest:6.2f} ({statistics.median(runs):5.2f})  {calls[name] / 1e6:6.2f}M{change}")
    print(f"  of which math typesetting ({formulas} formulas): {min(maths):.2f}")


# ---------- browser printing ----------


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def chromium_version(binary: str) -> str:
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60)
    match = re.search(r"(Chromium|Chrome)\s+[\d.]+", done.stdout)
    return match.group(0) if match else done.stdout.strip()


def browser_pages(names: tuple[str, ...], corpus: Path) -> dict[str, int] | None:
    """Pages of each page printed by Chromium as it is; None without Chromium."""
    binary = chromium()
    if binary is None:
        return None
    pages = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            out = Path(tmp) / f"{name}.pdf"
            profile = Path(tmp) / f"profile-{name}"
            subprocess.run(
                [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out}",
                 (corpus / name / "source.html").as_uri()],
                capture_output=True, timeout=180,
            )
            pages[name] = _pages(out) if out.is_file() else 0
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--smoke", action="store_true", help="two short pages only")
    parser.add_argument("--keep", type=Path, help="write each PDF into this folder")
    parser.add_argument("--speed", action="store_true", help="time packet print against plain WeasyPrint")
    parser.add_argument("--costs", action="store_true", help="time packet's rendering with each feature off in turn")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds of --speed and --costs")
    parser.add_argument("--no-browser", action="store_true", help="do not count Chromium's print-to-PDF pages")
    parser.add_argument("--plain-weasyprint", nargs="+", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.plain_weasyprint:
        plain_weasyprint(args.plain_weasyprint[0], args.plain_weasyprint[1:])
        return 0
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    names = SMOKE_PAGES if args.smoke else PAGES
    if args.speed:
        speed(names, args.corpus, args.rounds)
        return 0
    if args.costs:
        costs(names, args.corpus, args.rounds)
        return 0
    status = report([measure(name, args.corpus, args.keep) for name in names], args.smoke)
    if not args.smoke and not args.no_browser:
        browser = browser_pages(names, args.corpus)
        if browser is None:
            print("browser printing: Chromium is not installed here, so no figure")
        else:
            print("browser pages: " + ", ".join(f"{name} {count}" for name, count in browser.items()))
            print(f"browser printing ({chromium_version(chromium())} print-to-PDF of the pages as they are, "
                  f"Letter, offline): {sum(browser.values())} pages")
    return status


if __name__ == "__main__":
    sys.exit(main())
