"""`packet new`: a starting curriculum that checks as written and says how to fill it in."""

from __future__ import annotations

import subprocess
import sys

from packet.authoring.starter import StarterOptions, starter_text
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


def test_new_rejects_a_bad_start_time(tmp_path):
    result = run("new", str(tmp_path / "c.yaml"), "--start", "7pm")
    assert result.returncode == 2
    assert result.stderr.strip() == "--start: 7pm is not a clock time (use hh:mm, e.g. 18:00)"
