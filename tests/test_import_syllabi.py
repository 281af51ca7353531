"""`packet import` on guides it was not written against: a university
reading-group syllabus (Markdown), an intro-fellowship guide saved as HTML,
a philosophy seminar's plain-text email and a campus group's plan with
dated weeks. Each is hand-written for these tests in the style of such
guides (none is a real group's): a typed table of contents, readings
tables ("Title | Time | URL", "Required? | Reading | Minutes"), "Core:" and
"If you have time:" lines, a "Welcome session" before week 1, steps one a
line ("0:10-0:40 Reading", "<br>" between steps), minutes per reading."""

from __future__ import annotations

from pathlib import Path

from packet.authoring.importer import guide_to_yaml
from packet.curriculum import Curriculum
from packet.load import parse_curriculum


def imported(tmp_path: Path, name: str, text: str) -> tuple[Curriculum, str]:
    guide = tmp_path / name
    guide.write_text(text, encoding="utf-8")
    yaml_text, _ = guide_to_yaml(guide)
    return parse_curriculum(yaml_text, "imported.yaml"), yaml_text


def unplaced(text: str) -> str:
    marker = "# Lines of the guide this import could not place"
    return text[text.index(marker):] if marker in text else ""


def agenda(curriculum: Curriculum, week: int) -> list[tuple]:
    items = next(w for w in curriculum.weeks if w.number == week).agenda
    return [(item.kind, item.title, item.minutes, item.is_extra) for item in items]


def reading(curriculum: Curriculum, url_end: str):
    return next(r for r in curriculum.readings if (r.url or "").endswith(url_end))


# In the style of a university reading group's syllabus.
SYLLABUS = """\
# Philosophy of Mind Reading Group — Syllabus

Michaelmas 2026. We meet Thursdays 5–7pm in the Seminar Room.

## Contents

1. Session 1: What is a mind? .......... 2
2. Session 2: Functionalism .......... 3
3. Session 3: Consciousness .......... 4

## Session 1: What is a mind?

| Title | Time | URL |
|-------|------|-----|
| Descartes, Meditations II | 30 min | https://www.earlymoderntexts.com/assets/pdfs/descartes1641.pdf |
| The Mind-Body Problem | 15m | https://plato.stanford.edu/entries/dualism/ |

**Discussion**

- Is the mind something over and above the brain?
- What would convince you that a machine has a mind?

## Session 2: Functionalism

Readings:

* Putnam, "The Nature of Mental States" (1967) — https://example.edu/putnam-nature.pdf (40 mins)
* Block, "Troubles with Functionalism" (1978) https://example.edu/block-troubles.pdf (1 hr) (optional)

Questions to consider:

1. Could a system made of beer cans and string be in pain?

## Session 3: Consciousness

Core: Thomas Nagel, [What Is It Like to Be a Bat?](https://www.jstor.org/stable/2183914) (1974), ~25 min

If you have time: David Chalmers, [Facing Up to the Problem of Consciousness](https://consc.net/papers/facing.pdf) (1995), 1h 10m

Plan:

- 0:00–0:10 Check-in
- 0:10–0:50 Close reading of Nagel in pairs
- 0:50–1:50 Discussion
- 1:50–2:00 Wrap-up and next week
"""


def test_a_typed_table_of_contents_is_skipped_not_left_over(tmp_path):
    curriculum, text = imported(tmp_path, "syllabus.md", SYLLABUS)
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "What is a mind?"), (2, "Functionalism"), (3, "Consciousness")]
    assert "Contents" not in unplaced(text) and "......" not in text
    assert curriculum.term == "Michaelmas 2026"
    assert unplaced(text) == ""


def test_a_readings_table_is_one_reading_block_with_each_readings_minutes(tmp_path):
    curriculum, text = imported(tmp_path, "syllabus.md", SYLLABUS)
    assert agenda(curriculum, 1) == [
        ("reading", "Descartes, Meditations II / The Mind-Body Problem", None, False),
        ("discussion", "Discussion", None, False),
    ]
    assert reading(curriculum, "descartes1641.pdf").minutes == 30
    assert reading(curriculum, "entries/dualism/").minutes == 15


def test_minutes_beside_each_reading_of_a_list_are_that_readings(tmp_path):
    curriculum, _ = imported(tmp_path, "syllabus.md", SYLLABUS)
    assert reading(curriculum, "putnam-nature.pdf").minutes == 40
    assert agenda(curriculum, 2)[:2] == [
        ("reading", "The Nature of Mental States", None, False), ("reading", "Troubles with Functionalism", 60, True),
    ]


