"""extract_article on small pages shaped like real sites."""

import gzip
import re
from pathlib import Path

import pytest

from packet.errors import ExtractError
from packet.extract import extract_article
from packet.extract.preview import article_record, error_record, plain_text, standalone_html

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def extract(name: str, url: str = "http://fakehost/post.html"):
    return extract_article((FIXTURES / name).read_text(encoding="utf-8"), url)


def test_blog_post_keeps_article_and_drops_site_chrome():
    article = extract("blog-post-with-widgets.html")
    assert article.title == "How We Read Together"
    assert article.site == "The Reading Blog"
    assert article.lang == "en"
    for kept in ("<h2>Agreeing on a list</h2>", "<ul>", "<table>", "<blockquote>", "<pre><code>"):
        assert kept in article.html
    for gone in ("cookies", "Share on Twitter", "newsletter", "Jane Doe", "Related posts", "Great post", "Read more", "Home"):
        assert gone not in article.text
    assert "How We Read Together" not in article.text  # the source card prints the title
    assert article.word_count == len(article.text.split()) > 100


def test_images_listed_with_absolute_urls():
    article = extract("lazy-images.html")
    assert article.images == [
        "http://fakehost/img/data-src.jpg",
        "http://fakehost/img/large.jpg",
        "http://fakehost/img/s2.jpg",
        "http://fakehost/img/pic-1600.webp",
        "http://fakehost/img/noscript-real.jpg",
    ]


def test_headings_start_at_h2_under_the_title():
    article = extract("headings-start-at-h4.html")
    assert "<h2>First part</h2>" in article.html and "<h3>A detail</h3>" in article.html


def test_figure_and_caption_survive_extraction():
    article = extract("lone-image-with-caption.html")
    assert "<figure>" in article.html and "<figcaption>The reading room at dawn.</figcaption>" in article.html


def test_arxiv_metadata_from_citation_tags_and_math_kept():
    article = extract("arxiv-latexml.html", "https://arxiv.org/html/2101.00001")
    assert article.title == "Reading Groups as Learning Systems"
    assert article.authors == ["Ada Lovelace", "Alan Turing"]
    assert article.date == "2021-01-04"
    assert '<annotation encoding="application/x-tex">' in article.html
    assert 'class="ltx_tag ltx_tag_section"' in article.html
    assert article.text.count(r"u_{t+1}=u_t+\alpha(\bar{u}_t-u_t)") == 1


def test_jsonld_wins_over_opengraph():
    article = extract("jsonld-news-article.html")
    assert article.title == "Ein Artikel über das Lesen"
    assert article.authors == ["Erika Mustermann", "Max Muster"]
    assert article.date == "2023-05-17"
    assert article.site == "Die Zeitung"
    assert article.lang == "de-DE"


def test_opengraph_metadata():
    article = extract("opengraph-only.html")
    assert (article.title, article.site, article.date, article.lang) == (
        "An Open Graph Title", "Example Magazine", "2020-02-29", "en-GB",
    )
    assert article.authors == ["Sam Writer"]


def test_dublin_core_metadata():
    article = extract("dublin-core.html")
    assert (article.title, article.authors, article.date, article.lang, article.site) == (
        "A Dublin Core Report", ["Institute Author"], "2019-11-05", "fr", "The Institute",
    )


def test_javascript_shell_page_raises_clear_error():
    with pytest.raises(ExtractError, match="needs JavaScript"):
        extract("javascript-app-shell.html")


def test_empty_page_raises():
    with pytest.raises(ExtractError):
        extract_article("", "http://fakehost/empty")


def test_deeply_nested_hostile_page_does_not_crash():
    hostile = "<html><body>" + "<div>" * 10000 + "<p>x</p>" + "</div>" * 10000 + "</body></html>"
    with pytest.raises(ExtractError):
        extract_article(hostile, "http://fakehost/deep")


def test_preview_records_and_page():
    article = extract("blog-post-with-widgets.html")
    record = article_record("week1.yaml#0", article, "page")
    assert set(record) == {"source", "route", "format", "title", "authors", "date", "site", "lang", "word_count", "text", "html"}
    assert (record["route"], record["format"]) == ("page", None)
    assert error_record("x", "boom", "page") == {"source": "x", "route": "page", "error": "boom"}
    page = standalone_html([("week1.yaml#0", article)])
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "<h1>How We Read Together</h1>" in page
    assert '<article lang="en" dir="auto">' in page  # a right-to-left reading reads right to left
    assert "Agreeing on a list" in plain_text(article)


