"""Progress of a build: counts and elapsed time on a terminal, plain lines in
a log, nothing with --quiet."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap

from packet.progress import LineProgress, LiveProgress, Progress, progress_display

CURRICULUM = textwrap.dedent(
    """\
    title: Progress group
    readings:
      - {id: one, title: One, path: one.md}
      - {id: two, title: Two, path: two.md}
    weeks:
      - number: 0
        title: First
        agenda:
          - {kind: reading, readings: [one], minutes: 10}
      - number: 1
        title: Second
        agenda:
          - {kind: reading, readings: [two], minutes: 10}
    """
)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def drive(progress: Progress) -> None:
    with progress:
        progress.start("readings fetched", 2)
        progress.advance("readings fetched", "one (ok)")
        progress.advance("readings fetched", "two (ok)")
        progress.say("combining handouts")


def test_a_log_gets_one_plain_line_per_step_with_counts_and_seconds():
    stream = io.StringIO()
    progress = progress_display(quiet=False, stream=stream)
    assert isinstance(progress, LineProgress)
    drive(progress)
    lines = stream.getvalue().splitlines()
    assert [re.sub(r"^\[\s*[\d.]+s\] ", "", line) for line in lines] == [
        "readings fetched 1/2: one (ok)", "readings fetched 2/2: two (ok)", "combining handouts",
    ]
    assert all(re.match(r"^\[\s*\d+\.\ds\] ", line) for line in lines)


def test_a_terminal_gets_a_live_display_with_counts_and_elapsed_time():
    stream = Terminal()
    progress = progress_display(quiet=False, stream=stream)
    assert isinstance(progress, LiveProgress)
    drive(progress)
    shown = stream.getvalue()
    assert "readings fetched" in shown and "2/2" in shown
    assert re.search(r"0:00:\d\d", shown)  # elapsed time
    assert "\x1b[" in shown  # drawn in place, not as a log


def test_quiet_shows_nothing():
    stream = Terminal()
    progress = progress_display(quiet=True, stream=stream)
    drive(progress)
    assert stream.getvalue() == ""


def _build(tmp_path, *extra: str) -> subprocess.CompletedProcess:
    (tmp_path / "curriculum.yaml").write_text(CURRICULUM)
    for name in ("one", "two"):
        (tmp_path / f"{name}.md").write_text(f"# {name.title()}\n\n" + "Some words to read. " * 60)
    return subprocess.run(
        [sys.executable, "-m", "packet", "build", str(tmp_path / "curriculum.yaml"), "--out", str(tmp_path / "out"),
         "--cache-dir", str(tmp_path / "cache"), "--offline", *extra],
        capture_output=True, text=True, timeout=300,
    )


def test_a_build_into_a_log_reports_counts_of_readings_and_weeks(tmp_path):
    done = _build(tmp_path)
    assert done.returncode == 0, done.stderr
    log = done.stderr
    for line in ("readings fetched 2/2", "readings extracted 2/2", "weeks rendered 1/2", "weeks rendered 2/2",
                 "combining handouts", "assembling the semester run-sheet"):
        assert line in log, log
    assert "\x1b[" not in log


def test_a_quiet_build_prints_nothing(tmp_path):
    done = _build(tmp_path, "--quiet")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == ""
