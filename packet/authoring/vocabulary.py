"""The words facilitators use, as patterns: week headings, kinds of agenda
block, groupings, extras ("for people who finish early"), general sections.

Kept apart from the interpreter so the vocabulary can grow without touching
how a guide is read. Every pattern is matched case-insensitively.
"""

from __future__ import annotations

import re

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16,
}
_NUMBER = r"(?P<number>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
# With the words for a week or a session in the languages groups write their
# guides in most after English (French, Spanish, Portuguese, Italian,
# German, Dutch): "Semaine 3", "Sesión 2", "Sitzung 4". Only with a number.
_UNIT = (
    r"(?:week|wk\.?|session|meeting|class|lesson|module|unit|day|part|topic|seminar"
    r"|semaine|s[ée]ance|semana|sesi[oó]n|sess[aã]o|settimana|incontro|woche|sitzung|treffen|sessie|bijeenkomst)"
)
# "Week 3", "Week 3: Title", "Session two — Title", "Week 1 (Jan 14): Title".
WEEK_RE = re.compile(
    rf"^\s*(?P<unit>{_UNIT})\s*#?\s*{_NUMBER}\b\s*(?P<paren>\([^)]*\))?\s*(?P<sep>[:.\-–—|)/]+)?\s*(?P<title>.*?)\s*$",
    re.I,
)
# "Inner alignment (week 3)".
WEEK_SUFFIX_RE = re.compile(rf"^\s*(?P<title>.+?)\s*[(\[]\s*(?:week|session|meeting)\s*{_NUMBER}\s*[)\]]\s*$", re.I)
# Units that also start ordinary headings ("Part 2 of the reading"): only as headings.
WEAK_UNITS = ("part", "topic", "day", "unit")


# A first meeting before "Week 1" named without a number ("Welcome session",
# "Kick-off meeting", "Orientation: meet the cohort"): the guide's week 0.
WELCOME_RE = re.compile(
    r"^\s*(?:(?:welcome|kick-?off|orientation|opening|introductory|intro(?:duction)?|launch|induction|first)\s+"
    r"(?:session|meeting|night|evening|class|seminar|week|call)\b|(?:welcome|kick-?off|orientation)\s*(?:[:\-–—]|$))",
    re.I,
)


def week_number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


# Kinds of agenda block, by the words that name them. Earliest match wins.
KIND_WORDS: dict[str, str] = {
    "icebreaker": r"ice[- ]?breakers?|introductions?|intros\b|intro round|round of (?:intros|names)|check[- ]?ins?|warm[- ]?ups?|get(?:ting)? to know|name game|welcome\b",
    # "Core:" or "Required" alone over a reading: how syllabi label the main readings.
    "reading": r"read(?:ing|ings|s)?\b|pre-?reading|^\W*(?:core|required|essential|compulsory|mandatory)\W*(?=:|$)",
    "video": r"watch(?:ing)?\b|videos?\b|view(?:ing)?\b|film\b|clips?\b|documentary",
    "discussion": r"discuss(?:ion|ions|ing)?\b|questions?\b|prompts\b|debate|talk about|conversation|q\s?&\s?a\b|reflect(?:ion)?\b|share\b",
    "activity": r"activit(?:y|ies)|exercises?\b|whiteboard|explains?\b|explaining|teach[- ]back|brainstorm|diagram|game\b|role[- ]?play|draw\b|hands[- ]on|worksheet|puzzle|practice\b|write down|(?:coffee |tea |comfort |short )?break\b(?! ?(?:out|into|up|off|down))",
    "presentation": r"present(?:ation|ations|s|ing)?\b|slides?\b|lecture|demo\b",
    "feedback": r"feedback|survey|retro(?:spective)?\b|evaluation|form\b",
    "wrap-up": r"wrap[- ]?up|wrapping up|closing|close\b(?!\s+(?:read|look|attention))|conclu(?:de|sion)|goodbye|next week",
}
KIND_RES = {kind: re.compile(rf"\b(?:{words})", re.I) for kind, words in KIND_WORDS.items()}

