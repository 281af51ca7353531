"""The pieces of `packet import`, each on the words guides use."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from packet.authoring.blocks import plain, tidy
from packet.authoring.emit import emit
from packet.authoring.interpret import Draft, Noted
from packet.authoring.mentions import find_mentions, parse_byline, parse_sections
from packet.authoring.read_markdown import read_markdown
from packet.authoring.read_text import read_text
from packet.authoring.timing import block_minutes, meeting_minutes, start_time


def mentions(text: str):
    block = tidy([plain("paragraph", text)])[0]
    return find_mentions(block.text, block.links)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ('Watch: "Gradient descent" (0:00 16:35) https://www.youtube.com/watch?v=a', "0:00", "16:35"),
        ("Watch https://youtu.be/b (1:05 - 9:40)", "1:05", "9:40"),
        ('"Scaling Laws" (Jared Kaplan talk), 16:45 to about 22:00. https://www.youtube.com/watch?v=c', "16:45", "22:00"),
        ('"Mesa-Optimizers" (Robert Miles), from 2:27. https://www.youtube.com/watch?v=d', "2:27", None),
        ("https://www.youtube.com/watch?v=e&t=2400s", "40:00", None),
        ("Watch https://vimeo.com/123 from 1:02:03 until 1:10:00", "1:02:03", "1:10:00"),
    ],
)
def test_video_start_and_end_come_from_the_times_beside_the_link(text, start, end):
    (video,) = mentions(text)
    assert video.kind == "video" and (video.start, video.end) == (start, end)


def test_a_video_that_ends_before_it_starts_keeps_only_its_start():
    (video,) = mentions("Watch https://youtu.be/f (12:00-3:00)")
    assert (video.start, video.end) == ("12:00", None)
    assert "no end: 3:00 is not after 12:00" in video.guesses


def test_reading_title_authors_and_year_from_quotes_links_or_words():
    quoted, = mentions('Read: "Four Background Claims", Nate Soares, MIRI, 2015. https://intelligence.org/claims/')
    assert (quoted.title, quoted.authors, quoted.site, quoted.year) == ("Four Background Claims", ["Nate Soares"], "MIRI", 2015)
    words, = mentions("Read: Four Background Claims by Nate Soares (2015) https://intelligence.org/claims/")
    assert (words.title, words.authors, words.year) == ("Four Background Claims", ["Nate Soares"], 2015)
    assert "the title from the words before the link" in words.guesses
    bare, = mentions("Media to show: https://thispersondoesnotexist.com/")
    assert bare.title == "thispersondoesnotexist.com"


def test_an_arxiv_number_without_a_link_becomes_the_link():
    paper, = mentions('"Red Teaming Language Models with Language Models", DeepMind, 2022 (arXiv 2202.03286).')
    assert paper.url == "https://arxiv.org/abs/2202.03286" and paper.reading_kind == "paper"
    assert mentions("the arXiv 2209.00626 rendering: https://ar5iv.labs.arxiv.org/html/2209.00626")[0].url.startswith("https://ar5iv")


def test_bylines_tell_people_from_sites():
    assert parse_byline(", Richard Ngo, Lawrence Chan, Sören Mindermann, 2022") == (
        ["Richard Ngo", "Lawrence Chan", "Sören Mindermann"], 2022, None, None)
    assert parse_byline("(LessWrong, 2023)") == ([], 2023, "LessWrong", None)
    assert parse_byline(", Rohin Shah et al., 2022 (blog post") == (["Rohin Shah", "et al."], 2022, None, None)
    assert parse_byline(" by Chris Olah and Neel Nanda") == (["Chris Olah", "Neel Nanda"], None, None, None)
    assert parse_byline(", CSET, 2022 (a PDF report)")[2:] == ("CSET", "report")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("section 2 only", {"include": ["2"]}),
        ("sections 1 and 2 only", {"include": ["1", "2"]}),
        ("part 1 only", {"include": ["Part 1"]}),
        ("sections 2-4", {"include": ["2", "3", "4"]}),
        ("skip the section 3 examples except 3.1, and skip section 5", {"skip": ["3", "5"], "keep": ["3.1"]}),
        ("stop before section 3; the rest if time", {"stop_before": "3"}),
        ("a classic from 2015", {}),
    ],
)
def test_which_sections_to_print(text, expected):
    found = parse_sections(text)
    assert {k: v for k, v in found.items() if k != "reason"} == expected
    assert bool(found.get("reason")) == bool(expected)


@pytest.mark.parametrize(
    "text, minutes",
    [("Icebreaker (10 min)", 10), ("Read [20 min]: x", 20), ("Discussion - 15 minutes", 15), ("10 min: check-in", 10),
     ("Presentation (1 hour)", 60), ("Discussion (20-25 min)", 20), ("Read the essay by Singer", None),
     ("Discussion 25'", 25), ("Intro round 10' - names", 10), ("Reading 30 mins: x", 30), ("Read Parfit's 'Identity'", None)],
)
def test_minutes_of_a_block(text, minutes):
    assert block_minutes(text)[0] == minutes


@pytest.mark.parametrize(
    "text, minutes, start",
    [
        ("Meetings are 2 hours (120 minutes), in person.", 120, None),
        ("We meet on Thursdays, 7-9pm, in the community centre.", 120, "19:00"),
        ("Sessions last 90 minutes and start at 6:30 pm.", 90, "18:30"),
        ("The group meets weekly from 18:00 to 19:30", 90, "18:00"),
        ("Each session lasts 1.5 hours.", 90, None),
        ("Readings are done in the meeting, on paper.", None, None),
        ("Thursdays 6-8pm, room 12", 120, "18:00"),
        ("Every Tuesday, 18:00–19:30.", 90, "18:00"),
        ("6.30-8.30pm on Wednesdays", 120, "18:30"),
        ("Both days run 10am–1pm.", 180, "10:00"),
        ("Each week 3-5 people read pages 6-8.", None, None),
    ],
)
def test_meeting_length_and_start(text, minutes, start):
    assert (meeting_minutes(text), start_time(text)) == (minutes, start)


def test_lettered_questions_typed_under_a_step_become_its_items():
    blocks = tidy(read_markdown("1. Discuss:\n   a. What is AI?\n   b. Why?\n2. Wrap up\n"))
    assert [(b.kind, b.depth, b.ordinal, b.text) for b in blocks] == [
        ("item", 0, "1", "Discuss:"), ("item", 1, "a", "What is AI?"), ("item", 1, "b", "Why?"), ("item", 0, "2", "Wrap up"),
    ]


def test_plain_text_indentation_and_continuation_lines():
    blocks = tidy(read_text(
        "WEEK 1 - Start\n\n1) Read: an essay\n   https://example.org/essay\n   Optional: more at https://example.org/more\n"
        "   a. Is it right?\n2) Wrap up\n"
    ))
    assert [(b.kind, b.depth, b.text) for b in blocks] == [
        ("heading", 0, "WEEK 1 - Start"),
        ("item", 0, "Read: an essay https://example.org/essay"),
        ("item", 1, "Optional: more at https://example.org/more"),
        ("item", 1, "Is it right?"),
        ("item", 0, "Wrap up"),
    ]
    assert blocks[1].links[0].url == "https://example.org/essay"


TRICKY = ["yes", "no", "18:00", "0:00", "a: b", "#hashtag", "- dash", "trailing colon:", "say \"hi\"", "it's",
          "[bracketed]", "{braced}", "100", "3.5", "null", "~", "é accents ü", "tab\there", "*star", "&amp", "!bang",
          "% percent", "@at", "`tick`", "a #b", "x " * 60, "ends with space ",
          "line\nbreak", "NEL\x85 LS\u2028 DEL\x7f BOM\ufeff", ("long with a separator\u2028 " * 6).strip()]


def test_the_yaml_reads_back_every_string_as_written():
    data = {"title": "T", "tips": [Noted({"summary": s}, ["a guess: with a colon"]) for s in TRICKY], "weeks": []}
    text = emit(Draft(data=data, unplaced=["line 1: # not a key: really", "line 2: a\x01b\u2028c"]), ["from\nguide\x02.md"])
    loaded = YAML(typ="safe").load(text)
    assert [t["summary"] for t in loaded["tips"]] == TRICKY
    assert "# guessed: a guess: with a colon" in text
    assert "#   line 1: # not a key: really" in text


def test_a_title_quoted_right_after_its_link_or_in_single_quotes():
    video, = mentions("Watch (15 min): https://youtu.be/xyz — “The Title” 0:00–12:00. Then talk.")
    assert (video.title, video.start, video.end) == ("The Title", "0:00", "12:00")
    book, = mentions("Read ‘Why We Can’t Wait’ by Martin Luther King https://x.org/w")
    assert book.title == "Why We Can’t Wait"


FRAGMENTS = [
    "Week 1: Intro", "## Week 2 — Stuff", "# Title: Facilitator guide", "1. Icebreaker (10 min)", "   a. What?",
    "- Read: [X](https://a.org/x) by Ann Bee (2020)", '- Watch: "V" https://youtu.be/abc (0:00 5:00)',
    '   - Optional, for people who finish early: "Y" https://b.org/y', "Discussion questions:", "**Discussion (20 min)**",
    "3) Wrap up", "If time: brainstorm", "How the session actually ran: a → b → c", "Notes: remember chairs", "### Tips",
    "- Keep time.", "Meetings are 2 hours.", "(arXiv 2101.00001)", '"Quoted"', "sections 1-3 only", "from 2:27",
    "12:00-3:00", "- ", "1.", "Session two: x", "WEEK 3 - X", "* bullet", "   continuation", "Materials: a, b",
    'Read the paper [35 min]: "P" (arXiv 2210.01790); skip section 5.', "[link](http://x)", "<b>html</b>", "Week 0",
    "Week 99 (Jan 1): y", "    indented code", "> quote Week 4: q", "| a | b |", "|---|---|", "| 10 min | Icebreaker |",
    "é ü ß 中文", "Part 1 only", "   1) nested", "     - deeper", "18:00–18:10 Icebreaker", "7:15 – Silent reading",
    "**Reading** (30 minutes)", "- Extra, for fast readers: [B](https://b.org/b)", "| Time | Activity | Details |",
    "| 17:40 | Reading | [X](https://x.org) by Ann Bee<br>Optional: [Y](https://y.org) |", "Intro round 10' - names",
    "Watch from 3:20 to 12:05 https://youtu.be/x (the teleporter)", "Time: 30 minutes.", "Subject: Our group",
    "9:30 Welcome", "General tips", "Day 2 - Title", 'Kant, "On Lying" https://k.org/lie', "Questions:",
    "We meet Thursdays 6-8pm.", "for an hour and a half", "Then watch [V](https://youtu.be/v)",
]


def test_guides_made_of_random_lines_never_crash_and_always_check():
    import random

    from packet.authoring.interpret import NoWeeks, interpret
    from packet.authoring.read_html import read_html
    from packet.load import parse_curriculum

    rng = random.Random(14)
    readers = [read_markdown, read_text, lambda t: read_html("<p>" + t.replace("\n", "</p><p>") + "</p>")]
    for _ in range(120):
        text = "\n".join(rng.choice(["", "\n"]) + rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 40)))
        for reader in readers:
            try:
                draft = interpret(tidy(reader(text)), "guide.md")
            except NoWeeks:
                continue
            parse_curriculum(emit(draft, ["header"]))


def test_a_line_the_interpreter_drops_a_word_of_is_listed_whole():
    from packet.authoring.interpret import interpret

    draft = interpret(tidy(read_markdown("## Week 1: Start\n\n1. Wrap-up (5 min): Snacks.\n")), "guide.md")
    assert draft.unplaced == ["line 3: Wrap-up (5 min): Snacks."]


@pytest.mark.parametrize(
    "text, questions, said",
    [
        ("1. Welcome (15 min): go round the room; everyone says their name.", [], "Go round the room; everyone says their name."),
        ("1. Icebreaker: a topic you love; something you wish people knew.", ["A topic you love", "Something you wish people knew"], None),
        ("1. Icebreaker: favourite class so far; which class would you drop?", ["Favourite class so far", "Which class would you drop?"], None),
    ],
)
def test_icebreaker_prompts_are_questions_and_instructions_are_text(text, questions, said):
    from packet.authoring.interpret import interpret

    draft = interpret(tidy(read_markdown("## Week 1: Start\n\n" + text + "\n")), "guide.md")
    (item,) = draft.data["weeks"][0].value["agenda"]
    assert item.value.get("questions", []) == questions and item.value.get("text") == said


def test_a_list_under_a_bold_step_is_that_steps_not_new_steps():
    from packet.authoring.steps import split_week

    blocks = tidy(read_markdown(
        "**Reading** (30 min)\n\n- [A](https://a.org/a)\n- Extra, for fast readers: [B](https://b.org/b)\n\n"
        "**Discussion** (20 min)\n\n1. Why?\n2. How?\n\n**Closing** (5 min): cards.\n\n"
        "**Plan**\n\n1. Check-in (10 min)\n2. Wrap-up (5 min)\n"
    ))
    steps = split_week(blocks, 2).steps
    assert [(s.lead.text, [b.text for b in s.body]) for s in steps] == [
        ("Reading (30 min)", ["A", "Extra, for fast readers: B"]),
        ("Discussion (20 min)", ["Why?", "How?"]),
        ("Closing (5 min): cards.", []),
        ("Check-in (10 min)", []),
        ("Wrap-up (5 min)", []),
    ]


def test_schedule_table_columns_are_known_by_their_header():
    blocks = tidy(read_markdown(
        "| Minutes | What | Notes |\n|---|---|---|\n| 10 | Check-in | Names |\n\n"
        "| Start | Item |\n|---|---|\n| 18:00 | Welcome |\n\n| A | B |\n|---|---|\n| x | y |\n"
    ))
    assert [b.text for b in blocks] == ["Check-in (10 min): Names", "18:00 — Welcome", "x — y"]
