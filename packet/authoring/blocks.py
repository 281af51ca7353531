"""The intermediate form every guide becomes: a flat sequence of blocks.

A block is a heading (with its level), a paragraph, or a list item (with its
depth and its ordinal, "3" or "b", or None for a bullet). Its text is a list
of runs, each with the link it belongs to and whether it is bold, so the
interpreter sees link targets and bold lead-ins whatever the source format.
Readers emit raw blocks; `tidy` then gives all formats the same shape: bare
URLs become links, lines that start with a list marker become items, and
whitespace is collapsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from packet.authoring import anchors, timing
from packet.authoring.vocabulary import KIND_RES

BlockKind = Literal["title", "heading", "paragraph", "item"]

# A URL written out in the text; trailing punctuation belongs to the sentence.
BARE_URL_RE = re.compile(r"https?://[^\s<>\"'“”]+[^\s<>\"'“”.,;:!?)\]}]")
# A line that starts like a list item: "1.", "2)", "a.", "(b)", "iv.", "-", "•",
# then a space, a tab or the no-break space Word keeps after a typed "1.".
MARKER_RE = re.compile(
    r"^[ \t]*(?:(?P<num>\d{1,2})[.)]|\((?P<pnum>\d{1,2})\)|(?P<letter>[a-z])[.)]|\((?P<pletter>[a-zA-Z])\)"
    r"|(?P<roman>(?:i{1,3}|iv|vi{0,3}|ix|x))[.)]|(?P<bullet>[-*•·◦▪‣–]))[ \t\u00a0]+(?=\S)"
)


@dataclass(frozen=True)
class Run:
    """A stretch of text with one link target (or none) and one weight;
    `place` is where it linked in the guide itself ("#h.abc"), a link made
    plain words by `tidy`."""

    text: str
    url: str | None = None
    bold: bool = False
    place: str | None = None


@dataclass(frozen=True)
class Link:
    """A link as the interpreter sees it: its target and where its text is."""

    url: str
    text: str
    start: int
    end: int


@dataclass
class Block:
    kind: BlockKind
    runs: list[Run]
    level: int = 0
    depth: int = 0
    ordinal: str | None = None
    where: str = ""
    # What a star beside the line means, when the guide's key says: (meaning,
    # the guess that says so); marks.read_marks sets it.
    mark: tuple[str, str] | None = None

    @cached_property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @cached_property
    def links(self) -> list[Link]:
        links: list[Link] = []
        position = 0
        for run in self.runs:
            end = position + len(run.text)
            if run.url:
                if links and links[-1].url == run.url and links[-1].end == position:
                    last = links.pop()
                    links.append(Link(run.url, last.text + run.text, last.start, end))
                else:
                    links.append(Link(run.url, run.text, position, end))
            position = end
        return links

    @cached_property
    def bold_lead(self) -> str:
        """The bold text the block starts with ("Discussion (20 min)"), or ""."""
        lead = []
        for run in self.runs:
            if run.bold:
                lead.append(run.text)
            elif run.text.strip():
                break
            else:
                lead.append(run.text)
        return "".join(lead).strip()

    @property
    def all_bold(self) -> bool:
        return bool(self.text.strip()) and self.bold_lead == self.text.strip()


def plain(kind: BlockKind, text: str, **fields) -> Block:
    """A block of unformatted text (tests and the plain-text reader)."""
    return Block(kind, [Run(text)], **fields)


def tidy(blocks: list[Block]) -> list[Block]:
    """Give blocks from any reader the same shape.

    Bare URLs become links, and links to places in the guide itself
    ("#h.abc", the Google Doc's own address at one of its headings) plain
    words (anchors.py); a line inside a block that starts with a list
    marker becomes an item of its own (a lettered question typed under a
    numbered step), and one that opens a step ("Discussion (45 min)" after a
    <br>, "0:10-0:40 Reading") or only names one ("Discussion") a block
    of its own beside it; a paragraph that starts with a marker becomes an item;
    a lettered item right under a numbered one is nested under it, as
    outlines mean it; whitespace is collapsed and empty blocks dropped.
    """
    out: list[Block] = []
    for block in _home_links_plain([_linkify(block) for block in blocks]):
        for part in _split_marked_lines(block):
            part = _collapse(part)
            if part.text:
                out.append(part)
    return _nest_letters(out)


def _linkify(block: Block) -> Block:
    runs: list[Run] = []
    for run in block.runs:
        if run.url:
            runs.append(run)
            continue
        position = 0
        for match in BARE_URL_RE.finditer(run.text):
            if match.start() > position:
                runs.append(replace(run, text=run.text[position:match.start()]))
            runs.append(replace(run, text=match.group(), url=match.group()))
            position = match.end()
        if position < len(run.text):
            runs.append(replace(run, text=run.text[position:]))
    return replace(block, runs=runs)


def _home_links_plain(blocks: list[Block]) -> list[Block]:
    """The blocks with each link to a place in the guide itself made plain
    words, the place kept on the run: never a reading, a video or a link of
    a block, and no address to list as not placed."""
    urls = [run.url for block in blocks for run in block.runs if run.url]
    places = {p for url in urls if anchors.in_document(url) and (p := anchors.place(url))}
    docs = anchors.own_docs(urls, places)
    out = []
    for block in blocks:
        if any(run.url and anchors.points_home(run.url, docs) for run in block.runs):
            block = replace(block, runs=[
                replace(run, url=None, place=run.url) if run.url and anchors.points_home(run.url, docs) else run for run in block.runs
            ])
        out.append(block)
    return out


def _split_lines(runs: list[Run]) -> list[list[Run]]:
    lines: list[list[Run]] = [[]]
    for run in runs:
        pieces = run.text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append([])
            if piece:
                lines[-1].append(replace(run, text=piece))
    return lines


def strip_marker(runs: list[Run]) -> tuple[str | None, bool, list[Run]]:
    """(ordinal, is_marked, runs without the marker) of one line."""
    text = "".join(r.text for r in runs)
    match = MARKER_RE.match(text)
    if not match:
        return None, False, runs
    ordinal = next((v for k, v in match.groupdict().items() if v and k != "bullet"), None)
    cut = match.end()
    rest: list[Run] = []
    position = 0
    for run in runs:
        end = position + len(run.text)
        if end > cut:
            rest.append(replace(run, text=run.text[max(0, cut - position):]))
        position = end
    return (ordinal.lower() if ordinal and not ordinal.isdigit() else ordinal), True, rest


# A line inside a step that opens with one of these labels is a step of its
# own, under the one above ("Optional for early finishers: ...", "Further
# reading: ...", "Required: ...").
LABEL_LINE_RE = re.compile(
    r"^\s*(?:optional|bonus|extra(?: time| reading)?|if (?:there is |there's )?time|if you finish(?: early)?|for (?:people who finish early|early finishers)|"
    r"early finishers?|note|notes|source|sources|alternative|tip|required|core|essential|further reading|extension|"
    r"if you have (?:the |some |more )?time|recommended|supplementary|additional reading)\b[^:]{0,40}:\s",
    re.I,
)


def opens_step(line: str) -> bool:
    """Whether a line names a step and its minutes before anything else
    ("Reading 30' - ...", "Wrap up (5 min)"), or opens with the clock times
    of one ("0:10-0:40 Reading", "17:40 Discussion"): where each step is a
    line (an email, a <br> between steps in Word or Docs), each such line is
    a step of its own, not the one above continued."""
    minutes, after_range = timing.leading_clock_range(line)
    if minutes is not None and re.match(r"\s*[A-Za-z]", after_range):
        return True
    single = timing.LEADING_CLOCK_RE.match(line)
    if single and any(pattern.match(line[single.end():]) for pattern in KIND_RES.values()):
        return True
    head = re.split(r"\s+[-–—]\s+|:\s", line, maxsplit=1)[0]
    starts_with_kind = any(pattern.match(head) for pattern in KIND_RES.values())
    return starts_with_kind and len(head) <= 40 and timing.block_minutes(head)[0] is not None


def _names_kind_only(line: str) -> bool:
    """A line that is only the name of a block ("Discussion", "Questions to
    consider:"): a heading typed on a line of its own."""
    text = line.strip().rstrip(":").strip()
    return (
        text[:1].isupper() and 1 <= len(text.split()) <= 4 and not re.search(r"[.?!,;]", text)
        and any(pattern.match(text) for pattern in KIND_RES.values())
    )


_OPEN_ENDING_RE = re.compile(r"(?:[,;:(\-–—/&]|\b(?:by|and|or|of|the|to|in|for|with|a|an|on|at|from|vs\.?))\s*$", re.I)


def _split_marked_lines(block: Block) -> list[Block]:
    if block.kind not in ("paragraph", "item"):
        return [block]
    lines = _split_lines(block.runs)
    parts: list[Block] = []
    for i, line in enumerate(lines):
        ordinal, marked, rest = strip_marker(line)
        text = "".join(r.text for r in line).strip()
        if i and not marked and LABEL_LINE_RE.match(text):
            marked, ordinal, rest = True, None, line
        if i == 0:
            if marked and block.kind == "paragraph":
                parts.append(replace(block, kind="item", runs=rest, ordinal=ordinal))
            else:
                parts.append(replace(block, runs=line))
        elif marked:
            depth = parts[0].depth + 1 if parts[0].kind == "item" else 0
            parts.append(replace(block, kind="item", runs=rest, ordinal=ordinal, depth=depth))
        elif i and (opens_step(text) or _names_kind_only(text)):
            parts.append(replace(block, kind=parts[0].kind, runs=line, ordinal=None, depth=parts[0].depth))
        else:
            last = parts[-1]
            previous = "".join(r.text for r in last.runs).strip()
            # A short first line without a full stop, then a capital: the
            # first line names the step ("Introductions - 15 minutes",
            # "Discussion (25 min)", "Discussion 25'").
            unended = previous[-1:].isalnum() or previous.endswith((")", "]", "'", "’", "′"))
            joint = ". " if (
                len(parts) == 1 and i == 1 and len(previous) <= 60 and unended
                and not _OPEN_ENDING_RE.search(previous) and text[:1].isupper()
            ) else " "
            parts[-1] = replace(last, runs=[*last.runs, Run(joint), *line])
    return parts


# Characters that print as nothing: zero-width space, and the soft hyphen
# Word marks a word's optional break with (w:softHyphen).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad"))


def _collapse(block: Block) -> Block:
    runs: list[Run] = []
    space_before = True  # drops leading whitespace
    for run in block.runs:
        text = re.sub(r"\s+", " ", run.text.replace("\u00a0", " ").translate(_INVISIBLE))
        if space_before:
            text = text.lstrip(" ")
        if not text:
            continue
        space_before = text.endswith(" ")
        runs.append(replace(run, text=text))
    while runs and runs[-1].text.endswith(" "):
        last = runs.pop()
        if last.text.rstrip(" "):
            runs.append(replace(last, text=last.text.rstrip(" ")))
    return replace(block, runs=runs)


def _is_letter(ordinal: str | None) -> bool:
    return bool(ordinal) and ordinal.isalpha()


def _nest_letters(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    parent_depth: int | None = None  # depth of the numbered item lettered ones hang from
    for block in blocks:
        if block.kind != "item":
            parent_depth = None
        elif block.ordinal and block.ordinal.isdigit():
            parent_depth = block.depth
        elif _is_letter(block.ordinal) and parent_depth is not None and block.depth <= parent_depth:
            block = replace(block, depth=parent_depth + 1)
        out.append(block)
    return out