# Headings inside a week that group steps rather than being one.
AGENDA_HEADING_RE = re.compile(
    r"^\s*(?:the\s+)?(?:agenda|plan|schedule|outline|session plan|run of show|structure|timeline|meeting plan|order of events|steps)\b",
    re.I,
)
NOTES_HEADING_RE = re.compile(
    r"^\s*(?:facilitator(?:'s|s')?\s+|organi[sz]er(?:'s|s')?\s+)?(?:notes?|prep(?:aration)?|before the (?:session|meeting)|to prepare|background|context|logistics)\b"
    r"|^\s*(?:notes?|note kept)\s+(?:for|to)\s+(?:organi[sz]ers?|facilitators?)\b|^\s*(?:source|sources|credit)\b",
    re.I,
)
ALTERNATIVE_RE = re.compile(
    r"\b(?:actually ran|alternative (?:order|plan|version|format|way)|alternatively|variant|plan b|backup plan|how (?:the|this) session (?:actually )?(?:ran|went))\b",
    re.I,
)

# Extras. Which flag a marker sets depends on the block: a reading "for extra
# time" is for early finishers, an activity "if time" goes after the cut line.
EARLY_RE = re.compile(
    r"\b(?:finish(?:es|ed)? early|early[- ]finishers?|fast(?:er)? readers|done early|if you finish|bonus|extra time|extra reading|people who finish)\b",
    re.I,
)
# "Extension" is the syllabus word for readings beyond the core ones.
OPTIONAL_RE = re.compile(
    r"\b(?:optional(?:ly)?|further readings?|supplementary|additional readings?|extension(?: readings?)?|if you want|if interested|"
    r"for the curious)\b",
    re.I,
)
IF_TIME_RE = re.compile(
    r"\b(?:if (?:there(?:'s| is) )?(?:any )?time(?: (?:left|allows|remains|permits))?|time permitting|extra time|"
    r"if (?:we|you) have (?:the |some |any |extra |more )?time|stretch goal|bonus)\b",
    re.I,
)

# Groupings, most specific first; the value is the curriculum's own word.
GROUPINGS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\bnew (?:pairs|partners?)\b|pair (?:up )?with someone new|someone new", re.I), "new pairs"),
    (re.compile(r"\bnew (?:small )?groups\b|re-?split", re.I), "new groups of 2-3"),
    (re.compile(
        r"\b(?:small[- ]groups?|groups? of (?:\d|two|three|four)(?:\s*(?:-|–|to|or)\s*(?:\d|three|four))?|pairs|split|break ?out)\b.{0,40}?\b(?:then|and)\b.{0,20}?\b(?:regroup|whole group|come back together|reconvene|share (?:with|back)|report back|all together|as a group|everyone|plenary)(?:\s+(?:to|with)\s+(?:the\s+)?(?:everyone|whole group|group|room|class))?",
        re.I), "small groups then whole group"),
    (re.compile(r"\b(?:regroup|then (?:the )?whole group)\b", re.I), "small groups then whole group"),
    (re.compile(r"\bgroups? of (?:2|two)\s*(?:-|–|to|or)\s*(?:3|three)\b", re.I), "groups of 2-3"),
    (re.compile(r"\bgroups? of (?:\d|two|three|four)(?:\s*(?:-|–|to|or)\s*(?:\d|three|four|five))?\b|\b(?:in|into) (?:threes|trios|fours)\b", re.I), "groups of 2-3"),
    (re.compile(r"\b(?:small[- ]groups?|split into groups|break ?out (?:groups|rooms)|split and|split up|split\b)", re.I), "groups of 2-3"),
    (re.compile(r"\b(?:in pairs|pairs\b|pair up|one-on-one|with a partner|in twos)", re.I), "pairs"),
    (re.compile(r"\b(?:whole group|all together|as a group|full group|whole class|everyone together|together as a group|in a circle|as a class)\b", re.I), "whole group"),
    (re.compile(r"\b(?:on your own|individually|alone|silent(?:ly)?|by yourself|on their own|solo)\b", re.I), "on your own"),
]

