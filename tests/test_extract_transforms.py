"""Each clean-up transform undoes one site habit, shown on a tiny fixture."""

import gzip
from pathlib import Path

from lxml import html as lxml_html

from packet.extract import extract_article
from packet.extract import transforms as T

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
URL = "http://fakehost/post.html"


def tree(name: str):
    return lxml_html.document_fromstring((FIXTURES / name).read_text(encoding="utf-8"))


def srcs(root) -> list[str]:
    return [img.get("src") for img in root.iter("img")]


def test_lazy_images_get_their_real_sources():
    root = tree("lazy-images.html")
    T.unlazy_images(root, URL)
    T.absolutize_urls(root, URL)
    assert srcs(root) == [
        "http://fakehost/img/data-src.jpg",
        "http://fakehost/img/large.jpg",
        "http://fakehost/img/s2.jpg",
        "http://fakehost/img/pic-1600.webp",
        "http://fakehost/img/noscript-real.jpg",
    ]
    assert root.find(".//picture") is None and root.find(".//noscript") is None


def test_relative_links_resolve_against_base_href():
    root = tree("base-href-relative-links.html")
    T.absolutize_urls(root, T.page_base_url(root, URL))
    assert [a.get("href") for a in root.iter("a")] == [
        "https://cdn.example.org/blog/notes/one.html",
        "https://cdn.example.org/root.html",
    ]
    assert srcs(root) == ["https://cdn.example.org/blog/figs/chart.png"]


def test_lone_image_becomes_figure_with_caption():
    root = tree("lone-image-with-caption.html")
    T.lone_image_to_figure(root, URL)
    figure = root.find(".//figure")
    assert figure is not None and figure.find("img").get("src") == "/photo.jpg"
    assert figure.find("figcaption").text_content() == "The reading room at dawn."


def test_a_caption_inside_a_figure_is_one_caption_and_keeps_its_link():
    # Hand-written, after ars-1 in mozilla/readability's test pages: the
    # caption holds a "caption-credit" div holding a "caption-link" link.
    root = lxml_html.fragment_fromstring(
        '<div><figure><div class="wp-caption"><img src="/a.jpg">'
        '<figcaption class="caption"><div class="caption-credit">'
        '<a class="caption-link" href="/credit">Kevin</a></div></figcaption></div>'
        '<p class="wp-caption-text">Below the picture.</p></figure></div>'
    )
    T.lone_image_to_figure(root, URL)
    captions = list(root.iter("figcaption"))
    assert [c.text_content().strip() for c in captions] == ["Kevin", "Below the picture."]
    assert root.find(".//figcaption//a").get("href") == "/credit"
    assert root.find(".//img").getparent().tag == "div"


def test_boilerplate_widgets_are_removed_and_article_kept():
    root = tree("blog-post-with-widgets.html")
    T.drop_boilerplate(root, URL)
    text = root.text_content()
    for gone in ("cookies", "Share on Twitter", "Subscribe", "Jane Doe writes", "Related posts", "Great post", "Join 10,000"):
        assert gone not in text
    assert "Agreeing on a list" in text and "Alternate theory" in text


def test_hidden_blocks_are_removed():
    root = tree("hidden-blocks.html")
    T.drop_hidden(root, URL)
    text = root.text_content()
    assert "Secret modal" not in text and "Hidden menu" not in text and "Decorative" not in text
    assert "committee met" in text


def test_screen_reader_text_is_not_printed():
    # A real New York Times page (tests/fixtures/real/INDEX.md): "Photo" and
    # "Credit" are spans of class visually-hidden, never seen in a browser.
    page = gzip.decompress((FIXTURES.parent / "real" / "pages" / "nytimes-visually-hidden.html.gz").read_bytes())
    article = extract_article(page.decode("utf-8"), "https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html")
    figure = lxml_html.fragment_fromstring(article.html, create_parent="div").find(".//figure")
    assert figure.find(".//img") is not None
    words = figure.text_content().split()
    assert "Photo" not in words and "Credit" not in words
    assert "Ashraf Shazly/Agence France-Presse" in " ".join(words)
    assert "United Nations peacekeepers at a refugee camp" in " ".join(words)


