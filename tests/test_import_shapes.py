"""`packet import` on guides whose weeks are written in less common shapes:
an XHTML file with an XML declaration, week lines at a lower heading level
than the guide's other headings, week lines as plain or bold paragraphs, and
plain text with no blank line between weeks. Every guide is hand-written for
these tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