def test_core_and_if_you_have_time_lines_are_readings_with_their_authors(tmp_path):
    curriculum, text = imported(tmp_path, "syllabus.md", SYLLABUS)
    assert agenda(curriculum, 3) == [
        ("reading", "What Is It Like to Be a Bat?", 25, False),
        ("reading", "Facing Up to the Problem of Consciousness", 70, True),
        ("icebreaker", "Check-in", 10, False),
        ("activity", "Close reading of Nagel", 40, False),  # a close reading, not the wrap-up
        ("discussion", "Discussion", 60, False),
        ("wrap-up", "Wrap-up and next week", 10, False),
    ]
    nagel, chalmers = reading(curriculum, "2183914"), reading(curriculum, "facing.pdf")
    assert (nagel.authors, nagel.year, chalmers.authors) == (["Thomas Nagel"], 1974, ["David Chalmers"])
    assert curriculum.weeks[2].agenda[1].if_time
    assert "notes: Thomas Nagel" not in text


def test_a_word_style_contents_with_page_numbers_under_no_label_is_skipped(tmp_path):
    guide = (
        "# Reading circle\n\n"
        "Week 1: Power 3\n\nWeek 2: Money 5\n\n"
        "## Week 1: Power\n\n1. Read [A](https://example.org/a) (20 min)\n\n"
        "## Week 2: Money\n\n1. Read [B](https://example.org/b) (20 min)\n"
    )
    curriculum, text = imported(tmp_path, "circle.md", guide)
    assert [w.title for w in curriculum.weeks] == ["Power", "Money"]
    assert unplaced(text) == ""


def test_a_list_of_steps_in_one_week_that_repeats_later_headings_is_not_a_table_of_contents(tmp_path):
    guide = (
        "# Reading circle\n\n## Week 1: Power\n\nCheck-in (10 min)\n\nDiscussion (30 min)\n\n"
        "## Week 2: Money\n\n### Check-in\n\nHow are you?\n\n### Discussion\n\n- Is money power?\n"
    )
    curriculum, _ = imported(tmp_path, "circle.md", guide)
    assert [(kind, minutes) for kind, _, minutes, _ in agenda(curriculum, 1)] == [("icebreaker", 10), ("discussion", 30)]


# In the style of an EA intro fellowship's facilitator guide, saved as HTML.
FELLOWSHIP = """\
<html><head><meta charset="utf-8"><title>Intro Fellowship Facilitator Guide</title></head><body>
<h1>Intro Fellowship Facilitator Guide</h1>
<p>Each session runs for 90 minutes.</p>
<h2>Welcome session</h2>
<ol>
<li>Introductions (15 min): name, subject, and why you signed up.</li>
<li>Silent reading (20 min): <a href="https://www.effectivealtruism.org/articles/introduction-to-effective-altruism">Introduction to Effective Altruism</a></li>
<li>Discussion (30 min)</li>
</ol>
<h2>Week One: The Effectiveness Mindset</h2>
<table>
<tr><td>Required?</td><td>Reading</td><td>Minutes</td></tr>
<tr><td>Yes</td><td><a href="https://www.givewell.org/giving101">Giving 101</a></td><td>10</td></tr>
<tr><td>Yes</td><td><a href="https://www.utilitarianism.net/peter-singer-famine-affluence-and-morality">Famine, Affluence, and Morality</a> by Peter Singer</td><td>25</td></tr>
<tr><td>No</td><td><a href="https://80000hours.org/articles/problem-framework/">A framework for comparing global problems</a></td><td>20</td></tr>
</table>
<h3>Questions to consider</h3>
<ul><li>Is it wrong not to donate, if you can save a life at little cost?</li></ul>
<h2>Week Two: Differences in Impact</h2>
<p><strong>Core</strong></p>
<ul>
<li><a href="https://80000hours.org/articles/careers-differ-in-impact/">How much do solutions differ?</a> (Benjamin Todd, 2023) — ~15 min</li>
<li><a href="https://www.givingwhatwecan.org/blog/what-is-effective-giving">What is effective giving?</a> (5 mins)</li>
</ul>
<p><strong>Further readings</strong></p>
<ul><li><a href="https://forum.effectivealtruism.org/posts/7TB3dbaTfPCMYkCzS/is-ea-just-longtermism-now">Is EA just longtermism now?</a> (1 hr)</li></ul>
<p><strong>Prompts</strong></p>
<ul><li>Which intervention surprised you most?</li><li>Something you would change your mind about</li></ul>
<p><strong>Session plan</strong></p>
<p>Check-in (10 min)<br>Discussion (45 min)<br>Break (5 min)<br>Wrap-up (10 min)</p>
</body></html>
"""


def test_a_welcome_session_before_week_one_is_week_zero(tmp_path):
    curriculum, text = imported(tmp_path, "fellowship.html", FELLOWSHIP)
    assert [(w.number, w.title) for w in curriculum.weeks] == [
        (0, "Welcome session"), (1, "The Effectiveness Mindset"), (2, "Differences in Impact"),
    ]
    assert [kind for kind, *_ in agenda(curriculum, 0)] == ["icebreaker", "reading", "discussion"]
    assert unplaced(text) == ""