def test_binary_junk_served_as_html_is_refused_not_printed():
    import random

    junk = bytes(random.Random(1).randrange(256) for _ in range(20000)).decode("latin-1")
    with pytest.raises(ExtractError, match="binary data|no article text"):
        extract_article(junk, "https://example.org/junk")


def test_stray_control_characters_do_not_stop_extraction():
    page = "<html><body><article><h1>T</h1><p>" + "Words of the article go on here. " * 40 + "\x0c\x01</p></article></body></html>"
    assert extract_article(page, "https://example.org/a").word_count > 200


def test_markup_libxml2_drops_is_read_as_browsers_read_it():
    article = extract("stray-quote-in-html-tag.html", "https://example.org/news/lighthouse")
    assert "ninety-two steps to the lantern room" in article.text
    assert "shipping records" in article.text


def test_article_in_a_layout_table_cell_leaves_the_menu_cells():
    article = extract("article-in-a-layout-table-cell.html")
    assert "Interesting research from a policy institute" in article.text
    assert "should surprise no one" in article.text
    for gone in ("Essays", "Archives by date", "On passwords", "Recent entries"):
        assert gone not in article.text


def test_short_post_is_not_swapped_for_the_author_box_beside_it():
    article = extract("short-post-beside-author-box.html")
    assert "preserving these paper punched leaves" in article.text
    for gone in ("prolific blogger", "Drop us a line", "different kind of tribe", "Categories"):
        assert gone not in article.text


def test_a_figure_caption_is_not_taken_for_the_article_of_a_page_in_lists():
    article = extract("captioned-figure-among-lists.html")
    for kept in ("Highlights", "second profile open", "import logins", "Project updates", "page range field"):
        assert kept in article.text
    assert "<h2>Highlights</h2>" in article.html


def test_a_page_of_a_few_words_without_scripts_says_them():
    page = "<html><head><title>Test</title></head><body>Test page here</body></html>"
    assert extract_article(page, "https://example.org/test").text == "Test page here"


def test_section_headings_survive_in_their_own_blocks_as_links_and_with_slug_ids():
    article = extract("section-headings-in-their-own-blocks.html")
    for heading in (
        "Introduction", "Glossary", "1. AI shines a light on cumbersome toolchains",
        "A trademark battle in the community", "Detecting anomalies",
    ):
        assert heading in article.text.splitlines()
    assert article.html.count("<h2") == 5


def test_prose_survives_beside_the_list_of_links_in_its_block():
    article = extract("prose-and-related-links-in-one-block.html")
    assert "here are a few more pictures found on the photo sharing sites" in article.text


def test_a_page_that_names_no_title_is_titled_by_its_first_heading():
    # Hand-written stand-in for an old news page: no <title>, no og:title, no
    # h1; the headline is an <h2> inside the story cell. The card used to be
    # titled with the page's address.
    story = "<p>TORONTO (AP) - The guard was cleared to resume workouts on Wednesday after visiting a spine specialist, the team said.</p>" * 4
    page = f"<html><head></head><body><table><tr><td><a href=/>Home</a></td><td><h2>Guard close to resuming workouts</h2>{story}</td></tr></table></body></html>"
    article = extract_article(page, "https://example.org/sports/0109.html")
    assert article.title == "Guard close to resuming workouts"
    assert "Guard close to resuming workouts" not in article.text  # printed once, on the card
    # A heading after the story's first paragraph is a section, not the title.
    later = f"<html><head></head><body><article>{story}<h2>Background</h2>{story}</article></body></html>"
    assert extract_article(later, "https://example.org/sports/0110.html").title == ""


POST_URL = "https://example.org/2012/journal-issue.html"


def _post(list_items: str) -> str:
    prose = "We are delighted to publish a collection of articles that we think are timely, interesting and insightful, and here they are."
    after = "We hope that you will find them fun to read, and that you will share them with others who might enjoy them too."
    paragraphs = "".join(f"<p>Paragraph {n}: scholars write, and readers wait; so much of it is locked away, which depresses me.</p>" for n in range(4))
    return (
        "<html><head><title>An open-access issue</title></head><body>"
        '<div id="nav"><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></div>'
        f'<div class="entry-content">{paragraphs}<p>{prose}</p><ul>{list_items}</ul><p>{after}</p></div>'
        "</body></html>"
    )