def test_running_text_leaves_captions_out_but_counts_them():
    # The caption prints under its picture; the article's text (what
    # `packet extract -f jsonl` gives and the bench scores) is the running
    # text, as the Zyte benchmark's annotators mark an article body. The
    # reading time still counts the caption's words.
    page = ('<html><body><article><h1>Dam</h1>' + '<p>The river rose all week and the town watched it.</p>' * 6
            + '<figure><img src="/dam.jpg"><figcaption>The spillway at dawn, seen from the bridge.'
            + '</figcaption></figure><p>By Friday the water was going down again.</p></article></body></html>')
    article = extract_article(page, "https://example.org/dam")
    assert "The spillway at dawn" in article.html
    assert "spillway" not in article.text and "By Friday the water" in article.text
    assert article.word_count == len(article.text.split()) + len("The spillway at dawn, seen from the bridge.".split())
    from packet.extract.preview import plain_text

    assert "The spillway at dawn" in plain_text(article)


def test_a_photo_page_whose_caption_is_the_story_keeps_it_in_the_text():
    # A news site's photo page: one picture, its caption the whole report,
    # a line of text beside it. Leaving the caption out left no text at all.
    caption = "A boy poses with a painting at the exhibition in Hangzhou, where visitors are asked to touch the art. " * 2
    page = ('<html><body><article><h1>Magic art</h1><p>Interactive art exhibition.</p><figure><img src="/p.jpg">'
            f'<figcaption>{caption}</figcaption></figure></article></body></html>')
    article = extract_article(page, "https://example.org/photos/magic-art")
    assert "A boy poses with a painting" in article.text


def test_hidden_is_not_taken_for_screen_reader_only():
    # Hand-written: "hidden" alone is the class scripts and responsive
    # layouts take off ("hidden md:block"); only the screen-reader classes go.
    root = lxml_html.fragment_fromstring(
        '<div><p class="hidden md:block">Shown on a wide screen.</p>'
        '<p>Read on<span class="sr-only"> (opens in a new window)</span>.</p>'
        '<h2 class="screen-reader-text">Post navigation</h2></div>'
    )
    T.drop_hidden(root, URL)
    assert " ".join(root.text_content().split()) == "Shown on a wide screen.Read on."


def test_details_are_expanded_for_paper():
    root = tree("collapsed-details.html")
    T.expand_details(root, URL)
    assert root.find(".//details") is None
    assert root.find(".//p/strong").text == "Show the proof"
    assert "induction" in root.text_content()


def test_tiny_icons_and_inline_svg_are_dropped():
    root = tree("tiny-icons-and-svg.html")
    T.drop_tiny_icons(root, URL)
    assert srcs(root) == ["/figures/diagram.png"]
    assert root.find(".//svg") is None
    assert "Next chapter" in root.text_content()


def test_read_more_teaser_links_are_dropped():
    root = tree("blog-post-with-widgets.html")
    T.drop_read_more_links(root, URL)
    assert "Read more" not in root.text_content()


def test_footnotes_stay_linked_inside_the_document():
    root = tree("footnotes.html")
    T.absolutize_urls(root, URL)
    T.link_footnotes(root, URL)
    hrefs = [a.get("href") for a in root.iter("a")]
    assert hrefs[:3] == ["#fn1", "#fn2", None]
    assert root.get_element_by_id("fn2") is not None


def test_headings_shift_to_start_at_h2():
    root = tree("headings-start-at-h4.html")
    T.normalize_headings(root, URL)
    assert [h.tag for h in root.iter("h2", "h3", "h4", "h5")] == ["h2", "h3", "h2"]


def test_tex_for_mathjax_becomes_mathml():
    root = tree("mathjax-tex-source.html")
    T.tex_to_math(root, URL)
    maths = list(root.iter("math"))
    assert [(m.get("alttext"), m.get("display")) for m in maths] == [
        ("E = mc^2", "inline"),
        (r"\sum_{i=1}^n i", "block"),
    ]


def test_empty_blocks_left_by_widgets_are_dropped():
    root = lxml_html.fragment_fromstring("<div><p>  </p><div><span></span></div><p><img src='x.png'></p><p>text</p></div>")
    T.drop_empty_blocks(root, URL)
    assert lxml_html.tostring(root, encoding="unicode") == '<div><p><img src="x.png"></p><p>text</p></div>'


