"""`packet new`: a starting curriculum that checks as written and says how to fill it in."""

from __future__ import annotations

import subprocess
import sys

import pytest

from packet.authoring.starter import StarterOptions, starter_text
from packet.authoring.timing import start_time
from packet.clock import parse_clock
from packet.load import load_curriculum, parse_curriculum
from packet.schedule import schedule_week

from .conftest import REPO


def run(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "packet", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_new_writes_a_curriculum_that_checks_with_the_options_given(tmp_path):
    target = tmp_path / "curriculum.yaml"
    result = run("new", str(target), "--title", "Ethics: a reading group", "--weeks", "5", "--minutes", "90", "--start", "18:30")
    assert result.returncode == 0, result.stderr
    text = target.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=packet/curriculum.schema.json"
    curriculum = load_curriculum(target)
    assert curriculum.title == "Ethics: a reading group"
    assert (curriculum.meeting_minutes, curriculum.start_time) == (90, "18:30")
    assert [w.number for w in curriculum.weeks] == [0, 1, 2, 3, 4]
    check = run("check", str(target))
    assert check.returncode == 0 and "ok - Ethics: a reading group: 5 weeks" in check.stdout


def test_every_week_of_the_starter_fills_the_meeting_exactly():
    for minutes in (30, 60, 90, 120, 150):
        curriculum = parse_curriculum(starter_text(StarterOptions(path=None, minutes=minutes, weeks=2)))
        for week in curriculum.weeks:
            assert schedule_week(curriculum, week).total_minutes == minutes


def test_starter_explains_what_an_organizer_fills_in():
    text = starter_text(StarterOptions(path=None))
    for words in ("packet check", "packet build", "readings: []", "#  - id: first-reading", "# - kind: video",
                  "grouping", "first_meeting", "Only the facilitator sees notes"):
        assert words in text


def test_new_never_overwrites_without_force(tmp_path):
    target = tmp_path / "curriculum.yaml"
    target.write_text("my semester\n")
    result = run("new", str(target))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"{target} already exists; use --force to replace it (or name another file)"
    assert target.read_text() == "my semester\n"
    assert run("new", str(target), "--force").returncode == 0
    assert load_curriculum(target).title == "Our reading group"


TITLES = [
    "Line one\nline two",
    'She said "read it": twice',
    "Ethics: a reading group",
    "# not a comment",
    "- not a list",
    "Café ☕ Reading Group 🤖",
    "yes",
    "'single' and \\backslash\\",
    "  spaced  ",
    "Tab\tand NEL\x85 and LS\u2028end",
    "18:30",
    "[draft] {v2}, & more * ! %",
]


@pytest.mark.parametrize("title", TITLES)
def test_any_title_is_written_so_the_file_checks_and_reads_back_as_given(tmp_path, title):
    target = tmp_path / "curriculum.yaml"
    result = run("new", str(target), "--title", title, "--weeks", "2")
    assert result.returncode == 0, result.stderr
    assert load_curriculum(target).title == title
    check = run("check", str(target))
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize(
    "written, clock",
    [("18:30", "18:30"), ("6pm", "18:00"), ("6:30 pm", "18:30"), ("6.30p.m.", "18:30"), ("18h30", "18:30"),
     ("9am", "09:00"), ("12pm", "12:00"), ("12:15am", "00:15"), ("7:05", "07:05")],
)
def test_new_takes_the_start_time_as_people_write_it(tmp_path, written, clock):
    target = tmp_path / "c.yaml"
    result = run("new", str(target), "--start", written, "--weeks", "1")
    assert result.returncode == 0, result.stderr
    assert load_curriculum(target).start_time == clock
    assert f"from {clock}." in result.stdout


def test_the_importer_and_new_read_a_start_time_the_same_way():
    for written, clock in (("6pm", "18:00"), ("6:30 pm", "18:30"), ("18:45", "18:45")):
        assert start_time(f"We meet on Thursdays, starting at {written}.") == clock == parse_clock(written)


@pytest.mark.parametrize("written", ["7px", "25:00", "13pm", "18", "6:75pm", "noon-ish", ""])
def test_new_rejects_a_start_time_it_cannot_read_in_one_line(tmp_path, written):
    result = run("new", str(tmp_path / "c.yaml"), "--start", written)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == f"--start: {written!r} is not a clock time (write it as 18:30, 6:30pm or 18h30)"
    assert not (tmp_path / "c.yaml").exists()


def test_a_one_week_group_is_counted_in_the_singular(tmp_path):
    target = tmp_path / "curriculum.yaml"
    result = run("new", str(target), "--weeks", "1")
    assert result.returncode == 0, result.stderr
    assert "1 week of 120 minutes" in result.stdout
    check = run("check", str(target))
    assert "Our reading group: 1 week, 0 readings, 0 videos," in " ".join(check.stdout.split())
