"""Curricula as organizers really write them: YAML's surprises, loose
spellings, odd files. Valid-but-unusual input loads as meant; bad input is
one located line per problem (exit status 2 from the command line)."""

from __future__ import annotations

import codecs
import datetime as dt
import subprocess
import sys
import textwrap

import pytest

from packet.calendar import calendar_notes
from packet.errors import CurriculumError
from packet.load import load_curriculum, parse_curriculum
from packet.schedule import schedule_week

BASE = textwrap.dedent(
    """\
    title: Test group
    readings:
      - id: intro
        title: An introduction
        url: https://example.org/intro
    weeks:
      - number: 0
        title: First week
        agenda:
          - kind: reading
            readings: [intro]
            minutes: 20
          - kind: discussion
            minutes: 30
    """
)


def problems(text: str) -> list[str]:
    with pytest.raises(CurriculumError) as caught:
        parse_curriculum(text, "c.yaml")
    return caught.value.problems


def loads(text: str):
    return parse_curriculum(text, "c.yaml")


# --- YAML reads some words and numbers as something else: text fields take them as written


def test_titles_yaml_would_read_as_null_numbers_or_dates_are_text_as_written():
    text = BASE.replace("title: First week", "title: Null") + (
        "  - number: 1\n    title: 1.10\n  - number: 2\n    title: 2026-09-08\n  - number: 3\n    title: TRUE\n"
    )
    text = text.replace("title: An introduction", "title: 1984\n    site: 1843")
    text = text.replace("      - kind: discussion\n", "      - kind: discussion\n        questions: [Null, on, 42]\n")
    curriculum = loads(text.replace("title: Test group", "title: Test group\nterm: 2027"))
    assert [w.title for w in curriculum.weeks] == ["Null", "1.10", "2026-09-08", "TRUE"]
    assert (curriculum.term, curriculum.readings[0].title, curriculum.readings[0].site) == ("2027", "1984", "1843")
    assert curriculum.weeks[0].agenda[1].questions == ["Null", "on", "42"]


def test_section_numbers_written_as_numbers_are_headings():
    text = BASE.replace("url: https://example.org/intro", "url: https://example.org/intro\n    sections: {skip: [3, 4.10], stop_before: 5}")
    sections = loads(text).readings[0].sections
    assert (sections.skip, sections.stop_before) == (["3", "4.10"], "5")


def test_a_yaml_1_1_file_keeps_times_and_words_as_written():
    # YAML 1.1 reads 18:00 as 1080 (base 60) and "on" as true.
    text = "%YAML 1.1\n---\n" + BASE.replace("title: Test group", "title: Test group\nstart_time: 18:30").replace(
        "title: First week", "title: on"
    ).replace("      - kind: discussion\n        minutes: 30\n", "      - kind: video\n        title: V\n        start: 1:30\n        end: 16:25\n")
    curriculum = loads(text)
    assert curriculum.start_time == "18:30" and curriculum.weeks[0].title == "on"
    video = curriculum.weeks[0].agenda[1]
    assert (video.start, video.end) == ("1:30", "16:25")
    assert schedule_week(curriculum, curriculum.weeks[0]).blocks[0].start == "18:30"


def test_an_empty_title_is_located_at_its_key_not_the_next_line():
    text = BASE.replace("    title: First week\n", "    title:\n")
    assert problems(text) == ["c.yaml:8:5: weeks[0].title: expected text, got nothing"]


def test_true_is_not_a_week_number():
    assert problems(BASE.replace("number: 0", "number: true")) == ["c.yaml:7:13: weeks[0].number: expected a number, got true"]


# --- loose spellings of fixed choices, lists, minutes, times and dates


