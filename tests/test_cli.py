"""Bad input on the command line: one clear line, exit status 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import REPO


def run(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "packet", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize(
    "args, message",
    [
        (["build", "--bogus"], "No such option: --bogus"),
        (["print"], "Missing argument"),
        (["build", "--participants", "0"], "--participants"),
        (["nosuchcommand"], "No such command"),
        (["build", "--weeks", "99"], "--weeks: no week 99 in the curriculum (weeks are 0, 1, 2, 3, 4, 5, 6, 7)"),
        (["build", "--paper", "a5"], "--paper: a5 is not a paper size (use letter or a4)"),
        (["build", "--start", "25:00"], "--start: '25:00' is not a clock time (write it as 18:30, 6:30pm or 18h30)"),
        (["build", "--first-meeting", "2027-02-30"], "--first-meeting: 2027-02-30 is not a date (use yyyy-mm-dd)"),
        (["build", "--css", "missing.css", "--offline"], "stylesheet not found: missing.css"),
        (["check", "no-such-curriculum.yaml"], "no-such-curriculum.yaml: no such file"),
    ],
)
def test_bad_input_is_one_line_with_exit_status_2(args, message):
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert message in result.stderr


def test_output_folder_that_is_a_file_is_named(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    result = run("build", "--out", str(blocker), "--offline", "--weeks", "7", "--cache-dir", str(tmp_path / "c"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"cannot write {blocker}: it is a file, not a folder"


def test_print_keeps_an_existing_pdf_when_nothing_could_be_had(tmp_path):
    kept = tmp_path / "important.pdf"
    kept.write_bytes(b"%PDF-1.7 precious")
    result = run("print", str(tmp_path / "typo.html"), "-o", str(kept), "--cache-dir", str(tmp_path / "c"))
    assert result.returncode == 1
    assert "nothing to print" in result.stderr and "Traceback" not in result.stderr
    assert kept.read_bytes() == b"%PDF-1.7 precious"


def test_help_explains_every_command():
    for command in ("check", "schema", "fetch", "extract", "print", "build", "runsheet"):
        result = run(command, "--help")
        assert result.returncode == 0 and "Usage:" in result.stdout, command
