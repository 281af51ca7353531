"""What the render stage is told: paper, sides, large print, extra stylesheets.

One `RenderOptions` is made per build (from the command line over the
curriculum) and passed whole to every handout and run-sheet. The choices
are stylesheets in packet/styles/, applied after handout.css and before an
organizer's own; the sizes of the page they set are stated here too, since
the body steps fit preformatted text and tables to the measure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from packet.errors import RenderError
from packet.render.body import Measure
from packet.render.pdf import STYLES_DIR

HANDOUT_CSS = STYLES_DIR / "handout.css"
ONE_SIDED_CSS = STYLES_DIR / "one-sided.css"
LARGE_PRINT_CSS = STYLES_DIR / "large-print.css"
RUNSHEET_CSS = STYLES_DIR / "runsheet.css"
SCREEN_CSS = STYLES_DIR / "screen.css"
# CSS name, width and height in points.
PAPERS = {"letter": ("letter", 612.0, 792.0), "a4": ("A4", 595.28, 841.89)}
SIDES = ("one", "two")
PT_PER_IN = 72.0

# Inner and outer page margins in inches, and type sizes in points, as
# handout.css and large-print.css set them (a test prints a line of exactly
# the measure to keep the two in step).
REGULAR = {"margins": (0.75, 1.45), "body": 10.5, "code": 9.0, "table": 8.8}
LARGE = {"margins": (0.6, 1.0), "body": 14.0, "code": 12.0, "table": 12.0}


@dataclass(frozen=True)
class RenderOptions:
    """How handouts and run-sheets are printed.

    `sides` "two" starts every reading on a right-hand page and pads each
    handout to an even page count, for duplex printing; "one" wastes no
    sheet on blank backs. `large_print` sets handouts in 14 pt (run-sheets
    stay as they are). `stylesheets` are the organizer's, applied last.
    `math_cache` is a folder where typeset formulas are remembered between
    builds (None: typeset every time).
    """

    paper: str = "letter"
    sides: str = "two"
    large_print: bool = False
    stylesheets: tuple[Path, ...] = field(default_factory=tuple)
    math_cache: Path | None = None

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise RenderError(f"unknown paper size {self.paper!r} (use letter or a4)")
        if self.sides not in SIDES:
            raise RenderError(f"unknown sides {self.sides!r} (use one or two)")

    @property
    def two_sided(self) -> bool:
        return self.sides == "two"

    @property
    def page_size(self) -> str:
        """The paper as CSS @page size names it."""
        return PAPERS[self.paper][0]

    @property
    def page_points(self) -> tuple[float, float]:
        """Width and height of the paper in points."""
        return PAPERS[self.paper][1], PAPERS[self.paper][2]

    def handout_stylesheets(self) -> list[Path]:
        sheets = [HANDOUT_CSS]
        if not self.two_sided:
            sheets.append(ONE_SIDED_CSS)
        if self.large_print:
            sheets.append(LARGE_PRINT_CSS)
        return sheets + [Path(p) for p in self.stylesheets]

    def measure(self) -> Measure:
        """The text column and type sizes a handout body is set in."""
        sizes = LARGE if self.large_print else REGULAR
        inner, outer = sizes["margins"]
        width = PAPERS[self.paper][1] - (inner + outer) * PT_PER_IN
        return Measure(
            text_width=width, body_size=sizes["body"], code_size=sizes["code"], table_size=sizes["table"]
        )
