"""`packet import` on three things organizers' guides do, each guide
hand-written for these tests in the style of such guides (none is a real
group's):

1. Several authors in one reading line, joined by "&", "and" or commas
   ("by Evan Hubinger, Chris van Merwijk & Vladimir Mikulik (2019)", "by
   Irving, Christiano, and Amodei", "by Chan and Garriga-Alonso et al."),
   in the words after a link, before it, or inside the link's own text:
   each name its own entry of `authors:`, "et al." kept as a last entry
   (the source card prints "A, B et al.", so a reader knows the list is
   not whole), titles holding "and" or "by" kept whole.
2. Stars marking core and optional readings ("★ Core:", "⭐", "(*)", a "**"
   left over from bold, "☆ optional", "Title*"): never in a title; where
   the guide's key says what a star means ("★ = core, ☆ = optional",
   "Readings marked with an asterisk are optional"), the reading is
   optional or for early finishers as the key says, and the key is not a
   line left over.
3. Links to places in the guide itself (a Google Docs export's table of
   contents and "see Week 2" links to "#h.xxxx", a Markdown copy's
   "#heading=h.xxxx" and "#bookmark=id.xxxx", the Doc's own address at one
   of its headings): never a reading, a video or a link; the table of
   contents skipped, not left over, even when it lists the steps under
   each week ("Reading (30 min)" once a week).
"""

from __future__ import annotations

import re
from pathlib import Path

from packet.authoring.importer import guide_to_yaml
from packet.curriculum import Curriculum
from packet.load import parse_curriculum
from packet.render.html import authors_line

STARS = "★☆⭐*"


def imported(tmp_path: Path, name: str, text: str) -> tuple[Curriculum, str]:
    guide = tmp_path / name
    guide.write_text(text, encoding="utf-8")
    yaml_text, _ = guide_to_yaml(guide)
    return parse_curriculum(yaml_text, "imported.yaml"), yaml_text


def unplaced(text: str) -> str:
    marker = "# Lines of the guide this import could not place"
    return text[text.index(marker):] if marker in text else ""


def reading(curriculum: Curriculum, url_end: str):
    return next(r for r in curriculum.readings if (r.url or "").endswith(url_end))


def agenda(curriculum: Curriculum, week: int) -> list[tuple]:
    items = next(w for w in curriculum.weeks if w.number == week).agenda
    return [(item.kind, item.title, getattr(item, "readings", None), item.optional, item.early_finishers) for item in items]


# 1. Authors ---------------------------------------------------------------

AUTHORS_MD = """\
# Alignment Reading Group

## Week 1: Inner alignment

- Reading (30 min): Risks from Learned Optimization by Evan Hubinger, Chris van Merwijk & Vladimir Mikulik (2019) https://arxiv.org/abs/1906.01820
- Reading (20 min): [AI Safety via Debate by Irving, Christiano, and Amodei (2018)](https://example.org/debate)
- Reading (15 min): [Deep RL from Human Preferences](https://example.org/rlhf) by Paul Christiano, Jan Leike, and Tom Brown (2017)
- Reading: Eliciting Latent Knowledge by Christiano & Xu (2021) https://example.org/elk
- Reading: Causal Scrubbing by Lawrence Chan and Adrià Garriga-Alonso et al. (2022) https://example.org/scrubbing
- Reading: [The Precipice by Toby Ord](https://example.org/precipice)
- Reading: Pride and Prejudice and Alignment by Jane Doe and John Smith https://example.org/pride
- Reading: [Death by Black Hole](https://example.org/black-hole)
- Reading: [Driven by Data and Evidence](https://example.org/driven)
- Discussion (30 min): What is a mesa-optimizer?
"""


