"""`packet import` on guides whose weeks are written in less common shapes:
an XHTML file with an XML declaration, week lines at a lower heading level
than the guide's other headings, week lines as plain or bold paragraphs, and
plain text with no blank line between weeks; Word files with a missing
picture or a text part that unpacks past the bound, and files past the size
bound. Every guide is hand-written (or built with python-docx) for these
tests."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from packet.load import load_curriculum

from .conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "packet", *args], capture_output=True, text=True, cwd=REPO, timeout=300)


def imported(tmp_path: Path, name: str, text: str | bytes):
    guide = tmp_path / name
    guide.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    out = tmp_path / "curriculum.yaml"
    result = run("import", str(guide), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return load_curriculum(out)


def week_titles(curriculum) -> list[tuple[int, str]]:
    return [(week.number, week.title) for week in curriculum.weeks]


def test_xhtml_guide_with_an_xml_declaration_imports(tmp_path):
    guide = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Café reading group</title></head><body>'
        "<h1>Café reading group</h1>"
        '<h2>Week 1: Intro</h2><ol><li>Read <a href="https://example.org/a">Why it matters</a> (20 min)</li></ol>'
        '<h2>Week 2: Governance</h2><ol><li>Read <a href="https://example.org/b">Who decides</a> (20 min)</li></ol>'
        "</body></html>"
    )
    curriculum = imported(tmp_path, "guide.xhtml", guide)
    assert curriculum.title == "Café reading group"
    assert week_titles(curriculum) == [(1, "Intro"), (2, "Governance")]


def test_week_headings_below_the_other_headings_each_open_a_week(tmp_path):
    guide = (
        "# Our reading group\n\n## How we run\n\nWe meet 6-8pm.\n\n"
        "## Week 0: Before we start\n\n1. Read [the welcome](https://example.org/welcome)\n\n"
        "### Week 1: Intro\n\n1. Read [A](https://example.org/a)\n2. Discussion 20 minutes\n\n"
        "### Week 2: Governance\n\n1. Read [B](https://example.org/b)\n\n"
        "### Week 3: Policy\n\n1. Discussion 30 min\n"
    )
    curriculum = imported(tmp_path, "guide.md", guide)
    assert curriculum.title == "Our reading group"
    assert week_titles(curriculum) == [(0, "Before we start"), (1, "Intro"), (2, "Governance"), (3, "Policy")]
    assert [item.kind for item in curriculum.weeks[3].agenda] == ["discussion"]


def test_week_lines_written_as_plain_and_bold_paragraphs_each_open_a_week(tmp_path):
    guide = (
        "# Our reading group\n\nWeek 1: Intro\n\n1. Read [A](https://example.org/a)\n2. Discussion 20 minutes\n\n"
        "**Discussion questions**\n\n- Why now?\n\n"
        "Week 2: Governance\n\n1. Read [B](https://example.org/b)\n\n"
        "**Week 3: Policy**\n\n1. Discussion 30 min\n"
    )
    curriculum = imported(tmp_path, "guide.md", guide)
    assert week_titles(curriculum) == [(1, "Intro"), (2, "Governance"), (3, "Policy")]
    assert [w.number for w in curriculum.weeks for item in w.agenda if item.kind == "reading"] == [1, 2]


def test_plain_text_week_lines_without_blank_lines_between_weeks(tmp_path):
    guide = (
        "Our reading group\n\n"
        "Week 1 — Intro\nRead: https://example.org/a\n"
        "Week 2 — Governance\nRead: https://example.org/b\n"
        "Week 3 — Policy\nRead: https://example.org/c\n"
    )
    curriculum = imported(tmp_path, "guide.txt", guide)
    assert week_titles(curriculum) == [(1, "Intro"), (2, "Governance"), (3, "Policy")]
    assert [curriculum.reading(item.readings[0]).url for w in curriculum.weeks for item in w.agenda] == [
        "https://example.org/a", "https://example.org/b", "https://example.org/c",
    ]


# Word files: only their text parts are unpacked, each within a bound -----------


def _word_guide_with_a_picture(path: Path) -> None:
    docx = pytest.importorskip("docx")
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(picture, "PNG")
    document = docx.Document()
    document.add_paragraph("Our reading group", style="Title")
    document.add_heading("Week 1: Intro", level=1)
    document.add_picture(picture)
    document.add_paragraph("Discussion (20 min)", style="List Number")
    document.save(str(path))


def _rewritten(source: Path, target: Path, replace: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = replace.get(name, old.read(name))
            if data is not None:
                new.writestr(name, data)


def test_word_guide_whose_picture_is_missing_imports_since_pictures_are_never_read(tmp_path):
    _word_guide_with_a_picture(tmp_path / "whole.docx")
    with zipfile.ZipFile(tmp_path / "whole.docx") as archive:
        pictures = [name for name in archive.namelist() if name.startswith("word/media/")]
    assert pictures
    _rewritten(tmp_path / "whole.docx", tmp_path / "guide.docx", dict.fromkeys(pictures))
    curriculum = imported(tmp_path, "guide.docx", (tmp_path / "guide.docx").read_bytes())
    assert week_titles(curriculum) == [(1, "Intro")]
    assert [(item.kind, item.minutes) for item in curriculum.weeks[0].agenda] == [("discussion", 20)]


def test_word_guide_whose_text_unpacks_past_the_bound_is_refused_in_one_line(tmp_path):
    _word_guide_with_a_picture(tmp_path / "whole.docx")
    bomb = b"<w:document>" + b" " * (11 * 1024 * 1024) + b"</w:document>"
    _rewritten(tmp_path / "whole.docx", tmp_path / "guide.docx", {"word/document.xml": bomb})
    assert (tmp_path / "guide.docx").stat().st_size < 100_000
    result = run("import", str(tmp_path / "guide.docx"), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        f"{tmp_path / 'guide.docx'}: its part word/document.xml unpacks to 11 MB (a guide's text is at most 10 MB)"
    )
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("name", ["guide.md", "guide.docx", "guide.html"])
def test_a_guide_file_past_the_bound_is_refused_in_one_line_whatever_its_format(tmp_path, name):
    guide = tmp_path / name
    guide.write_bytes(b"Week 1: Intro\n" * (21 * 1024 * 1024 // 14))
    result = run("import", str(guide), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{guide}: too large for a guide (more than 20 MB)"
