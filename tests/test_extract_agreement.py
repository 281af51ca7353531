"""The article's edges trimmed where a second reading of the page lacks them."""

from __future__ import annotations

import gzip
from pathlib import Path

from packet.extract import extract_article
from packet.extract.agreement import EDGE_MAX_WORDS, Reading, trim_edges
from packet.extract.text import html_text

REAL = Path(__file__).parent / "fixtures" / "real" / "pages"


def real(name: str) -> str:
    return gzip.decompress((REAL / name).read_bytes()).decode("utf-8")


def test_real_blog_post_ends_with_its_last_paragraph_not_the_posting_stamp():
    # mozilla/readability's ebb-org page (tests/fixtures/real/INDEX.md): the
    # post block ends with "Posted on … by …" and a link to the previous post.
    article = extract_article(real("blog-posted-on-stamp.html.gz"), "https://ebb.org/bkuhn/blog/2019/10/15/fsf-rms.html")
    assert article.text.endswith("other deplorable actions.")
    assert "Posted on Tuesday" not in article.text
    assert "Previous:" not in article.text
    # The author is on the source card instead.
    assert article.authors == ["Bradley M. Kuhn"]


def test_real_news_story_starts_with_its_first_paragraph_not_the_byline_lines():
    # mozilla/readability's webmd-1 page: byline, desk and reviewer above the story.
    article = extract_article(real("webmd-byline.html.gz"), "https://www.webmd.com/allergies/news/20150223/peanut-allergy")
    assert article.text.startswith("Feb. 23, 2015 -- Life-threatening peanut allergies")
    for furniture in ("By Brenda Goodman", "WebMD Health News", "Reviewed by"):
        assert furniture not in article.text
    assert article.authors == ["Brenda Goodman, MA"]


def test_real_source_list_prints_whole_though_the_second_reading_cuts_it_short():
    # The Ghost post's four sources are paragraphs alike; trafilatura's
    # reading stops after the second. The post's tag link after them goes.
    text = extract_article(real("ghost.html.gz"), "https://publikum.net/japan-und-die-hpv-impfungen/").text
    lines = text.splitlines()
    assert [line.split()[0] for line in lines[-4:]] == ["1", "2", "3", "4"]
    assert "Impfen" not in lines[-1]


# Hand-written stand-ins below: the shapes the rule must leave alone.

PROSE = "This paragraph of the article says something worth reading about the matter at hand, at length. "
SECOND_READING = "\n".join(["Intro words of the story begin here.", PROSE * 2, PROSE * 3])


def chosen(*blocks: str) -> str:
    return "<div>" + "".join(blocks) + "</div>"


def test_short_lines_at_the_edges_that_the_second_reading_lacks_go():
    html = chosen(
        "<p>By Jane Doe, Staff Writer</p>",
        f"<p>{PROSE * 2}</p>",
        f"<p>{PROSE * 3}</p>",
        "<p>Follow us on Twitter and Facebook</p>",
    )
    assert html_text(trim_edges(html, Reading(SECOND_READING))) == html_text(chosen(f"<p>{PROSE * 2}</p>", f"<p>{PROSE * 3}</p>"))


def test_what_the_trim_never_touches():
    long_line = " ".join(["word"] * (EDGE_MAX_WORDS + 1))
    html = chosen(
        "<h2>A heading of the article</h2>",
        "<figure><img src='https://example.com/a.png'><figcaption>A chart of things</figcaption></figure>",
        "<p><img src='https://example.com/b.png'></p><p>Caption of the loose image</p>",
        f"<p>{PROSE * 2}</p>",
        "<p>A short line between two shared paragraphs</p>",
        f"<p>{PROSE * 3}</p>",
        f"<p>{long_line}</p>",
        "<table><tr><td>a table cell</td></tr></table>",
        "<pre>code = 1</pre>",
        "<div class='footnotes'><ol><li id='fn1'>A note the article points to.</li></ol></div>",
        "<p id='fn2'>2. A note as a plain paragraph.</p>",
        "<p>See the note<a href='#fn2'>2</a></p>",
    )
    from packet.extract.article import _is_notes

    kept = html_text(trim_edges(html, Reading(SECOND_READING), _is_notes))
    for text in (
        "A heading of the article",
        "A chart of things",
        "Caption of the loose image",
        "A short line between two shared paragraphs",
        long_line,
        "a table cell",
        "code = 1",
        "A note the article points to.",
        "2. A note as a plain paragraph.",
    ):
        assert text in kept


