"""Site furniture inside the article block: teaser links between the
paragraphs, taxonomy lines, the blog engine's post stamp, the standfirst."""

import gzip
from pathlib import Path

import pytest
from lxml import html as lxml_html

from packet.extract import extract_article
from packet.extract import furniture as F

URL = "https://example.org/2024/05/harbour.html"
REAL = Path(__file__).parent / "fixtures" / "real"


def _text(root) -> str:
    return " ".join(root.text_content().split())


def test_a_real_news_pages_links_to_other_stories_are_not_printed():
    # The Washington Post's "[Read: …]" links between paragraphs and its
    # "Read more:" list of three headlines after the last one
    # (mozilla/readability's wapo-1 test page, see tests/fixtures/real/INDEX.md).
    html = gzip.decompress((REAL / "pages" / "wapo.html.gz").read_bytes()).decode("utf-8")
    article = extract_article(html, "https://www.washingtonpost.com/world/tunisia.html")
    assert "[Read:" not in article.text and "[Bardo museum houses" not in article.text
    assert "Tunisia sends most foreign fighters" not in article.text
    assert "Read more" not in article.text and "Roman treasures" not in article.text
    # The paragraphs on either side of them are all there.
    assert "We must pay attention to what is written" in article.text
    assert article.text.startswith("CAIRO")
    assert article.text.endswith("Heba Habib contributed to this report.")


def test_labelled_teaser_links_go_but_labelled_sentences_and_addresses_stay():
    # Hand-written stand-in in the shapes news templates print.
    root = lxml_html.fragment_fromstring(
        "<div><p>The council met on Tuesday.</p>"
        '<p><a href="/s/1"><span>Related: Ferry fares to rise in spring</span></a></p>'
        '<p>READ MORE: <a href="/s/2">Harbour wall repairs finished early</a></p>'
        '<p><strong>WATCH</strong> | <a href="/v/3">The storm hits the pier</a></p>'
        "<p>More: the council also voted to close the old pier for the winter.</p>"
        '<p>More: <a href="http://idea-mag.com">http://idea-mag.com</a></p>'
        '<p><a href="/s/4">[Harbour museum reopens]</a></p>'
        "<p>[The mayor did not reply to questions.]</p>"
        "<p>The vote was close.</p></div>"
    )
    F.drop_inline_teasers(root, URL)
    text = _text(root)
    assert "Ferry fares" not in text and "Harbour wall" not in text and "storm hits" not in text
    assert "More: the council also voted" in text
    assert "http://idea-mag.com" in text
    assert "museum reopens" not in text and "[The mayor did not reply to questions.]" in text
    assert text.startswith("The council met") and text.endswith("The vote was close.")


@pytest.mark.parametrize("label", ["Lire aussi :", "Lire :", "Lesen Sie auch:", "Mehr zum Thema:", "Lee también:",
                                   "Leia também:", "Leggi anche:", "Lees ook:"])
def test_teaser_labels_in_other_languages_go_too(label):
    # Le Monde's "Lire aussi : <a>…</a>" between paragraphs (readability
    # corpus lemonde-1) and the same habit in German, Spanish, Portuguese,
    # Italian and Dutch templates; a sentence after such a word stays.
    root = lxml_html.fragment_fromstring(
        "<div><p>Le Parlement a voté mardi.</p>"
        f'<p class="lire">{label} <a href="/s/1">Les critiques de la CNIL sur le projet de loi</a></p>'
        "<p>Lire : le texte du projet, tel que le gouvernement l'a présenté, tient en dix pages.</p></div>"
    )
    F.drop_inline_teasers(root, URL)
    assert [_text(p) for p in root.iter("p")] == [
        "Le Parlement a voté mardi.", "Lire : le texte du projet, tel que le gouvernement l'a présenté, tient en dix pages."]


def test_taxonomy_lines_go_wherever_the_article_block_holds_them():
    # Hand-written stand-in: a sports blog printing its stamp and tags under
    # the headline, inside the block that holds the story.
    root = lxml_html.fragment_fromstring(
        "<div>"
        '<p>Published: November 5th, 2012 | Tags: <a href="/t/1">NFL AM</a>, <a href="/t/2">Andrew Luck</a>,'
        ' <a href="/t/3">Indianapolis Colts</a></p>'
        '<p>Categories: <a href="/c/1">Politics</a>, <a href="/c/2">For Discussion</a></p>'
        "<p>Tags: the labels readers search by, which this post is about.</p>"
        "<p>The Colts won on Sunday.</p><p>The season goes on.</p></div>"
    )
    F.drop_taxonomy_lines(root, URL)
    text = _text(root)
    assert "Andrew Luck" not in text and "For Discussion" not in text
    # A sentence that only starts like a tag line is the article's own.
    assert "Tags: the labels readers search by" in text
    assert "The Colts won on Sunday." in text


