"""`packet import` on guides written in styles other than the outline's.

Each guide is hand-written for these tests (none is a real group's guide) in
a style organizers use, and says so in its text:

- alignment-circle-bold-steps.md (written by the project lead): steps as
  bold lead-in paragraphs, each followed by its own bullet or numbered list;
- bioethics-docs-export.html: a Google Docs export in the real export's shape
  (p.title, generated .cN classes, bold only in the style block, a lettered
  list whose letters come only from its lst-kix class, links through
  google.com/url?q=) with Heading 2 sessions, Heading 3 steps with minutes,
  readings as paragraphs, "If you finish early" and "Further reading"
  headings, and "Facilitator notes" at the end;
- data-society-tables.md: a table per week (Time | Activity | Details) with
  the clock time each part starts instead of minutes;
- mind-group-email.txt: a plain-text email (no markup, "Week 1 - Title",
  "- " bullets, "10'" and "10 mins", bare links, "Watch from 3:20 to 12:05");
- tech-ethics-meetings.md: "Meeting N" weeks, the meeting time as
  "18:00–19:30" in a list of practical details, steps as plain sentences;
- climate-futures-docs-export.html: another Docs export, sessions as
  Heading 1, steps as paragraphs bolded through a class, "Optional reading:"
  paragraphs, and one week as a Docs table whose header row is plain cells;
- neuroethics-step-headings.md: "### Step N — ..." headings, "Time: 30
  minutes." under them, a "Questions:" label, the meeting length in words;
- a Word file built below with python-docx from Word's own styles (Title,
  Heading 1 "Day 1 — ...", List Number and List Number 2, List Bullet),
  with "10am–1pm" for the meeting.

Each test writes down, block by block, what a person reading the guide would
put in the curriculum, and compares the import with it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from packet.authoring.importer import guide_to_yaml
from packet.authoring.read_guide import read_guide
from packet.curriculum import Curriculum, ReadingItem, Video
from packet.load import parse_curriculum

from .conftest import REPO, SHARED

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


def test_docs_export_with_heading_steps_lettered_questions_and_reading_paragraphs():
    curriculum, text = imported(GUIDES / "bioethics-docs-export.html")
    assert "google.com/url" not in text
    assert (curriculum.title, curriculum.term) == ("Bioethics Reading Group", "Spring 2028")
    assert (curriculum.meeting_minutes, curriculum.start_time) == (90, "18:00")
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "Who gets the kidney?"), (2, "Enhancement")]
    assert plan(curriculum, 1) == [
        {"kind": "icebreaker", "title": "Welcome", "minutes": 10,
         "text": "Name tags on, then each person says one medical decision that stayed with them."},
        {"kind": "reading", "title": "Readings", "minutes": 30,
         "readings": ["https://www.ncbi.nlm.nih.gov/pmc/articles/PMC2600574/",
                      "https://optn.transplant.hrsa.gov/media/eavh5bf3/optn_policies.pdf"]},
        {"kind": "reading", "title": "The Survival Lottery", "early_finishers": True, "readings": ["https://philpapers.org/rec/HARTSL"]},
        {"kind": "video", "title": "How kidney exchange works", "minutes": 15,
         "video": ("https://www.youtube.com/watch?v=Hm6Hx4nYx3o", "1:15", "9:50")},
        {"kind": "discussion", "title": "Discussion", "minutes": 25, "grouping": "small groups then whole group",
         "questions": ["Should age count when allocating organs?", "Is a lottery fairer than a points system?",
                       "Who should decide: doctors, patients or the public?"],
         "text": "In small groups, then share with the whole room."},
        {"kind": "wrap-up", "title": "Wrap-up", "minutes": 5},
    ]
    assert plan(curriculum, 2) == [
        {"kind": "icebreaker", "title": "Check-in", "minutes": 10, "questions": ["What would you change about yourself if you could?"]},
        {"kind": "reading", "title": "Human Enhancement", "minutes": 35, "readings": ["https://plato.stanford.edu/entries/enhancement/"]},
        {"kind": "reading", "title": "The Case Against Perfection", "optional": True,
         "readings": ["https://www.theatlantic.com/magazine/archive/2004/04/the-case-against-perfection/302927/"]},
        {"kind": "activity", "title": "Draft a policy", "minutes": 20, "grouping": "pairs",
         "text": "In pairs, write a one-paragraph policy on enhancement drugs for students on the whiteboard."},
        {"kind": "discussion", "title": "Discussion", "minutes": 20,
         "questions": ["Is there a difference between therapy and enhancement?", "The strongest argument against enhancement in sport"]},
    ]
    persad = curriculum.reading("principles-allocation-scarce-medical")
    assert (persad.authors, persad.year) == (["Govind Persad", "Alan Wertheimer", "Ezekiel Emanuel"], 2009)
    assert curriculum.reading("optn-policies").sections.include == ["8"]
    assert curriculum.reading("human-enhancement").sections.include == ["1", "2"]
    assert "Collect name tags" in items_of(curriculum, 1)[-1].notes
    assert [(t.summary, t.detail) for t in curriculum.tips] == [
        ("Keep the discussion on arguments.", "Nobody has to share their own medical history."),
        ("Start on time even if people are missing.", None), ("If a session runs over, drop the video first.", None),
    ]
    assert curriculum.materials == ["name tags", "whiteboard markers", "spare copies of the readings"]


def items_of(curriculum: Curriculum, number: int) -> list:
    return next(w for w in curriculum.weeks if w.number == number).agenda


def test_schedule_table_with_start_times_gives_each_part_minutes_until_the_next():
    curriculum, text = imported(GUIDES / "data-society-tables.md")
    assert (curriculum.meeting_minutes, curriculum.start_time) == (90, "17:30")
    assert [w.title for w in curriculum.weeks] == ["Algorithms in public life", "Surveillance"]
    assert plan(curriculum, 1) == [
        {"kind": "icebreaker", "title": "Arrival and introductions", "minutes": 10,
         "text": "Name, department, and one app you could not live without"},
        {"kind": "reading", "title": "Machine Bias", "minutes": 35, "grouping": "on your own",
         "readings": ["https://www.propublica.org/article/machine-bias-risk-assessments-in-criminal-sentencing"]},
        {"kind": "reading", "title": "Fairness and Machine Learning, chapter 1", "early_finishers": True,
         "readings": ["https://fairmlbook.org/introduction.html"]},
        {"kind": "video", "title": "The era of blind faith in big data must end", "minutes": 15,
         "video": ("https://www.youtube.com/watch?v=_2u_eHHzRto", "0:00", "12:30")},
        {"kind": "discussion", "title": "Discussion", "minutes": 25, "grouping": "small groups then whole group",
         "questions": ["Is a biased algorithm worse than a biased judge?", "What would a fair risk score look like?"]},
        {"kind": "wrap-up", "title": "Wrap-up", "minutes": 5},
    ]
    assert plan(curriculum, 2) == [
        {"kind": "icebreaker", "title": "Check-in", "minutes": 10, "questions": ["What did you notice about data collection this week?"]},
        {"kind": "reading", "title": "Shoshana Zuboff on surveillance capitalism", "minutes": 40,
         "readings": ["https://www.theguardian.com/technology/2019/jan/20/shoshana-zuboff-age-of-surveillance-capitalism-google-facebook"]},
        {"kind": "reading", "title": "The Data Delusion", "optional": True,
         "readings": ["https://www.newyorker.com/magazine/2022/07/25/the-data-delusion"]},
        {"kind": "activity", "title": "Break", "minutes": 10, "text": "Tea and biscuits"},
        {"kind": "discussion", "title": "Discussion", "minutes": 25,
         "questions": ["Where is the line between personalisation and manipulation?", "Who should own your location data?"]},
        {"kind": "feedback", "title": "Feedback", "minutes": 5, "text": "One-minute feedback form on the way out"},
    ]
    # Minutes a person works out from the clock are marked as worked out.
    assert "# guessed: minutes from the clock times: 18:55 to 19:00, when the meeting" in text
    bias = curriculum.reading("machine-bias")
    assert bias.authors == ["Julia Angwin", "Jeff Larson", "Surya Mattu", "Lauren Kirchner"] and bias.year == 2016
    zuboff = curriculum.reading("shoshana-zuboff-surveillance-capitalism")
    assert (zuboff.authors, zuboff.site, zuboff.year) == ([], "The Guardian", 2019)
    assert [t.summary for t in curriculum.tips] == [
        "The times in the tables are when each part starts; keep an eye on the clock.", "Print the readings a day early.",
    ]


def test_plain_text_email_with_primes_for_minutes_bare_links_and_a_sign_off():
    curriculum, text = imported(GUIDES / "mind-group-email.txt")
    assert curriculum.title == "Philosophy of Mind reading group"
    assert (curriculum.meeting_minutes, curriculum.start_time) == (120, "18:00")
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "Personal identity"), (2, "Free will")]
    assert plan(curriculum, 1) == [
        {"kind": "icebreaker", "title": "Intro round", "minutes": 10, "text": "Name + what you hope to get out of the group"},
        {"kind": "reading", "title": "Personal Identity", "minutes": 30, "readings": ["https://www.jstor.org/stable/2184309"]},
        {"kind": "reading", "title": "The SEP entry", "early_finishers": True,
         "readings": ["https://plato.stanford.edu/entries/identity-personal/"]},
        {"kind": "video", "title": "Teleporter thought experiment",
         "video": ("https://www.youtube.com/watch?v=KUxP2N5d4F8", "3:20", "12:05")},
        {"kind": "discussion", "title": "Discussion", "minutes": 25,
         "questions": ["Would you step into the teleporter?", "What makes you the same person you were ten years ago?"]},
        {"kind": "activity", "title": "Break", "minutes": 10},
        {"kind": "feedback", "title": "Feedback", "minutes": 5, "text": "Quick round of what worked and what didn't"},
    ]
    assert plan(curriculum, 2) == [
        {"kind": "icebreaker", "title": "Check in", "minutes": 10},
        {"kind": "reading", "title": "Freedom of the Will and the Concept of a Person", "minutes": 40,
         "readings": ["https://www.jstor.org/stable/2024717"]},
        {"kind": "discussion", "title": "Discussion", "minutes": 30, "grouping": "groups of 2-3",
         "questions": ["Can you be free if the past fixes the future?", "Does it matter whether you could have done otherwise?"]},
        {"kind": "wrap-up", "title": "Wrap up", "minutes": 10, "text": "Sign up to facilitate a week"},
    ]
    assert curriculum.reading("personal-identity").authors == ["Derek Parfit"]
    assert curriculum.reading("sep-entry").sections.include == ["1", "2", "3"]
    assert [t.summary for t in curriculum.tips] == [
        "Don't let one person dominate; ask the quiet ones directly", "Bring spare copies, someone always forgets",
    ]
    tail = text[text.index("# Lines of the guide this import could not place"):]
    assert "line 3: Hi all," in tail and "line 35: Thanks! Sam" in tail


def test_meeting_headings_clock_range_and_steps_written_as_sentences():
    curriculum, _ = imported(GUIDES / "tech-ethics-meetings.md")
    assert curriculum.title == "Ethics of Technology Circle"
    assert (curriculum.meeting_minutes, curriculum.start_time) == (90, "18:00")
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "Privacy"), (2, "Automation and work")]
    assert plan(curriculum, 1) == [
        {"kind": "reading", "title": "Privacy as Contextual Integrity", "minutes": 25,
         "readings": ["https://digitalcommons.law.uw.edu/wlr/vol79/iss1/10/"]},
        {"kind": "video", "title": "What is privacy?", "video": ("https://www.youtube.com/watch?v=7nJxCqKdHjs", "4:00", "15:30")},
        {"kind": "discussion", "title": "Discussion", "minutes": 30, "grouping": "groups of 2-3",
         "questions": ["Is privacy about secrecy or about context?", "An information flow that felt wrong to you"]},
        {"kind": "wrap-up", "title": "Wrap-up", "minutes": 5},
    ]
    assert plan(curriculum, 2) == [
        {"kind": "icebreaker", "title": "Check-in", "minutes": 10, "questions": ["What part of your job would you hand to a machine?"]},
        {"kind": "reading", "title": "Why Are There Still So Many Jobs?", "minutes": 30,
         "readings": ["https://www.aeaweb.org/articles?id=10.1257/jep.29.3.3"]},
        {"kind": "reading", "title": "The Work of the Future", "early_finishers": True,
         "readings": ["https://workofthefuture.mit.edu/research-post/the-work-of-the-future-building-better-jobs-in-an-age-of-intelligent-machines/"]},
        {"kind": "presentation", "title": "Presentation", "minutes": 15},
        {"kind": "discussion", "title": "Discussion", "minutes": 25,
         "questions": ["Which jobs are safest, and why?", "Should a robot tax fund retraining?"]},
        {"kind": "feedback", "title": "Feedback", "minutes": 5, "text": "Sticky notes on the door."},
    ]
    assert "history of automation panics" in items_of(curriculum, 2)[3].notes
    assert curriculum.reading("there-still-so-many").sections.include == ["1", "2"]
    assert curriculum.materials == ["a pen and the printed pack"]


def test_docs_export_with_bold_paragraph_steps_and_a_table_week():
    curriculum, _ = imported(GUIDES / "climate-futures-docs-export.html")
    assert (curriculum.title, curriculum.meeting_minutes, curriculum.start_time) == ("Climate Futures Reading Group", 90, "18:00")
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "Carbon budgets"), (2, "Adaptation")]
    assert plan(curriculum, 1) == [
        {"kind": "icebreaker", "title": "Icebreaker", "minutes": 5, "questions": ["Your most and least sustainable habit"]},
        {"kind": "reading", "title": "How much carbon budget is left?", "minutes": 25,
         "readings": ["https://www.carbonbrief.org/analysis-how-much-carbon-budget-is-left-to-limit-global-warming-to-1-5c/"]},
        {"kind": "reading", "title": "IPCC AR6 Synthesis Report", "optional": True, "readings": ["https://www.ipcc.ch/report/ar6/syr/"]},
        {"kind": "discussion", "title": "Discussion", "minutes": 20,
         "questions": ["Is a carbon budget a useful frame?", "Who should get the remaining budget?"]},
        {"kind": "wrap-up", "title": "Wrap-up", "minutes": 5, "text": "Pick next week’s note-taker."},
    ]
    assert items_of(curriculum, 1)[2].notes == "The summary for policymakers only."
    assert plan(curriculum, 2) == [
        {"kind": "icebreaker", "title": "Check-in", "minutes": 10, "questions": ["One word for how you feel about adaptation"]},
        {"kind": "reading", "title": "Adaptation is not surrender", "minutes": 35,
         "readings": ["https://example.org/adaptation-is-not-surrender"]},
        {"kind": "discussion", "title": "Discussion", "minutes": 35, "questions": ["Is adaptation a distraction from mitigation?", "Who pays?"]},
        {"kind": "feedback", "title": "Feedback", "minutes": 10, "text": "Quick poll"},
    ]
    assert [t.summary for t in curriculum.tips] == ["Keep the mood hopeful; end with actions."]


def test_step_headings_with_their_minutes_on_the_line_below():
    curriculum, _ = imported(GUIDES / "neuroethics-step-headings.md")
    assert (curriculum.meeting_minutes, curriculum.start_time) == (90, "17:00")
    assert plan(curriculum, 1) == [
        {"kind": "icebreaker", "title": "Icebreaker", "minutes": 10, "questions": ["When did you last change your mind?"]},
        {"kind": "reading", "title": "Libet's experiment revisited", "minutes": 30, "readings": ["https://example.org/libet"]},
        {"kind": "reading", "title": "Neuroscience and free will", "early_finishers": True, "readings": ["https://example.org/nfw"]},
        {"kind": "video", "title": "Video", "minutes": 10, "video": ("https://www.youtube.com/watch?v=OjCt-L0Ph5o", "1:05", "9:00")},
        {"kind": "discussion", "title": "Discussion", "minutes": 25,
         "questions": ["Do Libet's results threaten free will?", "What would count as evidence against it?"]},
    ]
    assert curriculum.reading("neuroscience-free-will").authors == ["Adina Roskies"]
    assert plan(curriculum, 2) == [
        {"kind": "icebreaker", "title": "Check-in", "minutes": 5},
        {"kind": "reading", "title": "Smarter pills?", "minutes": 40, "readings": ["https://example.org/pills"]},
        {"kind": "discussion", "title": "Debate", "minutes": 30, "text": "Split the room in two; one side argues for, the other against."},
    ]
    assert [t.summary for t in curriculum.tips] == ["Bring the slides on a USB stick."]


def _word_guide(path: Path) -> None:
    """A .docx written with Word's own styles: Title, Heading 1 for days,
    bold lead-ins, List Bullet, and List Number with List Number 2 under it
    (Word's second level, though the style has its own numbering)."""
    docx = pytest.importorskip("docx")
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()

    def paragraph(style, *parts) -> None:
        para = document.add_paragraph(style=style)
        for part in parts:
            if isinstance(part, tuple) and part[0] == "link":
                rid = para.part.relate_to(part[1], RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
                link, run, text = OxmlElement("w:hyperlink"), OxmlElement("w:r"), OxmlElement("w:t")
                link.set(qn("r:id"), rid)
                text.text = part[2]
                run.append(text)
                link.append(run)
                para._p.append(link)
            elif isinstance(part, tuple):
                para.add_run(part[1]).bold = True
            else:
                para.add_run(part)

    document.add_paragraph("Weekend Intensive: Effective Altruism Foundations", style="Title")
    paragraph(None, "Hand-written for packet's tests; not a real group's guide. Both days run 10am–1pm at the Friends Meeting House.")
    document.add_heading("Day 1 — Doing the most good", level=1)
    paragraph(None, ("bold", "Welcome"), " (15 min): coffee, name tags, and one sentence each on why you came.")
    paragraph(None, ("bold", "Reading"), " (45 min)")
    paragraph("List Bullet", ("link", "https://www.utilitarian.net/singer/by/1972----.htm", "Famine, Affluence, and Morality"),
              " by Peter Singer (1972)")
    paragraph("List Bullet", "If you finish early: ", ("link", "https://www.givingwhatwecan.org/blog/myths-about-aid", "Five myths about aid"),
              " (Giving What We Can, 2021)")
    paragraph(None, ("bold", "Coffee break"), " (15 min)")
    paragraph(None, ("bold", "Video"), " (20 min): ", ("link", "https://www.youtube.com/watch?v=Diuv3XZQXyc", "The why and how of effective altruism"),
              " by Peter Singer, 0:00–17:30")
    paragraph(None, ("bold", "Discussion"), " (45 min), in pairs and then all together:")
    paragraph("List Number", "Is the drowning child analogy convincing?")
    paragraph("List Number", "Does distance change what we owe?")
    paragraph("List Number", "What would you give up to save a life?")
    paragraph(None, ("bold", "Wrap-up"), " (10 min): preview tomorrow.")
    document.add_heading("Day 2 — Comparing causes", level=1)
    paragraph("List Number", ("bold", "Check-in"), " (10 min)")
    paragraph("List Number 2", "What stayed with you from yesterday?")
    paragraph("List Number", ("bold", "Reading"), " (50 min): ",
              ("link", "https://80000hours.org/articles/problem-framework/", "How to compare different global problems in terms of impact"),
              " by Robert Wiblin (2019)")
    paragraph("List Number", ("bold", "Break"), " (15 min)")
    paragraph("List Number", ("bold", "Activity"), " (45 min): in small groups, rank five causes by scale, neglectedness and tractability on the whiteboard.")
    paragraph("List Number", ("bold", "Discussion"), " (50 min)")
    paragraph("List Number 2", "Which of the three criteria is hardest to estimate?")
    paragraph("List Number 2", "Where did your group disagree most?")
    paragraph("List Number", ("bold", "Feedback"), " (10 min): the paper form.")
    document.add_heading("Notes for facilitators", level=1)
    paragraph("List Bullet", "Book the room for half an hour before, to set up.")
    paragraph("List Bullet", "Keep the coffee break: it is where people get to know each other.")
    document.save(str(path))


def test_word_styles_days_and_second_level_list_style(tmp_path):
    guide = tmp_path / "ea-weekend.docx"
    _word_guide(guide)
    curriculum, _ = imported(guide)
    assert curriculum.title == "Weekend Intensive: Effective Altruism Foundations"
    assert (curriculum.meeting_minutes, curriculum.start_time) == (180, "10:00")
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "Doing the most good"), (2, "Comparing causes")]
    assert plan(curriculum, 1) == [
        {"kind": "icebreaker", "title": "Welcome", "minutes": 15, "text": "Coffee, name tags, and one sentence each on why you came."},
        {"kind": "reading", "title": "Famine, Affluence, and Morality", "minutes": 45,
         "readings": ["https://www.utilitarian.net/singer/by/1972----.htm"]},
        {"kind": "reading", "title": "Five myths about aid", "early_finishers": True,
         "readings": ["https://www.givingwhatwecan.org/blog/myths-about-aid"]},
        {"kind": "activity", "title": "Coffee break", "minutes": 15},
        {"kind": "video", "title": "The why and how of effective altruism", "minutes": 20,
         "video": ("https://www.youtube.com/watch?v=Diuv3XZQXyc", "0:00", "17:30")},
        {"kind": "discussion", "title": "Discussion", "minutes": 45, "grouping": "small groups then whole group",
         "questions": ["Is the drowning child analogy convincing?", "Does distance change what we owe?",
                       "What would you give up to save a life?"]},
        {"kind": "wrap-up", "title": "Wrap-up", "minutes": 10, "text": "Preview tomorrow."},
    ]
    assert plan(curriculum, 2) == [
        {"kind": "icebreaker", "title": "Check-in", "minutes": 10, "questions": ["What stayed with you from yesterday?"]},
        {"kind": "reading", "title": "How to compare different global problems in terms of impact", "minutes": 50,
         "readings": ["https://80000hours.org/articles/problem-framework/"]},
        {"kind": "activity", "title": "Break", "minutes": 15},
        {"kind": "activity", "title": "Activity", "minutes": 45, "grouping": "groups of 2-3",
         "text": "In small groups, rank five causes by scale, neglectedness and tractability on the whiteboard."},
        {"kind": "discussion", "title": "Discussion", "minutes": 50,
         "questions": ["Which of the three criteria is hardest to estimate?", "Where did your group disagree most?"]},
        {"kind": "feedback", "title": "Feedback", "minutes": 10, "text": "The paper form."},
    ]
    aid = curriculum.reading("five-myths-about-aid")
    assert (aid.authors, aid.site, aid.year) == ([], "Giving What We Can", 2021)
    assert [t.summary for t in curriculum.tips] == [
        "Book the room for half an hour before, to set up.", "Keep the coffee break: it is where people get to know each other.",
    ]