def test_authors_joined_by_ampersand_and_or_commas_are_separate_names(tmp_path):
    curriculum, _ = imported(tmp_path, "guide.md", AUTHORS_MD)
    found = {url: (reading(curriculum, url).title, reading(curriculum, url).authors, reading(curriculum, url).year) for url in (
        "1906.01820", "debate", "rlhf", "elk", "scrubbing", "precipice", "pride",
    )}
    assert found == {
        "1906.01820": ("Risks from Learned Optimization", ["Evan Hubinger", "Chris van Merwijk", "Vladimir Mikulik"], 2019),
        # the byline inside the link's own text, surnames alone in a list with a year
        "debate": ("AI Safety via Debate", ["Irving", "Christiano", "Amodei"], 2018),
        # "A, B, and C": the serial comma's "and" is no part of the last name
        "rlhf": ("Deep RL from Human Preferences", ["Paul Christiano", "Jan Leike", "Tom Brown"], 2017),
        # surnames alone after "by": authors, not a site called "Christiano & Xu"
        "elk": ("Eliciting Latent Knowledge", ["Christiano", "Xu"], 2021),
        "scrubbing": ("Causal Scrubbing", ["Lawrence Chan", "Adrià Garriga-Alonso", "et al."], 2022),
        "precipice": ("The Precipice", ["Toby Ord"], None),
        # "and" in the title stays in it: the title ends at "by"
        "pride": ("Pride and Prejudice and Alignment", ["Jane Doe", "John Smith"], None),
    }


def test_a_title_with_by_in_it_is_not_cut_into_a_title_and_authors(tmp_path):
    curriculum, _ = imported(tmp_path, "guide.md", AUTHORS_MD)
    assert (reading(curriculum, "black-hole").title, reading(curriculum, "black-hole").authors) == ("Death by Black Hole", [])
    assert (reading(curriculum, "driven").title, reading(curriculum, "driven").authors) == ("Driven by Data and Evidence", [])


def test_a_title_with_by_in_it_keeps_it_when_the_author_follows_a_second_by(tmp_path):
    guide = ("# Group\n\n## Week 1: Space\n\n"
             "- Read: Death by Black Hole by Neil Tyson, https://example.org/tyson (20 min)\n- Discussion (30 min)\n")
    curriculum, _ = imported(tmp_path, "guide.md", guide)
    tyson = reading(curriculum, "tyson")
    assert (tyson.title, tyson.authors) == ("Death by Black Hole", ["Neil Tyson"])


def test_et_al_is_kept_as_the_last_entry_and_prints_after_the_names(tmp_path):
    curriculum, text = imported(tmp_path, "guide.md", AUTHORS_MD)
    assert "authors: [Lawrence Chan, Adrià Garriga-Alonso, et al.]" in text
    assert authors_line(reading(curriculum, "scrubbing").authors) == "Lawrence Chan, Adrià Garriga-Alonso et al."
    assert authors_line(reading(curriculum, "1906.01820").authors) == "Evan Hubinger, Chris van Merwijk and Vladimir Mikulik"


def test_every_name_of_an_author_list_is_placed(tmp_path):
    _, text = imported(tmp_path, "guide.md", AUTHORS_MD)
    assert unplaced(text) == ""


# 2. Stars -----------------------------------------------------------------

STARS_MD = """\
# Alignment Reading Group

★ = core reading, ☆ = optional

## Week 1: Inner alignment

### Readings (40 min)

- ★ Core: Risks from Learned Optimization by Evan Hubinger (2019) https://example.org/rlo
- ⭐ [Goal Misgeneralization](https://example.org/gm) by Rohin Shah (2022)
- (*) Deep RL from Human Preferences by Paul Christiano (2017) https://example.org/rlhf
- ** [Toy Models of Superposition](https://example.org/toy) by Nelson Elhage (2022)
- [Mesa-Optimizers Explained](https://example.org/mesa) ★
- ☆ [The Alignment Problem from a Deep Learning Perspective](https://example.org/adl) by Richard Ngo (2022)
- ☆ optional: Sharp Left Turn by Nate Soares (2022) https://example.org/slt

### Discussion (30 min)

- What is mesa-optimization?
"""