def test_the_authors_own_notes_at_the_edges_stay():
    html = chosen(
        "<p><em>Epistemic status: speculative, written quickly.</em></p>",
        "<p>Update (May 2024): I now think the second point is wrong.</p>",
        f"<p>{PROSE * 2}</p>",
        f"<p>{PROSE * 3}</p>",
        "<p>Thanks to Ann and Bob for comments on a draft.</p>",
        "<p>Follow us on Twitter and Facebook</p>",
    )
    kept = html_text(trim_edges(html, Reading(SECOND_READING)))
    for note in ("Epistemic status", "Update (May 2024)", "Thanks to Ann"):
        assert note in kept
    assert "Follow us" not in kept


def test_a_list_goes_whole_or_not_at_all():
    html = chosen(
        f"<p>{PROSE * 2}</p>",
        f"<p>{PROSE * 3}</p>",
        "<ul><li>Intro words of the story begin here.</li><li>A second item <a href='/x'>the other reading lacks</a></li></ul>",
    )
    assert "A second item the other reading lacks" in html_text(trim_edges(html, Reading(SECOND_READING)))


def test_a_run_of_lines_built_alike_goes_whole_or_not_at_all():
    html = chosen(
        f"<p>{PROSE * 2}</p>",
        f"<p>{PROSE * 3}</p>",
        "<p><em>1 <a href='https://example.com/a'>Intro words of the story begin here.</a></em></p>",
        "<p><em>2 <a href='https://example.com/b'>https://example.com/b</a></em></p>",
    )
    assert "2 https://example.com/b" in html_text(trim_edges(html, Reading(SECOND_READING)))


def test_a_second_reading_that_stopped_early_is_not_taken_for_a_tail():
    # Past the last shared line: a short question, two long answers the
    # other reading lacks (more words than a bio), then a share line.
    answer = " ".join(["answer"] * 45)
    html = chosen(
        f"<p>{PROSE * 6}</p>",
        f"<p>{PROSE * 6}</p>",
        "<p>Q: And what comes next?</p>",
        f"<p>{answer}</p>",
        f"<p>{answer}</p>",
        "<p><a href='/share'>Share this</a></p>",
    )
    kept = html_text(trim_edges(html, Reading(SECOND_READING)))
    assert "Q: And what comes next?" in kept
    assert "Share this" not in kept


def test_nothing_goes_when_the_two_readings_found_different_articles():
    # They share one short line, not most of the text.
    other_prose = "Quite another text, on other things entirely, that the second reading never saw. "
    html = chosen(
        f"<p>{other_prose * 3}</p>",
        "<p>Intro words of the story begin here.</p>",
        "<p><a href='/follow'>Follow us</a> on Twitter and Facebook</p>",
    )
    assert trim_edges(html, Reading(SECOND_READING)) == html
    assert trim_edges(html, Reading("")) == html


def test_a_short_box_readability_took_for_the_article_gives_way_to_the_second_reading(monkeypatch):
    # readability-lxml sometimes takes a box beside the article: a comment
    # form's note, a teaser, a byline (seen on extraction-dev pages). Its
    # wrong choice is simulated here, on a real WordPress page.
    from packet.extract import article as article_module

    note = "<div><p>NOTE: Please limit your comments to 500 words. The system will not recognize formatting such as italics.</p></div>"
    monkeypatch.setattr(article_module, "choose_article_html", lambda doc: note)
    text = extract_article(real("wordpress.html.gz"), "https://wptavern.com/post").text
    assert "Please limit your comments" not in text
    assert "Stack Overflow published its analysis of 2017 hiring trends" in text


def test_a_short_article_the_second_reading_agrees_with_or_barely_outweighs_stays():
    from packet.extract.agreement import strays

    post = f"<div><p>{PROSE}</p></div>"
    # The other reading is the same post with the author box beside it.
    assert not strays(post, Reading(PROSE + " About the author: " + "a few words " * 40))
    # Another text, but not ten times longer: a short post, not a box.
    assert not strays(post, Reading("Quite another text. " * 30))
    # Another text ten times longer: the post was a box beside it.
    assert strays(post, Reading("Quite another text, at length. " * 60))