# Nothing a guide says is silently lost -------------------------------------------

# Words a guide uses for its own structure, which become the curriculum's
# shape (kinds, minutes, flags, sections) rather than its text.
STRUCTURE_WORDS = set("""
min mins minute minutes hour hours read reads reading readings watch video videos discuss discussion discussions
question questions optional early finish finishers fast readers extra bonus further week weeks session sessions
meeting meetings day days icebreaker check wrap closing feedback activity presentation break welcome intro
introductions then next first finally only section sections chapter part play from until with each every
people who for and the source sources reference media link links see also core main picking notes note facilitator
facilitators facilitation agenda schedule programme time tips advice general format standing materials bring
what guide handbook plan together subject things apply required step supplementary start stop
""".split())


def _words(text: str) -> set[str]:
    text = re.sub(r"https?://\S+", " ", text)
    return {w.lower().replace("’", "'").removesuffix("'s") for w in re.findall(r"[A-Za-z][A-Za-z'’]*[A-Za-z]", text) if len(w) >= 4}


def _guides(tmp_path: Path) -> list[Path]:
    guides = sorted(GUIDES.iterdir()) + [Path(__file__).parent / "fixtures" / "docs" / "facilitator-guide-export.html"]
    word = tmp_path / "ea-weekend.docx"
    _word_guide(word)
    guides.append(word)
    if (SHARED / "curriculum-outline.md").exists():
        guides.append(SHARED / "curriculum-outline.md")
    return guides