def test_transforms_are_documented_and_ordered():
    for transform in T.MATH_TRANSFORMS + T.PAGE_TRANSFORMS + T.ARTICLE_TRANSFORMS:
        assert transform.__doc__, transform.__name__
    assert T.ARTICLE_TRANSFORMS[-1] is T.normalize_headings


def test_scripts_styles_and_comments_are_dropped_keeping_text():
    root = tree("scripts-styles-comments.html")
    T.drop_scripts_and_styles(root, URL)
    assert root.find(".//p").text_content() == "Before after end."
    assert root.find(".//style") is None and root.find(".//link") is None


def test_wikipedia_hidden_mathml_replaces_its_image():
    root = tree("wikipedia-hidden-mathml.html")
    T.show_hidden_mathml(root, URL)
    T.drop_hidden(root, URL)
    assert root.find(".//img") is None
    assert root.find(".//math").get("alttext") == "{\\displaystyle A=A^{*}}"


def test_wiki_edit_links_beside_headings_are_dropped():
    from lxml import html as lxml_html

    from packet.extract.transforms import drop_edit_links

    root = lxml_html.fragment_fromstring(
        '<div><h2>History<span class="mw-editsection"><span>[</span><a href="/e">edit</a><span>]</span></span></h2>'
        '<h3>Later <a href="/e2">[edit]</a></h3><p>We edit texts; <a href="/x">edit</a> stays in prose.</p></div>'
    )
    drop_edit_links(root, "https://en.wikipedia.org/wiki/X")
    assert [h.text_content() for h in root.iter("h2", "h3")] == ["History", "Later "]
    assert root.find(".//p").text_content() == "We edit texts; edit stays in prose."


def test_byline_is_dropped_once_because_the_source_card_prints_authors():
    from lxml import html as lxml_html

    from packet.extract.transforms import drop_byline

    root = lxml_html.fragment_fromstring(
        '<div><h1>Title</h1><p class="byline">By Jane Doe, 3 March 2024</p>'
        '<p>The article text, which mentions an author in passing.</p>'
        '<div class="author-bio-long"><p>Jane writes about many things at length.</p></div></div>'
    )
    drop_byline(root, "https://example.org/post")
    text = root.text_content()
    assert "By Jane Doe" not in text
    assert "The article text" in text and "Jane writes" in text


def test_post_classes_naming_its_categories_do_not_mark_it_as_a_widget():
    root = tree("post-classes-name-its-categories.html")
    T.drop_boilerplate(root, URL)
    text = root.text_content()
    assert "social media discussions can become" in text
    assert "Readers wrote in with more letters" in text
    assert "Follow us" not in text


def test_comment_thread_under_a_comments_heading_is_dropped():
    root = tree("comments-under-a-heading.html")
    T.drop_comment_threads(root, URL)
    text = " ".join(root.text_content().split())
    assert "I have cancelled my conference talks" in text
    assert "Many of you have written" in text  # a section titled "Response" is the article's own
    assert "Posted by Kathy" in text
    for gone in ("Wow - that just sucks", "Posted by: Andrew", "Not cool", "Comments"):
        assert gone not in text.replace("12 comments", "")


def test_heading_that_links_to_itself_keeps_its_words_not_the_link():
    root = lxml_html.fragment_fromstring(
        '<div><h2 id="detecting"><a class="toclink" href="#detecting">Detecting anomalies</a></h2>'
        '<h2><a href="/stories/42">A headline linking to its story</a></h2>'
        f'<h2 id="intro"><a href="{URL}#intro">Introduction</a></h2></div>'
    )
    T.unwrap_heading_permalinks(root, URL)
    assert root[0].text_content() == "Detecting anomalies" and root[0].find("a") is None
    assert root[1].find("a").get("href") == "/stories/42"
    assert root[2].text_content() == "Introduction" and root[2].find("a") is None


