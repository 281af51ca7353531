"""Stars and other marks a guide puts beside its readings, and its key.

Guides mark their core or optional readings with a star ("★ Core:", "⭐",
"(*)", a "**" left over from bold that never closed, "☆ optional", a title
ending in "*"), often with a key that says what each mark means ("★ = core,
☆ = optional", "Readings marked * are optional", "Starred readings are for
people who finish early"). A mark is no part of a title: `read_marks` takes
every mark out of the lines, and where the key says what it means,
remembers that on the line (Block.mark) for the interpreter to honour as
the reading's optional flag, as "optional:" written out would be. A line
that is only the key is the guide's way of writing, not its content, and
goes (said in the guess of each line it marks).

Asterisks are also arithmetic, footnotes and part of names (A* search,
OpenAI's Q*, a C*-algebra), so they are a mark only in brackets ("(*)"),
at the start or end of a line or beside a link's words with no word right
before them ("** Toy Models by ...", "[Toy Models](...) *"), or, when the
key names one, glued to the last word of a title, a word of two letters or
more ("Superintelligence* by Nick Bostrom", "[The Life You Can Save*](...)").
Without such a key a star glued to a word stays its own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from packet.authoring.blocks import Block, Run
from packet.authoring.vocabulary import EARLY_RE, IF_TIME_RE, OPTIONAL_RE

STARS = "★☆⭐🌟✩✪✫✬✭✮✯✰⋆✱✶✦✧"
_STAR = rf"[{STARS}]\ufe0f?"
_MARK = rf"(?:{_STAR}|\*{{1,3}})"
# A star anywhere (never part of a word), any mark in brackets: "★", "(*)", "[★]".
MARK_WORD_RE = re.compile(rf"[(\[]\s*{_MARK}\s*[)\]]|{_STAR}")
# What a key says a mark means.
CORE_RE = re.compile(r"\b(?:core|required|essential|compulsory|mandatory|main|must[- ]reads?|key|priority|central)\b", re.I)
# "★ = core", "☆: optional", "* optional", "(*) - for people who finish early".
KEY_PAIR_RE = re.compile(
    rf"(?P<mark>[(\[]\s*{_MARK}\s*[)\]]|{_MARK})\s*(?P<said>=|:|-|–|—|means|marks?|indicates?|is)?\s*"
    rf"(?P<meaning>[^,;|/*{STARS}()\[\]]{{2,60}}?)\s*(?=[,;|/.)\]]|$|[(\[]?\s*{_MARK})",
    re.I,
)
# "Readings marked with * are optional", "Starred readings are core".
KEY_SENTENCE_RE = re.compile(
    rf"\b(?:(?:readings?|items?|texts?|those|anything|ones?)\s+)?(?:marked\s+(?:with\s+)?(?:an?\s+)?(?:(?P<mark>[(\[]?\s*{_MARK}\s*[)\]]?)|"
    rf"(?P<word>star|asterisk)s?)|(?P<starred>starred|asterisked))\s*(?:readings?|items?|texts?|ones?)?\s*(?:are|is|=|:|mean|means)\s+"
    r"(?P<meaning>[^,;.()]{2,60})",
    re.I,
)
# Words of a key besides its marks and meanings.
KEY_WORDS_RE = re.compile(
    r"\b(?:key|legend|note|notes|marked|with|an?|the|are|is|means|star|stars|starred|asterisks?|"
    r"asterisked|items?|texts?|those|ones?|and|or|anything)\b|[=:;,.|/()\[\]\-–—]",
    re.I,
)
# Words around a meaning in a key: "core reading", "for people who finish early", "optional, if you have time".
MEANING_FILLER_RE = re.compile(
    r"\b(?:readings?|texts?|videos?|items?|materials?|for|people|who|those|anyone|you|finish|early|finishers?|fast|faster|readers?|"
    r"if|time|extra|only|and|or|the|a|are|is|to|read|reading|do|have|more|still|also|but|not|all|everyone|background|deep|dive|deeper)\b"
    r"|[-–—:=.,;'’!]",
    re.I,
)
# A line that only says the key follows.
KEY_LABEL_RE = re.compile(r"^\s*(?:key|legend)\s*:?\s*$", re.I)
ANY = "any"


def _key_of(mark: str) -> str:
    """A mark as the key names it: "★", "*", "**" ("(*)" is "*")."""
    mark = re.sub(r"[\s()\[\]\ufe0f]", "", mark)
    return mark


def _meaning(words: str) -> str | None:
    """What a key's words say a mark means: "early", "optional", "if_time",
    "core"; None when they say more than that ("Tip: arrive early") or
    nothing the import knows."""
    meaning = next((name for name, pattern in (("early", EARLY_RE), ("optional", OPTIONAL_RE), ("if_time", IF_TIME_RE), ("core", CORE_RE))
                    if pattern.search(words)), None)
    if meaning is None:
        return None
    rest = words
    for pattern in (EARLY_RE, OPTIONAL_RE, IF_TIME_RE, CORE_RE, MEANING_FILLER_RE):
        rest = pattern.sub(" ", rest)
    return None if re.search(r"[^\W\d_]", rest) else meaning


def read_key(block: Block, label: bool = False) -> tuple[dict[str, tuple[str, str]], list[tuple[int, int, str]], bool]:
    """({mark: (meaning, the key's words)}, where the key's words are,
    whether the line is only the key) of a line that says what the guide's
    marks mean ("★ = core, ☆ = optional", "Readings (* optional)"). A
    `label` line (a heading, a bold line, a line over a list) that is one
    mark and a word ("☆ Optional") names the part of the week under it: no key."""
    text = block.text
    if block.links or not text.strip() or len(text) > 200:
        return {}, [], False
    bulleted = block.kind == "item" and re.match(r"\s*=\s*\S", text)
    if bulleted:  # "* = optional" in a text guide, its "*" read as the line's bullet
        found, _, only = read_key(replace(block, kind="paragraph", runs=[Run("* " + text)]))
        return (found, [], True) if only else ({}, [], False)
    pairs = list(KEY_PAIR_RE.finditer(text))
    if label and len(pairs) == 1 and not pairs[0].group("said") and not KEY_SENTENCE_RE.search(text):
        return {}, [], False
    found: dict[str, tuple[str, str]] = {}
    spans: list[tuple[int, int, str]] = []
    for match in KEY_SENTENCE_RE.finditer(text):
        meaning = _meaning(match.group("meaning"))
        if meaning is None:
            continue
        mark = ANY if match.group("starred") or (match.group("word") or "").lower() == "star" else (
            "*" if match.group("word") else _key_of(match.group("mark"))
        )
        found.setdefault(mark, (meaning, match.group(0).strip()))
        spans.append((match.start(), match.end(), match.group(0)))
    for match in pairs:
        if any(start <= match.start() < end for start, end, _ in spans):
            continue
        meaning = _meaning(match.group("meaning"))
        if meaning is None:
            return {}, [], False  # "☆ Sharp Left Turn (book)": a reading without its link, not a key
        found.setdefault(_key_of(match.group("mark")), (meaning, match.group(0).strip()))
        spans.append((match.start(), match.end(), match.group(0)))
    if not found:
        return {}, [], False
    rest = list(text)
    for start, end, _ in spans:
        rest[start:end] = " " * (end - start)
    left = "".join(rest)
    for pattern in (OPTIONAL_RE, EARLY_RE, IF_TIME_RE, CORE_RE, KEY_WORDS_RE):
        left = pattern.sub(" ", left)
    left = re.sub(rf"{_MARK}|\b(?:for|people|who|finish|early|finishers?|time|if|extra|only)\b", " ", left, flags=re.I)
    return found, sorted(spans), not re.search(r"\w", left)


def _spans(block: Block, glued: bool) -> list[tuple[int, int, str]]:
    """(start, end, mark) of each mark in a line."""
    text = block.text
    spans = [(m.start(), m.end(), m.group(0)) for m in MARK_WORD_RE.finditer(text)]
    edges = {0, len(text)} | {p for link in block.links for p in (link.start, link.end)}
    # "*Is* it wrong": emphasis a plain-text guide typed, not a mark.
    emphasis = [m.span() for m in re.finditer(r"(?<![\w*])\*{1,3}(?=[^\s*])[^*\n]*?(?<=[^\s*])\*{1,3}(?![\w*])", text)]
    for match in re.finditer(r"\*{1,3}", text):
        if any(start <= match.start() < end for start, end in emphasis):
            continue
        if match.start() and text[match.start() - 1].isalnum():
            # A star glued to a word is the word's own (A* search, OpenAI's
            # Q*, a C*-algebra, "[Q*](...)") unless the key names a star, it
            # ends the title ("Superintelligence* by Nick Bostrom",
            # "[The Life You Can Save*](...)") and the word has two letters
            # or more: a star after one letter is a name's.
            word = re.search(r"\S*$", text[: match.start()]).group(0)
            if glued and sum(ch.isalpha() for ch in word) >= 2 and _ends_title(text, match.start(), match.end(), block):
                spans.append((match.start(), match.end(), match.group(0)))
            continue
        # At the line's ends or a link's, a space between or not: "** [Toy Models](...)".
        before, after = len(text[: match.start()].rstrip()), len(text) - len(text[match.end():].lstrip())
        if {match.start(), match.end(), before, after} & edges:
            spans.append((match.start(), match.end(), match.group(0)))
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, mark in spans:
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end, mark))
    return merged


# What follows a title: its byline, year or minutes, its address, a dash before its author.
_AFTER_TITLE_RE = re.compile(r"\s+by\s|\s*(?:$|[(\[]|https?://|www\.|[-–—|]\s|[,;]\s)", re.I)


def _ends_title(text: str, start: int, end: int, block: Block) -> bool:
    """Whether a star at text[start:end] ends a title: at the end of the
    line or of a link's words, or before a byline, a year, minutes, an
    address or a link."""
    after = len(text) - len(text[end:].lstrip())
    if {start, end} & {link.end for link in block.links} or after in {link.start for link in block.links}:
        return True
    return bool(_AFTER_TITLE_RE.match(text, end))


def _without(block: Block, spans: list[tuple[int, int, str]]) -> Block:
    """The line without the characters of `spans`, and the spaces they leave."""
    cut = [False] * len(block.text)
    for start, end, _ in spans:
        cut[start:end] = [True] * (end - start)
    runs: list[Run] = []
    position = 0
    for run in block.runs:
        kept = "".join(ch for i, ch in enumerate(run.text) if not cut[position + i])
        position += len(run.text)
        if kept:
            runs.append(replace(run, text=kept))
    # The space a mark stood between: one left, none at the line's ends.
    out: list[Run] = []
    space_before = True
    for run in runs:
        text = re.sub(r"\s{2,}", " ", run.text)
        if space_before:
            text = text.lstrip(" ")
        if text:
            out.append(replace(run, text=text))
            space_before = text.endswith(" ")
    while out and out[-1].text.endswith(" "):
        last = out.pop()
        if last.text.rstrip(" "):
            out.append(replace(last, text=last.text.rstrip(" ")))
    return replace(block, runs=out)


def read_marks(blocks: list[Block]) -> list[Block]:
    """The blocks without marks, each marked line carrying what its mark
    means when the guide's key says (Block.mark), and without the key."""
    key: dict[str, tuple[str, str]] = {}
    keys: set[int] = set()
    key_words: dict[int, list[tuple[int, int, str]]] = {}
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        label = block.kind in ("heading", "title") or block.all_bold or block.text.rstrip().endswith(":") or (
            block.kind != "item" and following is not None and following.kind == "item"
        )
        found, spans, only = read_key(block, label)
        for mark, said in found.items():
            key.setdefault(mark, said)
        if only:
            keys.add(i)
            if i and KEY_LABEL_RE.match(blocks[i - 1].text):  # "Key:" over the key's lines
                keys.add(i - 1)
        elif spans:
            key_words[i] = spans
    glued = "*" in key or "**" in key or ANY in key
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if i in keys:
            continue
        if i in key_words:
            # "Readings (★ = core, ☆ = optional)": the line without its key,
            # and without the brackets the key leaves empty.
            block = _without(block, key_words[i])
            block = _without(block, [(m.start(), m.end(), "") for m in re.finditer(r"[(\[][\s,;/|]*[)\]]", block.text)])
        spans = _spans(block, glued)
        if not spans:
            out.append(block)
            continue
        explained = [(_key_of(m), key.get(_key_of(m)) or key.get(ANY)) for _, _, m in spans]
        mark, said = next(((m, s) for m, s in explained if s is not None), explained[0])
        block = _without(block, spans)
        if not block.text.strip():
            continue  # a line that was only a mark
        if said is not None:
            meaning, words = said
            block = replace(block, mark=(meaning, f"{_flag_words(meaning)}: marked {mark}, and the guide's key says {words!r}"))
        out.append(block)
    return out


def _flag_words(meaning: str) -> str:
    return {"early": "for early finishers", "if_time": "if time", "optional": "optional", "core": "core"}[meaning]


def mark_label(block: Block) -> str | None:
    """Words that say what the line's mark means ("optional", "for early
    finishers", "if time"), for the interpreter's flags; None when the line
    has no mark the key explains or its mark means a core reading."""
    if block.mark is None or block.mark[0] == "core":
        return None
    return _flag_words(block.mark[0])
