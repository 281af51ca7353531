"""A reading with a title but no url or path: read from a copy outside the
packet (a book chapter). Nothing is fetched for it and nothing fails; the
handout prints its source card saying so, in the flow of the pages; the
run-sheet times it and gives no handout page; `packet check` counts it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pdfplumber
import pytest

from packet.errors import CurriculumError
from packet.load import parse_curriculum

from .standin_site import StandinSite, article_page, png_bytes

CURRICULUM = textwrap.dedent(
    """\
    title: Book group
    start_time: "18:00"
    readings:
      - id: ch3
        title: Superintelligence, chapter 3
        authors: [Nick Bostrom]
        year: 2014
        minutes: 35
      - id: post
        title: A blog post
        url: {base}/blog/post
      - id: ch4
        title: Superintelligence, chapter 4
        authors: Nick Bostrom
        where: copies handed out at the meeting, pp. 71-95
        pages: 71-95
    weeks:
      - number: 1
        title: Paths to superintelligence
        agenda:
          - kind: icebreaker
            minutes: 10
          - kind: reading
            title: The chapter
            readings: [ch3]
          - kind: reading
            title: The post
            readings: [post]
            minutes: 15
          - kind: reading
            title: The next chapter
            readings: [ch4]
    """
)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "packet", *args], capture_output=True, text=True, timeout=120)


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    pages = {
        "/blog/post": (200, "text/html; charset=utf-8", article_page("A blog post", "B. Writer", 600, 3, base="{B}").encode()),
        "/img/figure-3.png": (200, "image/png", png_bytes(seed=3)),
    }
    root = tmp_path_factory.mktemp("own-copy")
    with StandinSite(pages) as site:
        site.pages = {k: (s, c, b.replace(b"{B}", site.url.encode())) for k, (s, c, b) in pages.items()}
        curriculum = root / "curriculum.yaml"
        curriculum.write_text(CURRICULUM.format(base=site.url))
        result = run("build", str(curriculum), "--out", str(root / "out"), "--cache-dir", str(root / "cache"), "-j", "1")
        log = list(site.log)
    return {"root": root, "out": root / "out", "result": result, "log": log}


def test_the_build_succeeds_and_fetches_only_the_post(built):
    result = built["result"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "could not be had" not in result.stdout + result.stderr
    requested = " ".join(str(entry) for entry in built["log"])
    assert "/blog/post" in requested and "chapter" not in requested


def test_report_marks_them_not_in_the_packet(built):
    rows = {r["id"]: r for r in json.loads((built["out"] / "report.json").read_text())["readings"]}
    assert rows["post"]["status"] == "ok"
    assert rows["ch3"]["status"] == rows["ch4"]["status"] == "not-in-packet"
    assert rows["ch3"]["url"] == "" and rows["ch3"]["minutes"] == 35 and rows["ch3"]["pages"] is None
    assert rows["ch4"]["reason"] == "copies handed out at the meeting, pp. 71-95"
    fetched = {r["id"]: r for r in json.loads((built["out"] / "fetch-report.json").read_text())["readings"]}
    assert fetched["ch3"]["status"] == "skipped" and "not fetched" in fetched["ch3"]["reason"]
    # Nothing to lock: the lock file records the post alone.
    lock = (built["root"] / "packet.lock").read_text()
    assert "post:" in lock and "ch3" not in lock and "ch4" not in lock


def test_handout_prints_a_source_card_not_a_placeholder(built):
    pages = page_texts(built["out"] / "week-01-handout.pdf")
    text = "\n".join(pages)
    assert "could not be printed" not in text and "could not be fetched" not in text
    (ch3,) = [p for p in pages if "Superintelligence, chapter 3\nNick Bostrom" in p]
    assert "Not printed in this packet: read it from your own copy." in ch3
    assert "About 35 minutes" in ch3
    (ch4,) = [p for p in pages if "Superintelligence, chapter 4\nNick Bostrom" in p]
    assert "Not printed in this packet. Where to find it: copies handed out at the meeting, pp. 71-95" in ch4
    assert "To read Pages 71-95 only." in ch4
    # The front page sends readers to the card, saying the reading is not here.
    assert "Superintelligence, chapter 3 (not in this packet: see page" in pages[0]


def test_a_card_does_not_take_a_page_of_its_own(built):
    pages = page_texts(built["out"] / "week-01-handout.pdf")
    # The first chapter's card follows the agenda on the week's first page;
    # the second follows the end of the post, on its last page.
    assert "Superintelligence, chapter 3\nNick Bostrom" in pages[0]
    (ch4,) = [p for p in pages if "Superintelligence, chapter 4\nNick Bostrom" in p]
    assert "The footnote itself" in ch4 or "LINKS" in ch4


def test_runsheet_times_them_without_a_handout_page(built):
    text = " ".join(page_texts(built["out"] / "week-01-runsheet.pdf")[0].split())
    assert "18:10 READING The chapter 35 min to 18:45" in text
    # No minutes and no word count: the default for a reading, marked as unsure.
    assert "19:00 READING The next chapter 20 min? default for a reading not in the packet" in text
    assert "not in handout own copy" in text
    assert "not in handout copies handed out at the meeting, pp. 71-95" in text
    assert "A blog post handout p. 3" in text and text.count("handout p.") == 1
    assert "Not in the handout Superintelligence, chapter 3 (own" in text


def test_check_counts_and_lists_them(tmp_path):
    curriculum = tmp_path / "book.yaml"
    curriculum.write_text(CURRICULUM.format(base="https://example.org"))
    result = run("check", str(curriculum))
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "3 readings (2 not in the packet)" in out
    assert "ch3: Superintelligence, chapter 3 - not in the packet: read from your own copy" in out
    assert "ch4: Superintelligence, chapter 4 - not in the packet: copies handed out at the meeting, pp. 71-95" in out


def test_check_refuses_a_reading_with_no_title_url_or_path_in_one_line(tmp_path):
    curriculum = tmp_path / "book.yaml"
    curriculum.write_text(CURRICULUM.format(base="https://example.org").replace(
        "    title: Superintelligence, chapter 3\n", "", 1))
    result = run("check", str(curriculum))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"{curriculum}:4:5: readings[0]: a reading needs at least a title (and a url or a path to print it "
        "in the packet); this one has no title, url or path"
    ]


def test_fetch_skips_them_without_failing(tmp_path):
    curriculum = tmp_path / "book.yaml"
    (tmp_path / "notes.md").write_text("# Notes\n\nA few words of notes.\n")
    curriculum.write_text(
        CURRICULUM.format(base="https://example.org").replace("url: https://example.org/blog/post", "path: notes.md")
    )
    result = run("fetch", str(curriculum), "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "c"), "--offline")
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {r["id"]: r for r in json.loads((tmp_path / "out" / "fetch-report.json").read_text())["readings"]}
    assert rows["post"]["status"] == "ok"
    assert rows["ch3"]["status"] == "skipped" and rows["ch3"]["source"] == "not-in-packet"
    assert "not in the packet" in result.stderr and "not fetched" in " ".join(result.stderr.split())


def _problems(text: str) -> list[str]:
    try:
        parse_curriculum(text, "c.yaml")
    except CurriculumError as exc:
        return exc.problems
    return []


@pytest.mark.parametrize(
    "reading, expected",
    [
        ("  - id: ch3\n    title: A chapter\n", []),
        # Loads (no problem), with a warning: see test_an_empty_url_loads_with_a_warning.
        ("  - id: ch3\n    title: A chapter\n    url:\n", []),
        ("  - id: ch3\n    title: A chapter\n    where: the library\n", []),
        ("  - id: ch3\n    authors: [Someone]\n",
         ["c.yaml:3:5: readings[0]: a reading needs at least a title (and a url or a path to print it in the "
          "packet); this one has no title, url or path"]),
        ("  - id: ch3\n    title: ''\n",
         ["c.yaml:3:5: readings[0]: a reading needs at least a title (and a url or a path to print it in the "
          "packet); this one has no title, url or path"]),
        ("  - id: ch3\n    url: https://example.org/a\n", ["c.yaml:3:5: readings[0].title: required field is missing"]),
        ("  - id: ch3\n    title: A post\n    url: https://example.org/a\n    where: the library\n",
         ["c.yaml:6:5: readings[0].where: is for a reading not in the packet (one with no url or path); "
          "for a remark on this one's card use note"]),
    ],
)
def test_which_readings_load(reading, expected):
    text = f"title: T\nreadings:\n{reading}weeks:\n  - number: 1\n    title: W\n"
    assert _problems(text) == expected
    if not expected:
        assert parse_curriculum(text).readings[0].in_packet is False
        # An empty url: is more likely a placeholder than meant: it loads, with a warning.
        from packet.load import text_warnings

        assert bool(text_warnings(text, "c.yaml")) == ("url:" in reading)


def test_a_card_after_a_pdf_reading_starts_a_page_rather_than_print_over_it():
    """A PDF reading's pages are drawn over the pages it reserves: a card
    following on there would be printed under the PDF's last page."""
    import io

    import weasyprint

    from packet.render.handout import render_week_handout
    from packet.render.material import ReadingMaterial

    curriculum = parse_curriculum(textwrap.dedent(
        """\
        title: T
        readings:
          - id: report
            title: A report
            url: https://example.org/report.pdf
            kind: pdf
          - id: ch3
            title: Superintelligence, chapter 3
        weeks:
          - number: 1
            title: W
            agenda:
              - kind: reading
                readings: [report, ch3]
        """
    ))
    source = weasyprint.HTML(string="<h1>Source page 1</h1><p>" + "Report text. " * 40 + "</p>").write_pdf()
    materials = {
        "report": ReadingMaterial(curriculum.reading("report"), "https://example.org/report.pdf", pdf=source),
        "ch3": ReadingMaterial(curriculum.reading("ch3"), ""),
    }
    handout = render_week_handout(curriculum, curriculum.weeks[0], materials)
    with pdfplumber.open(io.BytesIO(handout.pdf)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    (card,) = [p for p in pages if "Not printed in this packet" in p]
    assert "Report text" not in card and "Source page 1" not in card
    assert "report" in handout.reading_pages and "ch3" not in handout.reading_pages


def test_two_own_copy_readings_with_one_title_are_both_on_the_checklist():
    # Chapter 3 handed out, the same book's chapter 4 from people's own copies.
    from packet.render.runsheet import render_week_runsheet
    from packet.schedule import schedule_week

    curriculum = parse_curriculum(
        'title: Book\nmeeting_minutes: 90\nstart_time: "18:00"\nreadings:\n'
        "  - {id: a, title: Superintelligence, where: copies handed out at the meeting}\n"
        "  - {id: b, title: Superintelligence, where: your own copy}\n"
        "weeks:\n  - number: 1\n    title: Paths\n    agenda:\n"
        "      - {kind: reading, readings: [a], minutes: 20}\n      - {kind: reading, readings: [b], minutes: 20}\n"
    )
    week = curriculum.weeks[0]
    sheet = render_week_runsheet(curriculum, week, schedule_week(curriculum, week))
    with pdfplumber.open(io.BytesIO(sheet.pdf)) as pdf:
        text = " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())
    checklist = text[text.index("BEFORE THE MEETING"):] if "BEFORE THE MEETING" in text else text
    assert "copies handed out" in checklist and "your own copy" in checklist


EMPTY_URL = textwrap.dedent(
    """\
    title: Book group
    start_time: "18:00"
    readings:
      - id: post
        title: A blog post
        url: https://example.org/post
      - id: ch3
        title: Superintelligence, chapter 3
        url:
        authors: [Nick Bostrom]
      - id: notes
        title: Notes
        path:
        where: the group's shared folder
      - {id: ch4, title: "Superintelligence, chapter 4", url: }
    weeks:
      - number: 1
        title: Paths
        agenda:
          - {kind: reading, readings: [ch3, ch4, notes], minutes: 30}
    """
)
EMPTY_URL_WARNINGS = [
    "c.yaml:9:5: readings[1].url: empty: this reading (ch3) is read from a copy outside the packet; "
    "give its address, or remove url: and say where: to find it",
    "c.yaml:13:5: readings[2].path: empty: this reading (notes) is read from a copy outside the packet; "
    "name its file, or remove path:",
    "c.yaml:15:54: readings[3].url: empty: this reading (ch4) is read from a copy outside the packet; "
    "give its address, or remove url: and say where: to find it",
]


def test_an_empty_url_loads_with_a_warning():
    # An empty url: (or path:) is more likely an address still to fill in
    # than a reading meant to be read from people's own copies: it loads as
    # one, and is pointed out where it is written.
    from packet.load import text_warnings

    curriculum = parse_curriculum(EMPTY_URL, "c.yaml")
    assert [r.in_packet for r in curriculum.readings] == [True, False, False, False]
    assert text_warnings(EMPTY_URL, "c.yaml") == EMPTY_URL_WARNINGS
    assert text_warnings(CURRICULUM.format(base="https://example.org"), "c.yaml") == []


def test_check_and_a_runsheet_build_warn_of_an_empty_url_and_exit_0(tmp_path):
    curriculum = tmp_path / "c.yaml"
    curriculum.write_text(EMPTY_URL)
    expected = [w.replace("c.yaml:", f"{curriculum}:", 1) for w in EMPTY_URL_WARNINGS]
    checked = run("check", str(curriculum))
    assert checked.returncode == 0, checked.stderr
    assert [f"warning: {w}" for w in expected] == [line for line in checked.stdout.splitlines() if line.startswith("warning:")]
    built = run("runsheet", str(curriculum), "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache"))
    assert built.returncode == 0, built.stdout + built.stderr
    said = "".join((built.stdout + built.stderr).split())  # the console wraps long lines anywhere
    assert all("".join(w.split()) in said for w in expected), built.stdout + built.stderr
