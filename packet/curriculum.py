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

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

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
    if not _CLOCK.match(value.strip()):
        raise ValueError(f"{value} is not a clock time (use hh:mm, e.g. 18:00)")
    return value.strip()


def _check_web_url(value: str) -> str:
    value = value.strip()
    if not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        raise ValueError(f"{value} is not a web address (use http:// or https://)")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a port past 65535
    except ValueError as exc:
        # "http://[::1" or "http://host:99999/": said now, not when fetching.
        raise ValueError(f"{value} is not a web address ({exc})") from None
    if not parts.hostname:
        raise ValueError(f"{value} is not a web address (no host)")
    return value


Timestamp = Annotated[str, AfterValidator(_check_timestamp)]
ClockTime = Annotated[str, AfterValidator(_check_clock)]
WebUrl = Annotated[str, AfterValidator(_check_web_url)]
Minutes = Annotated[float, Field(gt=0, le=600)]

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

    include: list[str] = Field(
        default_factory=list,
        description='Print only these sections, by heading number or text ("2", "Part I").',
    )
    skip: list[str] = Field(
        default_factory=list, description="Leave out these sections (with their subsections)."
    )
    keep: list[str] = Field(
        default_factory=list, description="Subsections to print even though a skipped section holds them."
    )
    stop_before: str | None = Field(
        None, description="Stop printing at this heading (number or text)."
    )
    reason: str | None = Field(
        None, description='Why, in words for readers ("Section 2 only: the rest is background").'
    )


class Reading(Model):
    """A text participants read: a web page, a paper, a PDF or a local file."""

    id: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="Short name that agenda items use to refer to the reading (lowercase, digits, dashes).",
    )
    title: str = Field(description="Title as printed on the source card.")
    authors: list[str] = Field(default_factory=list, description="Authors, in order.")
    year: int | None = Field(None, ge=1000, le=2100, description="Year of publication.")
    site: str | None = Field(None, description='Where it is published ("Alignment Forum", "arXiv").')
    url: WebUrl | None = Field(None, description="The reading's address; packet fetches the best rendering it can.")
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
    kind: Literal["article", "paper", "pdf", "report", "book", "slides", "website", "video"] = Field(
        "article", description="What sort of reading it is; a pdf is merged into the handout as pages."
    )
    sections: Sections | None = Field(None, description="Which sections to print, and why.")
    pages: str | None = Field(
        None, pattern=r"^\s*\d+\s*(-\s*\d+\s*)?(,\s*\d+\s*(-\s*\d+\s*)?)*$",
        description='For PDF readings: the pages to print ("3-6", "1,4-7").',
    )
    words: int | None = Field(
        None, gt=0, description="Approximate word count, for timing before the reading is fetched."
    )
    minutes: Minutes | None = Field(None, description="Minutes to read it in the meeting, if you know better than the word count.")
    note: str | None = Field(None, description="A note for readers, printed on the source card.")
    organizer_note: str | None = Field(None, description="A note for organizers only; never printed on handouts.")


class AgendaItemBase(Model):
    title: str | None = Field(None, description="Short name of the block on the run-sheet.")
    minutes: Minutes | None = Field(None, description="Planned minutes for the block.")
    grouping: Grouping | None = Field(None, description="How people are split for this block.")
    text: str | None = Field(None, description="What participants read on their handout about this block.")
    questions: list[str] = Field(default_factory=list, description="Questions shown to participants.")
    notes: str | None = Field(None, description="Facilitator-only notes; never on the handout.")
    say: list[str] = Field(default_factory=list, description="Prompts for the facilitator to say, in their own words.")
    materials: list[str] = Field(
        default_factory=list, description='Things the block needs ("projector", "whiteboard").'
    )
    links: list[Link] = Field(default_factory=list, description="Further links for the block.")
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
    readings: list[str] = Field(min_length=1, description="Ids of the readings read in this block, in order.")


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
    topics: list[str] = Field(default_factory=list, description="Topics to pick from.")
    sources: list[Link] = Field(default_factory=list, description="What the presentation draws on.")


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
    steps: list[str] = Field(min_length=1, description="The blocks of the plan, in order.")
    notes: str | None = Field(None, description="Why or when to use it.")


class Week(Model):
    """One meeting of the group."""

    number: int = Field(ge=0, description="Week number as the group counts (the first may be 0).")
    title: str = Field(description="The week's theme.")
    date: dt.date | None = Field(None, description="Meeting date, overriding the semester calendar.")
    summary: str | None = Field(None, description="A sentence for participants on the week's first page.")
    agenda: list[AgendaItem] = Field(default_factory=list, description="The blocks of the meeting, in order.")
    alternative: AlternativePlan | None = Field(None, description="Another way to run the meeting.")
    organizer_notes: list[str] = Field(
        default_factory=list, description="Notes for organizers; never printed on handouts."
    )


class Curriculum(Model):
    """A reading group's semester: its readings and the plan of each meeting."""

    title: str = Field(description="The group's name, printed on every handout.")
    term: str | None = Field(None, description='The semester ("Spring 2027").')
    meeting_minutes: int = Field(120, gt=0, le=600, description="Length of a meeting in minutes.")
    start_time: ClockTime = Field("18:00", description="When meetings start (hh:mm).")
    first_meeting: dt.date | None = Field(None, description="Date of week 0; later weeks follow weekly.")
    skip_dates: list[dt.date] = Field(default_factory=list, description="Dates with no meeting (breaks).")
    participants: int | None = Field(None, gt=0, description="How many copies of each handout to print.")
    reading_speed: int = Field(
        150, gt=20, le=1000,
        description="Words per minute for careful reading on paper, used to time readings.",
    )
    paper: Literal["letter", "a4"] = Field("letter", description="Paper size of handouts and run-sheets.")
    sides: Literal["one", "two"] = Field(
        "two",
        description="Printed on one side of each sheet or both; two-sided handouts start every reading on a right-hand page.",
    )
    large_print: bool = Field(
        False, description="Handouts in large print (14 pt body text) for readers who need it; run-sheets stay as they are."
    )
    stylesheet: str | None = Field(
        None, description="An extra CSS file for handouts, relative to the curriculum."
    )
    tips: list[Tip] = Field(default_factory=list, description="Standing advice for facilitators.")
    materials: list[str] = Field(default_factory=list, description="What to bring to every meeting.")
    readings: list[Reading] = Field(default_factory=list, description="Every reading of the semester.")
    weeks: list[Week] = Field(min_length=1, description="The meetings, in order.")

    def reading(self, reading_id: str) -> Reading:
        """The reading with this id (ids are checked when the curriculum loads)."""
        for reading in self.readings:
            if reading.id == reading_id:
                return reading
        raise KeyError(reading_id)