def test_stars_before_or_after_a_reading_are_never_in_its_title(tmp_path):
    curriculum, text = imported(tmp_path, "guide.md", STARS_MD)
    titles = {r.title for r in curriculum.readings}
    assert titles == {
        "Risks from Learned Optimization", "Goal Misgeneralization", "Deep RL from Human Preferences",
        "Toy Models of Superposition", "Mesa-Optimizers Explained",
        "The Alignment Problem from a Deep Learning Perspective", "Sharp Left Turn",
    }
    values = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in values if re.search(f"[{STARS}]", line)]


def test_a_star_the_guides_key_calls_optional_makes_the_reading_optional(tmp_path):
    curriculum, text = imported(tmp_path, "guide.md", STARS_MD)
    assert agenda(curriculum, 1) == [
        ("reading", "Readings", ["risks-learned-optimization", "goal-misgeneralization", "deep-rl-human-preferences",
                                 "toy-models-superposition", "mesa-optimizers-explained"], False, False),
        ("reading", "The Alignment Problem from a Deep Learning Perspective", ["alignment-problem-deep-learning"], True, False),
        ("reading", "Sharp Left Turn", ["sharp-left-turn"], True, False),
        ("discussion", "Discussion", None, False, False),
    ]
    assert "optional: marked ☆, and the guide's key says '☆ = optional'" in text
    assert unplaced(text) == ""  # the key is how the guide is written, not a line left over


ASTERISK_MD = """\
# Ethics Circle

Readings marked with an asterisk are optional.

## Week 1: Famine

1. Reading (20 min): [Famine, Affluence, and Morality](https://example.org/singer) by Peter Singer (1972)
2. Reading (15 min): [The Life You Can Save*](https://example.org/tlycs) by Peter Singer
3. Reading (15 min): Living High and Letting Die* by Peter Unger (1996) https://example.org/unger
4. Discussion (30 min): Is it wrong not to give?

## Week 2: Aid

**Readings** (★ = core, ☆ = if you finish early)

- ★ [Poor Economics](https://example.org/poor) by Abhijit Banerjee & Esther Duflo (2011)
- ☆ [The White Man's Burden](https://example.org/easterly) by William Easterly (2006)

**Discussion** (30 min)

- Does aid work?
"""


def test_an_asterisk_after_a_title_follows_the_key_written_as_a_sentence(tmp_path):
    curriculum, text = imported(tmp_path, "guide.md", ASTERISK_MD)
    assert agenda(curriculum, 1) == [
        ("reading", "Famine, Affluence, and Morality", ["famine-affluence-morality"], False, False),
        ("reading", "The Life You Can Save", ["life-save"], True, False),
        ("reading", "Living High and Letting Die", ["living-high-letting-die"], True, False),
        ("discussion", "Discussion", None, False, False),
    ]
    assert unplaced(text) == ""


def test_a_key_in_brackets_beside_a_heading_marks_the_list_under_it(tmp_path):
    curriculum, text = imported(tmp_path, "guide.md", ASTERISK_MD)
    assert agenda(curriculum, 2) == [
        ("reading", "Poor Economics", ["poor-economics"], False, False),
        ("reading", "The White Man's Burden", ["white-mans-burden"], False, True),
        ("discussion", "Discussion", None, False, False),
    ]
    assert reading(curriculum, "poor").authors == ["Abhijit Banerjee", "Esther Duflo"]
    assert "★" not in text and "☆ =" not in text.split("# guessed")[0]


def test_a_star_beside_a_label_over_a_list_is_not_a_key(tmp_path):
    guide = (
        "# Ethics Circle\n\n## Week 1: Aid\n\n**Reading** (30 min)\n\n**★ Core**\n\n"
        "- [Poor Economics](https://example.org/poor) by Abhijit Banerjee (2011)\n\n**☆ Optional**\n\n"
        "- [The White Man's Burden](https://example.org/easterly) by William Easterly (2006)\n"
    )
    curriculum, text = imported(tmp_path, "guide.md", guide)
    assert [(kind, title, optional) for kind, title, _, optional, _ in agenda(curriculum, 1)] == [
        ("reading", "Poor Economics", False), ("reading", "The White Man's Burden", True),
    ]
    assert "★" not in text and "☆" not in text