def test_a_required_column_marks_the_readings_it_says_no_to_optional(tmp_path):
    curriculum, _ = imported(tmp_path, "fellowship.html", FELLOWSHIP)
    assert agenda(curriculum, 1)[:2] == [
        ("reading", "Giving 101 / Famine, Affluence, and Morality", None, False),
        ("reading", "A framework for comparing global problems", 20, True),
    ]
    assert [reading(curriculum, end).minutes for end in ("giving101", "famine-affluence-and-morality")] == [10, 25]
    assert reading(curriculum, "famine-affluence-and-morality").authors == ["Peter Singer"]


def test_core_further_readings_prompts_and_steps_a_line(tmp_path):
    curriculum, text = imported(tmp_path, "fellowship.html", FELLOWSHIP)
    assert agenda(curriculum, 2) == [
        ("reading", "How much do solutions differ? / What is effective giving?", None, False),
        ("reading", "Is EA just longtermism now?", None, True),
        ("icebreaker", "Check-in", 10, False),
        ("discussion", "Discussion", 45, False),
        ("activity", "Break", 5, False),
        ("wrap-up", "Wrap-up", 10, False),
    ]
    assert curriculum.weeks[2].agenda[3].questions == ["Which intervention surprised you most?", "Something you would change your mind about"]
    assert reading(curriculum, "careers-differ-in-impact/").minutes == 15
    assert reading(curriculum, "is-ea-just-longtermism-now").minutes == 60
    assert "Benjamin Todd" not in str(curriculum.weeks[2].agenda[0].notes)


# In the style of a philosophy seminar's syllabus sent as a plain-text email.
SEMINAR = """\
ETHICS OF EMERGING TECHNOLOGY
Meetings run 2-4pm.

Meeting 1 — Moral status
  Required: Mary Anne Warren, "On the Moral and Legal Status of Abortion" (1973) https://example.edu/warren.pdf (20 mins)
  Further reading: Shelly Kagan, "What's Wrong with Speciesism?" (2016) https://example.edu/kagan.pdf
  Discussion
  1. What grounds moral status?
  2. Can moral status come in degrees?

Meeting 2 — Digital minds
  Icebreaker (10 min)
  Read (30 min): "A Defense of the Rights of Artificial Intelligences" (2015) https://example.edu/schwitzgebel.pdf
  Discussion (45 min)
  - Would you switch off a conscious AI?
  Wrap up (5 min)

Meeting 3 — Enhancement
  0:00-0:10 Check-in
  0:10-0:40 Reading: Savulescu, "Procreative Beneficence" https://example.edu/savulescu.pdf
  0:40-2:00 Discussion
"""


def test_an_indented_plain_text_week_has_a_step_a_line(tmp_path):
    curriculum, text = imported(tmp_path, "seminar.txt", SEMINAR)
    assert agenda(curriculum, 1) == [
        ("reading", "On the Moral and Legal Status of Abortion", 20, False),
        ("reading", "What's Wrong with Speciesism?", None, True),
        ("discussion", "Discussion", None, False),
    ]
    assert curriculum.weeks[0].agenda[2].questions == ["What grounds moral status?", "Can moral status come in degrees?"]
    assert agenda(curriculum, 2) == [
        ("icebreaker", "Icebreaker", 10, False),
        ("reading", "A Defense of the Rights of Artificial Intelligences", 30, False),
        ("discussion", "Discussion", 45, False),
        ("wrap-up", "Wrap up", 5, False),
    ]
    assert curriculum.weeks[1].agenda[2].questions == ["Would you switch off a conscious AI?"]
    assert agenda(curriculum, 3) == [
        ("icebreaker", "Check-in", 10, False),
        ("reading", "Procreative Beneficence", 30, False),
        ("discussion", "Discussion", 80, False),
    ]
    assert unplaced(text) == ""


# In the style of a campus AI-policy group's plan, its weeks headed by dates.
DATED = """\
# AI Policy Reading Group

Autumn 2026. We meet Tuesdays, 6:30-8pm.

## Tuesday, 13 October — Why govern AI?

**Read** (~20 min): [The Governance of AI](https://www.governance.ai/research-paper/agenda) by Allan Dafoe (2018)

**Discussion** (40 min)

## Tuesday, 20 October — Compute

**Read** (25 mins): [Computing Power and the Governance of AI](https://arxiv.org/abs/2402.08797)

*Optional:* [Compute Trends Across Three Eras](https://arxiv.org/abs/2202.05924) (15m)

| Step | Minutes | Notes |
|---|---|---|
| Discussion | 45 | Is compute a good lever? |
| Wrap-up | 5 | |
"""


def test_dated_week_headings_are_not_left_over(tmp_path):
    curriculum, text = imported(tmp_path, "policy.md", DATED)
    assert [(w.title, str(w.date)) for w in curriculum.weeks] == [("Why govern AI?", "2026-10-13"), ("Compute", "2026-10-20")]
    assert curriculum.term == "Autumn 2026"
    assert agenda(curriculum, 2) == [
        ("reading", "Computing Power and the Governance of AI", 25, False),
        ("reading", "Compute Trends Across Three Eras", 15, True),
        ("discussion", "Discussion", 45, False),
        ("wrap-up", "Wrap-up", 5, False),
    ]
    assert unplaced(text) == ""