def test_choices_lists_minutes_and_times_as_organizers_write_them():
    text = BASE.replace("title: Test group", "title: Test group\npaper: A4\nsides: 1\nstart_time: 6:30pm\nmeeting_minutes: 1h30\nskip_dates: 2026-9-15\nfirst_meeting: 2026-9-8")
    text = text.replace("title: An introduction", "title: An introduction\n    authors: Nate Soares\n    kind: PDF")
    text = text.replace("readings: [intro]\n        minutes: 20", "readings: intro\n        minutes: 20 min")
    text = text.replace("      - kind: discussion\n", "      - kind: Discussion\n        grouping: Groups of 2–3\n        questions: Do you agree?\n")
    text += "      - kind: Wrap up\n        questions:\n"
    curriculum = loads(text)
    assert (curriculum.paper, curriculum.sides, curriculum.start_time, curriculum.meeting_minutes) == ("a4", "one", "18:30", 90)
    assert (curriculum.first_meeting, curriculum.skip_dates) == (dt.date(2026, 9, 8), [dt.date(2026, 9, 15)])
    assert (curriculum.readings[0].authors, curriculum.readings[0].kind) == (["Nate Soares"], "pdf")
    reading, discussion, wrap = curriculum.weeks[0].agenda
    assert (reading.readings, reading.minutes) == (["intro"], 20)
    assert (discussion.kind, discussion.grouping, discussion.questions) == ("discussion", "groups of 2-3", ["Do you agree?"])
    assert (wrap.kind, wrap.questions) == ("wrap-up", [])


def test_one_reading_id_written_alone_is_still_checked():
    text = BASE.replace("readings: [intro]", "readings: intr")
    assert problems(text) == ["c.yaml:11:19: weeks[0].agenda[0].readings: no reading has the id intr (did you mean intro?)"]


@pytest.mark.parametrize(
    "change, expected",
    [
        (("minutes: 20", "minutes: 1:30"), "c.yaml:12:18: weeks[0].agenda[0].minutes: 1:30 is not a number of minutes (for 1 h 30 write 90)"),
        (("title: Test group", "title: Test group\nfirst_meeting: 2026-09-08 18:00"),
         "c.yaml:2:16: first_meeting: expected a date (yyyy-mm-dd), got 2026-09-08 18:00: write the day alone (the meeting's time is start_time)"),
        (("title: Test group", "title: Test group\nfirst_meeting: 20260908"),
         "c.yaml:2:16: first_meeting: expected a date (yyyy-mm-dd), got 20260908"),
        (("title: Test group", "title: Test group\nfirst_meeting: 2026-02-30"),
         "c.yaml:2:16: first_meeting: expected a date (yyyy-mm-dd), got 2026-02-30"),
        (("url: https://example.org/intro", "url: https://example.org/intro (see section 2)"),
         "c.yaml:5:10: readings[0].url: https://example.org/intro (see section 2) has a space in it; an address has none (write a space inside it as %20)"),
        (("number: 0", "number: -1"), "c.yaml:7:13: weeks[0].number: -1 is too small (at least 0)"),
        (("title: Test group", "title: Test group\nstart_time: 25:00"),
         "c.yaml:2:13: start_time: 25:00 is not a clock time (use hh:mm, e.g. 18:00, or 6pm)"),
    ],
)
def test_bad_values_say_what_to_write(change, expected):
    old, new = change
    assert old in BASE
    assert problems(BASE.replace(old, new, 1)) == [expected]


def test_a_value_merged_from_an_anchor_is_located_where_it_is_written():
    text = BASE.replace(
        "      - kind: discussion\n        minutes: 30\n",
        "      - &talk\n        kind: discussion\n        minutes: 30x\n      - <<: *talk\n        grouping: pairs\n",
    )
    # One mistake, written once: named at its line for each item that uses it.
    assert problems(text) == [
        "c.yaml:15:18: weeks[0].agenda[1].minutes: expected a number, got 30x",
        "c.yaml:15:18: weeks[0].agenda[2].minutes: expected a number, got 30x",
    ]
    fixed = loads(text.replace("30x", "30"))
    assert [(i.kind, i.minutes, i.grouping) for i in fixed.weeks[0].agenda[1:]] == [("discussion", 30, None), ("discussion", 30, "pairs")]


# --- the file itself


@pytest.mark.parametrize(
    "text, expected",
    [
        (BASE.replace("  - number: 0", "\t- number: 0"), "c.yaml:7:1: YAML syntax error: a tab here; YAML indents with spaces only (replace the tab with spaces)"),
        (BASE + "---\ntitle: Another\n", "c.yaml:15:1: YAML syntax error: a second document starts here (after ---); a curriculum is one document: remove the --- line or what follows it"),
    ],
)
def test_tabs_and_second_documents_are_said_plainly(text, expected):
    assert problems(text) == [expected]


