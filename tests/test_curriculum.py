"""Loading curricula: the shipped one validates, broken ones give located one-line errors."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from packet.curriculum import Video, timestamp_seconds
from packet.errors import CurriculumError
from packet.load import load_curriculum, parse_curriculum

from .conftest import REPO

GOOD = textwrap.dedent(
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
          - kind: video
            title: A video
            url: https://www.youtube.com/watch?v=abc
            start: "1:00"
            end: "16:25"
    """
)


def problems(text: str) -> list[str]:
    with pytest.raises(CurriculumError) as caught:
        parse_curriculum(text, "c.yaml")
    return caught.value.problems


def test_shipped_curriculum_has_every_week_of_the_outline():
    curriculum = load_curriculum(REPO / "curriculum.yaml")
    assert [w.number for w in curriculum.weeks] == list(range(8))
    assert curriculum.meeting_minutes == 120
    week3 = curriculum.weeks[3]
    given = sum(i.minutes for i in week3.agenda if i.minutes and not i.is_extra)
    assert given == 125
    assert any(i.if_time and "mesa-optimization" in (i.title or "") for i in week3.agenda)
    assert week3.alternative is not None


def test_shipped_curriculum_keeps_every_link_and_video_time_of_the_outline():
    outline = (REPO.parent / "shared" / "curriculum-outline.md")
    if not outline.exists():
        pytest.skip("../shared is not here")
    text = (REPO / "curriculum.yaml").read_text()
    import re

    for url in re.findall(r"https?://[^\s)]+", outline.read_text()):
        url = url.rstrip(".,;")
        if "1610.01644" in url:
            continue
        assert url in text, url
    videos = [i for w in load_curriculum(REPO / "curriculum.yaml").weeks for i in w.agenda if isinstance(i, Video)]
    spans = {(v.start, v.end) for v in videos}
    assert {("0:00", "16:25"), ("0:00", "16:35"), ("0:00", "12:30"), ("16:45", "22:00"), ("2:27", None)} <= spans


def test_good_curriculum_loads():
    curriculum = parse_curriculum(GOOD)
    video = curriculum.weeks[0].agenda[1]
    assert isinstance(video, Video)
    assert timestamp_seconds(video.end) - timestamp_seconds(video.start) == 925


@pytest.mark.parametrize(
    "value, seconds", [("0:00", 0), ("16:25", 985), ("1:02:03", 3723), ("2:27", 147)]
)
def test_timestamps(value, seconds):
    assert timestamp_seconds(value) == seconds


def test_bad_time_is_located_on_its_line_and_column():
    text = GOOD.replace('end: "16:25"', "end: 16:2x")
    assert problems(text) == [
        "c.yaml:17:14: weeks[0].agenda[1].end: 16:2x is not a time (use m:ss or h:mm:ss)"
    ]


def test_all_problems_are_reported_at_once():
    text = GOOD.replace("minutes: 20", "minutes: -5").replace("readings: [intro]", "readings: [intro, outro]")
    text = text.replace("https://example.org/intro", "ftp://example.org/intro")
    found = problems(text)
    assert found == [
        "c.yaml:5:10: readings[0].url: ftp://example.org/intro is not a web address (use http:// or https://)",
        "c.yaml:11:27: weeks[0].agenda[0].readings[1]: no reading has the id outro (did you mean intro?)",
        "c.yaml:12:18: weeks[0].agenda[0].minutes: -5 must be a positive number",
    ]


@pytest.mark.parametrize("url,why", [("http://[::1", "Invalid IPv6 URL"), ("http://example.org:99999/intro", "Port out of range 0-65535")])
def test_an_address_no_one_can_fetch_is_located_at_check_time(url, why):
    found = problems(GOOD.replace("https://example.org/intro", url))
    assert found == [f"c.yaml:5:10: readings[0].url: {url} is not a web address ({why})"]


def test_unknown_field_suggests_the_right_name():
    text = GOOD.replace("minutes: 20", "minuts: 20")
    assert problems(text) == ["c.yaml:12:9: weeks[0].agenda[0].minuts: unknown field (did you mean minutes?)"]


def test_wrong_type_and_missing_field():
    text = GOOD.replace("    title: An introduction\n", "").replace("number: 0", "number: first")
    assert problems(text) == [
        "c.yaml:3:5: readings[0].title: required field is missing",
        "c.yaml:6:13: weeks[0].number: expected a whole number, got first",
    ]


def test_duplicate_reading_ids():
    text = GOOD.replace(
        "weeks:", "  - id: intro\n    title: Again\n    url: https://example.org/2\nweeks:"
    )
    assert problems(text) == ["c.yaml:6:9: readings[1].id: duplicate reading id intro (first used by readings[0])"]


def test_two_weeks_with_one_number():
    # Each week's files are named by its number: the second would overwrite the first.
    text = GOOD + "  - number: 1\n    title: Second week\n  - number: 0\n    title: Third week\n"
    assert problems(text) == ["c.yaml:20:13: weeks[2].number: week 0 again (weeks[0] is week 0): each week needs its own number"]


def test_page_ranges_that_pass_the_pattern_but_name_no_pages():
    text = GOOD.replace("url: https://example.org/intro", "url: https://example.org/intro.pdf\n    pages: 5-2")
    assert problems(text) == ["c.yaml:6:12: readings[0].pages: '5-2': 5-2 runs backwards (write 2-5)"]
    text = GOOD.replace("url: https://example.org/intro", "url: https://example.org/intro.pdf\n    pages: 0,3")
    assert problems(text) == ["c.yaml:6:12: readings[0].pages: '0,3': pages count from 1"]
    assert parse_curriculum(GOOD.replace("url: https://example.org/intro", "url: https://example.org/intro.pdf\n    pages: 2-5,7"), "c.yaml")