def test_every_line_of_every_guide_is_in_the_curriculum_or_listed_as_not_placed(tmp_path):
    lost_lines = []
    for guide in _guides(tmp_path):
        text, _ = guide_to_yaml(guide)
        held = _words(text)
        for block in read_guide(guide):
            lost = sorted(_words(block.text) - held - STRUCTURE_WORDS) + [link.url for link in block.links if link.url not in text]
            if lost:
                lost_lines.append(f"{guide.name} {block.where}: {lost} of {block.text!r}")
    assert not lost_lines


def test_each_new_style_imports_and_checks_from_the_command_line(tmp_path):
    word = tmp_path / "ea-weekend.docx"
    _word_guide(word)
    guides = [GUIDES / name for name in (
        "alignment-circle-bold-steps.md", "bioethics-docs-export.html", "data-society-tables.md", "mind-group-email.txt",
        "tech-ethics-meetings.md", "climate-futures-docs-export.html", "neuroethics-step-headings.md")] + [word]
    for n, guide in enumerate(guides):
        out = tmp_path / f"curriculum-{n}.yaml"
        for args in (["import", str(guide), "-o", str(out)], ["check", str(out)]):
            result = subprocess.run([sys.executable, "-m", "packet", *args], capture_output=True, text=True, cwd=REPO, timeout=300)
            assert result.returncode == 0, (guide.name, args[0], result.stderr)
