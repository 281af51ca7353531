"""Minutes and clock times of run-sheet blocks, and whether a week fits its meeting."""

from pathlib import Path

import pytest

from packet.load import load_curriculum, parse_curriculum
from packet.schedule import DEFAULT_MINUTES, clock_after, schedule_week

REPO = Path(__file__).resolve().parents[1]

SMALL = """
title: Small group
meeting_minutes: 60
start_time: "17:30"
reading_speed: 200
readings:
  - {id: long-read, title: Long read, url: "https://example.org/a", words: 3000}
  - {id: timed-read, title: Timed read, url: "https://example.org/b", minutes: 12}
  - {id: unknown-read, title: Unknown read, url: "https://example.org/c"}
weeks:
  - number: 1
    title: One
    agenda:
      - {kind: icebreaker, title: Hello, minutes: 5}
      - {kind: reading, title: Read, readings: [long-read]}
      - {kind: video, title: Clip, url: "https://www.youtube.com/watch?v=abc", start: "1:00", end: "11:20"}
      - {kind: discussion, title: Talk}
      - {kind: activity, title: Board work, if_time: true, minutes: 7}
  - number: 2
    title: Two
    agenda:
      - {kind: reading, title: Three readings, readings: [long-read, timed-read, unknown-read]}
  - number: 3
    title: Empty
"""


@pytest.fixture
def small():
    return parse_curriculum(SMALL)


@pytest.fixture(scope="module")
def shipped():
    return load_curriculum(REPO / "curriculum.yaml")


def test_minutes_are_given_derived_guessed_or_default(small):
    schedule = schedule_week(small, small.weeks[0])
    hello, read, clip, talk = schedule.blocks
    assert (hello.minutes, hello.source) == (5, "given")
    assert (read.minutes, read.source, read.how) == (15, "guessed", "3,000 words (estimate) at 200 wpm")
    assert (clip.minutes, clip.source) == (10.5, "derived")
    assert clip.how == "from the video's timestamps 1:00-11:20"
    assert clip.running_time == "10:20"
    assert (talk.minutes, talk.source, talk.how) == (DEFAULT_MINUTES["discussion"], "default", "default for a discussion")


def test_fetched_word_counts_are_derived_and_give_slow_and_fast_readers(small):
    schedule = schedule_week(small, small.weeks[0], reading_words={"long-read": 4500}, reading_speed=150)
    read = schedule.blocks[1]
    assert (read.minutes, read.source, read.how) == (30, "derived", "4,500 words at 150 wpm")
    assert read.slow_minutes == 41  # 4,500 words at 110 wpm
    assert read.fast_minutes == 23  # at 200 wpm


def test_a_block_of_several_readings_sums_them_and_is_as_unsure_as_its_least_known_part(small):
    block = schedule_week(small, small.weeks[1], reading_words={"long-read": 2000}).blocks[0]
    assert block.minutes == 10 + 12 + 20
    assert block.source == "default"
    assert block.how == "2,000 words at 200 wpm + 12 min given + default for a reading"


def test_clock_times_follow_the_curriculum_start_and_meeting_length(small):
    schedule = schedule_week(small, small.weeks[0])
    assert [(b.start, b.end) for b in schedule.blocks] == [
        ("17:30", "17:35"),
        ("17:35", "17:50"),
        ("17:50", "18:01"),  # 10½ minutes ends at 18:00:30, shown as 18:01
        ("18:01", "18:16"),
    ]
    assert schedule.total_minutes == 45.5
    assert schedule.meeting_minutes == 60
    assert schedule.under_by == 14.5
    assert schedule.warnings[0] == "Plans only 45½ of 60 minutes: the extras below the cut line fill about 7 more."


def test_another_start_time_moves_every_block(small):
    schedule = schedule_week(small, small.weeks[0], start="09:15")
    assert schedule.blocks[0].start == "09:15"
    assert schedule.end == "10:01"


def test_extras_go_after_the_cut_line_and_do_not_count(small):
    schedule = schedule_week(small, small.weeks[0])
    assert [b.title for b in schedule.extras] == ["Board work"]
    assert schedule.extras[0].minutes == 7
    assert schedule.extras[0].start is None
    assert "Board work" not in [b.title for b in schedule.blocks]


def test_an_empty_week_says_nothing_is_planned(small):
    schedule = schedule_week(small, small.weeks[2])
    assert schedule.blocks == [] and schedule.total_minutes == 0
    assert schedule.end == "17:30"
    assert schedule.warnings[0].startswith("Nothing is planned for this meeting")


def test_shipped_week_3_runs_five_minutes_over(shipped):
    schedule = schedule_week(shipped, shipped.weeks[3])
    assert (schedule.start, schedule.end) == ("18:00", "20:05")
    assert schedule.total_minutes == 125
    assert schedule.over_by == 5 and schedule.under_by == 0
    assert schedule.warnings[0] == (
        "Runs 5 minutes over the 120-minute meeting: drop or shorten something (see below the cut line)."
    )
    assert "Define mesa-optimization with a diagram" in [b.title for b in schedule.extras]
    assert all(b.source == "given" for b in schedule.blocks)


def test_shipped_week_0_videos_are_timed_from_their_timestamps(shipped):
    videos = [b for b in schedule_week(shipped, shipped.weeks[0]).blocks if b.kind == "video"]
    assert [b.running_time for b in videos] == ["16:25", "16:35", "12:30"]
    assert [b.minutes for b in videos] == [16.5, 16.5, 12.5]
    assert {b.source for b in videos} == {"derived"}


def test_shipped_week_7_is_short_and_says_so(shipped):
    schedule = schedule_week(shipped, shipped.weeks[7])
    assert len(schedule.blocks) == 2
    assert schedule.under_by == 90
    assert schedule.warnings[0].startswith("Plans only 30 of 120 minutes")


def test_a_reading_block_given_far_fewer_minutes_than_its_words_take_is_flagged():
    curriculum = parse_curriculum(
        """
title: T
readings:
  - {id: long, title: A long essay, url: "https://example.org/a"}
  - {id: near, title: A near fit, url: "https://example.org/b", words: 4000}
weeks:
  - number: 0
    title: A
    agenda:
      - {kind: reading, readings: [long], minutes: 30}
      - {kind: reading, title: Reading in pairs, readings: [near], minutes: 25}
      - {kind: discussion, title: Talk, minutes: 60}
"""
    )
    week = curriculum.weeks[0]
    warned = [w for w in schedule_week(curriculum, week, reading_words={"long": 8700}).warnings if "is given" in w]
    assert warned == [
        '"A long essay" is given 30 minutes, but its words take about 58 at 150 words a minute: '
        "print only some sections, or give it more time."
    ]
    # The given minutes still time the block; a 27-minute read in 25 is fine.
    assert schedule_week(curriculum, week, reading_words={"long": 8700}).blocks[0].minutes == 30
    assert not [w for w in schedule_week(curriculum, week, reading_words={"long": 4000}).warnings if "is given" in w]


def test_clock_wraps_past_midnight_and_rounds_half_minutes_up():
    assert clock_after("23:30", 45) == "00:15"
    assert clock_after("18:00", 0.5) == "18:01"
    assert clock_after("18:00", 0.4) == "18:00"
