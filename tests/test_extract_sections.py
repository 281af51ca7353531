"""Printing part of a reading: by section number, heading text, or pages."""

from pathlib import Path

import pytest

from packet.extract.sections import parse_pages, select_sections
from packet.extract.text import html_text

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
ARXIV = (FIXTURES / "arxiv-latexml.html").read_text(encoding="utf-8")
FAILURE = (FIXTURES / "what-failure-looks-like.html").read_text(encoding="utf-8")


def headings(html: str) -> list[str]:
    return [line for line in html_text(html).splitlines() if line[:1].isdigit() or line.startswith("Part")]


def test_section_2_only():
    result = select_sections(ARXIV, include=["2"])
    assert result.matched
    assert headings(result.html) == ["2 Model"]
    assert "understanding that grows" in result.html and "Reading groups are small" not in result.html


def test_part_1_only_by_roman_or_arabic_number():
    for selector in ("Part I", "1", "Part 1", "part i:"):
        result = select_sections(FAILURE, include=[selector])
        assert result.matched, selector
        assert "convince Bob" in result.html and "influence" not in result.html and "stereotyped" not in result.html


def test_heading_text_prefix_selects_case_insensitively():
    result = select_sections(FAILURE, include=["influence-seeking"])
    assert "expand their own influence" in result.html and "convince Bob" not in result.html


def test_skip_section_3_except_3_1_keeps_the_section_3_heading_for_context():
    result = select_sections(ARXIV, skip=["3"], keep=["3.1"])
    assert headings(result.html) == ["1 Introduction", "2 Model", "3 Examples", "3.1 A philosophy seminar", "4 Discussion", "5 Conclusion"]
    assert "three examples" not in result.html and "physics journal club" not in result.html


def test_skip_section_5():
    result = select_sections(ARXIV, skip=["Section 5"])
    assert headings(result.html)[-1] == "4 Discussion" and "Read together, often" not in result.html


def test_stop_before_section_3():
    result = select_sections(ARXIV, stop_before="3")
    assert headings(result.html) == ["1 Introduction", "2 Model"]
    assert "Discussion" not in result.html


def test_selection_matching_nothing_changes_nothing_and_says_so():
    result = select_sections(ARXIV, include=["7"])
    assert not result.matched and result.html == ARXIV
    assert '"7"' in result.messages[0]


def test_one_selector_that_matches_nothing_leaves_the_rest_standing():
    # A typo or a section renumbered in a new version of the paper.
    result = select_sections(ARXIV, include=["2", "9"])
    assert result.matched and result.missing == ["9"]
    assert headings(result.html) == ["2 Model"] and '"9"' in result.messages[0]
    result = select_sections(ARXIV, skip=["3", "Appendix Z"], keep=["3.1"])
    assert result.missing == ["Appendix Z"]
    # A subsection to keep that is not found: nothing is skipped, so it is not lost.
    kept = select_sections(ARXIV, skip=["3"], keep=["3.9"])
    assert kept.matched and kept.missing == ["3.9"] and "physics journal club" in kept.html
    assert headings(result.html) == ["1 Introduction", "2 Model", "3 Examples", "3.1 A philosophy seminar", "4 Discussion", "5 Conclusion"]
    result = select_sections(ARXIV, include=["8", "9"], skip=["2"])
    assert not result.matched and result.html == ARXIV and result.missing == ["8", "9"]


def test_parse_pages():
    assert parse_pages("3-6", 10) == [2, 3, 4, 5]
    assert parse_pages("1,3,5-7", 10) == [0, 2, 4, 5, 6]


@pytest.mark.parametrize("spec", ["", "0", "4-2", "a-b", "3-11", "1,,2"])
def test_parse_pages_rejects_bad_specs(spec):
    with pytest.raises(ValueError):
        parse_pages(spec, 10)