def test_a_list_of_links_between_paragraphs_that_says_something_of_each_is_printed():
    # Hand-written stand-in for a blog post whose heart is a list of links
    # (the papers of a journal issue, each with its authors): readability-lxml
    # drops a list with that many links.
    papers = "".join(
        f'<li><a href="/paper/{n}">“{title}”</a> by {who}</li>'
        for n, (title, who) in enumerate(
            [("Knock, Knock. Who’s There? The Imagined Audience", "Eden Litt"),
             ("Facework on Facebook", "Sun Sun Lim and Yoke Hian Chan"),
             ("Secretly Political: Civic Engagement in Online Publics", "Irina Shklovski")]
        )
    )
    article = extract_article(_post(papers), POST_URL)
    assert "The Imagined Audience” by Eden Litt" in article.text
    assert "Secretly Political" in article.text and article.text.rstrip().endswith("who might enjoy them too.")
    # Links and nothing else, between the same paragraphs, are the site's.
    related = "".join(f'<li><a href="/post/{n}">{t}</a></li>' for n, t in enumerate(["Flyer design tips", "Increasing sales with print flyers", "Maximizing your exposure with colour"]))
    article = extract_article(_post(related), POST_URL)
    assert "Flyer design tips" not in article.text and "who might enjoy them too." in article.text


def test_a_tweet_the_article_quotes_is_printed():
    # A real blog post quoting a tweet in Twitter's embed markup
    # (mozilla/readability's test page 001, see tests/fixtures/real/INDEX.md).
    real = Path(__file__).parent / "fixtures" / "real" / "pages" / "blog-tweet.html.gz"
    article = extract_article(gzip.decompress(real.read_bytes()).decode("utf-8"), "https://example.org/blog/coverage.html")
    assert "Drinking game for web devs" in article.text
    assert "Shay Friedman (@ironshay)" in article.text
    assert article.html.count("<blockquote") == 1


def test_a_real_pages_footnotes_are_printed_with_their_marks_linked():
    # A chapter of Google's SRE book as its site served it: the notes in a
    # <div class="footnotes"> after the text (mozilla/readability's
    # google-sre-book-1 test page, see tests/fixtures/real/INDEX.md).
    real = Path(__file__).parent / "fixtures" / "real" / "pages" / "sre-book-footnotes.html.gz"
    article = extract_article(gzip.decompress(real.read_bytes()).decode("utf-8"), "https://sre.google/sre-book/monitoring-distributed-systems/")
    assert 'Sometimes known as "alert spam,"' in article.text
    assert "Zero-redundancy" in article.text
    # The mark in the text and the note link to each other.
    assert 'href="#id-LvQuvtYS7UvI8h4"' in article.html and 'href="#id-LvQuvtYS7UvI8h4-marker"' in article.html


def test_footnotes_printed_after_the_posts_content_block_are_brought_in():
    # Hand-written stand-in for a blog theme that prints the notes block
    # (kramdown's and Hugo's markup: div.footnotes > ol > li#fn:N with a
    # back link) as a sibling of the post's content block.
    marks = "".join(
        f'<p>Paragraph {n} of the essay, which argues at some length, with commas, that notes matter.'
        f'<sup id="fnref:{n}"><a href="#fn:{n}" class="footnote" rel="footnote">{n}</a></sup></p>'
        for n in range(1, 5)
    )
    notes = "".join(f'<li id="fn:{n}"><p>Note {n} says where claim {n} comes from. <a href="#fnref:{n}" class="reversefootnote">&#8617;</a></p></li>' for n in range(1, 5))
    html = (
        "<html><head><title>Essay</title></head><body><article>"
        f'<div class="entry-content">{marks}</div>'
        f'<div class="footnotes" role="doc-endnotes"><ol>{notes}</ol></div>'
        '</article><div id="footer">Copyright</div></body></html>'
    )
    article = extract_article(html, "https://example.org/2024/essay.html")
    assert "Note 3 says where claim 3 comes from." in article.text
    assert article.html.count('href="#fn:') == 4 and "Copyright" not in article.text


def test_a_story_split_by_a_read_more_expander_is_printed_whole():
    # A real Herald Sun mobile page: four opening paragraphs, then a
    # <div id="read-more"> (a "Read more" button, an ad slot, and the rest of
    # the story) (mozilla/readability's herald-sun-1, tests/fixtures/real/INDEX.md).
    real = Path(__file__).parent / "fixtures" / "real" / "pages" / "herald-sun-read-more.html.gz"
    article = extract_article(gzip.decompress(real.read_bytes()).decode("utf-8"), "https://www.heraldsun.com.au/news/opinion/angry-media.html")
    # The opening paragraph follows only the lead picture's caption.
    first_lines = article.text.split("\n")[:3]
    assert any(line.startswith("A HIGH-powered federal government team") for line in first_lines)
    assert "The Bill would require telecommunications service providers" in article.text
    assert "Read more" not in article.text