def test_without_a_key_a_star_is_only_taken_out(tmp_path):
    guide = (
        "# Ethics Circle\n\n## Week 1: Aid\n\n### Reading (30 min)\n\n"
        "- ★ [Poor Economics](https://example.org/poor)\n- ☆ The White Man's Burden by William Easterly https://example.org/easterly\n"
    )
    curriculum, text = imported(tmp_path, "guide.md", guide)
    assert agenda(curriculum, 1) == [
        ("reading", "Poor Economics / The White Man's Burden", ["poor-economics", "white-mans-burden"], False, False),
    ]
    assert "★" not in text and "☆" not in text


# A Google Docs export (p.title, class-styled runs, links through
# google.com/url?q=) whose key and marks are in their own spans.
STARS_DOCS = """\
<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type"><style type="text/css">\
.c0{color:#000000;font-weight:400}.c2{font-weight:700}.c1{padding-top:0pt}.c4{color:#1155cc;text-decoration:underline}\
.c5{color:inherit}.c7{padding-top:18pt}.c9{padding:0;margin:0}.c3{margin-left:36pt}.c12{max-width:468pt}</style></head>
<body class="c12 doc-content"><p class="c1 title" id="h.t"><span class="c0">Alignment Reading Group</span></p>
<p class="c1"><span class="c0">⭐ = core reading, (*) = for people who finish early</span></p>
<h2 class="c7" id="h.w1"><span>Week 1: Inner alignment</span></h2>
<p class="c1"><span class="c2">Reading (40 min)</span></p>
<ul class="c9 lst-kix_a-0 start"><li class="c3 li-bullet-0"><span class="c0">⭐ </span><span class="c4"><a class="c5" \
href="https://www.google.com/url?q=https://arxiv.org/abs/1906.01820&amp;sa=D&amp;source=editors&amp;ust=1&amp;usg=A">\
Risks from Learned Optimization</a></span><span class="c0"> by Evan Hubinger, Chris van Merwijk &amp; Vladimir Mikulik (2019)</span></li>
<li class="c3 li-bullet-0"><span class="c0">(*) </span><span class="c4"><a class="c5" \
href="https://www.google.com/url?q=https://example.org/gm&amp;sa=D&amp;source=editors&amp;ust=2&amp;usg=A">Goal Misgeneralization</a>\
</span><span class="c0"> by Rohin Shah et al. (2022)</span></li></ul>
<p class="c1"><span class="c2">Discussion (20 min)</span></p>
<ul class="c9 lst-kix_b-0 start"><li class="c3 li-bullet-0"><span class="c0">What is a mesa-optimizer?</span></li></ul>
</body></html>
"""


def test_stars_and_their_key_in_a_docs_export(tmp_path):
    curriculum, text = imported(tmp_path, "guide.html", STARS_DOCS)
    assert agenda(curriculum, 1) == [
        ("reading", "Risks from Learned Optimization", ["risks-learned-optimization"], False, False),
        ("reading", "Goal Misgeneralization", ["goal-misgeneralization"], False, True),
        ("discussion", "Discussion", None, False, False),
    ]
    assert reading(curriculum, "gm").authors == ["Rohin Shah", "et al."]
    assert unplaced(text) == "" and "⭐" not in text


# 3. Links to places in the guide itself -------------------------------------

