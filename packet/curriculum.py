"""The curriculum: pydantic models of curriculum.yaml, the pipeline's input.

The models are the documentation: every field has a description, the JSON
Schema editors use is generated from them (`packet schema`), and so is the
README's reference. Loading lives in `packet.load`, which turns validation
failures into located one-line problems.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Union
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

TIME_HELP = "use m:ss or h:mm:ss"
_TIMESTAMP = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def timestamp_seconds(value: str) -> int:
    """Seconds into a video for a `m:ss` or `h:mm:ss` timestamp."""
    match = _TIMESTAMP.match(value.strip())
    if not match:
        raise ValueError(f"{value} is not a time ({TIME_HELP})")
    hours, minutes, seconds = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)


def _check_timestamp(value: str) -> str:
    timestamp_seconds(value)
    return value.strip()


def _check_clock(value: str) -> str:
    """A start time as people write it (18:30, 6:30pm, 18h30), kept as hh:mm:
    one reading of a time for the curriculum and the `--start` option."""
    from packet.clock import parse_clock

    clock = parse_clock(value) if not _CLOCK.match(value.strip()) else value.strip()
    if clock is None:
        raise ValueError(f"{value} is not a clock time (use hh:mm, e.g. 18:00, or 6pm)")
    hours, minutes = clock.split(":")
    return f"{int(hours):02d}:{minutes}"


def _check_web_url(value: str) -> str:
    value = value.strip()
    if not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        raise ValueError(f"{value} is not a web address (use http:// or https://)")
    if re.search(r"\s", value):
        # Pasted with a note after it ("... (see section 2)"), or a space the
        # browser would have written %20: either way not one address.
        raise ValueError(f"{value} has a space in it; an address has none (write a space inside it as %20)")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a port past 65535
    except ValueError as exc:
        # "http://[::1" or "http://host:99999/": said now, not when fetching.
        raise ValueError(f"{value} is not a web address ({exc})") from None
    if not parts.hostname:
        raise ValueError(f"{value} is not a web address (no host)")
    return value


_MINUTES_TEXT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:m|mins?|minutes?)\.?\s*$", re.IGNORECASE)
_HOURS_TEXT = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)\.?\s*(?:(\d{1,2})\s*(?:m|mins?|minutes?)?\.?)?\s*$", re.IGNORECASE
)
_H_MM_TEXT = re.compile(r"^\s*(\d+):([0-5]\d)\s*$")


def _minutes(value: object) -> object:
    """Minutes as organizers write them: 20, "20 min", "1h30", "1.5 hours".
    A clock-like "1:30" is refused with the number to write: it could be an
    hour and a half or a minute and a half."""
    if not isinstance(value, str):
        return _not_true_or_false(value)
    if match := _MINUTES_TEXT.match(value):
        return float(match.group(1))
    if match := _HOURS_TEXT.match(value):
        return float(match.group(1)) * 60 + int(match.group(2) or 0)
    if match := _H_MM_TEXT.match(value):
        hours, mins = int(match.group(1)), int(match.group(2))
        raise ValueError(f"{value.strip()} is not a number of minutes (for {hours} h {mins:02d} write {hours * 60 + mins})")
    return value


_LOOSE_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DATE_AND_TIME = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)(?!0?0:00(?::00)?\s*$)\d")


def _date(value: object) -> object:
    """yyyy-mm-dd, also without leading zeros (2026-9-8). A number is never a
    date here (pydantic would read 0 as 1 January 1970), nor a date and time."""
    if isinstance(value, (bool, int, float)):
        raise ValueError(f"expected a date (yyyy-mm-dd), got {value}")
    if isinstance(value, str):
        if match := _LOOSE_DATE.match(value):
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                raise ValueError(f"expected a date (yyyy-mm-dd), got {value.strip()}") from None
        if _DATE_AND_TIME.match(value):
            raise ValueError(
                f"expected a date (yyyy-mm-dd), got {value.strip()}: write the day alone "
                "(the meeting's time is start_time)"
            )
    return value


def _not_true_or_false(value: object) -> object:
    """true/false is never a number here (pydantic would read true as 1)."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {str(value).lower()}")
    return value