def test_a_permalink_mark_after_a_heading_is_not_printed():
    # The markup of Sphinx documentation (readability's "mercurial" page) and
    # of the V8 blog (its "v8-blog" page): a self-link whose text is a mark.
    root = lxml_html.fragment_fromstring(
        '<div><div class="section" id="sharing"><h2><a class="toc-backref" href="#id5">Sharing with a single developer</a>'
        '<a class="headerlink" href="#sharing" title="Permalink to this headline">¶</a></h2></div>'
        '<h2 id="standalone">Using standalone mode <a href="#standalone" class="bookmark">#</a></h2>'
        '<h2 id="s3">Section 3 <a href="#s3">§ 3</a></h2></div>'
    )
    T.unwrap_heading_permalinks(root, URL)
    headings = [" ".join(h.text_content().split()) for h in root.iter("h2")]
    assert headings == ["Sharing with a single developer", "Using standalone mode", "Section 3 § 3"]


def test_ad_and_share_labels_between_paragraphs_are_dropped():
    root = tree("labels-between-paragraphs.html")
    T.drop_promo_labels(root, URL)
    text = " ".join(root.text_content().split())
    for gone in ("Advertisement", "Story continues below", "Share this article", "friend", "Article continues", "PHOTOS", "Have your say", "Skip", "Digg"):
        assert gone not in text
    # A site's name alone may be the article's own line (a list of platforms).
    for kept in ("The council voted", "Ferries will run", "Save the date: the bridge", "Facebook Print The printed timetable"):
        assert kept in text


def test_comment_thread_after_the_anchor_its_links_jump_to_is_dropped():
    root = tree("comments-after-an-anchor.html")
    T.drop_comment_threads(root, URL)
    text = " ".join(root.text_content().split())
    assert "happy on the south coast" in text and "three hundred miles" in text
    for gone in ("marvellous opportunity", "Posted by Idealist", "Report this comment"):
        assert gone not in text


def test_tags_posted_on_and_follow_lines_after_the_article_are_dropped():
    # Hand-written stand-in for a blog post's foot: the article's own lines,
    # then the engine's stamp, taxonomy and calls to follow and subscribe.
    root = lxml_html.fragment_fromstring(
        "<div><h2>Tags and categories</h2>"
        "<p>Tags: the word our readers search for most often.</p>"
        "<p>The last paragraph of the post.</p>"
        "<div class=meta><p>Posted on July 10th, 2012</p>"
        '<p>Tags: <a href="/t/a">gardens</a>, <a href="/t/b">ferries</a></p>'
        '<p>Filed under <a href="/c/news">News</a> | 3 Comments</p></div>'
        "<h3>Related stories:</h3>"
        "<p>Follow us on Twitter and Facebook</p>"
        "<p>Sign up for our weekly newsletter</p></div>"
    )
    T.drop_trailing_furniture(root, URL)
    text = " ".join(root.text_content().split())
    assert text.endswith("The last paragraph of the post.")
    # The same words inside the article, before its last line, stay.
    assert "Tags and categories" in text and "Tags: the word" in text


def test_comment_counts_and_post_navigation_after_the_article_are_dropped():
    # Hand-written stand-in for a blog theme's footer under the post.
    root = lxml_html.fragment_fromstring(
        "<div><p>No comments were taken at the hearing.</p>"
        "<p>Be Sociable, Share!</p><p>No Comments &#187;</p>"
        '<p><a href="/p/1">&#8592; Previous post</a> <a href="/p/3">Next post &#8594;</a></p>'
        '<p><a href="/author/j">View all posts by Jane Doe &#8594;</a></p>'
        "<p>Archived under Gardens.</p></div>"
    )
    T.drop_trailing_furniture(root, URL)
    assert " ".join(root.text_content().split()) == "No comments were taken at the hearing."


def test_trailing_furniture_stops_at_a_figure_or_a_line_of_the_article():
    root = lxml_html.fragment_fromstring(
        "<div><p>Body text.</p><p>Tags: gardens</p>"
        '<figure><img src="a.png"><figcaption>A chart</figcaption></figure></div>'
    )
    T.drop_trailing_furniture(root, URL)
    assert "Tags: gardens" in root.text_content() and root.find(".//img") is not None


