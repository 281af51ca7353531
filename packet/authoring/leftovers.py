"""What of a guide the draft does not hold, so nothing is silently lost.

The interpreter places what it understands and lists what it cannot; this is
the check behind both. A line of the guide is held when every word it says
(other than the words guides use for structure: kinds of block, minutes,
"optional", "week", labels, little words) is somewhere in the draft's values,
its guesses or its not-placed list, and its links are in the draft. A line
that is not held is added to the not-placed list whole, marked "in part"
when some of it was placed.
"""

from __future__ import annotations

import re
from typing import Any

from packet.authoring.blocks import Block
from packet.authoring.draft import Draft, Noted
from packet.authoring.heading_weeks import date_heading
from packet.authoring.mentions import local_path
from packet.authoring.steps import heading_level
from packet.authoring.timing import BLOCK_MINUTES_RES
from packet.authoring.vocabulary import (
    AGENDA_HEADING_RE,
    EARLY_RE,
    GENERAL_HEADING_RE,
    GROUPINGS,
    GUIDE_WORDS_RE,
    IF_TIME_RE,
    KIND_RES,
    MATERIALS_HEADING_RE,
    NOTES_HEADING_RE,
    OPTIONAL_RE,
    TIPS_HEADING_RE,
    WEEK_RE,
)

# Words that say how a guide is laid out rather than what happens in it.
STRUCTURE_RES = [
    EARLY_RE, OPTIONAL_RE, IF_TIME_RE, *(pattern for pattern, _ in GROUPINGS), *BLOCK_MINUTES_RES, *KIND_RES.values(),
    AGENDA_HEADING_RE, NOTES_HEADING_RE, MATERIALS_HEADING_RE, TIPS_HEADING_RE, GENERAL_HEADING_RE, GUIDE_WORDS_RE,
    re.compile(r"\b(?:week|session|meeting|class|lesson|module|unit|day|part|topic|seminar|subject|minutes?|mins?|hours?|"
               r"only|sections?|chapters?|from|until|till|then|next|first|finally|each|every|people|who|finish|fast|"
               r"readers|extra|optional|early|finishers?|play|source|sources|reference|media|link|links|see|also|watch|"
               r"read|core|main|required|facilitators?|organi[sz]ers?|notes?|together|all|everyone|step|agenda|pdf|"
               r"picking|choosing|pick|choose|start|starting|stop|stopping|about|around)\b",
               re.I),
]
SECTION_HEADING_RE = re.compile("|".join(p.pattern for p in (TIPS_HEADING_RE, MATERIALS_HEADING_RE, NOTES_HEADING_RE, GENERAL_HEADING_RE)), re.I)
LITTLE_WORDS = {
    "the", "and", "for", "with", "are", "was", "were", "you", "your", "our", "its", "this", "that", "these", "those",
    "but", "not", "from", "into", "onto", "than", "then", "when", "what", "how", "why", "who", "all", "any", "can",
    "will", "has", "have", "had", "out", "about", "one", "per", "via", "etc", "let", "lets", "let's", "it's",
}
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")


def _normal(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s")


def words_of(text: str) -> set[str]:
    """The words of a text that say something, lowercased: not a word any
    part of which a structure pattern matched ("re-splitting")."""
    text = re.sub(r"https?://\S+", " ", text)
    week = WEEK_RE.match(text)
    if week:
        text = " " * week.start("title") + text[week.start("title"):]
    dated = date_heading(text)
    if dated:  # "Tuesday, 13 October — ...": the week's date, or its title when the year is not known
        said = len(text) - len(dated["rest"]) if dated["rest"] else len(text)
        text = " " * said + text[said:]
    structural = [False] * len(text)
    for pattern in STRUCTURE_RES:
        for match in pattern.finditer(text):
            structural[match.start():match.end()] = [True] * (match.end() - match.start())
    found = set()
    for match in re.finditer(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]", text):
        if any(structural[match.start():match.end()]):
            continue
        for word in _WORD_RE.findall(match.group(0)):
            word = _normal(word)
            if len(word) >= 3 and word not in LITTLE_WORDS:
                found.add(word)
    return found


def _strings(value: Any) -> list[str]:
    if isinstance(value, Noted):
        return [*value.notes, *_strings(value.value)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else []


def list_leftovers(blocks: list[Block], draft: Draft) -> None:
    """Add to the draft's not-placed list every line of the guide it does
    not hold."""
    held = "\n".join(_strings(draft.data) + draft.unplaced)
    held_words = {_normal(w) for w in _WORD_RE.findall(re.sub(r"https?://\S+", " ", held))}
    for block in blocks:
        text = block.text.strip()
        if heading_level(block) is not None and SECTION_HEADING_RE.search(text):
            continue  # the name of a section the interpreter read as one
        lost_words = words_of(text) - held_words
        lost_links = [link.url for link in block.links if link.url not in held and (local_path(link.url) or link.url) not in held]
        if not (lost_words or lost_links):
            continue
        placed = bool(words_of(text) - lost_words) or len(lost_links) < len(block.links)
        line = f"{block.where}: {text}" if block.where else text
        if lost_links:  # the line's text does not say where its links go
            line += " [" + ", ".join(lost_links) + "]"
        draft.unplaced.append(f"(in part) {line}" if placed else line)
        held_words |= lost_words
