"""`packet import` on guides written in styles other than the outline's.

Each guide is hand-written for these tests (none is a real group's guide) in
a style organizers use: steps as bold lead-in paragraphs each followed by its
own list (alignment-circle-bold-steps.md, written by the project lead).
Each test writes down, block by block, what a person reading the guide would
put in the curriculum, and compares the import with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from packet.authoring.importer import guide_to_yaml
from packet.curriculum import Curriculum, ReadingItem, Video
from packet.load import parse_curriculum

GUIDES = Path(__file__).parent / "fixtures" / "guides"


def imported(guide: Path) -> tuple[Curriculum, str]:
    text, _ = guide_to_yaml(guide)
    return parse_curriculum(text, "imported.yaml"), text


def plan(curriculum: Curriculum, number: int) -> list[dict[str, Any]]:
    """A week's agenda as a person would note it: kind, title, minutes,
    grouping, extras, reading links, video span, questions and text."""
    week = next(w for w in curriculum.weeks if w.number == number)
    rows = []
    for item in week.agenda:
        row: dict[str, Any] = {"kind": item.kind, "title": item.title}
        for key in ("minutes", "grouping", "optional", "early_finishers", "if_time"):
            if getattr(item, key):
                row[key] = getattr(item, key)
        if isinstance(item, ReadingItem):
            row["readings"] = [curriculum.reading(rid).url for rid in item.readings]
        if isinstance(item, Video):
            row["video"] = (item.url, item.start, item.end)
        if item.questions:
            row["questions"] = item.questions
        if item.text:
            row["text"] = item.text
        rows.append(row)
    return rows


def test_bold_lead_in_steps_own_the_lists_under_them():
    curriculum, _ = imported(GUIDES / "alignment-circle-bold-steps.md")
    assert curriculum.title == "Alignment Reading Circle"
    assert (curriculum.meeting_minutes, curriculum.start_time) == (90, "19:00")
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "What is AI alignment?"), (2, "Reward hacking")]
    assert plan(curriculum, 1) == [
        {"kind": "icebreaker", "title": "Welcome and introductions", "minutes": 15,
         "text": "Go round the room; everyone says their name and why they came."},
        {"kind": "reading", "title": "The Alignment Problem from a Deep Learning Perspective", "minutes": 30,
         "readings": ["https://arxiv.org/abs/2209.00626"]},
        {"kind": "reading", "title": "Why AI alignment could be hard with modern deep learning", "early_finishers": True,
         "readings": ["https://www.cold-takes.com/why-ai-alignment-could-be-hard-with-modern-deep-learning/"]},
        {"kind": "video", "title": "Intro to AI Safety, Remastered",
         "video": ("https://www.youtube.com/watch?v=pYXy-A4siMw", "2:10", "18:45")},
        {"kind": "discussion", "title": "Group discussion", "minutes": 25, "grouping": "groups of 2-3",
         "questions": ['What does "alignment" mean to you?', "Which failure mode in the paper seems most likely?",
                       "What would convince you the problem is solved?"]},
        {"kind": "wrap-up", "title": "Closing", "minutes": 5, "text": "Collect feedback cards."},
    ]
    paper = curriculum.reading("alignment-problem-deep-learning")
    assert (paper.authors, paper.year, paper.sections.include) == (["Richard Ngo", "Lawrence Chan", "Sören Mindermann"], 2022, ["1", "2"])
    assert plan(curriculum, 2) == [
        {"kind": "icebreaker", "title": "Check-in", "minutes": 10},
        {"kind": "reading", "title": "Specification gaming: the flip side of AI ingenuity", "minutes": 35,
         "readings": ["https://deepmind.google/discover/blog/specification-gaming-the-flip-side-of-ai-ingenuity/"]},
        {"kind": "activity", "title": "Activity", "minutes": 20, "grouping": "pairs",
         "text": "In pairs, invent a reward function for a cleaning robot and find how it can be gamed."},
        {"kind": "discussion", "title": "Discussion", "minutes": 20,
         "questions": ["Is specification gaming a bug in the agent or in the designer?",
                       "Can you think of examples from human institutions?"]},
        {"kind": "wrap-up", "title": "Wrap-up", "minutes": 5},
    ]
    assert [t.summary for t in curriculum.tips] == ["Arrive 10 minutes early to set up the room.", "Let quieter participants speak first."]
    assert curriculum.materials == ["Printed readings", "Name tags"]