def test_trailing_list_of_headline_links_is_dropped_but_not_a_reading_list():
    # Hand-written stand-ins: a post ending in links to the site's other
    # stories, one a line; an essay ending in its further-reading list.
    related = lxml_html.fragment_fromstring(
        "<div><p>The council meets again in May.</p>"
        '<p><a href="/s/1">Ferry fares to rise in spring</a><br>'
        '<a href="/s/2">Harbour wall repairs finished early</a></p></div>'
    )
    T.drop_trailing_furniture(related, URL)
    assert " ".join(related.text_content().split()) == "The council meets again in May."
    reading = lxml_html.fragment_fromstring(
        "<div><p>The council meets again in May.</p><h3>Further reading</h3>"
        '<ul><li><a href="/a">A history of the harbour</a></li><li><a href="/b">Tide tables</a></li></ul></div>'
    )
    T.drop_trailing_furniture(reading, URL)
    assert "Tide tables" in reading.text_content()
    ranking = lxml_html.fragment_fromstring(
        '<div><p>Our picks:</p><p><a href="/c">1. Best ferry</a><br><a href="/d">2. Best bus</a></p></div>'
    )
    T.drop_trailing_furniture(ranking, URL)
    assert "Best bus" in ranking.text_content()


def test_headings_left_with_nothing_under_them_are_not_printed():
    # Hand-written in the shape of a Wikipedia article once its reference
    # lists and link boxes are cut: three bare section headings at the end.
    root = lxml_html.fragment_fromstring(
        "<div><h2>History</h2><p>The text of the section.</p>"
        "<h3>An emptied subsection</h3><h2>Part I</h2><h2>The kicker's title</h2><figure><img src='a.png'></figure>"
        "<h2>Method</h2><div><p>More text.</p></div>"
        "<h2>See also</h2><div class='x'> </div><h2>References</h2><h3>Notes</h3><h2>External links</h2></div>"
    )
    T.drop_empty_headings(root, URL)
    assert [h.text for h in root.iter("h2", "h3")] == ["History", "Part I", "The kicker's title", "Method"]


def test_a_line_of_text_set_as_a_heading_stays_even_at_the_end():
    root = lxml_html.fragment_fromstring(
        "<div><p>The story.</p><h4>Associated Press writers in Reno contributed to this report.</h4>"
        "<h3>© Reuters 2007</h3><h3>23 July 2012</h3></div>"
    )
    T.drop_empty_headings(root, URL)
    assert len(list(root.iter("h3", "h4"))) == 3


def test_a_highlighter_s_one_row_code_table_becomes_its_code_block():
    # wp_syntax's markup (readability's "002" page) and Pygments'
    # highlighttable with its line-number cell; a real two-column table of
    # code samples stays a table.
    root = lxml_html.fragment_fromstring(
        '<div><div class="wp_syntax"><table><tbody><tr><td class="code"><pre class="javascript">fetch("/data.json")\n'
        "  .then(f)</pre></td></tr></tbody></table></div>"
        '<table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre>1\n2</pre></div></td>'
        '<td class="code"><div class="highlight"><pre>a = 1\nb = 2</pre></div></td></tr></table>'
        "<table><tr><td><pre>before()</pre></td><td><pre>after()</pre></td></tr></table></div>"
    )
    T.unwrap_code_tables(root, URL)
    assert [pre.text for pre in root.iter("pre")] == ['fetch("/data.json")\n  .then(f)', "a = 1\nb = 2", "before()", "after()"]
    assert len(list(root.iter("table"))) == 1 and "1\n2" not in root.text_content()


def test_code_tables_that_hold_more_than_one_code_block_stay_tables():
    # Code beside its output (a number is not a gutter unless it counts up),
    # a captioned table, a cell with a file name and two blocks.
    html = (
        "<div><table><tr><td><pre>print(6*7)</pre></td><td><pre>42</pre></td></tr></table>"
        "<table><caption>Listing 1</caption><tr><td><pre>a = 1</pre></td></tr></table>"
        "<table><tr><td><div>setup.py</div><pre>a</pre><p>Output:</p><pre>ok</pre></td></tr></table></div>"
    )
    root = lxml_html.fragment_fromstring(html)
    T.unwrap_code_tables(root, URL)
    assert len(list(root.iter("table"))) == 3 and "42" in root.text_content() and "setup.py" in root.text_content()


def test_a_heading_holding_a_picture_or_over_the_first_text_is_kept():
    root = lxml_html.fragment_fromstring(
        "<div><h3>Analysis</h3><h2>The title of the piece</h2><p>The text.</p>"
        "<h2>Results</h2><h3><img src='chart.png'></h3></div>"
    )
    T.drop_empty_headings(root, URL)
    assert [h.text_content() for h in root.iter("h2", "h3")] == ["Analysis", "The title of the piece", "Results", ""]


