"""Source-card facts read well: titles confirmed by the page, authors as
names, dates as dates."""

from pathlib import Path

import pytest
from lxml import html as lxml_html

from packet.extract import extract_article
from packet.extract.metadata import clean_authors, extract_metadata, iso_date, strip_site_from_title

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def test_a_byline_with_handle_date_and_reading_time_prints_one_name():
    html = (FIXTURES / "byline-with-handle-date-and-read-time.html").read_text(encoding="utf-8")
    article = extract_article(html, "https://sports.example/nfl/news/falcons")
    assert article.authors == ["Roger Gonzalez"]
    assert article.title == "Falcons' first loss will make us better, says Gonzalez"
    assert article.date == "2019-11-19"  # the placeholder 1970 date gives way
    assert article.site == "sports.example"


@pytest.mark.parametrize(
    "raw,names",
    [
        (["by Roger Gonzalez @rgonzalezcbs Nov 19, 2019 at 6:46 pm ET • 2 min read", "Roger Gonzalez"], ["Roger Gonzalez"]),
        (["By Stella Kim and Jennifer Jett"], ["Stella Kim", "Jennifer Jett"]),
        (["Martin Untersinger (avec Damien Leloup et Morgane Tual)"], ["Martin Untersinger", "Damien Leloup", "Morgane Tual"]),
        (["By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project"], ["Daniel Kahn Gillmor"]),
        (["Bradley M. Kuhn (http://ebb.org/bkuhn/)"], ["Bradley M. Kuhn"]),
        (["Par Sébastien Farcis"], ["Sébastien Farcis"]),
        (["By JOE HILDEBRAND"], ["Joe Hildebrand"]),
        (["Jong, Michiel de"], ["Jong, Michiel de"]),
        (["By Brenda Goodman, MA"], ["Brenda Goodman, MA"]),
        (["Contributors to Wikimedia projects"], ["Contributors to Wikimedia projects"]),
        (["Posted by admin on 12/03/2012"], ["admin"]),
        (["https://www.example.org/author/jane", "2019-11-19"], []),
    ],
)
def test_author_fields_become_names(raw, names):
    assert clean_authors(raw) == names


def test_text_read_off_the_page_passes_as_a_name_only_when_capitalised():
    assert clean_authors(["Follow this author for more"], strict=True) == []
    assert clean_authors(["By Joshua Sokol"], strict=True) == ["Joshua Sokol"]


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2019-11-19T18:46:00-05:00", "2019-11-19"), ("November 19th, 2019", "2019-11-19"), ("2019-02-30", None),
        ("1970-01-01T00:00:00Z", None), ("0001-01-01", None), ("9999-12-31", None), ("yesterday", None), ("2019", "2019"),
    ],
)
def test_dates_are_real_dates(value, expected):
    assert iso_date(value) == expected


def test_titles_lose_the_site_name_and_prefer_what_the_page_shows():
    assert strip_site_from_title("Lorem ipsum dolor sit amet – My website") == "Lorem ipsum dolor sit amet"
    assert strip_site_from_title("Short | Site") == "Short | Site"
    doc = lxml_html.document_fromstring(
        '<html><head><title>List of films featuring time loops - Wikipedia</title>'
        '<script type="application/ld+json"><!--{"@type":"Article","headline":"Wikimedia list article",'
        '"name":"List of films featuring time loops","author":{"@type":"Organization","name":"Contributors to Wikimedia projects"},'
        '"datePublished":"2014-03-27T19:11:24Z"}--></script></head>'
        "<body><h1>List of films featuring time loops</h1><p>Text.</p></body></html>"
    )
    meta = extract_metadata(doc, "https://en.wikipedia.org/wiki/List")
    assert meta.title == "List of films featuring time loops"
    assert meta.authors == ["Contributors to Wikimedia projects"]
    assert meta.date == "2014-03-27"
    assert meta.site == "en.wikipedia.org"


def test_a_byline_after_a_separator_loses_its_by():
    assert clean_authors(["| By Melissa Jenkins"], strict=True) == ["Melissa Jenkins"]