def _one_or_many(value: object) -> object:
    """A list field given one item is a list of that item (`authors: Nate
    Soares`, `questions: Why?`); given nothing (`questions:` left empty) it
    is an empty list."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return value
    return [value]


def _choice(aliases: dict[object, str] | None = None):
    """A fixed choice matched as people type it: any case, dashes of any
    length, spaces collapsed ("A4", "Groups of 2–3")."""

    def normal(value: object) -> object:
        if isinstance(value, str):
            text = " ".join(re.sub(r"[\u2010-\u2015\u2212]", "-", value).split()).lower()
            return (aliases or {}).get(text, text)
        if aliases and isinstance(value, int) and not isinstance(value, bool):
            return aliases.get(value, value)
        return value

    return BeforeValidator(normal)


def agenda_kind(value: object) -> object:
    """An agenda item's kind as written ("Reading", "Wrap up") as packet names it."""
    if not isinstance(value, str):
        return value
    return "-".join(re.sub(r"[\u2010-\u2015_]", " ", value).lower().split())


def _agenda_items(value: object) -> object:
    items = _one_or_many(value)
    if not isinstance(items, (list, tuple)):
        return items
    return [
        {**item, "kind": agenda_kind(item["kind"])} if isinstance(item, dict) and "kind" in item else item
        for item in items
    ]


Timestamp = Annotated[str, AfterValidator(_check_timestamp)]
ClockTime = Annotated[str, AfterValidator(_check_clock)]
WebUrl = Annotated[str, AfterValidator(_check_web_url)]
Minutes = Annotated[float, Field(gt=0, le=600), BeforeValidator(_minutes)]
Day = Annotated[dt.date, BeforeValidator(_date)]
TextList = Annotated[list[str], BeforeValidator(_one_or_many)]
Whole = Annotated[int, BeforeValidator(_not_true_or_false)]

_SIDES: dict[object, str] = {
    1: "one", 2: "two", "1": "one", "2": "two", "one-sided": "one", "two-sided": "two",
    "single": "one", "double": "two", "duplex": "two", "simplex": "one",
}

Grouping = Literal[
    "on your own",
    "pairs",
    "new pairs",
    "groups of 2-3",
    "new groups of 2-3",
    "small groups then whole group",
    "whole group",
]


class Model(BaseModel):
    # Validators are built when a curriculum is first checked, not at import:
    # commands that never load one (print, extract) start faster.
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=False, defer_build=True)


class Link(Model):
    """A titled link shown with its address and a QR code."""

    title: str = Field(description="What the link is, as shown on paper.")
    url: WebUrl = Field(description="The http(s) address.")
    note: str | None = Field(None, description="A short remark shown after the title.")


class Tip(Model):
    """Standing advice for facilitators, printed on run-sheets."""

    summary: str = Field(description="The tip in one line, repeated on every week's run-sheet.")
    detail: str | None = Field(None, description="The tip in full, printed on the first week's run-sheet.")


class Sections(Model):
    """Which part of a reading to print, and why (shown on its source card)."""

    include: TextList = Field(
        default_factory=list,
        description='Print only these sections, by heading number or text ("2", "Part I").',
    )
    skip: TextList = Field(
        default_factory=list, description="Leave out these sections (with their subsections)."
    )
    keep: TextList = Field(
        default_factory=list, description="Subsections to print even though a skipped section holds them."
    )
    stop_before: str | None = Field(
        None, description="Stop printing at this heading (number or text)."
    )
    reason: str | None = Field(
        None, description='Why, in words for readers ("Section 2 only: the rest is background").'
    )


