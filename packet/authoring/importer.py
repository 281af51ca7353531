"""`packet import`: a facilitator guide in, a checked curriculum.yaml out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from packet.authoring.emit import emit
from packet.authoring.interpret import NoWeeks, interpret
from packet.authoring.read_guide import GuideError, read_guide
from packet.errors import CurriculumError, PacketError, UsageError
from packet.words import counted


@dataclass
class ImportOptions:
    guide: Path
    output: Path
    force: bool = False


@dataclass
class ImportResult:
    output: Path
    weeks: int
    readings: int
    videos: int
    guesses: int
    unplaced: int

    def summary(self) -> str:
        said = f"{counted(self.weeks, 'week')}, {counted(self.readings, 'reading')}, {counted(self.videos, 'video')}; "
        said += f"{counted(self.guesses, 'guess', 'guesses')} marked '# guessed:'"
        if self.unplaced:
            said += f", {counted(self.unplaced, 'line')} not placed (listed at the end)"
        return said


def guide_to_yaml(guide: Path) -> tuple[str, object]:
    """The curriculum text a guide becomes, and its draft (for counts)."""
    blocks = read_guide(guide)
    try:
        draft = interpret(blocks, guide.name)
    except NoWeeks:
        raise GuideError(
            f"{guide}: no weeks found (packet import looks for headings such as "
            "'Week 1: Title' or 'Session 2 - Title')"
        ) from None
    header = [
        f"Imported from {guide.name} by `packet import` on {dt.date.today().isoformat()}.",
        "Lines starting with '# guessed:' say what the import had to guess: check",
        "them against the guide. `packet check` validates this file; `packet build`",
        "prints it.",
    ]
    return emit(draft, header), draft


def import_guide(options: ImportOptions) -> ImportResult:
    """Read the guide, write the curriculum; never overwrite without force."""
    from packet.load import parse_curriculum
    from packet.render.pdf import write_atomically

    output = options.output
    if output.exists() and not options.force:
        raise UsageError(f"{output} already exists; use --force to replace it (or -o another file)")
    text, draft = guide_to_yaml(options.guide)
    try:
        parse_curriculum(text, str(output))
    except CurriculumError as exc:
        raise PacketError(
            f"{options.guide}: the import produced a curriculum that does not pass its own check "
            f"(please report this with the guide): {exc.problems[0]}"
        ) from None
    write_atomically(output, text.encode("utf-8"))
    return ImportResult(output, draft.weeks, draft.readings, draft.videos, draft.guesses, len(draft.unplaced))
