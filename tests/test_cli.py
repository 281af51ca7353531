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
        (["build", "--first-meeting", "2027-01-14,2027-01-21"], "--first-meeting: one date, not 2"),
        (["build", "--skip", "2027-01-21", "--skip", "2027-03-3x"], "--skip: 2027-03-3x is not a date (use yyyy-mm-dd)"),
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


def test_print_names_missing_pictures_once_a_reading_and_reason(tmp_path):
    # Hand-written page: three pictures that are not in the (empty) cache.
    page = tmp_path / "photos.html"
    pictures = "".join(f'<figure><img src="https://example.org/photo-{n}.jpg"><figcaption>Photo {n}</figcaption></figure>' for n in range(5))
    page.write_text(
        "<html><head><title>Photos</title></head><body><article><h1>Photos</h1>"
        + "<p>The group met by the river and took pictures of the old mill before the talk began.</p>" * 4
        + pictures + "</article></body></html>",
        encoding="utf-8",
    )
    result = run("print", "--offline", "--cache-dir", str(tmp_path / "c"), "-o", str(tmp_path / "p.pdf"), str(page))
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stderr.split())
    expected = (
        f"{page}: 5 images refused or missing (not in the cache (offline)): "
        "https://example.org/photo-0.jpg, https://example.org/photo-1.jpg, https://example.org/photo-2.jpg and 2 more"
    )
    # (the console wraps long lines wherever it likes: compare without spaces)
    assert "".join(expected.split()) in "".join(said.split()), said
    # The renderer's own note on the same pictures is not repeated.
    assert "not downloaded by the fetch stage" not in said
    assert said.count("photo-1.jpg") == 1 and "photo-3.jpg" not in said


def test_console_warnings_fold_images_and_keep_everything_else():
    from packet.summary import condensed_warnings, shown_refusals

    warnings = [
        "a: image refused or missing: https://x.org/1.png (refused: private address 10.0.0.1)",
        "a: the section selection matched nothing; printing the whole reading",
        "a: image refused or missing: https://x.org/2.png (refused: private address 10.0.0.1)",
        "a: image refused or missing: https://x.org/3.png (HTTP 404)",
        "b: image refused or missing: https://x.org/4.png (HTTP 404)",
    ]
    warnings += [f"b: image refused or missing: https://x.org/{n}.png (HTTP 404)" for n in range(5, 9)]
    assert condensed_warnings(warnings) == [
        # refusals (a page reaching into the network) are each named
        "a: image refused or missing: https://x.org/1.png (refused: private address 10.0.0.1)",
        "a: the section selection matched nothing; printing the whole reading",
        "a: image refused or missing: https://x.org/2.png (refused: private address 10.0.0.1)",
        "a: image refused or missing: https://x.org/3.png (HTTP 404)",
        "b: 5 images refused or missing (HTTP 404): https://x.org/4.png, https://x.org/5.png, https://x.org/6.png and 2 more",
    ]
    assert shown_refusals([("file:///etc/passwd", "local files are never read from fetched content"),
                           ("https://x.org/1.png", "not downloaded by the fetch stage")]) == [
        ("file:///etc/passwd", "local files are never read from fetched content")]


def test_skip_may_be_repeated_or_comma_separated(tmp_path):
    # Repeating the option kept only its last date: week 1 was printed for a break.
    for skips in (["--skip", "2027-01-21", "--skip", "2027-03-04"], ["--skip", "2027-01-21,2027-03-04"]):
        out = tmp_path / "out"
        result = run("runsheet", "--offline", "--weeks", "1", "--first-meeting", "2027-01-14", *skips,
                     "--out", str(out), "--cache-dir", str(tmp_path / "c"), "--quiet")
        assert result.returncode == 0, result.stderr
        from pypdf import PdfReader

        text = PdfReader(out / "week-01-runsheet.pdf").pages[0].extract_text()
        assert "28 January 2027" in text and "21 January" not in text, skips