def test_the_blog_engines_post_stamp_after_the_article_goes_but_a_wire_notice_stays():
    # Hand-written in the words of WordPress's default theme (single.php's
    # p.postmetadata: "This entry was posted on … and is filed under ….
    # You can follow any responses to this entry through the RSS 2.0 feed.").
    stamped = lxml_html.fragment_fromstring(
        "<div><p>The last paragraph of the post.</p>"
        '<p class="postmetadata alt"><small>This entry was posted on Thursday, August 9th, 2012 at 12:04 am'
        ' and is filed under <a href="/c/1">Celebrities</a>.<br>You can follow any responses to this entry'
        ' through the <a href="/feed">RSS 2.0</a> feed.<br>You can <a href="#respond">leave a response</a>,'
        ' or <a href="/trackback">trackback</a> from your own site.</small></p></div>'
    )
    F.drop_trailing_furniture(stamped, URL)
    assert _text(stamped) == "The last paragraph of the post."
    wire = lxml_html.fragment_fromstring(
        "<div><p>The last paragraph of the story.</p>"
        "<p>Copyright 2008 The Associated Press. All rights reserved. This material may not be published,"
        " broadcast, rewritten or redistributed.</p></div>"
    )
    F.drop_trailing_furniture(wire, URL)
    assert "may not be published" in _text(wire)


@pytest.mark.parametrize(
    "trailer",
    [
        # Hand-written: the comment-count stubs, share tools and follow calls
        # blog and news templates print under a story (seen on extraction-dev
        # pages of several sites, whose words these are).
        ["Comments (0)", "No comments yet."],
        ["E-mail This Story Print This Story"],
        ["Follow Movieline on Twitter.", "Follow @GossipCop on Twitter!"],
        ["3 Responses", "Leave a Reply"],
        # The New York Times' print-edition line (mozilla/readability's nytimes-3 page has it).
        [
            "A version of this article appears in print on , on Page A22 of the New York edition with the"
            " headline: Under the City’s Streets, A Battle Against Winter. Order Reprints | Today’s Paper | Subscribe"
        ],
    ],
)
def test_comment_stubs_share_tools_and_follow_calls_after_the_article_go(trailer):
    root = lxml_html.fragment_fromstring(
        "<div><p>The last paragraph of the post.</p>" + "".join(f"<p>{line}</p>" for line in trailer) + "</div>"
    )
    F.drop_trailing_furniture(root, URL)
    assert _text(root) == "The last paragraph of the post."


def test_comment_counts_between_the_stories_of_a_weekly_page_go():
    # LWN's weekly edition: several stories, each closed by a link to its
    # thread; on paper "Comments (5 posted)" points at nothing.
    story = "<p>" + "The kernel's new scheduler landed after two years of review and testing. " * 4 + "</p>"
    root = lxml_html.fragment_fromstring(
        "<div><h2>Scheduler</h2>" + story + '<p><a href="/Articles/1/#Comments">Comments (5 posted)</a> </p>'
        "<h2>Filesystems</h2>" + story + '<p><a href="/Articles/2/#Comments">12 comments</a></p>'
        "<h2>Mail</h2>" + story + '<p><a href="#comments">Read all 40 comments</a></p>'
        "<p>The comments on the draft were read twice.</p>"
        "<ul><li>Post a comment</li><li>Read all comments</li></ul><p>Read the comments.</p></div>"
    )
    F.drop_promo_labels(root, URL)
    text = _text(root)
    assert "posted" not in text and "12 comments" not in text and "Read all 40" not in text
    # A how-to's steps and a plain sentence about comments are the article's.
    assert "Post a comment" in text and "Read all comments" in text and "Read the comments." in text
    assert text.count("scheduler landed") == 12 and "The comments on the draft were read twice." in text


def test_a_last_sentence_about_comments_or_following_stays():
    for last in ("No comment on the plan was offered by the mayor.", "Follow the money, she told the committee."):
        root = lxml_html.fragment_fromstring(f"<div><p>The paragraph before.</p><p>{last}</p></div>")
        F.drop_trailing_furniture(root, URL)
        assert last in _text(root)


def test_a_standfirst_above_the_article_is_left_to_the_site():
    # Hand-written stand-in: a news page's standfirst (class "dek") between
    # the headline and the story, which readability-lxml 0.9 moves into the
    # article and Readability.js leaves out.
    body = "".join(f"<p>Paragraph {n} of the story, long enough to count as prose, with a comma, or two.</p>" for n in range(8))
    html = (
        "<html><head><title>Harbour to close</title></head><body><article>"
        '<header><h1>Harbour to close</h1><p class="dek">The town\'s old harbour shuts for repairs after a century of use.</p></header>'
        f'<div class="story">{body}</div></article></body></html>'
    )
    article = extract_article(html, URL)
    assert "Paragraph 0 of the story" in article.text and "Paragraph 7" in article.text
    assert "after a century of use" not in article.text


