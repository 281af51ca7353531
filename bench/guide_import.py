"""How close `packet import` of a guide comes to a curriculum written by hand.

Imports a facilitator guide (by default ../shared/curriculum-outline.md, the
guide the shipped curriculum.yaml was written from) and compares the result
with a hand-written curriculum (by default the shipped curriculum.yaml):

- weeks: same count, and titles equal (ignoring case and punctuation);
- readings by URL: hand-written readings whose address the import found;
- readings marked for early finishers or optional, by URL;
- videos with spans: videos whose URL, start and end all agree;
- questions: hand-written questions the import has in the same week
  (equal words, or one containing the other, ignoring case);
- minutes: blocks with minutes whose week has a block of the same kind with
  the same minutes.

Run: python bench/guide_import.py [GUIDE [CURRICULUM]]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from packet.authoring.importer import guide_to_yaml  # noqa: E402
from packet.curriculum import Curriculum, ReadingItem, Video  # noqa: E402
from packet.load import load_curriculum, parse_curriculum  # noqa: E402

DEFAULT_GUIDE = ROOT.parent / "shared" / "curriculum-outline.md"
DEFAULT_CURRICULUM = ROOT / "curriculum.yaml"


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _url(url: str | None) -> str:
    return re.sub(r"^https?://(www\.)?", "", (url or "").strip()).rstrip("/").lower()


def _extra_urls(curriculum: Curriculum) -> set[str]:
    urls = set()
    for week in curriculum.weeks:
        for item in week.agenda:
            if isinstance(item, ReadingItem) and item.is_extra:
                urls.update(_url(curriculum.reading(r).url) for r in item.readings)
    return urls


def _videos(curriculum: Curriculum) -> set[tuple[str, str, str | None]]:
    return {
        (_url(item.url), item.start, item.end)
        for week in curriculum.weeks for item in week.agenda if isinstance(item, Video) and item.url
    }


def _questions_match(wanted: str, found: list[str]) -> bool:
    w = _words(wanted)
    return any(w == f or (len(f) > 8 and f in w) or (len(w) > 8 and w in f) for f in map(_words, found))


def compare(imported: Curriculum, reference: Curriculum) -> dict[str, tuple[int, int]]:
    """Match counts (found, of) per measure."""
    counts: dict[str, tuple[int, int]] = {}
    counts["weeks"] = (min(len(imported.weeks), len(reference.weeks)), len(reference.weeks))
    titles = sum(
        _words(a.title) == _words(b.title) for a, b in zip(imported.weeks, reference.weeks)
    )
    counts["week titles"] = (titles, len(reference.weeks))
    wanted = {_url(r.url) for r in reference.readings}
    found = {_url(r.url) for r in imported.readings}
    counts["readings by URL"] = (len(wanted & found), len(wanted))
    counts["readings the import added"] = (len(found - wanted), len(found))
    extras = _extra_urls(reference)
    counts["early-finisher/optional readings"] = (len(extras & _extra_urls(imported)), len(extras))
    videos = _videos(reference)
    counts["videos with spans"] = (len(videos & _videos(imported)), len(videos))
    asked = matched = 0
    minutes_wanted = minutes_found = 0
    for ref_week in reference.weeks:
        week = next((w for w in imported.weeks if w.number == ref_week.number), None)
        questions = [q for item in (week.agenda if week else []) for q in item.questions]
        timed = [(item.kind, item.minutes) for item in (week.agenda if week else []) if item.minutes]
        for item in ref_week.agenda:
            for question in item.questions:
                asked += 1
                matched += _questions_match(question, questions)
            if item.minutes:
                minutes_wanted += 1
                minutes_found += (item.kind, item.minutes) in timed
    counts["questions"] = (matched, asked)
    counts["blocks with minutes"] = (minutes_found, minutes_wanted)
    return counts


def main(argv: list[str]) -> int:
    guide = Path(argv[0]) if argv else DEFAULT_GUIDE
    reference_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_CURRICULUM
    if not guide.exists():
        print(f"{guide}: not here (../shared is only on the project's machines)")
        return 0
    text, draft = guide_to_yaml(guide)
    imported = parse_curriculum(text, "imported.yaml")
    reference = load_curriculum(reference_path)
    print(f"{guide.name} imported and compared with {reference_path.name}:")
    for name, (found, total) in compare(imported, reference).items():
        print(f"  {name:34} {found:3} of {total}")
    print(f"  {'guesses marked in the YAML':34} {draft.guesses:3}")
    print(f"  {'lines not placed':34} {len(draft.unplaced):3}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
