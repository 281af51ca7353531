"""`packet new`: a starting curriculum a first-time organizer can fill in.

The file is valid as written (`packet check` passes on it), so an organizer
can build from the first minute and change one thing at a time; comments
explain each field where it first appears and show the blocks not yet used
(readings, videos) ready to uncomment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from packet.authoring.emit import SCHEMA_LINE, scalar
from packet.errors import UsageError


@dataclass
class StarterOptions:
    path: Path
    title: str = "Our reading group"
    weeks: int = 8
    minutes: int = 120
    start: str = "18:00"
    force: bool = False


def _split(minutes: int) -> tuple[int, int, int]:
    """Icebreaker, discussion and wrap-up minutes that fill a meeting."""
    icebreaker = min(15, max(5, round(minutes / 8 / 5) * 5))
    wrap_up = 5 if minutes >= 30 else 0
    return icebreaker, minutes - icebreaker - wrap_up, wrap_up


def starter_text(options: StarterOptions) -> str:
    icebreaker, discussion, wrap_up = _split(options.minutes)
    lines = [
        SCHEMA_LINE,
        "#",
        "# The plan of the group: its readings and what happens in each meeting.",
        "# Lines starting with # are comments, for you; packet ignores them.",
        "# Keep the indentation as it is (two spaces per level), and quote times",
        '# ("18:00") and text that contains a colon followed by a space.',
        "#",
        "#   packet check   says whether this file is right and how each week fits",
        "#   packet build   prints a handout and a run-sheet per week into build/",
        "",
        f"title: {scalar(options.title)}",
        f"meeting_minutes: {options.minutes}  # how long a meeting is",
        f'start_time: "{options.start}"  # when meetings start (hh:mm)',
        "# term: Spring 2027",
        "# first_meeting: 2027-01-14  # puts dates on handouts; later weeks follow weekly",
        "# skip_dates: [2027-03-04]  # weeks without a meeting (breaks)",
        "# participants: 12  # copies of each handout to print",
        "",
        "# What to bring to every meeting (the run-sheet's checklist).",
        "materials:",
        "  - pencils",
        "  - snacks",
        "",
        "# Standing advice for whoever facilitates, printed on every run-sheet.",
        "tips:",
        "  - summary: Ask everyone to come every week and to say in advance when they cannot.",
        "  - summary: Hand a question back to the group before answering it yourself.",
        "    detail: Someone else in the room often has a good answer, and hearing it from a",
        "      peer keeps the discussion going.",
        "",
        "# Every reading of the semester, once, with a short id the weeks refer to.",
        "# A reading has a url (a web page, a PDF, an arXiv paper) or a path to a",
        "# file next to this one; with only a title (and where: people find it) it is",
        "# read from a copy outside the packet. To add one, remove the [] and",
        "# uncomment the lines:",
        "readings: []",
        "#  - id: first-reading",
        "#    title: The reading's title",
        "#    authors: [First Author]",
        "#    year: 2024",
        "#    url: https://example.org/the-reading",
        '#    sections: {include: ["2"], reason: Section 2 only.}  # print part of it',
        "",
        "# One entry per meeting, in order. The kinds of agenda block are icebreaker,",
        "# reading, video, discussion, presentation, activity, feedback and wrap-up.",
        "weeks:",
    ]
    for number in range(options.weeks):
        first = number == 0
        lines += [
            f"  - number: {number}",
            f"    title: Week {number}" + ("  # the week's theme, printed on its handout" if first else ""),
            "    agenda:",
            "      - kind: icebreaker",
            "        title: Icebreaker",
            f"        minutes: {icebreaker}",
        ]
        if first:
            lines += [
                "        # How people are split: on your own, pairs, new pairs, groups of 2-3,",
                "        # new groups of 2-3, small groups then whole group, whole group.",
            ]
        lines += [
            "        grouping: groups of 2-3",
            "        questions:",
            "          - What brought you here?" if first else "          - What stayed with you from last week?",
        ]
        if first:
            lines += [
                "      # Reading on paper in the meeting (add the reading above first):",
                "      # - kind: reading",
                "      #   readings: [first-reading]",
                "      #   minutes: 30",
                "      # A video watched together; start and end are m:ss or h:mm:ss:",
                "      # - kind: video",
                "      #   title: The video's title",
                "      #   url: https://www.youtube.com/watch?v=...",
                '      #   start: "0:00"',
                '      #   end: "12:30"',
            ]
        lines += [
            "      - kind: discussion",
            "        title: Discussion",
            f"        minutes: {discussion}",
            "        grouping: small groups then whole group",
            "        questions:",
            "          - What is one thing you would ask the author?",
        ]
        if first:
            lines += [
                "        notes: Only the facilitator sees notes; questions go on the handout.",
            ]
        if wrap_up:
            lines += [
                "      - kind: wrap-up",
                "        title: Wrap-up",
                f"        minutes: {wrap_up}",
                "        text: Same time next week.",
            ]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_starter(options: StarterOptions) -> None:
    """Write the starting curriculum; never over an existing file without force."""
    from packet.render.pdf import write_atomically

    if options.path.exists() and not options.force:
        raise UsageError(f"{options.path} already exists; use --force to replace it (or name another file)")
    write_atomically(options.path, starter_text(options).encode("utf-8"))
