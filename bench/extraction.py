"""Score the extract stage against the shared readability test corpus.

For every page directory (source.html, expected.html, expected-metadata.json)
the article text we extract is compared with the expected article text as
multisets of word 4-grams: precision = overlap / ours, recall = overlap /
expected. Precision and recall are averaged over pages and the score is the
F1 of the two averages.

    python bench/extraction.py [--corpus PATH] [--smoke] [--engine packet]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from packet.extract.text import html_text  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "readability-test-pages"
FAKE_URL = "http://fakehost/test/page.html"
SMOKE_PAGES = ("001", "ars-1", "wikipedia", "medium-1", "nytimes-1", "lazy-image-1")


@dataclass
class PageScore:
    name: str
    precision: float
    recall: float
    seconds: float
    error: str = ""

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def ngrams(text: str, n: int = 4) -> Counter:
    words = text.split()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def overlap_scores(ours: str, expected: str) -> tuple[float, float]:
    a, b = ngrams(ours), ngrams(expected)
    common = sum((a & b).values())
    precision = common / sum(a.values()) if a else (1.0 if not b else 0.0)
    recall = common / sum(b.values()) if b else 1.0
    return precision, recall


def page_url(page: Path) -> str:
    meta_path = page / "expected-metadata.json"
    if meta_path.exists():
        url = json.loads(meta_path.read_text(encoding="utf-8")).get("url")
        if url:
            return url
    return FAKE_URL


def extractor(engine: str):
    """A function (html, url) -> plain article text for the chosen engine."""
    if engine == "packet":
        from packet.extract import extract_article

        return lambda html, url: extract_article(html, url).text
    if engine == "readability":
        from readability import Document

        return lambda html, url: html_text(Document(html, url=url).summary(html_partial=True))
    if engine == "trafilatura":
        import trafilatura

        return lambda html, url: html_text(
            trafilatura.extract(html, url=url, output_format="html", include_images=True) or ""
        )
    raise SystemExit(f"unknown engine {engine!r}")


def score_corpus(corpus: Path, engine: str = "packet", names: tuple[str, ...] = ()) -> list[PageScore]:
    extract = extractor(engine)
    pages = sorted(p for p in corpus.iterdir() if (p / "source.html").exists())
    if names:
        pages = [p for p in pages if p.name in names]
    scores = []
    for page in pages:
        source = (page / "source.html").read_text(encoding="utf-8")
        expected = html_text((page / "expected.html").read_text(encoding="utf-8"))
        start = time.perf_counter()
        try:
            ours, error = extract(source, page_url(page)), ""
        except Exception as exc:  # a failed page scores zero and is named in the report
            ours, error = "", f"{type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - start
        scores.append(PageScore(page.name, *overlap_scores(ours, expected), seconds, error))
    return scores


def summary(scores: list[PageScore]) -> dict:
    n = len(scores) or 1
    precision = sum(s.precision for s in scores) / n
    recall = sum(s.recall for s in scores) / n
    return {
        "pages": len(scores),
        "f1": f1(precision, recall),
        "precision": precision,
        "recall": recall,
        "seconds": sum(s.seconds for s in scores),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--smoke", action="store_true", help="score a handful of pages only")
    parser.add_argument("--engine", default="packet", choices=("packet", "readability", "trafilatura"))
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print per-page scores as JSON")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    scores = score_corpus(args.corpus, args.engine, SMOKE_PAGES if args.smoke else ())
    total = summary(scores)
    if args.json:
        print(json.dumps([s.__dict__ | {"f1": s.f1} for s in scores], indent=1))
    print(
        f"{args.engine}: {total['pages']} pages  F1 {total['f1']:.3f}  "
        f"precision {total['precision']:.3f}  recall {total['recall']:.3f}"
    )
    print(
        f"extract time {total['seconds']:.2f} s "
        f"({1000 * total['seconds'] / max(total['pages'], 1):.0f} ms/page), "
        f"wall {time.perf_counter() - started:.2f} s"
    )
    print(f"worst {args.worst} pages by F1:")
    for s in sorted(scores, key=lambda s: s.f1)[: args.worst]:
        note = f"  {s.error}" if s.error else ""
        print(f"  {s.f1:.3f}  p {s.precision:.3f}  r {s.recall:.3f}  {s.seconds * 1000:5.0f} ms  {s.name}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