# A Google Docs export whose table of contents lists each week and the
# steps under it, every entry a link to its heading's id; a "see Week 2"
# link in a week's plan; the Doc's own address at a heading.
CONTENTS_DOCS = """\
<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type"><style type="text/css">\
.c0{color:#000000;font-weight:400}.c1{padding-top:0pt}.c4{color:#1155cc;text-decoration:underline}.c5{color:inherit}\
.c6{margin-left:18pt}.c7{padding-top:18pt}.c8{font-size:16pt}.c12{max-width:468pt}</style></head>
<body class="c12 doc-content"><p class="c1 title" id="h.t1"><span class="c0">Minds Reading Group</span></p>
<p class="c1"><span class="c0">We meet Tuesdays, 18:00 for 90 minutes.</span></p>
<p class="c1"><span class="c4"><a class="c5" href="#h.w1">Week 1: Bats</a></span></p>
<p class="c6"><span class="c4"><a class="c5" href="#h.r1">Reading (30 min)</a></span></p>
<p class="c6"><span class="c4"><a class="c5" href="#h.d1">Discussion (20 min)</a></span></p>
<p class="c1"><span class="c4"><a class="c5" href="#h.w2">Week 2: Zombies</a></span></p>
<p class="c6"><span class="c4"><a class="c5" href="#h.r2">Reading (30 min)</a></span></p>
<p class="c6"><span class="c4"><a class="c5" href="#h.d2">Discussion (20 min)</a></span></p>
<p class="c1"><span class="c4"><a class="c5" href="#h.fn">Facilitator notes</a></span></p>
<h1 class="c7" id="h.w1"><span class="c8">Week 1: Bats</span></h1>
<h2 class="c7" id="h.r1"><span class="c8">Reading (30 min)</span></h2>
<p class="c1"><span class="c4"><a class="c5" href="https://www.google.com/url?q=https://example.org/bat&amp;sa=D&amp;source=editors&amp;ust=1&amp;usg=A">\
What Is It Like to Be a Bat?</a></span><span class="c0"> by Thomas Nagel (1974)</span></p>
<h2 class="c7" id="h.d1"><span class="c8">Discussion (20 min)</span></h2>
<p class="c1"><span class="c0">Is it like anything to be a bat? We pick this up in </span><span class="c4"><a class="c5" href="#h.w2">Week 2</a></span>\
<span class="c0">.</span></p>
<p class="c1"><span class="c0">Also look at </span><span class="c4"><a class="c5" \
href="https://www.google.com/url?q=https://docs.google.com/document/d/1AbCdEfGhIjKlMnOp/edit%23heading%3Dh.w2&amp;sa=D&amp;source=editors&amp;ust=2&amp;usg=A">\
the zombie questions</a></span><span class="c0">.</span></p>
<h1 class="c7" id="h.w2"><span class="c8">Week 2: Zombies</span></h1>
<h2 class="c7" id="h.r2"><span class="c8">Reading (30 min)</span></h2>
<p class="c1"><span class="c4"><a class="c5" href="https://www.google.com/url?q=https://example.org/zombies&amp;sa=D&amp;source=editors&amp;ust=3&amp;usg=A">\
Zombies</a></span><span class="c0"> by David Chalmers (1996)</span></p>
<h2 class="c7" id="h.d2"><span class="c8">Discussion (20 min)</span></h2>
<p class="c1"><span class="c0">Are zombies conceivable?</span></p>
<h1 class="c7" id="h.fn"><span class="c8">Facilitator notes</span></h1>
<p class="c1"><span class="c0">Bring snacks.</span></p>
</body></html>
"""


def test_a_docs_export_table_of_contents_that_lists_each_weeks_steps_is_skipped(tmp_path):
    curriculum, text = imported(tmp_path, "guide.html", CONTENTS_DOCS)
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "Bats"), (2, "Zombies")]
    assert unplaced(text) == ""


def test_links_to_the_guides_own_headings_are_never_readings(tmp_path):
    curriculum, text = imported(tmp_path, "guide.html", CONTENTS_DOCS)
    assert [r.url for r in curriculum.readings] == ["https://example.org/bat", "https://example.org/zombies"]
    assert "docs.google.com" not in text and "#h." not in text
    assert [(kind, title) for kind, title, *_ in agenda(curriculum, 1)] == [
        ("reading", "What Is It Like to Be a Bat?"), ("discussion", "Discussion"),
    ]
    assert "We pick this up in Week 2." in text


