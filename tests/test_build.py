"""`packet build` end to end against a loopback site: outputs, placeholders,
the report, the cache, incremental rebuilds, and the one-off commands."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from packet.build import BuildOptions, build
from packet.fetch import FetchOptions

from .standin_site import StandinSite, article_page, png_bytes

CURRICULUM = textwrap.dedent(
    """\
    title: Loopback group
    meeting_minutes: 90
    start_time: "17:30"
    readings:
      - id: claims
        title: Four claims
        url: {base}/blog/claims
      - id: gone
        title: A vanished post
        url: {base}/blog/gone
      - id: bonus
        title: A bonus post
        url: {base}/blog/bonus
    weeks:
      - number: 0
        title: Getting started
        agenda:
          - kind: icebreaker
            minutes: 10
            questions: [What brought you here?]
          - kind: reading
            readings: [claims]
            minutes: 25
          - kind: discussion
            minutes: 20
            questions: [Do you agree with each claim?]
            notes: FACILITATOR-ONLY-NOTE keep this off handouts
          - kind: reading
            readings: [bonus]
            early_finishers: true
      - number: 1
        title: Second week
        agenda:
          - kind: reading
            readings: [gone]
          - kind: video
            title: A talk
            url: https://www.youtube.com/watch?v=abcdefghijk
            start: "1:00"
            end: "11:30"
    """
)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def site():
    pages = {
        "/blog/claims": (200, "text/html; charset=utf-8", article_page("Four claims", "Nate Writer", 1200, 1, base="{B}").encode()),
        "/blog/bonus": (200, "text/html; charset=utf-8", article_page("A bonus post", "B. Writer", 500, 2, base="{B}").encode()),
        "/img/figure-1.png": (200, "image/png", png_bytes(seed=1)),
        "/img/figure-2.png": (200, "image/png", png_bytes(seed=2)),
    }
    with StandinSite(pages) as server:
        server.pages = {k: (s, c, b.replace(b"{B}", server.url.encode())) for k, (s, c, b) in pages.items()}
        yield server


@pytest.fixture(scope="module")
def built(site, tmp_path_factory):
    """One cold build, shared by the tests that only look at its outputs."""
    root = tmp_path_factory.mktemp("build")
    curriculum = root / "curriculum.yaml"
    curriculum.write_text(CURRICULUM.format(base=site.url))
    options = BuildOptions(out_dir=root / "out", jobs=2, fetch=FetchOptions(cache_dir=root / "cache" / "http", retries=0))
    before = len(site.log)
    result = build(curriculum, options)
    return {"root": root, "curriculum": curriculum, "options": options, "result": result,
            "requests": len(site.log) - before}


def test_build_writes_every_output(built):
    out = built["root"] / "out"
    for name in ("week-00-handout.pdf", "week-00-handout.html", "week-00-runsheet.pdf",
                 "week-01-handout.pdf", "week-01-runsheet.pdf", "handouts.pdf", "runsheet.pdf", "report.json"):
        assert (out / name).is_file(), name
    reader = PdfReader(out / "week-00-handout.pdf")
    assert len(reader.pages) % 2 == 0, "duplex: a handout has an even number of pages"
    assert round(float(reader.pages[0].mediabox.width)) == 612


def test_the_lock_tells_changes_by_every_printed_word_captions_included(built):
    # Article.text leaves figure captions out (it is the running text); the
    # lock hashes what the handout prints, so a caption edit is a change and
    # locks written before captions left Article.text still match.
    import hashlib

    from packet.lock import lock_path, read_lock, update_lock

    text = built["result"].texts["claims"]
    assert "capability against compute" in text
    curriculum = built["curriculum"]
    update_lock(curriculum, built["result"])
    entry = read_lock(lock_path(curriculum))["claims"]
    assert entry["text_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_handout_holds_the_article_and_not_the_site_or_facilitator_notes(built):
    text = _pdf_text(built["root"] / "out" / "week-00-handout.pdf")
    assert "Four claims" in text
    assert "Do you agree with each claim?" in text
    assert "FACILITATOR-ONLY-NOTE" not in text
    assert "COMMENT-SENTINEL" not in text and "Accept all cookies" not in text


def test_dead_link_gets_placeholder_page_and_is_reported(built, site):
    text = _pdf_text(built["root"] / "out" / "week-01-handout.pdf")
    assert f"{site.url}/blog/gone" in text.replace("\n", "")
    assert "404 Not Found" in text
    report = json.loads((built["root"] / "out" / "report.json").read_text())
    rows = {r["id"]: r for r in report["readings"]}
    assert rows["gone"]["status"] == "failed" and rows["gone"]["reason"] == "404 Not Found"
    assert rows["claims"]["status"] == "ok" and rows["claims"]["words"] > 900
    assert rows["claims"]["pages"] >= 1


def test_runsheet_shows_clock_times_from_the_curriculum_start(built):
    text = _pdf_text(built["root"] / "out" / "week-00-runsheet.pdf")
    assert "17:30" in text and "18:25" in text  # 10 + 25 + 20 minutes


def test_second_build_makes_no_request_and_renders_nothing(built, site):
    before = len(site.log)
    result = build(built["curriculum"], built["options"])
    assert len(site.log) == before, site.log[before:]
    assert result.written == []
    assert {r.id: r.status for r in result.readings}["claims"] == "cached"


def test_changing_one_week_renders_only_that_week(built, tmp_path):
    curriculum = built["curriculum"]
    out = built["root"] / "out"
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    curriculum.write_text(curriculum.read_text().replace("title: Second week", "title: Second week, revised"))
    result = build(curriculum, built["options"])
    changed = {p.name for p in out.glob("*.pdf") if p.stat().st_mtime_ns != stamps[p.name]}
    assert changed == {"week-01-handout.pdf", "week-01-runsheet.pdf", "handouts.pdf", "runsheet.pdf"}
    assert {p.name for p in result.written} >= changed


def test_a_build_of_one_week_takes_the_other_weeks_run_sheets_as_they_are(built, monkeypatch):
    import dataclasses

    from packet.render import runsheet

    laid_out = []
    original = runsheet._render_sheets

    def counting(curriculum, sheets, overview, options, title):
        laid_out.append(title)
        return original(curriculum, sheets, overview, options, title)

    monkeypatch.setattr(runsheet, "_render_sheets", counting)
    options = dataclasses.replace(built["options"], weeks=[1], jobs=1)
    curriculum = built["curriculum"]
    curriculum.write_text(curriculum.read_text().replace("title: A talk", "title: A talk, moved"))
    build(curriculum, options)
    # Week 1's own sheet and the calendar page; week 0's sheet is copied from week-00-runsheet.pdf.
    assert not any("week 0" in title for title in laid_out), laid_out
    text = _pdf_text(built["root"] / "out" / "runsheet.pdf")
    assert "What brought you here?" in text and "A talk, moved" in text


def test_a_week_printed_for_other_paper_is_left_out_of_handouts_pdf_and_said_so(built, tmp_path):
    import dataclasses
    import shutil

    # A copy of the built group, so the shared build stays as it was.
    root = Path(shutil.copytree(built["root"], tmp_path / "group"))
    fetch = dataclasses.replace(built["options"].fetch, cache_dir=root / "cache" / "http", offline=True)
    options = dataclasses.replace(built["options"], out_dir=root / "out", fetch=fetch, weeks=[1], paper="a4", jobs=1)
    result = build(root / "curriculum.yaml", options)
    assert (
        "handouts.pdf leaves out week 0: printed earlier for other paper, sides or print size; "
        "build it again with these options to put it in"
    ) in result.warnings
    combined = PdfReader(root / "out" / "handouts.pdf")
    assert len(combined.pages) == len(PdfReader(root / "out" / "week-01-handout.pdf").pages)
    assert round(float(combined.pages[0].mediabox.width)) == 595


def test_offline_with_an_empty_cache_completes_with_placeholders(site, tmp_path):
    curriculum = tmp_path / "curriculum.yaml"
    curriculum.write_text(CURRICULUM.format(base=site.url))
    before = len(site.log)
    result = subprocess.run(
        [sys.executable, "-m", "packet", "build", str(curriculum), "--out", str(tmp_path / "out"),
         "--cache-dir", str(tmp_path / "cache"), "--offline", "--weeks", "0"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(site.log) == before
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert {r["status"] for r in report["readings"]} == {"missing"}
    text = _pdf_text(tmp_path / "out" / "week-00-handout.pdf")
    assert "not in the cache" in text


def test_print_puts_each_source_in_one_pdf(site, tmp_path):
    out = tmp_path / "two.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "packet", "print", f"{site.url}/blog/claims", f"{site.url}/blog/bonus",
         "-o", str(out), "--paper", "a4", "--cache-dir", str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert round(float(reader.pages[0].mediabox.width)) == 595
    text = _pdf_text(out)
    assert text.index("Four claims") < text.index("A bonus post")


def test_extract_jsonl_keeps_order_and_reports_failures(site, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "packet", "extract", "--format", "jsonl", f"{site.url}/blog/claims",
         f"{site.url}/blog/gone", f"{site.url}/blog/bonus", "--cache-dir", str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=120,
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [f"{site.url}/blog/claims", f"{site.url}/blog/gone", f"{site.url}/blog/bonus"]
    assert records[0]["title"] == "Four claims" and records[0]["word_count"] > 900
    assert "COMMENT-SENTINEL" not in records[0]["text"]
    assert records[1]["error"] == "404 Not Found"
    assert result.returncode == 1


def test_bad_options_are_one_line_errors(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "packet", "build", "curriculum.yaml", "--weeks", "0,x", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "--weeks: 0,x is not a list of week numbers (e.g. 0,3)"


def _image_count(path: Path) -> int:
    return sum(len(page.images) for page in PdfReader(path).pages)


def test_offline_rebuild_keeps_the_cached_images(built, site):
    from dataclasses import replace

    first = _image_count(built["root"] / "out" / "week-00-handout.pdf")
    assert first >= 1, "the stand-in article's figure is printed"
    options = replace(
        built["options"], out_dir=built["root"] / "offline-out",
        fetch=replace(built["options"].fetch, offline=True),
    )
    before = len(site.log)
    result = build(built["curriculum"], options)
    assert len(site.log) == before
    assert _image_count(built["root"] / "offline-out" / "week-00-handout.pdf") == first
    assert not [r for r in result.refused if "figure" in r[0]]


def _qr_codes_on_first_page(pdf: Path) -> int:
    """Square images 0.85 in wide: the source card's QR code."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return sum(1 for im in doc.pages[0].images if abs(im["width"] - 61.2) < 1 and abs(im["height"] - 61.2) < 1)


def test_an_address_too_long_for_a_readable_qr_code_prints_without_one(site, tmp_path):
    # A tracking link can run to thousands of characters: past QR version 40
    # segno cannot encode it at all (this crashed the build), and well before
    # that the code is too dense for a phone at 0.85 in.
    short = f"{site.url}/blog/bonus?ref=newsletter"
    long = f"{site.url}/blog/bonus?ref=" + "x" * 3000
    for url, name, codes in ((short, "short.pdf", 1), (long, "long.pdf", 0)):
        out = tmp_path / name
        result = subprocess.run(
            [sys.executable, "-m", "packet", "print", url, "-o", str(out), "--cache-dir", str(tmp_path / "cache")],
            capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert _qr_codes_on_first_page(out) == codes, name
        text = " ".join(_pdf_text(out).split())
        assert "A bonus post" in text
        if not codes:
            assert "no QR code: the address is too long to scan" in text
