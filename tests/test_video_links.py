"""One answer to "is this link a video?" (packet.video.is_video_url) for the
import, the fetch stage and `packet check`: a player's page on any of its
subdomains, a TED talk (not its transcript), a video file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from packet.load import load_curriculum
from packet.video import is_video_url

from .conftest import REPO

DAILYMOTION = "https://www.dailymotion.com/video/x7tgad0"
TED = "https://www.ted.com/talks/stuart_russell_3_principles_for_creating_safer_ai"
FILE = "https://example.org/media/talk-recording.mp4"
TRANSCRIPT = TED + "/transcript"


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "packet", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.mark.parametrize(
    "url, video",
    [
        ("https://youtu.be/abc123", True), ("https://m.youtube.com/watch?v=abc", True),
        ("https://player.vimeo.com/video/1", True), (DAILYMOTION, True), (TED, True), (FILE, True),
        (TRANSCRIPT, False), ("https://notyoutube.com/watch", False), ("https://example.org/youtube.com/x", False),
        ("https://example.org/article", False), ("https://[::1/broken", False),
    ],
)
def test_which_links_are_videos(url, video):
    assert is_video_url(url) is video


def test_import_check_and_fetch_agree_on_what_is_a_video(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text(
        "# Video circle\n\n## Week 1: Talks\n\n"
        f"1. Watch [the interview]({DAILYMOTION}) (10 min)\n"
        f"2. Watch [the talk]({TED}) (15 min)\n"
        f"3. Watch [the recording]({FILE}) (20 min)\n"
        f"4. Read [the talk's transcript]({TRANSCRIPT}) (10 min)\n"
    )
    out = tmp_path / "curriculum.yaml"
    imported = run("import", str(guide), "-o", str(out))
    assert imported.returncode == 0, imported.stderr
    curriculum = load_curriculum(out)
    agenda = curriculum.weeks[0].agenda
    assert [(item.kind, getattr(item, "url", None)) for item in agenda[:3]] == [
        ("video", DAILYMOTION), ("video", TED), ("video", FILE),
    ]
    assert agenda[3].kind == "reading" and curriculum.reading(agenda[3].readings[0]).url == TRANSCRIPT



def test_check_lists_and_fetch_leaves_alone_the_same_video_links(tmp_path):
    (tmp_path / "curriculum.yaml").write_text(
        "title: Video circle\nreadings:\n"
        f"  - id: talk\n    title: A talk\n    url: {TED}\n"
        f"  - id: transcript\n    title: Its transcript\n    url: {TRANSCRIPT}\n"
        "weeks:\n  - number: 0\n    title: Talks\n    agenda:\n"
        "      - kind: reading\n        readings: [talk, transcript]\n        minutes: 20\n"
        "      - kind: discussion\n        title: Talk\n        minutes: 10\n        links:\n"
        f"          - title: Watched elsewhere\n            url: {DAILYMOTION}\n"
    )
    check = run("check", "curriculum.yaml", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"week 0: Watched elsewhere {DAILYMOTION} (linked)" in " ".join(check.stdout.split())
    run("fetch", "curriculum.yaml", "--offline", "--cache-dir", "cache", cwd=tmp_path)
    report = json.loads((tmp_path / "build" / "fetch-report.json").read_text())
    assert {r["id"]: (r["status"], r["reason"]) for r in report["readings"]} == {
        "talk": ("skipped", "video: linked, not fetched"),
        "transcript": ("missing", report["readings"][1]["reason"]),
    }