CONTENTS_MD = """\
# Minds Reading Group

[Week 1: Bats](#heading=h.abc1)
[Week 2: Zombies](#heading=h.abc2)
[Facilitator notes](#h.abc3)

## Week 1: Bats

- Reading (30 min): [What Is It Like to Be a Bat?](https://example.org/bat) by Thomas Nagel (1974)
- Discussion (20 min): Is it like anything to be a bat? See [Week 2](#heading=h.abc2) for the follow-up.
- Notes for next week: [the zombie questions](https://docs.google.com/document/d/1AbCdEfGhIjKlMnOp/edit#heading=h.abc2), and the [room booking](#bookmark=id.k2x9)

## Week 2: Zombies

- Reading (30 min): [Zombies](https://example.org/zombies) by David Chalmers (1996)
- Reading (10 min): [Shared zombie notes](https://docs.google.com/document/d/9ZyXwVuTsRqPoNmLk/edit#heading=h.zz9)
- Discussion (20 min): Are zombies conceivable?

## Facilitator notes

Bring snacks.
"""


def test_in_document_links_in_a_markdown_copy_of_a_doc_are_words_not_readings(tmp_path):
    curriculum, text = imported(tmp_path, "guide.md", CONTENTS_MD)
    assert [r.url for r in curriculum.readings] == [
        "https://example.org/bat", "https://example.org/zombies",
        # another Doc's heading is a reading like any page
        "https://docs.google.com/document/d/9ZyXwVuTsRqPoNmLk/edit#heading=h.zz9",
    ]
    assert "#heading=h.abc" not in text and "#bookmark" not in text and "1AbCdEfGhIjKlMnOp" not in text
    assert unplaced(text) == ""  # the contents typed one link a line, skipped


def test_a_typed_contents_that_lists_the_same_step_under_each_week_is_skipped(tmp_path):
    guide = (
        "# Minds Reading Group\n\nContents\n\nWeek 1: Bats\n\nDiscussion\n\nWeek 2: Zombies\n\nDiscussion\n\n"
        "## Week 1: Bats\n\n1. Read [Bats](https://example.org/bat) (20 min)\n\n### Discussion\n\n- Is it like anything?\n\n"
        "## Week 2: Zombies\n\n1. Read [Zombies](https://example.org/zombies) (20 min)\n\n### Discussion\n\n- Are zombies conceivable?\n"
    )
    curriculum, text = imported(tmp_path, "guide.md", guide)
    assert [w.title for w in curriculum.weeks] == ["Bats", "Zombies"]
    assert unplaced(text) == ""


def test_a_contents_of_in_document_links_needs_no_label_or_week_entries(tmp_path):
    guide = (
        '<html><body><p class="title">Minds Group</p>\n'
        '<p><a href="#h.a">How we run sessions</a></p>\n<p><a href="#h.b">Facilitator notes</a></p>\n'
        '<h1>Week 1: Bats</h1>\n<ol><li>Read <a href="https://example.org/bat">Bats</a> (20 min)</li>'
        "<li>Discussion (20 min): is it like anything?</li></ol>\n"
        '<h1 id="h.a">How we run sessions</h1>\n<p>Everyone reads in the room.</p>\n'
        '<h1 id="h.b">Facilitator notes</h1>\n<p>Bring snacks.</p>\n</body></html>\n'
    )
    curriculum, text = imported(tmp_path, "guide.html", guide)
    assert [w.title for w in curriculum.weeks] == ["Bats"]
    assert unplaced(text) == ""


# A plain-text email: its key's "*" is read as a bullet, and asterisks also
# stand for emphasis ("*Is*") and arithmetic ("5 * 3").
ASTERISK_TXT = """\
Bookish Ethics Circle

* = optional

Week 1 - Famine

- Reading 20': Famine, Affluence, and Morality by Peter Singer https://example.org/singer
- Reading 15': The Life You Can Save* by Peter Singer https://example.org/tlycs
- Discussion 20': *Is* it wrong not to give? Split the 5 * 3 people into pairs.
"""