def test_a_small_data_table_is_printed():
    # Hand-written: two results tables of under ten words, the size readability
    # throws away as layout; one with header cells, one of two rows of two.
    prose = "We ran the two models on the held-out set and compared their scores with last year's baseline. " * 2
    page = (
        "<html><head><title>Scores</title></head><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
        f"<article><h1>Scores</h1><p>{prose}</p>"
        "<table><tr><th>Model</th><th>Score</th></tr><tr><td>A</td><td>0.41</td></tr><tr><td>B</td><td>0.57</td></tr></table>"
        f"<p>{prose}</p><table><tr><td>x</td><td>1</td></tr><tr><td>y</td><td>2</td></tr></table><p>{prose}</p>"
        "<table><tr><td><a href='/share'>Share</a></td><td><a href='/print'>Print</a></td></tr></table>"
        "</article></body></html>"
    )
    article = extract_article(page, "https://example.org/scores")
    assert article.html.count("<table") == 2
    assert "0.57" in article.text and "y 2" in " ".join(article.text.split())
    assert "Share" not in article.text


def test_a_saved_page_links_to_its_own_address_as_to_itself():
    # A page saved from Wikipedia, read from a file: its reference marks
    # point at https://en.wikipedia.org/wiki/X#cite_note-1, not at "#…",
    # and each printed as a note with the page's address.
    page = (
        "<!-- saved from url=(0040)https://en.wikipedia.org/wiki/Time_loops -->\n<html><head><title>Time loops</title>"
        '<link rel="canonical" href="https://en.wikipedia.org/wiki/Time_loops"></head><body><article>'
        "<p>A film in which a day repeats over and over, as the critics noted at the time of its release."
        '<sup id="cite_ref-1"><a href="https://en.wikipedia.org/wiki/Time_loops#cite_note-1">[1]</a></sup> '
        'See <a href="https://en.wikipedia.org/wiki/Groundhog_Day#Plot">another page</a> for the plot.</p>'
        "<p>The plot of the film is told in many other films and books, and talked about at length.</p>"
        '<ol class="references"><li id="cite_note-1">A review of the film, published in a newspaper.</li></ol>'
        "</article></body></html>"
    )
    article = extract_article(page, "file:///home/organizer/saved/Time_loops.html")
    hrefs = re.findall(r'href="([^"]*)"', article.html)
    assert "#cite_note-1" in hrefs
    assert "https://en.wikipedia.org/wiki/Groundhog_Day#Plot" in hrefs
    assert not any(h.startswith("https://en.wikipedia.org/wiki/Time_loops") for h in hrefs)


def _section(name: str, sentences: int) -> str:
    prose = "".join(
        f"<p>In {name}, part {n}, the team describes how the change was made, tested, reviewed, and finally shipped to everyone.</p>"
        for n in range(sentences)
    )
    return f'<div class="section" id="{name}"><h2>{name.title()}</h2>{prose}</div>'


def test_what_sits_between_an_articles_sections_is_kept():
    # Hand-written stand-in in the shape of a Sphinx guide (readability
    # corpus "mercurial") and an O'Reilly book chapter (google-sre-book-1):
    # readability-lxml chose one section, took its sister sections by score
    # and paragraphs by length, and lost the quoted list between them; a
    # highlighter's wrapper around a one-line command was "too short"; the
    # glossary's terms (<dt class="subheaders">) were taken for page headers.
    html = (
        '<html><body><div class="nav"><a href="/">Home</a> <a href="/docs">Docs</a></div><div class="content">'
        '<div class="section" id="guide"><h1>Sharing changes</h1>'
        "<p>Traditionally, when you want to test a change on another machine before you publish it, your options are limited: either</p>"
        '<blockquote><div><ul class="simple"><li>abuse your source control system by committing half-working code, or</li>'
        "<li>go behind its back by copying files with rsync to the other machine.</li></ul></div></blockquote>"
        "<p>The former is less bad with distributed version control, but it is still far from ideal for a team that shares its work.</p>"
        '<div class="highlight-python"><div class="highlight"><pre>$ hg init public\n</pre></div></div>'
        '<dl><dt class="subheaders jumptargets" id="monitoring">Monitoring</dt><dd><p>Collecting and displaying real-time data about a system.</p></dd>'
        '<dt class="subheaders">Alert</dt><dd><p>A notification intended to be read by a human.</p></dd></dl>'
        + _section("setting up", 6) + _section("amending", 9) + _section("publishing", 7)
        + "</div></div></body></html>"
    )
    text = extract_article(html, "http://fakehost/guide.html").text
    assert "abuse your source control system" in text and "go behind its back" in text
    assert "$ hg init public" in text
    assert "Monitoring\n" in text and "Alert\n" in text
    assert "Setting Up" in text and "Publishing" in text and "Docs" not in text
