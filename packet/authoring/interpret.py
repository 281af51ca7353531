"""Blocks -> a draft curriculum: the one interpreter every guide format shares.

The guide is cut into its general part (title, meeting length and start,
tips, materials) and its weeks (one per week heading). `steps.split_week`
cuts a week into steps; each step becomes one or more agenda items: the
step itself (its kind from the words that name it, its minutes, grouping,
readings, videos and questions), then the extras under it ("for people who
finish early").

What the interpreter had to guess is kept beside the value (`Noted`), so the
YAML can say it; lines it could not place are listed, never dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from packet.authoring import timing
from packet.authoring.blocks import Block, plain
from packet.authoring.contents import without_contents
from packet.authoring.draft import Draft, Noted
from packet.authoring.heading_weeks import dated_weeks, numbered_weeks
from packet.authoring.leftovers import list_leftovers
from packet.authoring.marks import mark_label, read_marks
from packet.authoring.mentions import (
    QUOTE_RE,
    TS,
    Mention,
    clean_title,
    find_mentions,
    is_web_url,
    quoted,
    sentences,
)
from packet.authoring.reading_list import ReadingList, normal_title
from packet.authoring.steps import (
    Step,
    WeekParts,
    extra_flag,
    heading_level,
    is_prompt,
    is_question,
    kinds_in,
    short_brackets_only,
    split_head,
    split_week,
    week_match,
)
from packet.authoring.vocabulary import (
    EARLY_RE,
    FACILITATOR_RE,
    GENERAL_HEADING_RE,
    GROUPINGS,
    GUIDE_WORDS_RE,
    IF_TIME_RE,
    KIND_RES,
    MATERIAL_WORDS,
    MATERIALS_HEADING_RE,
    MATERIALS_LABEL_RE,
    NOTES_HEADING_RE,
    OPTIONAL_RE,
    TERM_RE,
    TERM_SENTENCE_RE,
    TIPS_HEADING_RE,
    WELCOME_RE,
    week_number,
)

DEFAULT_TITLES = {
    "icebreaker": "Icebreaker", "reading": "Reading", "discussion": "Discussion", "video": "Video",
    "presentation": "Presentation", "activity": "Activity", "feedback": "Feedback", "wrap-up": "Wrap-up",
}
# Headings that name a part of a document, not the document.
SECTION_NAME_RE = re.compile(
    r"^\s*(?:overview|about|introduction|contents|table of contents|summary|schedule|materials?|format|logistics|background)\s*:?\s*$",
    re.I,
)
ACRONYMS = {"AI", "ML", "EA", "UK", "US", "EU", "UN", "NLP", "CS"}
DATE_PREFIX_RE = re.compile(
    r"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?,?\s+)?(?:\d{1,2}\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.?\s*(?:\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?\s*[-–—:|,]\s*"
    r"|^\s*\d{4}-\d{2}-\d{2}\s*[-–—:|,]\s*|^\s*\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\s*[-–—:|,]\s*",
    re.I,
)
VIDEO_TIMES_ONLY_RE = re.compile(
    rf"{TS}|\b(?:watch|play|view|show|from|to|until|till|through|start(?:ing)?|end(?:ing)?|stop(?:ping)?|at|around|about|only|the|it|video|clip|and|then)\b|[^A-Za-z]",
    re.I,
)
SUBJECT_RE = re.compile(r"^\s*(?:subject\s*:\s*)(?:(?:re|fwd?|aw|wg)\s*:\s*)*", re.I)
SPLIT_VERBS = {"split", "break", "divide", "pair", "get", "form", "move", "go", "sit", "work", "regroup"}


class NoWeeks(ValueError):
    """The guide has no week headings."""


def interpret(blocks: list[Block], name: str) -> Draft:
    """The curriculum a guide describes, as a Draft; NoWeeks when it has none.
    Lines the draft does not hold are in its not-placed list."""
    blocks = without_contents(blocks)  # a table of contents repeats headings: skipped, not placed
    blocks = read_marks(blocks)  # "★ Core:", "(*)": no part of a title; the key's meaning kept on the line
    draft = _Interpreter(blocks, name).run()
    list_leftovers(blocks, draft)
    return draft


# Where a block belongs ----------------------------------------------------


def _facilitator_line(text: str) -> bool:
    return bool(FACILITATOR_RE.match(text))


def _sentence_case(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _grouping(text: str, opening: bool = False) -> tuple[str | None, str | None]:
    """The grouping `text` names; with `opening`, only one its first words name."""
    if re.search(r"\b(?:in|into)\s+(?:two|2|halves)\b|\btwo (?:teams|sides|halves)\b", text, re.I):
        return None, None  # a room split in two is none of the curriculum's groupings
    for pattern, value in GROUPINGS:
        match = pattern.search(text)
        if match and opening and text[: match.start()].strip(" ,:-–—").lower() not in ("", "in", "into", "then"):
            continue
        if match:
            said = match.group(0).strip()
            note = None if said.lower() == value else f"grouping {value!r} from {said!r}"
            return value, note
    return None, None


def _materials(text: str) -> list[str]:
    return [name for name, pattern in MATERIAL_WORDS.items() if pattern.search(text)]


def _split_list(text: str) -> list[str]:
    """Parts of "a, b (x, y), and c" or "a; b; c", at the top level of brackets."""
    separator = ";" if ";" in text else ","
    parts, depth, current = [], 0, []
    for char in text:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    cleaned = []
    for part in parts:
        part = re.sub(r"^\s*(?:and|or)\s+", "", part.strip()).strip(" .")
        if part:
            cleaned.append(part)
    return cleaned


# The readings of the semester ---------------------------------------------


# Steps of a week ----------------------------------------------------------


# The interpreter ------------------------------------------------------------


class _Interpreter:
    def __init__(self, blocks: list[Block], name: str) -> None:
        self.blocks = blocks
        self.name = name
        self.readings = ReadingList()
        self.unplaced: list[str] = []
        self.videos = 0
        self.meeting_end: int | None = None  # minutes after midnight, when the guide says

    def run(self) -> Draft:
        starts = [(i, m.groupdict()) for i, b in enumerate(self.blocks) if (m := week_match(b))]
        if not starts:
            # No week words: headings that are dates, else numbered in sequence.
            starts = dated_weeks(self.blocks) or numbered_weeks(self.blocks)
            if not starts:
                raise NoWeeks(self.name)
        # The level most week lines are written at is the guide's week level
        # (a lone "## Week 0" above "### Week 1".."### Week 8" does not swallow
        # them); week lines at a higher level are weeks too, those below it
        # ("**Week 4 preview**" inside a week) are not. Paragraphs, bold or
        # plain, are one level below every heading.
        line_levels = [self.blocks[i].level or 1 if self.blocks[i].kind in ("heading", "title") else 7 for i, _ in starts]
        counts = Counter(line_levels)
        week_level = max(counts, key=lambda level: (counts[level], -level))
        starts = [(i, m) for (i, m), level in zip(starts, line_levels) if level <= week_level]
        welcome = self._welcome_week(starts, week_level)
        if welcome is not None:
            starts.insert(0, welcome)
        preface = self.blocks[: starts[0][0]]
        general: list[Block] = list(preface)
        # Week lines written as bold or plain lines sit below every heading:
        # then only a heading as high as the guide's own sections (those
        # before the first week) ends a week, not the step headings under it.
        section_level = min((b.level or 1 for b in preface if b.kind in ("heading", "title")), default=0)
        ending_level = week_level if week_level < 7 else section_level
        weeks: list[tuple[Block, Any, list[Block]]] = []
        for n, (i, match) in enumerate(starts):
            stop = starts[n + 1][0] if n + 1 < len(starts) else len(self.blocks)
            end = stop
            for j in range(i + 1, stop):
                level = heading_level(self.blocks[j])
                if level is None:
                    continue
                opens_general = GENERAL_HEADING_RE.match(self.blocks[j].text) and not NOTES_HEADING_RE.match(self.blocks[j].text)
                if opens_general or level <= ending_level and self.blocks[j].kind in ("heading", "title"):
                    end = j
                    break
            weeks.append((self.blocks[i], match, self.blocks[i + 1:end]))
            general.extend(self.blocks[end:stop])
        data = self._general(general, len(preface))
        week_data = [self._week(match, body, week_level) for _, match, body in weeks]
        self._number_weeks(week_data)
        if self.readings.entries:
            data["readings"] = self.readings.entries
        data["weeks"] = week_data
        return Draft(
            data=data, unplaced=self.unplaced, reading_weeks=self.readings.weeks, guesses=_count_guesses(data),
            weeks=len(week_data), readings=len(self.readings.entries), videos=self.videos,
        )

    def _welcome_week(self, starts: list[tuple[int, Any]], week_level: int) -> tuple[int, dict[str, Any]] | None:
        """A first meeting written before week 1 without a number ("##
        Welcome session" above "## Week 1: ..."), as week 0: the last heading
        at the weeks' level before them, when it names a first meeting and
        has steps under it."""
        first = starts[0][0]
        number = starts[0][1].get("number")
        if week_level >= 7 or number is None or week_number(number) < 1:
            return None
        at = next((i for i in range(first - 1, -1, -1) if self.blocks[i].kind in ("heading", "title") and (self.blocks[i].level or 1) <= week_level), None)
        if at is None or self.blocks[at].kind != "heading" or self.blocks[at].level != week_level:
            return None
        heading = self.blocks[at].text.strip()
        body = self.blocks[at + 1:first]
        if not WELCOME_RE.match(heading) or not any(b.kind == "item" or timing.block_minutes(b.text)[0] for b in body):
            return None
        return at, {"number": "0", "title": heading, "notes": [f"week 0: {heading!r}, the meeting before week 1"]}

    # General part ---------------------------------------------------------

    def _general(self, blocks: list[Block], before_weeks: int) -> dict[str, Any]:
        """Title, term, meeting length and start, materials and tips, from
        the blocks outside the weeks (the first `before_weeks` of them come
        before the first week, and hold the title)."""
        data: dict[str, Any] = {}
        title_block = self._title_block(blocks[:before_weeks])
        if title_block is not None:
            written = SUBJECT_RE.sub("", title_block.text).strip()
            if title_block.kind == "paragraph" and not SUBJECT_RE.match(title_block.text):
                written, rest = sentences(written)[0].removesuffix("."), written[len(sentences(written)[0]):].strip(" .")
                if rest:
                    self.unplaced.append(f"{title_block.where}: {rest}" if title_block.where else rest)
            title = GUIDE_WORDS_RE.sub("", written).strip(" -–—:|") or written
            if title.isupper():
                title = " ".join(w if w in ACRONYMS else w.capitalize() for w in title.split())
            data["title"] = Noted(title, [f"the group's name, from the guide's title {written!r}"]) if title != written else title
            blocks = [b for b in blocks if b is not title_block]
            first = next((b for b in blocks if b.kind == "paragraph"), None)
            if first is not None and len(first.text) <= 40 and TERM_RE.match(first.text):
                data["term"] = first.text.strip()
                blocks = [b for b in blocks if b is not first]
            elif first is not None and len(said := sentences(first.text)[0].removesuffix(".")) <= 40 and TERM_SENTENCE_RE.match(said):
                # "Michaelmas 2026. We meet Thursdays 5-7pm.": the term, then
                # the rest; not "Spring is here." or "Founded in 2019."
                data["term"] = said.strip()
                rest = plain("paragraph", first.text[len(sentences(first.text)[0]):].strip(), where=first.where)
                blocks = [rest if b is first else b for b in blocks]
        else:
            stem = re.sub(r"[-_]+", " ", Path(self.name).stem).strip().capitalize() or "Our reading group"
            data["title"] = Noted(stem, ["the guide has no title: named after its file"])
        data.update(self._meeting(blocks))
        tips: list[dict[str, Any]] = []
        materials: list[str] = []
        section = "intro"
        listed = False  # a section a line opened ("A few tips:") ends with its list
        i = 0
        while i < len(blocks):
            block = blocks[i]
            i += 1
            if heading_level(block) is not None and block.kind != "item":
                words = block.text.strip().rstrip(":")
                section = "materials" if MATERIALS_HEADING_RE.search(words) else "tips" if TIPS_HEADING_RE.search(words) else "other"
                listed = block.kind == "paragraph"
                if section == "other":
                    self._unplace(block)
                continue
            if listed and block.kind == "paragraph" and i >= 2 and blocks[i - 2].kind == "item":
                section, listed = "other", False
            children = []
            while i < len(blocks) and block.kind == "item" and blocks[i].kind == "item" and blocks[i].depth > block.depth:
                children.append(blocks[i])
                i += 1
            label = MATERIALS_LABEL_RE.match(block.text)
            if label or (section == "materials" and block.kind == "item"):
                found = _split_list(block.text[label.end():]) if label else [block.text.strip(" .")]
                materials.extend(m for m in found if m)
                materials.extend(c.text.strip(" .") for c in children)
                continue
            states_times = timing.meeting_minutes(block.text) or timing.start_time(block.text)
            if states_times and not children and all(
                timing.meeting_minutes(x) or timing.start_time(x) for x in sentences(block.text)
            ):
                continue  # already said by meeting_minutes and start_time
            if re.match(r"^\s*\[\d+\]", block.text):
                self._unplace(block, *children)  # a footnote
            elif section == "tips" or (block.kind == "item" and section == "intro"):
                tips.append(_tip(block, children))
            elif states_times and not children and block.kind == "paragraph":
                # The meeting's times are taken; the rest of the paragraph is the guide's prose.
                rest = " ".join(x for x in sentences(block.text) if not (timing.meeting_minutes(x) or timing.start_time(x)))
                self.unplaced.append(f"{block.where}: {rest}" if block.where else rest)
            elif states_times:
                tips.append(_tip(block, children))
            else:
                self._unplace(block, *children)
        if materials:
            data["materials"] = list(dict.fromkeys(materials))
        if tips:
            data["tips"] = tips
        return data

    @staticmethod
    def _title_block(blocks: list[Block]) -> Block | None:
        """The guide's title: its title paragraph, else its first heading
        unless that heading opens a section (Tips, Materials, ...)."""
        titled = next((b for b in blocks if b.kind == "title"), None)
        if titled is not None:
            return titled
        subject = next((b for b in blocks[:3] if b.kind == "paragraph" and SUBJECT_RE.match(b.text)), None)
        if subject is not None:  # a guide sent as an email
            return subject
        heading = next((b for b in blocks if b.kind == "heading"), None)
        if heading is not None and not (GENERAL_HEADING_RE.match(heading.text) or SECTION_NAME_RE.match(heading.text)):
            return heading
        first = blocks[0] if blocks and blocks[0].kind == "paragraph" else None
        if heading is None and first is not None and _names_something(sentences(first.text)[0].removesuffix(".")):
            return first  # a plain-text guide's first line: "Bookish Ethics Circle"
        return None

    def _meeting(self, blocks: list[Block]) -> dict[str, Any]:
        text = "\n".join(b.text for b in blocks)
        minutes, start = timing.meeting_minutes(text), timing.start_time(text)
        if minutes and start:
            hours, mins = start.split(":")
            self.meeting_end = (int(hours) * 60 + int(mins) + minutes) % (24 * 60)
        said = [x for b in blocks for x in sentences(b.text)]
        said_minutes = next((x for x in said if timing.meeting_minutes(x)), "")
        said_start = next((x for x in said if timing.start_time(x)), "")
        return {
            "meeting_minutes": Noted(minutes, [f"meeting length from {said_minutes[:120]!r}"]) if minutes
            else Noted(120, ["the guide does not say how long meetings are: packet's default"]),
            "start_time": Noted(start, [f"start time from {said_start[:120]!r}"]) if start
            else Noted("18:00", ["the guide does not say when meetings start: packet's default"]),
        }

    # Weeks ------------------------------------------------------------------

    def _number_weeks(self, weeks: list[Noted]) -> None:
        numbers = [w.value["number"] for w in weeks]
        if all(b > a for a, b in zip(numbers, numbers[1:])):
            return
        first = numbers[0] if numbers else 0
        for n, week in enumerate(weeks):
            if week.value["number"] != first + n:
                if week.value["title"] == f"Week {week.value['number']}":
                    week.value["title"] = f"Week {first + n}"
                week.value["number"] = first + n
                week.notes.append(f"numbered {first + n}: the guide's week numbers repeat or go backwards")

    def _week(self, groups: dict[str, Any], body: list[Block], week_level: int) -> Noted:
        notes: list[str] = list(groups.get("notes") or [])
        number = week_number(groups["number"])
        title = (groups.get("title") or "").strip(" -–—:|")
        dated = None if groups.get("date_in_title") else DATE_PREFIX_RE.match(title)
        if dated and title[dated.end():].strip():
            notes.append(f"title without the date {dated.group(0).strip(' -–—:|,')!r}")
            title = title[dated.end():]
        paren = re.search(r"\s*\(([^)]*)\)\s*$", title)
        if paren and paren.start() > 0:
            notes.append(f"title without its {paren.group(0).strip()!r}")
            title = title[: paren.start()].strip()
        if not title:
            title = f"Week {number}"
            notes.append("the guide gives this week no title")
        week: dict[str, Any] = {"number": number, "title": title}
        if groups.get("date"):
            week["date"] = groups["date"]
        parts = split_week(body, week_level)
        agenda: list[Noted] = []
        organizer_notes: list[str] = []
        clocked: list[tuple[int, str, Noted]] = []  # steps that give the clock time they start at
        listings = {id(step): _Listing(step, *self._items(step, number)) for step in parts.steps if _lists_only(step)}
        offered = [listing for listing in listings.values() if listing.offerable()]
        for step in parts.steps:
            listing = listings.get(id(step))
            items, step_notes = (listing.items, listing.notes) if listing else self._items(step, number, offered)
            if step.extra_label:
                for item in items:
                    _set_extra(item.value, step.extra_label)
            clock = timing.leading_clock(step.lead.text)
            if clock and items:
                clocked.append((*clock, items[0]))
            agenda.extend(items)
            organizer_notes.extend(step_notes)
        self._minutes_from_clock(clocked)
        agenda = _lists_given_away(agenda, offered)
        _extras_beside_readings(agenda)
        if agenda:
            week["agenda"] = agenda
        alternative = self._alternative(parts)
        if alternative:
            week["alternative"] = alternative
        organizer_notes.extend(self._note_lines(parts.notes))
        loose = [b.text for b in parts.loose]
        for block in parts.unplaced:
            self._unplace(block)
        if organizer_notes or loose:
            kept = organizer_notes + loose
            week["organizer_notes"] = Noted(kept, ["paragraphs of the week that are not agenda steps, kept as notes for organizers"]) if loose else kept
        return Noted(week, notes)

    def _minutes_from_clock(self, clocked: list[tuple[int, str, Noted]]) -> None:
        """Minutes of steps written only with the time they start ("17:40 |
        Reading"): until the next step's time, the last until the meeting ends."""
        ends = [(at, said) for at, said, _ in clocked[1:]]
        if self.meeting_end is not None:
            end = self.meeting_end
            ends.append((end, f"{end // 60:02d}:{end % 60:02d}, when the meeting ends"))
        for (start, said, item), (end, end_said) in zip(clocked, ends):
            minutes = (end - start) % (12 * 60)
            if "minutes" not in item.value and 0 < minutes <= 180:
                item.value["minutes"] = minutes
                item.notes.append(f"minutes from the clock times: {said} to {end_said}")

    def _note_lines(self, blocks: list[Block]) -> list[str]:
        lines = []
        for block in blocks:
            if heading_level(block) is not None and block.kind != "item" and not block.text.strip().endswith(":"):
                continue
            text = re.sub(r"^\s*(?:notes?|note kept for organi[sz]ers|organi[sz]er notes?)\s*:\s*", "", block.text, flags=re.I).strip()
            if text:
                lines.append(_sentence_case(text))
        return lines

    def _alternative(self, parts: WeekParts) -> dict[str, Any] | None:
        if not parts.alternative:
            return None
        title = parts.alternative_title
        steps: list[str] = []
        notes: list[str] = []
        for block in parts.alternative:
            text = block.text.strip()
            if block.kind == "item" and block.text is not None and not (title and text.startswith(title)):
                steps.append(_sentence_case(text.strip(" .")) + ".")
                continue
            head, rest = (text.split(":", 1) + [""])[:2] if ":" in text else (text, "")
            paren = re.search(r"\(([^)]*)\)", head)
            if paren:
                notes.append(_sentence_case(paren.group(1)) + ".")
                head = head[: paren.start()] + head[paren.end():]
            title = title or head.strip(" .")
            pieces = [p.strip(" .") for p in re.split(r"\s*(?:→|->|⇒|=>)\s*", rest) if p.strip(" .")]
            if len(pieces) > 1:
                steps.extend(_sentence_case(p) + "." for p in pieces)
            elif rest.strip():
                notes.append(_sentence_case(rest.strip()))
        if not steps:
            for block in parts.alternative:
                self._unplace(block)
            return None
        plan: dict[str, Any] = {"title": _sentence_case(title or "Another way to run the meeting"), "steps": steps}
        if notes:
            plan["notes"] = " ".join(notes)
        return plan

    # Steps -> agenda items --------------------------------------------------

    def _items(self, step: Step, week: int, offered: Sequence[_Listing] = ()) -> tuple[list[Noted], list[str]]:
        """The agenda items of one step (the step itself, then its extras),
        and lines of it meant for organizers. A reading step without
        readings of its own takes those of the week's list of readings, a
        discussion step the questions of its list of questions (`offered`)."""
        lead = step.lead
        clock_minutes, text = timing.leading_clock_range(lead.text)
        text = text.strip()
        cut = lead.text.find(text) if text else 0
        links = [replace(link, start=link.start - cut, end=link.end - cut) for link in lead.links if link.start >= cut]
        head, rest = (text, "") if step.from_heading else split_head(text)
        mentions = find_mentions(text, links)
        guesses: list[str] = []
        kind, kind_note = self._kind(head, text, mentions, step.body)
        if kind_note:
            guesses.append(kind_note)
        item: dict[str, Any] = {"kind": kind}
        organizer: list[str] = []
        extras: list[Noted] = []
        self._flags(short_brackets_only(head), kind, item)
        marked = mark_label(lead)
        if marked and not any(key in item for key in ("optional", "early_finishers", "if_time")):
            self._flags(marked, kind, item)  # "☆ [Title](url)" under "☆ = optional"
            guesses.append(lead.mark[1])
        minutes, minutes_note = timing.block_minutes(head)
        if minutes is None:
            minutes, minutes_note = timing.block_minutes(_bracketed_only(text))
        if minutes is None and mentions:
            # "Read: [A](url) — 30 min": the minutes written after the step's links.
            beside = sentences(_without_spans(text, mentions))
            if beside:
                minutes, minutes_note = timing.block_minutes(beside[0])
        if minutes is None and clock_minutes:
            minutes, minutes_note = clock_minutes, f"minutes from the clock times {lead.text[: len(lead.text) - len(text)].strip(' —–-:|,')!r}"
        if minutes is None:
            # "Time: 30 minutes." on a line of its own under the step.
            said = [*sentences(rest), *(x for b in step.body[:3] if b.kind == "paragraph" for x in sentences(b.text))]
            found = next(((timing.minutes_line(x), x) for x in said if timing.minutes_line(x)), None)
            if found:
                minutes, minutes_note = found[0], f"minutes from {found[1]!r}"
        if minutes is not None:
            item["minutes"] = minutes
            if minutes_note:
                guesses.append(minutes_note)
        grouping, grouping_note = _grouping(head)
        if not grouping:
            # "Activity (20 min): in pairs, invent ...", or that line under
            # the step's heading.
            opening = step.body[0].text if step.from_heading and step.body and step.body[0].kind == "paragraph" else rest
            grouping, grouping_note = _grouping(opening, opening=True)
        if grouping:
            item["grouping"] = grouping
            if grouping_note:
                guesses.append(grouping_note)
        questions: list[str] = []
        text_lines: list[str] = []
        notes: list[str] = []
        links: list[dict[str, Any]] = []
        topics: list[str] = []
        reading_ids: list[str] = []
        videos: list[Mention] = []
        # What the lead says besides its mentions.
        leftover = _without_spans(text, mentions) if mentions else text
        leftover_head, leftover_rest = (leftover, "") if step.from_heading else split_head(leftover)
        if step.from_heading:
            leftover_rest = ""
        for mention in mentions:
            self._place_mention(mention, kind, week, reading_ids, videos, links, guesses)
        if kind == "reading":
            for title in self._title_references(text, mentions):
                if title not in reading_ids:
                    reading_ids.append(title)
        if kind == "presentation" and leftover_rest:
            first, _, after = leftover_rest.partition(". ") if not is_question(leftover_rest) else ("", "", leftover_rest)
            parts = _split_list(first)
            listed = all(len(p.split()) <= 10 and not p.endswith(":") for p in parts)
            if listed and (len(parts) >= 3 or ";" in first and len(parts) >= 2):
                topics.extend(parts)
                leftover_rest = after
        if kind in ("video", "reading") and mentions and not step.from_heading:
            said = _clean_head(leftover_head, cut=False)
            if len(said.split()) >= 4 and (kind != "video" or VIDEO_TIMES_ONLY_RE.sub("", said).strip()):
                notes.append(said + ".")
        for sentence in sentences(leftover_rest):
            self._place_sentence(sentence, kind, questions, text_lines, notes)
        paren_notes = re.findall(r"\(([^)]*)\)", leftover_head)
        for note in paren_notes:
            if timing.block_minutes(f"({note})")[0] is None and not _grouping(note)[0] and not extra_flag(short_brackets_only(f"({note})")):
                notes.append(_sentence_case(note) + ("" if note.endswith((".", "?", "!")) else "."))
        # The body: questions, extras, links and notes under the step.
        i = 0
        body = step.body
        while i < len(body):
            block = body[i]
            i += 1
            children = []
            while i < len(body) and body[i].kind == "item" and block.kind == "item" and body[i].depth > block.depth:
                children.append(body[i])
                i += 1
            btext = block.text.strip()
            bhead, _ = split_head(btext)
            bmentions = find_mentions(btext, block.links)
            if NOTES_HEADING_RE.match(bhead) or re.match(r"^\s*notes?\b", bhead, re.I):
                organizer.extend(self._note_lines([block, *children]))
                continue
            extra_head = bhead if extra_flag(short_brackets_only(bhead)) else mark_label(block) or bhead
            extra_kind = extra_flag(short_brackets_only(extra_head))
            if extra_kind and (bmentions or self._title_references(btext, []) or kinds_in(bhead)):
                sub_items, sub_notes = self._items(Step(block, children), week)
                for sub in sub_items:
                    _set_extra(sub.value, extra_head)
                extras.extend(sub_items)
                organizer.extend(sub_notes)
                continue
            if kind == "reading" and block.kind == "item" and _video_alone(btext, bmentions):
                # A video in a week's list of readings (a row of its readings
                # table): a video block of its own, right after the readings.
                sub_items, sub_notes = self._items(Step(block, children), week)
                extras.extend(sub_items)
                organizer.extend(sub_notes)
                continue
            if bmentions:
                leftover_b = _without_spans(btext, bmentions)
                for mention in bmentions:
                    if kind == "video" and mention.kind == "video" and not any(m.kind == "video" for m in mentions):
                        videos.append(mention)
                    else:
                        self._place_mention(mention, kind, week, reading_ids, videos, links, guesses, as_link=kind != "reading" or mention.kind == "video")
                self._reading_minutes(btext, bmentions, kind)
                for sentence in sentences(leftover_b):
                    sentence = _balance_brackets(sentence)
                    if kind == "video" and not VIDEO_TIMES_ONLY_RE.sub("", sentence).strip() or timing.minutes_line(sentence):
                        continue
                    sentence = re.sub(r"^\(([^()]*)\)\.?$", r"\1", sentence.strip())  # "(noted as dry)"
                    if kind == "reading" and _only_byline(sentence, bmentions):
                        continue  # "— OpenAI (10 mins)": the reading's site and minutes, already its own
                    if len(re.findall(r"[A-Za-z]{2,}", sentence)) >= 2:
                        notes.append(_as_sentence(_sentence_case(sentence.rstrip(" :"))))
                for child in children:
                    self._place_body_line(child, kind, questions, text_lines, notes, topics)
                continue
            if kind == "reading":
                refs = self._title_references(btext, [])
                if refs:
                    reading_ids.extend(r for r in refs if r not in reading_ids)
                    continue
            self._place_body_line(block, kind, questions, text_lines, notes, topics, from_heading=step.from_heading)
            for child in children:
                self._place_body_line(child, kind, questions, text_lines, notes, topics, from_heading=step.from_heading)
        # Assemble.
        taken = next((listing for listing in offered if listing.offers(kind) and not (kind == "reading" and reading_ids)), None)
        if taken is not None:
            if kind == "reading":
                reading_ids = taken.item.value["readings"]
            else:
                questions.extend(taken.item.value["questions"])
            guesses.append(f"{'readings' if kind == 'reading' else 'questions'}: those the week lists under {taken.heading!r}")
        if kind == "reading" and not reading_ids:
            kind = "discussion" if questions else "activity"
            item["kind"] = kind
            guesses = [g for g in guesses if not g.startswith("kind")]
            guesses.append(f"kind {kind}: a reading without a link; add it to readings: (with its url or path, or its title alone for a copy outside the packet, where: saying which) and make this a reading block")
        if kind == "video":
            return self._video_items(item, head, videos, links, questions, text_lines, notes, guesses, text) + extras, organizer
        title = self._title(kind, head, rest, reading_ids)
        ordered: dict[str, Any] = {"kind": kind, "title": title}
        for key in ("minutes", "grouping", "optional", "early_finishers", "if_time"):
            if key in item:
                ordered[key] = item[key]
        if kind == "reading":
            ordered["readings"] = reading_ids
        if text_lines and normal_title(text_lines[0]) == normal_title(title):
            text_lines = text_lines[1:]
        if text_lines:
            ordered["text"] = " ".join(text_lines)
        if questions:
            ordered["questions"] = questions
        if kind == "presentation":
            if topics:
                ordered["topics"] = topics
            if links:
                ordered["sources"] = links
        elif topics:
            notes.extend(topics)
        materials = _materials(text + " " + " ".join(b.text for b in step.body))
        if kind == "presentation" and "projector" not in materials:
            materials.insert(0, "projector")
        if materials:
            ordered["materials"] = materials
        if links and kind != "presentation":
            ordered["links"] = links
        if notes:
            ordered["notes"] = " ".join(n.strip() for n in notes if n.strip())
        done = Noted(ordered, list(dict.fromkeys(guesses)))
        if taken is not None:
            taken.taker = done
        return [done] + extras, organizer

    def _kind(self, head: str, text: str, mentions: list[Mention], body: list[Block]) -> tuple[str, str | None]:
        kinds = kinds_in(head)
        has_video = any(m.kind == "video" for m in mentions)
        has_reading = any(m.kind == "reading" for m in mentions)
        if kinds:
            kind = kinds[0][1]
            names = {k for _, k in kinds}
            if "video" in names and has_video and kind in ("discussion", "presentation", "reading", "icebreaker"):
                return "video", None
            if kind == "discussion" and not has_reading and not has_video and "activity" in names:
                return "activity", None
            return kind, None
        whole = kinds_in(text)
        for _, kind in whole:
            if kind == "activity":
                return kind, f"kind activity, from {KIND_RES['activity'].search(text).group(0)!r}"
        if has_video:
            return "video", "kind video: the step links a video"
        if has_reading:
            return "reading", "kind reading: the step links a reading"
        if any(is_question(b.text) for b in body) or "?" in text:
            return "discussion", "kind discussion: the step asks questions"
        if any(find_mentions(b.text, b.links) for b in body if not extra_flag(split_head(b.text)[0])):
            return "reading", "kind reading: the lines under the step link readings"
        if whole:
            kind = whole[0][1]
            return kind, f"kind {kind}, from {KIND_RES[kind].search(text).group(0)!r}"
        return "activity", "kind activity: no word in the guide said what kind of block this is"

    def _flags(self, head: str, kind: str, item: dict[str, Any]) -> None:
        if kind == "reading" and EARLY_RE.search(head):
            item["early_finishers"] = True
        elif kind != "reading" and IF_TIME_RE.search(head):
            item["if_time"] = True
        elif OPTIONAL_RE.search(head):
            item["optional"] = True
        elif EARLY_RE.search(head):
            item["early_finishers" if kind == "reading" else "if_time"] = True
        elif IF_TIME_RE.search(head):  # a reading "if you have time", as _set_extra marks one
            item["if_time"] = True

    def _place_mention(self, mention: Mention, kind: str, week: int, reading_ids: list[str], videos: list[Mention],
                       links: list[dict[str, Any]], guesses: list[str], as_link: bool = False) -> None:
        if mention.kind == "video" and kind == "video" and not as_link:
            videos.append(mention)
        elif mention.kind == "reading" and kind == "reading" and not as_link:
            rid = self.readings.add(mention, week)
            if rid not in reading_ids:
                reading_ids.append(rid)
        elif is_web_url(mention.url):  # a file beside the guide is no link on paper: the not-placed list keeps it
            link: dict[str, Any] = {"title": mention.title, "url": mention.url}
            byline = ", ".join(mention.authors) or mention.site or ""
            if byline and mention.kind == "reading":
                link["title"] = f"{mention.title} ({byline}{', ' + str(mention.year) if mention.year else ''})"
            if mention.kind == "video" and (mention.start or mention.end) and (mention.start or "0:00") != "0:00" or mention.end:
                link["note"] = f"play {mention.start or '0:00'}-{mention.end}" if mention.end else f"from {mention.start}"
            links.append(link)
            guesses.extend(g for g in mention.guesses if g.startswith("the title"))

    def _reading_minutes(self, text: str, mentions: list[Mention], kind: str) -> None:
        """A line of a step's list that names one reading and its minutes
        ("[Title](url) (~15 min)"): the minutes are that reading's."""
        if kind != "reading" or len(mentions) != 1 or mentions[0].kind != "reading":
            return
        mention = mentions[0]
        rest = re.sub(r"https?://\S+", " ", text.replace(mention.title, " ") if mention.title else text)
        minutes, note = timing.block_minutes(_bracketed_only(rest))
        if minutes is None:
            minutes, note = timing.block_minutes(rest)
        rid = self.readings.by_url(mention.url)
        if minutes is not None and rid is not None:
            self.readings.give_minutes(rid, minutes, note)

    def _title_references(self, text: str, mentions: list[Mention]) -> list[str]:
        """Readings named by their quoted title without a link ("the rest of
        "What failure looks like"")."""
        titles = {normal_title(m.title) for m in mentions}
        found = []
        for quote in QUOTE_RE.finditer(text):
            title = clean_title(quoted(quote))
            if normal_title(title) in titles:
                continue
            rid = self.readings.by_title(title)
            if rid and rid not in found:
                found.append(rid)
        return found

    def _place_sentence(self, sentence: str, kind: str, questions: list[str], text_lines: list[str], notes: list[str]) -> None:
        if timing.minutes_line(sentence):
            return  # how long the step takes: its minutes
        sentence = timing.strip_block_minutes(sentence).strip()
        sentence = _balance_brackets(sentence)
        words = re.findall(r"[A-Za-z]{2,}", sentence)
        if len(words) < 2 and not is_question(sentence) or re.fullmatch(r"[^:]{0,40}:", sentence):
            return
        if kind == "video" and not VIDEO_TIMES_ONLY_RE.sub("", sentence).strip():
            return  # "watch 2:10 to 18:45": the video's start and end say it
        if kind in ("discussion", "icebreaker", "activity") and "?" in sentence:
            colon = sentence.find(": ")
            if colon > 0 and not is_question(sentence[:colon]):
                intro = sentence[:colon].strip()
                (notes if _facilitator_line(intro) else text_lines).append(_sentence_case(intro) + ".")
                sentence = sentence[colon + 2:]
            for part in re.split(r"(?<=\?)\s+", sentence):
                for piece in _split_list(part) if ";" in part and kind != "activity" else [part]:
                    piece = _sentence_case(piece.strip())
                    if is_question(piece) or kind == "icebreaker" and is_prompt(piece):
                        questions.append(piece)
                    else:
                        text_lines.append(piece)
            return
        pieces = _split_list(sentence) if ";" in sentence else [sentence]
        if kind == "icebreaker" and all(is_prompt(piece) for piece in pieces):
            questions.extend(_sentence_case(piece.strip(" .")) for piece in pieces)
            return
        if kind in ("reading", "video", "presentation") or _facilitator_line(sentence):
            notes.append(_sentence_case(sentence))
        else:
            text_lines.append(_sentence_case(sentence))

    def _place_body_line(self, block: Block, kind: str, questions: list[str], text_lines: list[str], notes: list[str],
                         topics: list[str], from_heading: bool = False) -> None:
        text = block.text.strip()
        if not text:
            return
        if block.kind != "item" and kind in ("discussion", "icebreaker", "activity"):
            for sentence in sentences(text):  # "Ask everyone: when did you last ...?"
                self._place_sentence(sentence, kind, questions, text_lines, notes)
            return
        if timing.minutes_line(text):
            return
        # Under a discussion, each item of its list is a question even when
        # it is written as a prompt ("The best counterargument to claim 2").
        if is_question(text) or block.kind == "item" and not _facilitator_line(text) and (
            kind == "discussion" or kind == "icebreaker" and is_prompt(text)
        ):
            questions.append(_sentence_case(text))
        elif kind in ("discussion", "icebreaker") and not _facilitator_line(text):
            text_lines.append(_sentence_case(text))
        elif kind == "presentation" and not _facilitator_line(text):
            topics.append(text.strip(" ."))
        elif kind == "activity" and from_heading and not _facilitator_line(text):
            text_lines.append(_sentence_case(text))
        else:
            notes.append(_sentence_case(text))

    def _video_items(self, item: dict[str, Any], head: str, videos: list[Mention], links: list[dict[str, Any]],
                     questions: list[str], text_lines: list[str], notes: list[str], guesses: list[str], text: str) -> list[Noted]:
        items: list[Noted] = []
        if not videos:
            title = _clean_head(head) or "Video"
            entry: dict[str, Any] = {"kind": "video", "title": title}
            items.append(Noted(entry, guesses + ["no link to the video in the guide: add its url"]))
        for n, video in enumerate(videos):
            named = "the title from the link's address" not in video.guesses
            entry = {"kind": "video", "title": video.title if named else _clean_head(head) or "Video"}
            if not named:
                video.guesses = [g if g != "the title from the link's address" else "the guide names no title for the video" for g in video.guesses]
            if video.authors or video.site:
                entry["by"] = ", ".join(video.authors) + (f" ({video.site})" if video.site else "") if video.authors else video.site
            entry["url"] = video.url
            if video.start and video.start != "0:00" or video.end:
                entry["start"] = video.start or "0:00"
            if video.end:
                entry["end"] = video.end
            items.append(Noted(entry, (guesses if n == 0 else []) + video.guesses))
        self.videos += len(items)
        first = items[0].value
        for key in ("minutes", "grouping", "optional", "early_finishers", "if_time"):
            if key in item:
                first[key] = item[key]
        if text_lines:
            first["text"] = " ".join(text_lines)
        if questions:
            first["questions"] = questions
        materials = _materials(text)
        if materials:
            first["materials"] = materials
        if links:
            first["links"] = links
        if notes:
            first["notes"] = " ".join(n.strip() for n in notes)
        return items

    def _title(self, kind: str, head: str, rest: str, reading_ids: list[str]) -> str:
        titles = {e.value["id"]: e.value["title"] for e in self.readings.entries}
        if kind == "reading" and len(reading_ids) == 1:
            return titles[reading_ids[0]]
        title = _clean_head(head)
        named = re.match(r"^([\w -]{2,25}):\s*(\S.*)$", title)
        if named and kinds_in(named.group(1)) and not kinds_in(named.group(1))[0][0] and len(named.group(1).split()) <= 2:
            title = _sentence_case(named.group(2))  # "Activity: rank the charities"
        if MARKER_ONLY_RE.match(title.strip()) or not title:
            first = sentences(rest)[0] if sentences(rest) else ""
            title = _clean_head(first) if first and len(first) <= 90 else title
        if kind == "reading" and (not title or len(title.split()) <= 3 and kinds_in(title)):
            joined = " / ".join(titles[r] for r in reading_ids)
            return joined if len(joined) <= 70 else "Readings"
        return title or DEFAULT_TITLES[kind]

    def _unplace(self, *blocks: Block) -> None:
        for block in blocks:
            text = block.text.strip()
            if text:
                self.unplaced.append(f"{block.where}: {text}" if block.where else text)


def _lists_only(step: Step) -> bool:
    """Whether a step is a week's list of readings or questions kept apart
    from its plan ("### Readings", "**Discussion questions**"): a heading of
    a few words without minutes over a list."""
    head = step.lead.text.strip().rstrip(":")
    return (
        step.from_heading and len(head.split()) <= 4 and timing.block_minutes(head)[0] is None
        and bool(step.body) and all(block.kind == "item" for block in step.body)
    )


@dataclass
class _Listing:
    """A week's list of readings or questions, and the step that takes it."""

    step: Step
    items: list[Noted]
    notes: list[str]
    taker: Noted | None = None

    @property
    def heading(self) -> str:
        return self.step.lead.text.strip().rstrip(":")

    @property
    def item(self) -> Noted:
        return self.items[0]

    @property
    def extras(self) -> list[Noted]:
        return self.items[1:]

    def offerable(self) -> bool:
        """Only a bare list is given away: nothing of it but its readings or questions."""
        value = self.item.value
        key = {"reading": "readings", "discussion": "questions"}.get(value["kind"])
        return key is not None and set(value) == {"kind", "title", key}

    def offers(self, kind: str) -> bool:
        return self.taker is None and self.item.value["kind"] == kind


def _lists_given_away(agenda: list[Noted], listings: list[_Listing]) -> list[Noted]:
    """The agenda without the lists a step took; their extras ("Optional:
    ...") go right after that step."""
    for listing in listings:
        if listing.taker is None:
            continue
        agenda = [a for a in agenda if not any(a is i for i in listing.items)]
        at = next(n for n, a in enumerate(agenda) if a is listing.taker)
        agenda[at + 1:at + 1] = listing.extras
    return agenda


def _video_alone(text: str, mentions: list[Mention]) -> bool:
    """Whether a line names one video and nothing else but its byline and minutes."""
    if len(mentions) != 1 or mentions[0].kind != "video":
        return False
    rest = _without_spans(text, mentions)
    return not re.search(r"[A-Za-z]{2,}", timing.strip_block_minutes(rest)) or _only_byline(rest, mentions)


def _only_byline(sentence: str, mentions: list[Mention]) -> bool:
    """Whether the words left beside a reading say only what its entry
    holds: its authors, site or year, and minutes."""
    said = {w.lower() for m in mentions for part in [*m.authors, m.site or "", str(m.year or "")] for w in re.findall(r"\w+", part)}
    words = re.findall(r"[A-Za-z]{2,}|\d+", timing.strip_block_minutes(sentence))
    return bool(said) and all(w.lower() in said for w in words)


def _names_something(line: str) -> bool:
    """Whether a line reads as a name ("Bookish Ethics Circle"), not a
    sentence: short, no full stop, most words capitalised."""
    words = line.split()
    if not 1 <= len(words) <= 8 or line.rstrip().endswith((".", ":", "?", "!", ",")) or timing.start_time(line):
        return False
    return sum(1 for w in words if w[:1].isupper() or w.lower() in STOP_IN_NAMES) * 10 >= len(words) * 8 and words[0][:1].isupper()


STOP_IN_NAMES = {"of", "and", "the", "for", "in", "on", "to", "a", "an", "&"}


def _tip(block: Block, children: list[Block]) -> dict[str, Any]:
    """A tip from a line of the guide: its bold lead or first sentence as the
    summary, the rest (and the lines under it) as the detail."""
    text = block.text.strip()
    lead = block.bold_lead.rstrip(" .:")
    if lead and lead != text and len(lead) <= 100:
        summary, detail = _as_sentence(lead), text[len(block.bold_lead):].strip(" .:—–-")
    else:
        parts = sentences(text)
        summary = parts[0] if parts else text
        detail = text[len(summary):].strip() if len(parts) > 1 else ""
        if len(summary) > 110:
            cut = summary.rfind(" ", 0, 100)
            summary, detail = summary[:cut].rstrip(",;:") + " ...", text
    detail = " ".join(_as_sentence(part) for part in [detail, *(c.text for c in children)] if part.strip())
    tip: dict[str, Any] = {"summary": _sentence_case(summary)}
    if detail:
        tip["detail"] = _sentence_case(detail)
    return tip


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?:;\"”)" else text + "."


def _balance_brackets(text: str) -> str:
    """Text without brackets left open or closed by a removed link."""
    out, depth = [], 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                continue
            depth -= 1
        out.append(char)
    text = "".join(out)
    while depth > 0:
        index = text.rfind("(")
        text = text[:index] + text[index + 1:]
        depth -= 1
    return re.sub(r"\(\s*\)|\s+(?=[,.;:])", "", text).strip(" ,;")


def _bracketed_only(text: str) -> str:
    return " ".join(m.group(0) for m in re.finditer(r"[(\[][^)\]]*[)\]]", text))


LABEL_WORDS_RE = re.compile(
    r"\b(?:sources?|references?|media|to show|links?|see|also|then|and|or|plus|core|main|required|the|a|for|them|"
    r"alternative|write-?up|people|who|finish|early|extra|bonus|optional|first|next|here|is|are|text|paper|article|handout)\b",
    re.I,
)


def _is_label(words: str) -> bool:
    """Whether the words before a colon only say what follows is a link
    ("Source:", "Media to show:", "Optional, for people who finish early:")."""
    for pattern in (*KIND_RES.values(), EARLY_RE, OPTIONAL_RE, IF_TIME_RE, LABEL_WORDS_RE):
        words = pattern.sub(" ", words)
    return not re.search(r"[A-Za-z]", words)


def _without_spans(text: str, mentions: list[Mention]) -> str:
    """The text of a line without its mentions; a label left hanging before
    one ("Source:", "Media to show:") goes with it."""
    out, position = [], 0
    for mention in sorted(mentions, key=lambda m: m.start_at):
        if mention.start_at > position:
            piece = text[position:mention.start_at]
            label = re.search(r"(?:^|(?<=[.;!?]))\s*([A-Za-z][\w' ,-]{0,40}):\s*$", piece)
            if label and _is_label(label.group(1)):
                piece = piece[: label.start()] + " "
            out.append(piece)
        if mention.aside:
            out.append(text[mention.aside[0]:mention.aside[1]])
        position = max(position, mention.end_at)
    out.append(text[position:])
    joined = " ".join(part.strip() for part in out if part.strip())
    return _balance_brackets(joined)


MARKER_ONLY_RE = re.compile(
    r"^(?:if (?:there(?:'s| is) )?time(?: (?:left|allows|permits))?|extra time|time permitting|optional|bonus|"
    r"early finishers?|for early finishers|stretch|extra)$",
    re.I,
)


def _clean_head(head: str, cut: bool = True) -> str:
    """A step's head as a run-sheet title: no minutes, brackets, quotes or
    trailing grouping words ("..., in groups of 2-3"); about sixty characters
    at most unless not `cut`."""
    text = timing.strip_block_minutes(head)
    text = re.sub(r"\s*\([^)]*\)|\s*\[[^\]]*\]", "", text)
    text = re.sub(r"[\"“”*_]", "", text)
    text = re.sub(r"^\s*(?:step\s*\d+|\d+[.)])\s*[:.\-–—]?\s*", "", text, flags=re.I)
    for pattern, _ in GROUPINGS:
        match = pattern.search(text)
        if not match:
            continue
        before = text[: match.start()]
        trailing = re.search(r"(?:,\s*|\s+)(?:in|into|with)?\s*$", before)
        if (trailing and trailing.group(0).strip(" ,") or before.rstrip().endswith(",")) or match.group(0).lower().startswith(("in ", "into ")):
            kept = (before[: trailing.start()] if trailing else before) + text[match.end():]
            words = kept.strip(" ,.:;-–—").split()
            # "Split into new pairs" keeps its words: "Split" alone says nothing.
            if words and not (len(words) == 1 and words[0].lower() in SPLIT_VERBS):
                text = kept
        break
    text = re.sub(r",?\s*\b(?:picking|choosing|selecting|pick|choose)\s+(?:from|one|among)\s*$", "", text, flags=re.I)
    text = re.sub(r"\s{2,}", " ", text).strip(" :.-–—,;")
    if cut and len(text) > 70:
        at = text.rfind(" ", 0, 60)
        text = text[: at if at > 20 else 60].rstrip(" ,;:") + " ..."
    return _sentence_case(text)


def _set_extra(item: dict[str, Any], head: str) -> None:
    for key in ("optional", "early_finishers", "if_time"):
        item.pop(key, None)
    is_reading = item.get("kind") == "reading"
    if EARLY_RE.search(head):
        item["early_finishers" if is_reading else "if_time"] = True
    elif OPTIONAL_RE.search(head):
        item["optional"] = True
    elif IF_TIME_RE.search(head):
        item["if_time"] = True


def _extras_beside_readings(agenda: list[Noted]) -> None:
    """Readings for early finishers written below a week's plan ("Early
    finishers: ..." under a schedule table) go right after the week's last
    reading before them, where a person would put them."""
    for i in range(len(agenda) - 1, 0, -1):
        item = agenda[i].value
        if item["kind"] != "reading" or not (item.get("early_finishers") or item.get("optional")):
            continue
        if any(a.value["kind"] != "reading" or not (a.value.get("early_finishers") or a.value.get("optional"))
               for a in agenda[i + 1:]):
            continue  # only the extras the week ends with
        main = max((j for j in range(i) if agenda[j].value["kind"] == "reading"), default=None)
        if main is not None and main + 1 < i and all(a.value["kind"] != "reading" for a in agenda[main + 1:i]):
            agenda.insert(main + 1, agenda.pop(i))


def _count_guesses(value: Any) -> int:
    if isinstance(value, Noted):
        return len(value.notes) + _count_guesses(value.value)
    if isinstance(value, dict):
        return sum(_count_guesses(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count_guesses(v) for v in value)
    return 0