class Reading(Model):
    """A text participants read: a web page, a paper, a PDF, a local file, or a copy outside the packet."""

    id: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="Short name that agenda items use to refer to the reading (lowercase, digits, dashes).",
    )
    title: str = Field(description="Title as printed on the source card.")
    authors: TextList = Field(default_factory=list, description="Authors, in order.")
    year: Annotated[int, Field(ge=1000, le=2100), BeforeValidator(_not_true_or_false)] | None = Field(None, description="Year of publication.")
    site: str | None = Field(None, description='Where it is published ("Alignment Forum", "arXiv").')
    url: WebUrl | None = Field(
        None,
        description=(
            "The reading's address; packet fetches the best rendering it can. With neither url nor path the "
            "reading is not in the packet (a book chapter read from people's own copies): nothing is fetched, "
            "and its source card says where to find it."
        ),
    )
    path: str | None = Field(
        None,
        description=(
            "A local HTML, Markdown or PDF file instead of a URL, relative to the curriculum. A saved web page's "
            "source card gives the address the page declares for itself (its canonical link, `og:url`, or the "
            "address the browser noted when it saved the page) with its QR code; any other file is named on the "
            "card, without a QR code. Pictures in the file's folder (a saved page's `_files` folder, a figure "
            "beside Markdown notes) are printed with it."
        ),
    )
    where: str | None = Field(
        None,
        description=(
            'For a reading not in the packet (no url or path): where people find it, printed on its source card '
            'and the run-sheet ("your own copy, pp. 45-70", "copies handed out at the meeting").'
        ),
    )
    kind: Annotated[Literal["article", "paper", "pdf", "report", "book", "slides", "website", "video"], _choice()] = Field(
        "article", description="What sort of reading it is; a pdf is merged into the handout as pages."
    )
    sections: Sections | None = Field(None, description="Which sections to print, and why.")
    pages: str | None = Field(
        None, pattern=r"^\s*\d+\s*(-\s*\d+\s*)?(,\s*\d+\s*(-\s*\d+\s*)?)*$",
        description='For PDF readings: the pages to print ("3-6", "1,4-7"); for a reading not in the packet, the pages to read.',
    )
    words: Annotated[int, Field(gt=0), BeforeValidator(_not_true_or_false)] | None = Field(
        None, description="Approximate word count, for timing before the reading is fetched."
    )
    minutes: Minutes | None = Field(None, description="Minutes to read it in the meeting, if you know better than the word count.")
    note: str | None = Field(None, description="A note for readers, printed on the source card.")
    organizer_note: str | None = Field(None, description="A note for organizers only; never printed on handouts.")

    @property
    def in_packet(self) -> bool:
        """Fetched and printed in the handout; False for a reading with
        neither url nor path, read from a copy outside the packet."""
        return self.url is not None or self.path is not None


class AgendaItemBase(Model):
    title: str | None = Field(None, description="Short name of the block on the run-sheet.")
    minutes: Minutes | None = Field(None, description="Planned minutes for the block.")
    grouping: Annotated[Grouping, _choice()] | None = Field(None, description="How people are split for this block.")
    text: str | None = Field(None, description="What participants read on their handout about this block.")
    questions: TextList = Field(default_factory=list, description="Questions shown to participants.")
    notes: str | None = Field(None, description="Facilitator-only notes; never on the handout.")
    say: TextList = Field(default_factory=list, description="Prompts for the facilitator to say, in their own words.")
    materials: TextList = Field(
        default_factory=list, description='Things the block needs ("projector", "whiteboard").'
    )
    links: Annotated[list[Link], BeforeValidator(_one_or_many)] = Field(default_factory=list, description="Further links for the block.")
    optional: bool = Field(False, description="The block may be dropped when time is short.")
    early_finishers: bool = Field(False, description="Only for people who finish the main reading early.")
    if_time: bool = Field(False, description="Only if time is left at the end.")

    @property
    def is_extra(self) -> bool:
        """Optional, early-finisher and if-time blocks go after the run-sheet's cut line."""
        return self.optional or self.early_finishers or self.if_time


class Icebreaker(AgendaItemBase):
    """Introductions and a light question to get people talking."""

    kind: Literal["icebreaker"] = Field(description="Type of block.")


class ReadingItem(AgendaItemBase):
    """Reading on paper, in the meeting."""

    kind: Literal["reading"] = Field(description="Type of block.")
    readings: TextList = Field(min_length=1, description="Ids of the readings read in this block, in order.")


class Discussion(AgendaItemBase):
    """Talking through questions, in groups or all together."""

    kind: Literal["discussion"] = Field(description="Type of block.")


class Video(AgendaItemBase):
    """Watching a video together on the projector."""

    kind: Literal["video"] = Field(description="Type of block.")
    title: str = Field(description="The video's title.")
    url: WebUrl | None = Field(
        None, description="The video's address; leave it out while the video is still to be chosen."
    )
    by: str | None = Field(None, description="Channel or speaker.")
    start: Timestamp = Field("0:00", description="Where to start playing (m:ss or h:mm:ss).")
    end: Timestamp | None = Field(None, description="Where to stop playing (m:ss or h:mm:ss).")


class Presentation(AgendaItemBase):
    """The facilitator presents, with slides or media."""

    kind: Literal["presentation"] = Field(description="Type of block.")
    topics: TextList = Field(default_factory=list, description="Topics to pick from.")
    sources: Annotated[list[Link], BeforeValidator(_one_or_many)] = Field(default_factory=list, description="What the presentation draws on.")


