"""Score article extraction on every corpus found, with the Zyte benchmark's metric.

Corpora, each scored when it is present under ../shared/corpus:

- `readability`: the readability test pages (130; expected text is
  Readability.js's output, expected metadata in expected-metadata.json);
- `dev`: extraction-dev (Dragnet 1,349 blog and news pages, L3S-GN1 612
  news articles), reported apart and together, and again split in two halves
  by a hash of the page id: rules are decided looking at the `tune` half
  only, and the `check` half confirms them on pages nobody looked at.

Every extractor gets the same text: the page's bytes decoded by packet's
fetch stage (valid UTF-8 first, then the declared charset, then a guess).
packet's prediction is the article text it prints (Article.text, without the
title the source card prints); readability-lxml's is the text of its
summary; trafilatura's its plain-text output without comments.

The metric is the Zyte article-extraction-benchmark's, as the evaluate.py of
extraction-dev spells it out (imported from there when present, else the
same rules below): tokens are `\\w+` matches; a page's text is the multiset
of its token 4-grams, or one shorter shingle when it has 1-3 tokens;
precision and recall per page from the shared shingles; an empty prediction
is left out of precision and scores recall 0; precision and recall are
averaged over pages and F1 is the harmonic mean of the two averages.

Each F1 gets a ± as the Zyte benchmark's table does (the standard
deviation over bootstrap resamples of the pages; seeded here), and packet's
lead over each other extractor is resampled on the same pages, with the
share of resamples in which packet is ahead: a lead smaller than its ± is
not a lead.

Time is CPU time in the extracting process per page (other work on a busy
machine does not count), every extractor run on each page in turn.

    python bench/extraction.py [--corpus readability|dev] [--zyte-dir DIR] [--extractor NAME]
        [--half tune|check] [--limit N] [--ids ID...] [--jobs N] [--worst N] [--save DIR]
        [--bootstrap N] [--smoke]

`--zyte-dir` scores any other directory in the Zyte benchmark's layout the
same way (alone, unless --corpus names the shared ones too); `--save`
writes Zyte-format prediction files that its evaluate.py reads.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import re
import signal
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CORPORA = REPO.parent / "shared" / "corpus"
READABILITY = CORPORA / "readability-test-pages"
DEV = CORPORA / "extraction-dev"
FAKE_URL = "http://fakehost/test/page.html"
EXTRACTORS = ("packet", "readability-lxml", "trafilatura")
DEV_SETS = ("dragnet", "l3s-gn1")
SMOKE_READABILITY = ("001", "ars-1", "wikipedia", "medium-1", "nytimes-1", "005-unescape-html-entities")
SMOKE_DEV_PER_SET = 3
PAGE_TIMEOUT_S = 120


# --- the metric ---------------------------------------------------------

_WORD = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text or "")


def _shingles(text: str, n: int = 4) -> Counter:
    toks = _tokens(text)
    if len(toks) < n:
        return Counter([tuple(toks)] if toks else [])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def _page_scores(true_text: str, pred_text: str):
    """(precision or None, recall or None, exact 0/1), the Zyte rules."""
    t, p = _shingles(true_text), _shingles(pred_text)
    tp = sum((t & p).values())
    n_pred, n_true = sum(p.values()), sum(t.values())
    return (
        tp / n_pred if n_pred else None,
        tp / n_true if n_true else None,
        float(_tokens(true_text) == _tokens(pred_text)),
    )


def _load_zyte_metric():
    """extraction-dev's evaluate.py when present: the reference, not a copy."""
    path = DEV / "evaluate.py"
    if not path.is_file():
        return _page_scores
    spec = importlib.util.spec_from_file_location("zyte_evaluate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.page_scores


page_scores = _load_zyte_metric()


def aggregate(rows: list[tuple]) -> dict:
    """Macro precision and recall over pages, F1 of the two (None left out)."""
    ps = [p for p, _, _ in rows if p is not None]
    rs = [r for _, r, _ in rows if r is not None]
    precision = statistics.fmean(ps) if ps else 0.0
    recall = statistics.fmean(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pages": len(rows), "f1": f1, "precision": precision, "recall": recall}


def page_f1(precision, recall) -> float:
    precision, recall = precision or 0.0, recall or 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- corpora ------------------------------------------------------------


@dataclass
class Page:
    corpus: str  # "readability", "dragnet", "l3s-gn1"
    id: str
    path: str  # source.html or <id>.html.gz
    url: str
    truth: str
    meta: dict | None = None  # expected metadata (readability corpus)

    @property
    def half(self) -> str:
        return "tune" if hashlib.sha1(self.id.encode()).digest()[0] % 2 == 0 else "check"

    def raw(self) -> bytes:
        data = Path(self.path).read_bytes()
        return gzip.decompress(data) if self.path.endswith(".gz") else data


def readability_pages(root: Path = READABILITY) -> list[Page]:
    from packet.extract.text import html_text

    pages = []
    for page in sorted(p for p in root.iterdir() if (p / "source.html").exists()):
        meta_path = page / "expected-metadata.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        truth = html_text((page / "expected.html").read_text(encoding="utf-8"))
        pages.append(Page("readability", page.name, str(page / "source.html"), meta.get("url") or FAKE_URL, truth, meta))
    return pages


def zyte_pages(root: Path = DEV, corpus: str | None = None) -> list[Page]:
    """Pages of a directory in the Zyte benchmark's layout (ground-truth.json,
    html/<id>.html.gz): extraction-dev (its sets told apart by the id's
    prefix) or any other, reported as `corpus`."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for pid in sorted(truth):
        name = corpus or ("l3s-gn1" if pid.startswith("l3s-gn1-") else pid.split("-")[0])
        pages.append(Page(name, pid, str(root / "html" / f"{pid}.html.gz"), truth[pid].get("url") or "", truth[pid]["articleBody"] or ""))
    return pages


# --- extractors ----------------------------------------------------------


@dataclass
class Result:
    corpus: str
    id: str
    extractor: str
    precision: float | None
    recall: float | None
    exact: float
    cpu_s: float
    failure: str = ""  # "", "refused" (said why it found nothing), "crash", "timeout"
    error: str = ""
    text: str = ""
    meta: dict = field(default_factory=dict)

    @property
    def f1(self) -> float:
        return page_f1(self.precision, self.recall)


def _packet(html: str, url: str) -> tuple[str, dict]:
    from packet.extract import extract_article

    article = extract_article(html, url)
    return article.text, {"title": article.title, "authors": article.authors, "date": article.date}


def _readability(html: str, url: str) -> tuple[str, dict]:
    from readability import Document

    from packet.extract.text import html_text

    return html_text(Document(html, url=url).summary(html_partial=True)), {}


def _trafilatura(html: str, url: str) -> tuple[str, dict]:
    import trafilatura

    return trafilatura.extract(html, url=url or None, include_comments=False) or "", {}


RUNNERS = {"packet": _packet, "readability-lxml": _readability, "trafilatura": _trafilatura}


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def _warm_up(extractors: tuple[str, ...]) -> None:
    # Imports and first-call set-up are not per-page work.
    page = "<html><head><title>t</title></head><body><article><p>" + "Some words here. " * 60 + "</p></article></body></html>"
    for name in extractors:
        try:
            RUNNERS[name](page, "https://example.org/a")
        except Exception:
            pass
    if "packet" in extractors:
        from packet.extract.article import parse_page, second_opinion_html

        second_opinion_html(parse_page(page))


def run_page(task: tuple[Page, tuple[str, ...], int]) -> list[Result]:
    """Every extractor on one page, in a rotating order so none always runs first."""
    from packet.errors import PacketError
    from packet.fetch.charset import decode_html

    page, extractors, turn = task
    html = decode_html(page.raw(), None)
    order = extractors[turn % len(extractors) :] + extractors[: turn % len(extractors)]
    results = []
    for name in order:
        failure = error = ""
        text, meta = "", {}
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(PAGE_TIMEOUT_S)
        start = time.process_time()
        try:
            text, meta = RUNNERS[name](html, page.url)
        except _Timeout:
            failure, error = "timeout", f"no answer in {PAGE_TIMEOUT_S} s"
        except PacketError as exc:
            failure, error = "refused", str(exc)
        except Exception as exc:  # noqa: BLE001 - a crash is a result to report
            failure, error = "crash", f"{type(exc).__name__}: {exc}"
        finally:
            signal.alarm(0)
        cpu = time.process_time() - start
        precision, recall, exact = page_scores(page.truth, text)
        results.append(Result(page.corpus, page.id, name, precision, recall, exact, cpu, failure, error[:200], text, meta))
    return results


def run_all(pages: list[Page], extractors: tuple[str, ...], jobs: int) -> list[Result]:
    tasks = [(page, extractors, i) for i, page in enumerate(pages)]
    results: list[Result] = []
    if jobs <= 1:
        _warm_up(extractors)
        for task in tasks:
            results += run_page(task)
        return results
    from multiprocessing import get_context

    with get_context("fork").Pool(jobs, initializer=_warm_up, initargs=(extractors,)) as pool:
        for found in pool.imap(run_page, tasks, chunksize=4):
            results += found
    return results


# --- metadata against readability's expected-metadata.json ----------------

_NOT_NAME_WORDS = {
    "by", "par", "von", "por", "written", "edited", "and", "und", "et", "y", "with", "updated", "last",
    "published", "posted", "on", "at", "am", "pm", "avec", "min", "read",
}
_MONTHS = set("january february march april may june july august september october november december "
              "jan feb mar apr jun jul aug sep sept oct nov dec".split())


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _tokens(text)]


def title_agrees(ours: str, expected: str | None) -> bool | None:
    if not expected:
        return None
    return _words(ours) == _words(expected)


def author_agrees(ours: list[str], expected: str | None) -> bool | None:
    """Our names against Readability.js's byline, ignoring "By", dates and
    joining words: every word we give is in the byline, and every name word
    of the byline is in ours."""
    if not expected:
        return None
    theirs = set(_words(expected))
    names = {w for w in theirs if w not in _NOT_NAME_WORDS and w not in _MONTHS and not w.isdigit()}
    mine = {w for name in ours for w in _words(name)}
    return bool(mine) and mine <= theirs and names <= mine


def date_agrees(ours: str | None, expected: str | None) -> bool | None:
    if not expected:
        return None
    return (ours or "") == expected[:10]


_BYLINE_JUNK = re.compile(r"\d|@|://|\bmin(ute)?s? read\b|^(by|par|von|por)\b|\bupdated\b|\bpublished\b", re.I)
_ISO_DATE = re.compile(r"^(19[89]\d|20\d\d)(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def author_problems(authors: list[str]) -> list[str]:
    """Why a list of authors would not print as people's names."""
    problems = []
    for name in authors:
        if _BYLINE_JUNK.search(name):
            problems.append(f"not a name: {name!r}")
        elif len(name.split()) > 6:
            problems.append(f"too long for a name: {name!r}")
        elif re.search(r"\s(and|&)\s", name) and any(
            other != name and other.casefold() in name.casefold() for other in authors
        ):
            problems.append(f"names twice: {name!r}")
    return problems


def metadata_report(results: list[Result], pages: dict[tuple[str, str], Page]) -> list[str]:
    lines = []
    mine = [r for r in results if r.extractor == "packet"]
    rows = [(r, pages[(r.corpus, r.id)]) for r in mine if r.corpus == "readability"]
    if rows:
        for field_name, judge, key in (
            ("title", title_agrees, "title"),
            ("author", author_agrees, "byline"),
            ("date", date_agrees, "publishedTime"),
        ):
            verdicts = [judge(r.meta.get(field_name if field_name != "author" else "authors") or ([] if field_name == "author" else ""), p.meta.get(key)) for r, p in rows]
            judged = [v for v in verdicts if v is not None]
            lines.append(f"  {field_name:<7} agrees with expected-metadata.json on {sum(judged)}/{len(judged)} pages that give one")
    bad_authors = [(r, author_problems(r.meta.get("authors") or [])) for r in mine]
    bad_authors = [(r, p) for r, p in bad_authors if p]
    bad_dates = [r for r in mine if r.meta.get("date") and not _ISO_DATE.match(r.meta["date"])]
    with_authors = sum(1 for r in mine if r.meta.get("authors"))
    with_dates = sum(1 for r in mine if r.meta.get("date"))
    lines.append(f"  authors that are not plain names: {len(bad_authors)} of {with_authors} pages with authors (all corpora)")
    for r, problems in bad_authors[:8]:
        lines.append(f"    {r.id}: {'; '.join(problems)}")
    lines.append(f"  dates that are not ISO dates 1980-2099: {len(bad_dates)} of {with_dates} pages with dates")
    for r in bad_dates[:5]:
        lines.append(f"    {r.id}: {r.meta['date']!r}")
    return lines


# --- report --------------------------------------------------------------


def _groups(results: list[Result]) -> list[tuple[str, list[Result]]]:
    by_corpus = defaultdict(list)
    for r in results:
        by_corpus[r.corpus].append(r)
    groups = []
    if by_corpus.get("readability"):
        groups.append(("readability corpus", by_corpus["readability"]))
    dev = [r for r in results if r.corpus in DEV_SETS]
    for name in DEV_SETS:
        if by_corpus.get(name):
            groups.append((f"dev {name}", by_corpus[name]))
    if dev and len({r.corpus for r in dev}) > 1:
        groups.append(("dev all", dev))
    groups += [(name, rows) for name, rows in sorted(by_corpus.items()) if name != "readability" and name not in DEV_SETS]
    return groups


def _fmt(m: dict) -> str:
    return f"{m['f1']:.3f}  {m['precision']:.3f}  {m['recall']:.3f}"


def bootstrap_lines(results: list[Result], extractors: tuple[str, ...], rounds: int, seed: int = 0) -> list[str]:
    """How far each F1 moves when the pages are resampled (the ± of the
    Zyte benchmark's table: standard deviation over bootstrap resamples),
    and packet's lead over each other extractor on the same resamples, with
    the share of resamples in which packet is ahead. A lead smaller than
    its ± is not a lead."""
    import random

    rng = random.Random(seed)
    lines = [f"uncertainty ({rounds} bootstrap resamples of the pages, seeded): F1 ± sd; packet minus the other, ± sd, share of resamples packet is ahead"]
    for title, group in _groups(results):
        by_name = {name: {r.id: (r.precision, r.recall) for r in group if r.extractor == name} for name in extractors}
        ids = sorted(by_name[extractors[0]])
        rows = {name: [(*by_name[name].get(i, (None, 0.0)), 0.0) for i in ids] for name in extractors}
        samples = [[rng.randrange(len(ids)) for _ in ids] for _ in range(rounds)]
        f1s = {name: [aggregate([rows[name][i] for i in picks])["f1"] for picks in samples] for name in extractors}
        cells = [f"{name} {statistics.fmean(f1s[name]):.3f} ± {statistics.pstdev(f1s[name]):.3f}" for name in extractors]
        if "packet" in extractors:
            for other in extractors:
                if other == "packet":
                    continue
                diffs = [a - b for a, b in zip(f1s["packet"], f1s[other])]
                ahead = sum(d > 0 for d in diffs) / len(diffs)
                cells.append(f"vs {other} {statistics.fmean(diffs):+.3f} ± {statistics.pstdev(diffs):.3f} ({ahead:.0%})")
        lines.append(f"  {title:<20} " + "; ".join(cells))
    return lines


def _version(distribution: str) -> str:
    """The installed version of a library the figures depend on: packet's
    second reading is trafilatura's, so its version moves packet's score."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "(not installed)"


def report(results: list[Result], pages: list[Page], extractors: tuple[str, ...], worst: int, wall: float, rounds: int = 0) -> list[str]:
    by_page = {(p.corpus, p.id): p for p in pages}
    halves = {(p.corpus, p.id): p.half for p in pages}
    lines = [
        "extraction quality, Zyte metric (F1 / precision / recall; word 4-grams, macro averages)",
        "  with " + ", ".join(f"{lib} {_version(lib)}" for lib in ("readability-lxml", "trafilatura", "lxml")),
    ]
    header = f"  {'':<20} {'pages':>5}  " + "  ".join(f"{name:<20}" for name in extractors)
    lines.append(header)
    for title, group in _groups(results):
        cells = []
        for name in extractors:
            rows = [(r.precision, r.recall, r.exact) for r in group if r.extractor == name]
            cells.append(f"{_fmt(aggregate(rows)):<20}")
        lines.append(f"  {title:<20} {len(group) // len(extractors):>5}  " + "  ".join(cells))
    dev = [r for r in results if r.corpus in DEV_SETS]
    if dev:
        lines.append("  extraction-dev by halves (hash of the page id; rules were tuned on `tune` only):")
        for half in ("tune", "check"):
            for title, group in _groups([r for r in dev if halves[(r.corpus, r.id)] == half]):
                cells = []
                for name in extractors:
                    rows = [(r.precision, r.recall, r.exact) for r in group if r.extractor == name]
                    cells.append(f"{_fmt(aggregate(rows)):<20}")
                lines.append(f"  {half + ' ' + title.replace('dev ', ''):<20} {len(group) // len(extractors):>5}  " + "  ".join(cells))
    if rounds:
        lines += bootstrap_lines(results, extractors, rounds)

    lines.append("time (CPU in the extracting process):")
    per = {}
    for name in extractors:
        mine = [r for r in results if r.extractor == name]
        total = sum(r.cpu_s for r in mine)
        per[name] = total
        lines.append(f"  {name:<17} {1000 * total / max(len(mine), 1):6.1f} ms/page  {total:7.1f} s for {len(mine)} pages")
    if "packet" in per and per.get("trafilatura"):
        lines.append(f"  packet / trafilatura: {per['packet'] / per['trafilatura']:.2f}x")
    lines.append(f"  wall time of the run: {wall:.1f} s")

    lines.append("failures (refused: said why it found no article; crash: an exception; timeout):")
    for name in extractors:
        mine = [r for r in results if r.extractor == name]
        kinds = Counter(r.failure for r in mine if r.failure)
        text = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "none"
        lines.append(f"  {name:<17} {text}")
        for r in [r for r in mine if r.failure in ("crash", "timeout")][:10]:
            lines.append(f"    {r.id}: {r.error}")

    if "packet" in extractors:
        lines.append("metadata (packet):")
        lines += metadata_report(results, by_page)

    if worst:
        for title, group in _groups(results):
            if title == "dev all":
                continue
            mine = sorted((r for r in group if r.extractor == extractors[0]), key=lambda r: r.f1)[:worst]
            others = {(r.id, r.extractor): r for r in group}
            lines.append(f"worst {len(mine)} pages of {title} for {extractors[0]} (F1 p r, then the others' F1):")
            for r in mine:
                rest = "  ".join(f"{name} {others[(r.id, name)].f1:.2f}" for name in extractors[1:])
                note = f"  [{r.failure}: {r.error[:60]}]" if r.failure else ""
                lines.append(f"  {r.f1:.3f} {r.precision or 0:.3f} {r.recall or 0:.3f}  {r.id}  {rest}{note}")
    return lines


def save_predictions(results: list[Result], directory: Path) -> None:
    """Zyte-format prediction files, one per extractor and corpus (score them with evaluate.py)."""
    directory.mkdir(parents=True, exist_ok=True)
    files = defaultdict(dict)
    for r in results:
        corpus = "dev" if r.corpus in DEV_SETS else r.corpus
        files[(r.extractor, corpus)][r.id] = {"articleBody": r.text}
    for (extractor, corpus), data in files.items():
        (directory / f"{extractor}-{corpus}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def select_pages(args) -> list[Page]:
    pages: list[Page] = []
    wanted = set(args.corpus or (() if args.zyte_dir else ("readability", "dev")))
    if "readability" in wanted and READABILITY.is_dir():
        found = readability_pages()
        if args.smoke:
            found = [p for p in found if p.id in SMOKE_READABILITY]
        pages += found
    if "dev" in wanted and (DEV / "ground-truth.json").is_file():
        found = zyte_pages()
        if args.half:
            found = [p for p in found if p.half == args.half]
        if args.smoke:
            found = [p for name in ("dragnet", "l3s-gn1") for p in [q for q in found if q.corpus == name][:SMOKE_DEV_PER_SET]]
        pages += found
    for root in args.zyte_dir or ():
        pages += zyte_pages(root, root.resolve().name)
    if args.ids:
        pages = [p for p in pages if p.id in set(args.ids)]
    if args.limit:
        # A spread over each corpus, the same pages on every run.
        by_corpus = defaultdict(list)
        for p in sorted(pages, key=lambda p: hashlib.sha1(p.id.encode()).hexdigest()):
            by_corpus[p.corpus].append(p)
        pages = [p for group in by_corpus.values() for p in group[: args.limit]]
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=("readability", "dev"), help="only this corpus (repeatable)")
    parser.add_argument("--zyte-dir", action="append", type=Path, metavar="DIR",
                        help="also score a directory in the Zyte benchmark's layout (ground-truth.json, html/*.html.gz)")
    parser.add_argument("--extractor", action="append", choices=EXTRACTORS, help="only this extractor (repeatable)")
    parser.add_argument("--half", choices=("tune", "check"), help="only this half of extraction-dev")
    parser.add_argument("--limit", type=int, default=0, help="at most N pages per corpus (a fixed spread)")
    parser.add_argument("--ids", nargs="+", help="only these page ids")
    parser.add_argument("--jobs", type=int, default=1, help="processes (each runs every extractor on its pages)")
    parser.add_argument("--worst", type=int, default=10, help="list the N worst pages per corpus")
    parser.add_argument("--save", type=Path, help="write Zyte-format predictions and per-page scores here")
    parser.add_argument("--bootstrap", type=int, default=500, metavar="N",
                        help="resamples for the ± of each F1 and of packet's lead (0: none)")
    parser.add_argument("--smoke", action="store_true", help="a handful of pages of each corpus")
    args = parser.parse_args(argv)
    if args.smoke:
        args.bootstrap = min(args.bootstrap, 20)
    extractors = tuple(dict.fromkeys(args.extractor or EXTRACTORS))
    pages = select_pages(args)
    if not pages:
        print(f"no corpus pages found under {CORPORA}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = run_all(pages, extractors, args.jobs)
    lines = report(results, pages, extractors, args.worst, time.perf_counter() - started, args.bootstrap)
    print("\n".join(lines))
    if args.save:
        save_predictions(results, args.save)
        per_page = [{k: v for k, v in asdict(r).items() if k != "text"} | {"f1": r.f1} for r in results]
        (args.save / "pages.json").write_text(json.dumps(per_page, ensure_ascii=False, indent=0), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