def test_video_end_before_start():
    text = GOOD.replace('end: "16:25"', 'end: "0:30"')
    assert problems(text) == ["c.yaml:17:14: weeks[0].agenda[1].end: 0:30 is not after the start 1:00"]


def test_unknown_agenda_kind():
    text = GOOD.replace("kind: video", "kind: vidoe")
    (line,) = problems(text)
    assert line.startswith("c.yaml:13:15: weeks[0].agenda[1].kind: vidoe is not a kind of agenda item")


def test_yaml_syntax_error_is_located():
    text = GOOD.replace("  - number: 0", "  - number: [0")
    (line,) = problems(text)
    assert line.startswith("c.yaml:") and "YAML syntax error" in line


def test_empty_file():
    assert problems("# only a comment\n") == ["c.yaml:1:1: the file is empty (a curriculum needs a title and weeks)"]


def test_missing_file(tmp_path):
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(tmp_path / "nope.yaml")
    assert caught.value.problems == [f"{tmp_path / 'nope.yaml'}: no such file"]


def test_cli_check_reports_errors_without_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace('end: "16:25"', "end: 16:2x"))
    result = subprocess.run(
        [sys.executable, "-m", "packet", "check", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"{bad}:17:14: weeks[0].agenda[1].end: 16:2x is not a time (use m:ss or h:mm:ss)"
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_check_summarises_the_shipped_curriculum():
    result = subprocess.run(
        [sys.executable, "-m", "packet", "check", str(REPO / "curriculum.yaml")],
        capture_output=True, text=True, env={"COLUMNS": "200", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "8 weeks" in result.stdout
    assert "125 of 120" in result.stdout and "5 over" in result.stdout
    assert "16:45-22:00" in result.stdout


def test_committed_schema_matches_the_models():
    from packet.schema import SCHEMA_PATH, schema_text

    assert SCHEMA_PATH.read_text() == schema_text(), "run: packet schema > packet/curriculum.schema.json"
    first_line = (REPO / "curriculum.yaml").read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=packet/curriculum.schema.json"


def test_readme_reference_matches_the_models():
    from packet.schema import reference_markdown

    readme = (REPO / "README.md").read_text()
    start = readme.index("<!-- reference:start -->") + len("<!-- reference:start -->\n")
    end = readme.index("<!-- reference:end -->")
    assert readme[start:end] == reference_markdown(), "regenerate with: python -m packet.schema"


@pytest.mark.parametrize(
    "change, expected",
    [
        (("title: Test group\n", "title: Test group\nfirst_meeting: 2027-13-01\n"),
         "c.yaml:2:16: first_meeting: expected a date (yyyy-mm-dd), got 2027-13-01"),
        (("    title: First week\n", "    title: First week\n    title: Again\n"),
         "c.yaml:9:5: weeks[0].title: given twice (first on line 8); keep one"),
        (("      - kind: reading\n", "      - kinds: reading\n"),
         "c.yaml:10:9: weeks[0].agenda[0]: an agenda item needs a kind (one of: icebreaker, reading, discussion, video, presentation, activity, feedback, wrap-up)"),
        (("    url: https://example.org/intro\n", "    url: https://example.org/intro\n    path: intro.html\n"),
         "c.yaml:3:5: readings[0]: a reading needs a url or a path, this one has both url and path"),
        (("        minutes: 20\n", "        minutes: 20\n        grouping: trios\n"),
         "c.yaml:13:19: weeks[0].agenda[0].grouping: trios is not one of: 'on your own', 'pairs', 'new pairs', 'groups of 2-3', 'new groups of 2-3', 'small groups then whole group' or 'whole group'"),
    ],
)
def test_more_broken_curricula(change, expected):
    old, new = change
    assert old in GOOD
    assert problems(GOOD.replace(old, new, 1)) == [expected]


def test_every_key_given_twice_is_named_not_only_the_first():
    text = GOOD.replace("title: Test group\n", "title: Test group\ntitle: Our group\n", 1)
    text = text.replace("        minutes: 20\n", "        minutes: 20\n        minutes: 25\n", 1)
    assert problems(text) == [
        "c.yaml:2:1: title: given twice (first on line 1); keep one",
        "c.yaml:14:9: weeks[0].agenda[0].minutes: given twice (first on line 13); keep one",
    ]


def test_local_files_must_exist_next_to_the_curriculum(tmp_path):
    text = GOOD.replace("title: Test group\n", "title: Test group\nstylesheet: ours.css\n")
    text = text.replace("    url: https://example.org/intro\n", "    path: readings/intro.md\n")
    curriculum = tmp_path / "c.yaml"
    curriculum.write_text(text)
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(curriculum)
    assert caught.value.problems == [
        f"{curriculum}:2:13: stylesheet: ours.css: no such file next to the curriculum",
        f"{curriculum}:6:11: readings[0].path: readings/intro.md: no such file next to the curriculum",
    ]
    (tmp_path / "ours.css").write_text("body {}")
    (tmp_path / "readings").mkdir()
    (tmp_path / "readings" / "intro.md").write_text("# Intro\\n\\nText.")
    assert load_curriculum(curriculum).stylesheet == "ours.css"