class Activity(AgendaItemBase):
    """A hands-on exercise: whiteboard work, explaining to a partner, a diagram."""

    kind: Literal["activity"] = Field(description="Type of block.")


class Feedback(AgendaItemBase):
    """Participants give feedback on the group."""

    kind: Literal["feedback"] = Field(description="Type of block.")


class WrapUp(AgendaItemBase):
    """Closing the meeting."""

    kind: Literal["wrap-up"] = Field(description="Type of block.")


AgendaItem = Annotated[
    Union[Icebreaker, ReadingItem, Discussion, Video, Presentation, Activity, Feedback, WrapUp],
    Field(discriminator="kind"),
]
AGENDA_KINDS = ("icebreaker", "reading", "discussion", "video", "presentation", "activity", "feedback", "wrap-up")


class AlternativePlan(Model):
    """Another way the meeting can run, e.g. how it actually ran last time."""

    title: str = Field(description='What the plan is ("How it actually ran").')
    steps: TextList = Field(min_length=1, description="The blocks of the plan, in order.")
    notes: str | None = Field(None, description="Why or when to use it.")


class Week(Model):
    """One meeting of the group."""

    number: Whole = Field(ge=0, description="Week number as the group counts (the first may be 0).")
    title: str = Field(description="The week's theme.")
    date: Day | None = Field(None, description="Meeting date, overriding the semester calendar.")
    summary: str | None = Field(None, description="A sentence for participants on the week's first page.")
    agenda: Annotated[list[AgendaItem], BeforeValidator(_agenda_items)] = Field(default_factory=list, description="The blocks of the meeting, in order.")
    alternative: AlternativePlan | None = Field(None, description="Another way to run the meeting.")
    organizer_notes: TextList = Field(
        default_factory=list, description="Notes for organizers; never printed on handouts."
    )


class Curriculum(Model):
    """A reading group's semester: its readings and the plan of each meeting."""

    title: str = Field(description="The group's name, printed on every handout.")
    term: str | None = Field(None, description='The semester ("Spring 2027").')
    meeting_minutes: Annotated[int, BeforeValidator(_minutes)] = Field(120, gt=0, le=600, description="Length of a meeting in minutes.")
    start_time: ClockTime = Field("18:00", description="When meetings start: 18:00, 6:30pm or 18h30 (read as hh:mm).")
    first_meeting: Day | None = Field(None, description="Date of week 0; later weeks follow weekly.")
    skip_dates: Annotated[list[Day], BeforeValidator(_one_or_many)] = Field(default_factory=list, description="Dates with no meeting (breaks).")
    participants: Annotated[int, Field(gt=0), BeforeValidator(_not_true_or_false)] | None = Field(None, description="How many copies of each handout to print.")
    reading_speed: Whole = Field(
        150, gt=20, le=1000,
        description="Words per minute for careful reading on paper, used to time readings.",
    )
    paper: Annotated[Literal["letter", "a4"], _choice({"us letter": "letter"})] = Field("letter", description="Paper size of handouts and run-sheets.")
    sides: Annotated[Literal["one", "two"], _choice(_SIDES)] = Field(
        "two",
        description="Printed on one side of each sheet or both; two-sided handouts start every reading on a right-hand page.",
    )
    large_print: bool = Field(
        False, description="Handouts in large print (14 pt body text) for readers who need it; run-sheets stay as they are."
    )
    stylesheet: str | None = Field(
        None, description="An extra CSS file for handouts, relative to the curriculum."
    )
    tips: Annotated[list[Tip], BeforeValidator(_one_or_many)] = Field(default_factory=list, description="Standing advice for facilitators.")
    materials: TextList = Field(default_factory=list, description="What to bring to every meeting.")
    readings: Annotated[list[Reading], BeforeValidator(_one_or_many)] = Field(default_factory=list, description="Every reading of the semester.")
    weeks: Annotated[list[Week], BeforeValidator(_one_or_many)] = Field(min_length=1, description="The meetings, in order.")

    def reading(self, reading_id: str) -> Reading:
        """The reading with this id (ids are checked when the curriculum loads)."""
        for reading in self.readings:
            if reading.id == reading_id:
                return reading
        raise KeyError(reading_id)