def test_what_the_sites_print_stylesheet_hides_is_not_printed():
    # The IETF's rfcmarkup toolbar is inline spans classed "noprint" (from the
    # readability corpus's ietf-1); MediaWiki's maintenance box is an "ambox"
    # table; Bootstrap marks screen-only parts "d-print-none".
    root = lxml_html.document_fromstring(
        '<html><body><span class="pre noprint docinfo top">[<a href="../html/">Docs</a>] [<a href="x.txt">txt</a>]</span>'
        '<table class="box-Expand_section plainlinks metadata ambox ambox-content"><tr><td>This section needs expansion.'
        ' You can help by <a href="?action=edit">adding to it</a>.</td></tr></table>'
        '<div class="d-print-none">Share this page</div>'
        '<p>An ordinary <span class="noprinting">paragraph</span> stays.</p></body></html>'
    )
    T.drop_boilerplate(root, URL)
    assert " ".join(root.text_content().split()) == "An ordinary paragraph stays."


def test_loose_sentence_text_beside_blocks_stays_one_paragraph():
    # LWN's shape (readability corpus lwn-1): article text written bare in a
    # div after a byline div; readability-lxml made "The project was" and
    # "announced with great fanfare" two paragraphs.
    html = (
        '<html><body><table><tr><td class="MidColumn"><div class="ArticleText">'
        '<h2 class="SummaryHL"><a href="/Articles/637735/">Development activity</a></h2>'
        '<div class="FeatureByline"> By <b>Jonathan Corbet</b><br/>March 25, 2015 </div>'
        ' The LibreOffice project was <a href="/Articles/407383/">announced</a> with great fanfare in September 2010. '
        + "Nearly one year later, the other project found a new home as an Apache project and went on. " * 4
        + '<p> </p><h4>Release histories</h4>'
        + "The two projects have released many versions since then, as the table below shows in detail. " * 4
        + '<br><br>A second paragraph after two breaks, with more words about how the releases went over time.'
        '</div></td></tr></table></body></html>'
    )
    article = extract_article(html, URL)
    paragraphs = [" ".join(p.text_content().split()) for p in lxml_html.fragment_fromstring(article.html, create_parent="div").iter("p")]
    assert any(p.startswith("The LibreOffice project was announced with great fanfare") for p in paragraphs), paragraphs
    assert any(p.startswith("A second paragraph after two breaks") for p in paragraphs), paragraphs


def test_paragraphs_the_writer_set_apart_stay_apart():
    # Joining split sentences must not run a bold label into the command
    # under it, nor a poem's lines (one paragraph each) into one another.
    prose = "<p>" + "The guide walks through setting the tool up on a laptop, step by step. " * 5 + "</p>"
    html = (
        "<html><body><article><h1>Setup</h1>" + prose
        + "<p><strong>Step 1</strong></p><p>npm install packet --save, then open the folder it made.</p>"
        + prose + "<p>The fog comes</p><p>on little cat feet,</p><p>and sits looking</p><p>over harbor and city</p>"
        + prose + '<p>The vote was put off until</p><p id="later">after the spring recess, when the committee will '
        "meet again to hear from every member.</p>" + prose
        + "<p><span>Docs pastes wrap every paragraph, so the line stops at</span></p><p><span>a span and goes on "
        "in the next one, as the reader sees.</span></p><p><span>Step 2</span></p><p><span>pip install packet</span></p>"
        + prose + "</article></body></html>"
    )
    article = extract_article(html, URL)
    root = lxml_html.fragment_fromstring(article.html, create_parent="div")
    paragraphs = [" ".join(p.text_content().split()) for p in root.iter("p")]
    assert "Step 1" in paragraphs and "on little cat feet," in paragraphs, paragraphs
    assert any(p.startswith("The vote was put off until after the spring recess") for p in paragraphs), paragraphs
    assert root.xpath('.//p/span[@id="later"]'), "a link to the joined paragraph still has its target"
    assert any(p.startswith("Docs pastes wrap every paragraph, so the line stops at a span and goes on") for p in paragraphs)
    assert "Step 2" in paragraphs, paragraphs