def test_an_asterisk_key_in_a_text_guide_and_asterisks_that_are_no_marks(tmp_path):
    curriculum, text = imported(tmp_path, "guide.txt", ASTERISK_TXT)
    assert [(kind, title, optional) for kind, title, _, optional, _ in agenda(curriculum, 1)] == [
        ("reading", "Famine, Affluence, and Morality", False),
        ("reading", "The Life You Can Save", True),
        ("discussion", "Discussion", False),
    ]
    assert "*Is* it wrong not to give?" in text and "5 * 3 people" in text
    assert "= optional" not in unplaced(text)


def test_a_star_that_is_part_of_a_name_stays_in_the_title(tmp_path):
    # A*, Q*: the star is the name's own, with or without a key for stars.
    guide = ("# Group\n\nReadings marked * are optional\n\n## Week 1: Search\n\n"
             "- Read: [Q*](https://example.org/q) (10 min)\n- Read: [A* search](https://example.org/astar) (10 min)\n"
             "- Read: The A* algorithm explained https://example.org/alg (10 min)\n"
             "- Read: [Toy Models](https://example.org/toy)* (10 min)\n- Discussion (30 min)\n")
    curriculum, _ = imported(tmp_path, "guide.md", guide)
    assert [reading(curriculum, end).title for end in ("/q", "astar", "alg")] == ["Q*", "A* search", "The A* algorithm explained"]
    optional = {r for item in curriculum.weeks[0].agenda if getattr(item, "optional", False) for r in getattr(item, "readings", [])}
    assert optional == {reading(curriculum, "toy").id}


def test_a_star_glued_to_a_longer_word_is_a_mark_only_where_a_key_names_it_and_the_title_ends(tmp_path):
    # IDA* (iterative-deepening A*) is a name of three letters. Under a key
    # for stars, a star glued to a word is a mark only where it ends the
    # title (before the byline, at the link's end); without a key it is the
    # word's own.
    keyed, _ = imported(tmp_path, "keyed.md", (
        "# Group\n\nReadings marked * are optional\n\n## Week 1: Search\n\n"
        "- Read: Why IDA* search still matters https://example.org/ida (10 min)\n"
        "- Read: [Heuristic Search*](https://example.org/heuristic) (10 min)\n"
        "- Read: Superintelligence* by Nick Bostrom https://example.org/super (10 min)\n"
        "- Discussion (30 min)\n"))
    assert [reading(keyed, end).title for end in ("/ida", "heuristic", "super")] == [
        "Why IDA* search still matters", "Heuristic Search", "Superintelligence",
    ]
    optional = {r for item in keyed.weeks[0].agenda if item.optional for r in getattr(item, "readings", [])}
    assert optional == {reading(keyed, "heuristic").id, reading(keyed, "super").id}
    plain, _ = imported(tmp_path, "plain.md", (
        "# Group\n\n## Week 1: Search\n\n"
        "- Read: Why IDA* search still matters https://example.org/ida (10 min)\n"
        "- Read: [Learning IDA*](https://example.org/learn) (10 min)\n"
        "- Discussion (30 min)\n"))
    assert [reading(plain, end).title for end in ("/ida", "learn")] == ["Why IDA* search still matters", "Learning IDA*"]
    assert not any(item.optional for item in plain.weeks[0].agenda)


def test_and_others_is_written_as_et_al_not_as_an_author_named_others(tmp_path):
    guide = ("# Group\n\n## Week 1: Stories\n\n"
             "- Read: [Twenty-Three Tales](https://example.org/tales) by Leo Tolstoy and Others (20 min)\n"
             "- Read: [Deep RL from human preferences](https://example.org/rlhf) by Paul Christiano & colleagues (2017)\n"
             "- Discussion (30 min)\n")
    curriculum, _ = imported(tmp_path, "guide.md", guide)
    assert reading(curriculum, "tales").authors == ["Leo Tolstoy", "et al."]
    assert reading(curriculum, "rlhf").authors == ["Paul Christiano", "et al."]
