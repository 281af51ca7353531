"""How much paper the handout renderer uses, and whether it keeps everything.

For the long-form pages of the shared readability corpus, extract each
article (packet.extract.extract_article on source.html) and print it on its
own with render_print at Letter. Reports pages per article and in total,
seconds per printed page, the body text size, headings and figure captions
missing from the PDF, and pages with (almost) no text. Images are not
downloadable here, so they are refused; their captions still print.

    python bench/paper.py [--corpus PATH] [--smoke] [--keep DIR]

The bar: at most 117 pages for the 20 pages (browser printing takes 235),
body text no smaller than 10.5 pt, every heading and caption kept, no blank
or icon-only page.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pdfplumber  # noqa: E402
from lxml import html as lxml_html  # noqa: E402

from packet.curriculum import Reading  # noqa: E402
from packet.extract.article import extract_article  # noqa: E402
from packet.render.handout import render_print  # noqa: E402
from packet.render.material import ReadingMaterial  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "readability-test-pages"
FAKE_URL = "http://fakehost/test/page.html"
PAGES = (
    "wikipedia", "medium-1", "nytimes-1", "guardian-1", "lwn-1", "google-sre-book-1", "mozilla-1",
    "dropbox-blog", "gitlab-blog", "v8-blog", "quanta-1", "ars-1", "wordpress", "daringfireball-1",
    "ietf-1", "keep-images", "mathjax", "salon-1", "seattletimes-1", "theverge",
)
SMOKE_PAGES = ("daringfireball-1", "v8-blog")
PAGE_BUDGET = 117
BROWSER_PAGES = 235
# A page with fewer characters than this (running header and page number
# aside) prints next to nothing: a blank or icon-only page.
NEAR_EMPTY_CHARS = 80


@dataclass
class PaperResult:
    name: str
    pages: int = 0
    words: int = 0
    seconds: float = 0.0
    body_size: float = 0.0
    missing: list[str] = field(default_factory=list)
    near_empty: list[int] = field(default_factory=list)
    refused: int = 0
    error: str = ""


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", "", text).casefold()


def _expected_texts(html: str) -> list[str]:
    root = lxml_html.fragment_fromstring(html or "<div></div>", create_parent="div")
    texts = []
    for el in root.iter("h2", "h3", "h4", "h5", "h6", "figcaption"):
        text = " ".join(el.text_content().split())
        if text:
            texts.append(text)
    return texts


def measure(name: str, corpus: Path, keep: Path | None = None) -> PaperResult:
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
    result.missing = [text for text in _expected_texts(article.html) if _norm(text) not in printed]
    return result


PLAIN_CSS = "@page { size: letter; margin: 0.75in; } body { font: 11pt serif; line-height: 1.35; } img { max-width: 100%; }"


def baseline(name: str, corpus: Path) -> tuple[int, float]:
    """Pages and seconds for readability-lxml fed to WeasyPrint with a plain
    stylesheet: the issue's reference for packet's rendering overhead."""
    import weasyprint
    from readability import Document

    source = (corpus / name / "source.html").read_text(encoding="utf-8", errors="replace")
    from weasyprint.urls import URLFetcher

    class Offline(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError("offline")

    html = Document(source).summary()
    started = time.perf_counter()
    document = weasyprint.HTML(string=html, url_fetcher=Offline()).render(stylesheets=[weasyprint.CSS(string=PLAIN_CSS)])
    document.write_pdf()
    return len(document.pages), time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--smoke", action="store_true", help="two short pages only")
    parser.add_argument("--keep", type=Path, help="write each PDF into this folder")
    parser.add_argument("--baseline", action="store_true", help="also time readability-lxml + WeasyPrint with a plain stylesheet")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    names = SMOKE_PAGES if args.smoke else PAGES
    results = [measure(name, args.corpus, args.keep) for name in names]
    print(f"{'page':20} {'pages':>5} {'s/page':>7} {'body pt':>7} {'refused':>7}  problems")
    for r in results:
        problems = r.error or "; ".join(
            part for part in (
                f"missing {len(r.missing)}: {r.missing[:3]}" if r.missing else "",
                f"near-empty pages {r.near_empty}" if r.near_empty else "",
            ) if part
        )
        per_page = r.seconds / r.pages if r.pages else 0.0
        print(f"{r.name:20} {r.pages:5d} {per_page:7.2f} {r.body_size:7.1f} {r.refused:7d}  {problems}")
    total = sum(r.pages for r in results)
    seconds = sum(r.seconds for r in results)
    print(f"total pages: {total}" + ("" if args.smoke else f" (budget {PAGE_BUDGET}, browser {BROWSER_PAGES})"))
    words = sum(r.words for r in results)
    print(f"seconds per printed page: {seconds / total if total else 0:.3f}")
    # Per 1000 words compares the same content whatever the page density.
    print(f"seconds per 1000 words: {1000 * seconds / words if words else 0:.3f} ({words:,} words)")
    if args.baseline:
        base = [baseline(name, args.corpus) for name in names]
        base_pages, base_seconds = sum(p for p, _ in base), sum(t for _, t in base)
        ours = seconds / total if total else 0.0
        plain = base_seconds / base_pages if base_pages else 0.0
        print(f"baseline (readability-lxml + WeasyPrint, plain stylesheet): {base_pages} pages, "
              f"{plain:.3f} s/page; packet {ours:.3f} s/page ({100 * (ours / plain - 1):+.0f}%)")
        if words and base_seconds:
            print(f"same content: baseline {1000 * base_seconds / words:.3f} s per 1000 words; packet "
                  f"{1000 * seconds / words:.3f} ({100 * (seconds / base_seconds - 1):+.0f}%)")
    failed = any(r.error for r in results)
    if not args.smoke and total > PAGE_BUDGET:
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