def test_a_reader_thread_after_comments_are_closed_is_not_printed():
    # Hand-written stand-in for a news template that prints the thread in
    # the story's own block, with no heading: "Comments are now closed for
    # this story", then each commenter's name and words.
    story = "".join(f"<p>Paragraph {n} of the story about the premiers' dinner in Ottawa.</p>" for n in range(6))
    root = lxml_html.fragment_fromstring(
        f"<div>{story}<p>Comments are now closed for this story</p>"
        "<p>Stephen B</p><p>The time has come to cut the fat.</p><p>Ralph</p><p>What, the usual second helpings?</p></div>"
    )
    F.drop_trailing_furniture(root, URL)
    assert _text(root).endswith("Paragraph 5 of the story about the premiers' dinner in Ottawa.")
    # The words at the top of a short page about comments are its text.
    notice = lxml_html.fragment_fromstring("<div><p>Comments are closed.</p><p>We moved the discussion to the forum.</p></div>")
    F.drop_trailing_furniture(notice, URL)
    assert "moved the discussion" in _text(notice)




def test_a_real_pull_quote_is_not_printed_as_the_sentence_said_twice():
    # mozilla/readability's citylab-1 page (tests/fixtures/real/INDEX.md):
    # <aside class="pullquote"> repeats a sentence of the next paragraph.
    page = gzip.decompress((REAL / "pages" / "citylab-pull-quote.html.gz").read_bytes()).decode("utf-8")
    text = extract_article(page, "https://www.citylab.com/design/2016/03/neon-signs/").text
    sentence = "very quality that made neon fixtures a poor choice for interior lighting made them perfect for signs"
    assert text.casefold().count(sentence) == 1
    assert "Of course, the very quality" in text


def test_quotations_figures_and_code_that_repeat_the_text_stay():
    # Hand-written: blocks whose words are in a paragraph but that are not pull quotes.
    said = "The council voted to close the harbour road for the winter months"
    root = lxml_html.fragment_fromstring(
        "<div>"
        f"<p>Her letter ended: {said}, and nobody answered it.</p>"
        f"<figure><img src='https://example.org/road.jpg'><figcaption>{said}</figcaption></figure>"
        f"<figure><img src='https://example.org/map.jpg'><div class='caption'>{said}</div></figure>"
        "<p>Then they had to bathe cat after cat in the harbour all winter long.</p>"
        "<aside>the cat after cat in the harbour all winter</aside>"
        f"<pre><code>{said}</code></pre>"
        "<blockquote>A quotation of words the article does not say itself anywhere</blockquote>"
        "</div>"
    )
    F.drop_pull_quotes(root, URL)
    assert len(root.findall(".//figure")) == 2 and root.find(".//div[@class='caption']") is not None
    assert root.find(".//pre") is not None
    assert "A quotation of words" in _text(root)
    # Words match whole: "bathe cat" does not hold "the cat".
    assert root.find(".//aside") is not None
    pulled = lxml_html.fragment_fromstring(f"<div><p>Her letter ended: {said}, and nobody answered it.</p><aside>{said}</aside></div>")
    F.drop_pull_quotes(pulled, URL)
    assert pulled.find(".//aside") is None


@pytest.mark.parametrize(
    ("markup", "printed"),
    [
        # Hand-written after Ars Technica's caption markup (2012).
        ('<figure><a href="/big.png"><img src="/small.png"></a><figcaption><div class="caption-text">'
         '<a class="enlarge" href="/big.png">Enlarge</a> / Setting up a separate 5GHz network</div></figcaption></figure>',
         "Setting up a separate 5GHz network"),
        # After the New York Times' 2012 inline image module.
        ('<div class="image"><div class="icon enlargeThis"><a href="javascript:pop()">Enlarge This Image</a></div>'
         '<img src="/rivalry.jpg"></div><p>The rivalry began in 1962.</p>',
         "The rivalry began in 1962."),
        # After a canada.com story image: the control's text sits beside its icon.
        ('<a href="javascript:open()"><img src="/bullet.gif" alt=""> View Larger Image</a><p>The council met.</p>',
         "The council met."),
        # After CNN's gallery and a Thesis theme's figure caption.
        ('<div>HIDE CAPTION</div><p>Figure 2. Backup and restore. [click to enlarge]</p>',
         "Figure 2. Backup and restore."),
        # Prose about enlarging stays.
        ('<p>Click here to enlarge the window, then view larger images in the gallery.</p>',
         "Click here to enlarge the window, then view larger images in the gallery."),
    ],
)
def test_controls_around_pictures_are_not_printed(markup, printed):
    root = lxml_html.fragment_fromstring(f"<div>{markup}</div>")
    F.drop_image_controls(root, URL)
    assert _text(root) == printed
    assert len(list(root.iter("img"))) == markup.count("<img")