@pytest.mark.parametrize("encode", [
    lambda t: codecs.BOM_UTF8 + t.encode(),
    lambda t: t.replace("\n", "\r\n").encode(),
    lambda t: t.encode("utf-16"),  # Notepad's "Unicode", with its byte-order mark
])
def test_byte_order_marks_crlf_and_utf16_load(tmp_path, encode):
    path = tmp_path / "c.yaml"
    path.write_bytes(encode(BASE.replace("First week", "Résumé 週")))
    assert load_curriculum(path).weeks[0].title == "Résumé 週"


def test_latin1_file_is_located_at_its_first_foreign_byte(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(BASE.replace("First week", "Résumé").encode("latin-1"))
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(path)
    assert caught.value.problems == [
        f"{path}:8:13: the file is not UTF-8 text (byte 0xe9); it looks saved as Latin-1 or Windows-1252 ('é'): save it as UTF-8"
    ]


def test_reading_paths_that_name_no_file(tmp_path):
    (tmp_path / "readings").mkdir()
    text = BASE.replace("url: https://example.org/intro", "path: readings").replace(
        "weeks:", "  - id: blank\n    title: Blank\n    path: ''\n  - id: home\n    title: Home\n    path: ~/notes.md\nweeks:"
    )
    path = tmp_path / "c.yaml"
    path.write_text(text)
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(path)
    assert caught.value.problems == [
        f"{path}:5:11: readings[0].path: readings: is a folder, not a file (name the file in it)",
        f"{path}:8:11: readings[1].path: is empty: name the file, relative to the curriculum",
        f"{path}:11:11: readings[2].path: ~/notes.md: no such file next to the curriculum "
        "(~ is not your home folder here: write the path relative to the curriculum)",
    ]


# --- what `packet check` says, with its exit status


def run_check(path, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "packet", "check", str(path)], capture_output=True, text=True, cwd=cwd, timeout=60)


def test_check_exits_2_with_the_located_line_for_a_latin1_file(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(BASE.replace("First week", "Café").encode("cp1252"))
    result = run_check(path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{path}:8:15: the file is not UTF-8 text (byte 0xe9); it looks saved as Latin-1 or Windows-1252 ('é'): save it as UTF-8"
    assert "Traceback" not in result.stderr + result.stdout


def test_check_notes_calendar_surprises_and_finds_local_readings_from_elsewhere(tmp_path):
    folder = tmp_path / "group"
    (folder / "readings").mkdir(parents=True)
    (folder / "readings" / "intro.md").write_text("# Intro\n\nText.\n")
    text = BASE.replace("url: https://example.org/intro", "path: readings/intro.md")
    text = text.replace("title: Test group", "title: Test group\nfirst_meeting: 2026-09-08\nskip_dates: [2026-09-16, 2026-12-24]")
    text += "  - number: 2\n    title: Third\n  - number: 1\n    title: Second\n"
    (folder / "c.yaml").write_text(text)
    result = run_check(folder / "c.yaml", cwd=tmp_path)  # run from another folder
    assert result.returncode == 0, result.stderr
    assert "note: weeks are listed out of number order (0, 2, 1); dates and the semester run-sheet follow the list" in result.stdout
    assert ("note: skip_dates: 2026-09-16 is a Wednesday, and meetings are on Tuesdays: it moves no meeting "
            "(meant the meeting of that week? write its date)") in result.stdout
    assert "2026-12-24" not in result.stdout  # after the last meeting: a holiday list, nothing to say


def test_calendar_notes_are_quiet_for_an_ordinary_semester():
    text = BASE.replace("title: Test group", "title: Test group\nfirst_meeting: 2026-09-08\nskip_dates: [2026-09-15]")
    assert calendar_notes(loads(text + "  - number: 1\n    title: Second\n")) == []


def test_keys_yaml_reads_as_true_or_a_number_are_unknown_fields_at_their_line():
    text = "%YAML 1.1\n---\n" + BASE.replace("title: Test group", "title: Test group\non: tuesdays").replace(
        "        minutes: 30\n", "        minutes: 30\n        yes: 1\n        3: 4\n"
    )
    assert problems(text) == [
        "c.yaml:4:1: on: unknown field",
        "c.yaml:18:9: weeks[0].agenda[1].yes: unknown field",
        "c.yaml:19:9: weeks[0].agenda[1].3: unknown field",
    ]