# General sections of a guide and what their lines become.
TIPS_HEADING_RE = re.compile(
    r"\b(?:tips?|advice|facilitat\w*|guidelines?|norms?|best practices?|format|logistics|how to run|running (?:the|a|your) (?:group|session|meeting)|general|principles?|ground rules?|rules|standing|before you start|how we|approach|expectations|notes)\b",
    re.I,
)
# Headings that open a section for the whole guide even when they sit among
# the weeks ("## Tips" after the last week, at a week's level or below).
GENERAL_HEADING_RE = re.compile(
    r"^\s*(?:(?:some|a few|a couple of|my|our|quick)\s+(?:tips|advice|notes)\b.{0,40}$|general\b|(?:facilitat\w*|facilitator(?:'s|s')?)\s+(?:tips|advice|guide\w*|notes for every)|tips\b|advice\b|appendix|"
    r"ground rules|group norms|norms\b|materials for every|what to bring|resources for facilitators|frequently asked)",
    re.I,
)
TERM_RE = re.compile(r"^\s*(?:(?:spring|summer|fall|autumn|winter|michaelmas|lent|hilary|trinity)\b.{0,20}|.{0,20}\b(?:19|20)\d\d)\s*$", re.I)
# A term said as the first sentence of a paragraph ("Michaelmas 2026. We meet
# Thursdays 5-7pm."): a season or term's name with its year, or an academic
# year ("Spring 2027", "Fall term 2026", "2026 Autumn", "Semester 2, 2026",
# "2026–27"); not any short sentence with a season or a year ("Spring is
# here.", "Updated March 2025.", "Founded in 2019.").
_SEASONS = r"(?:spring|summer|fall|autumn|winter|michaelmas|lent|hilary|trinity|easter)"
_TERM_WORDS = r"(?:term|semester|quarter|trimester|session|cohort)"
_ACADEMIC_YEAR = r"(?:19|20)\d\d\s*[-–/]\s*(?:(?:19|20)\d\d|\d\d)\b"
_TERM_YEAR = rf"(?:{_ACADEMIC_YEAR}|(?:19|20)\d\d\b)"
TERM_SENTENCE_RE = re.compile(
    rf"^\s*(?:(?:the|our)\s+)?(?:"
    rf"{_SEASONS}(?:\s+{_TERM_WORDS})?[\s,]+(?:of\s+)?{_TERM_YEAR}"
    rf"|{_TERM_YEAR}[\s,]+{_SEASONS}"
    rf"|{_TERM_WORDS}\s+\d,?\s+{_TERM_YEAR}"
    rf"|(?:academic\s+year\s+)?{_ACADEMIC_YEAR}"
    rf")(?:\s+{_TERM_WORDS})?\s*$",
    re.I,
)
MATERIALS_HEADING_RE = re.compile(r"\b(?:materials?|what to bring|bring|supplies|equipment|what you(?:'ll)? need|you will need|checklist)\b", re.I)
MATERIALS_LABEL_RE = re.compile(r"^\s*(?:materials?|bring|what to bring|supplies|equipment|you(?:'ll| will) need)\s*:\s*", re.I)

# Things a block needs, named in its text.
MATERIAL_WORDS = {
    "projector": re.compile(r"\b(?:projector|projected|screen|slides?)\b", re.I),
    "whiteboard": re.compile(r"\b(?:whiteboard|white board|blackboard|flip ?chart)\b", re.I),
}

# Sentences addressed to the facilitator, not to participants.
FACILITATOR_RE = re.compile(
    r"^\s*(?:ask|tell|invite|remind|say|make sure|hand out|note|show|introduce|stay|keep|consider|encourage|prepare|print|bring|check|remember|facilitator|you (?:can|may|might|should)|if (?:people|someone|participants|anyone))\b",
    re.I,
)

# Titles of guides that name the document rather than the group.
GUIDE_WORDS_RE = re.compile(
    r"\s*[-–—:|,]\s*(?:a\s+|the\s+)?(?:(?:facilitat\w*|organi[sz]er|leader|discussion|session)(?:'s|s')?\s+)?(?:guide|handbook|notes|plan|syllabus|curriculum|outline|run ?sheet)\b.*$"
    r"|^\s*(?:the\s+)?(?:(?:facilitat\w*|organi[sz]er|leader)(?:'s|s')?\s+)(?:guide|handbook|notes)\s*(?:for|to|[-–—:|])\s*",
    re.I,
)


def match_week(text: str, strict: bool) -> re.Match | None:
    """The week heading `text` is, if any. `strict` (for lines that are not
    headings) asks for a separator after the number, as in "Week 3: Title"."""
    match = WEEK_RE.match(text)
    if match:
        if strict and not (match.group("sep") or match.group("paren") or not match.group("title")):
            return None
        unit = match.group("unit").lower()
        # "Day 2 - Title" opens a day of a workshop; "Part 2" is more often a
        # part of something else.
        titled = bool(match.group("sep") and match.group("title")[:1].isupper())
        if strict and unit in WEAK_UNITS and not (unit == "day" and titled):
            return None
        return match
    return WEEK_SUFFIX_RE.match(text) if not strict else None
