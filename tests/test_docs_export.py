"""Google Docs exports become plain semantic HTML (packet/docs_export.py).

tests/fixtures/docs/facilitator-guide-export.html is hand-written in the
shape of real `export?format=html` answers as saved in public repositories
(a `<style>` block of generated `.cN` classes, `body.c8.doc-content`,
`p.title`, flat `lst-kix_<id>-<depth>` lists with `start=`, links through
`google.com/url?q=`, footnotes and comment threads appended in bare divs).
"""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from packet.docs_export import is_docs_export, normalise_docs_export, unwrap_google_redirect

FIXTURE = Path(__file__).parent / "fixtures" / "docs" / "facilitator-guide-export.html"


def _normalised():
    doc = lxml_html.document_fromstring(FIXTURE.read_bytes())
    title = normalise_docs_export(doc)
    return doc, title


def test_title_comes_from_the_title_paragraph_not_the_first_heading():
    doc, title = _normalised()
    assert title == "Intro to AI Safety: Facilitator Guide"
    assert doc.findtext(".//head/title") == title
    assert [h.text_content() for h in doc.iter("h1")] == [title, "Week 1: Why alignment might be hard"]
    assert doc.xpath("//p/em")[0].text_content() == "Spring term"


def test_bold_italic_underline_and_superscript_come_from_class_styles():
    doc, _ = _normalised()
    assert [s.text_content() for s in doc.iter("strong")] == ["two hours", "What would change your mind?"]
    assert doc.xpath("//strong/em")[0].text_content() == "What would change your mind?"
    assert [e.text_content() for e in doc.iter("em")][1] == "least"
    assert [u.text_content() for u in doc.iter("u")] == ["not"]
    assert [s.text for s in doc.iter("sup") if not s.findall("a")] == ["2"]
    assert not doc.xpath("//span")


def test_nested_lists_follow_the_list_levels_and_keep_numbering():
    doc, _ = _normalised()
    week = doc.xpath("//body/ol")[0]
    items = week.findall("li")
    assert [li.text_content().split(":")[0][:12] for li in items] == ["Icebreaker (", "Read", "Discuss in p", "Wrap-up (5 m"]
    questions = items[2].find("ol")
    assert questions is not None and questions.get("type") == "a"
    assert [q.text_content() for q in questions.findall("li")][0] == "Which claim do you find least convincing?"
    resumed = doc.xpath("//body/ol")[1]
    assert resumed.get("start") == "5"
    tips = doc.xpath("//body/ul")[0]
    assert tips.find("li/ul/li").text_content() == "A phone timer works."


def test_links_point_at_their_real_targets():
    doc, _ = _normalised()
    hrefs = [a.get("href") for a in doc.iter("a") if a.get("href")]
    assert "https://intelligence.org/2015/07/24/four-background-claims/" in hrefs
    assert not [h for h in hrefs if "google.com/url" in h]


def test_comments_header_and_footer_go_footnotes_stay():
    doc, _ = _normalised()
    text = doc.text_content()
    assert "Check the room booking" not in text and "[a]" not in text
    assert "Reading group handbook" not in text and "Page footer" not in text
    assert "Also on the MIRI blog." in text
    assert doc.xpath("//a[@href='#ftnt1']") and doc.xpath("//a[@id='ftnt1']")


def test_presentation_goes_images_keep_their_size():
    doc, _ = _normalised()
    assert not doc.xpath("//style | //*[@class] | //*[@style]")
    img = doc.find(".//img")
    assert (img.get("width"), img.get("height")) == ("602", "301")
    assert img.getparent().tag == "p"
    assert not [p for p in doc.iter("p") if not p.text_content().strip() and not len(p)]


def test_published_page_keeps_only_the_document():
    page = (
        '<html><head><title>Guide - Google Docs</title></head><body>'
        '<div id="banners"><div id="publish-banner">Published using Google Docs</div></div>'
        '<div id="title" class="title">Guide</div>'
        '<div id="contents"><style type="text/css">.c1{font-weight:700}.c0{direction:ltr}'
        '.title{font-size:26pt}</style><p class="c0"><span class="c1">Bold</span> words.</p></div>'
        '<div id="footer">Updated automatically every 5 minutes</div></body></html>'
    )
    doc = lxml_html.document_fromstring(page)
    assert normalise_docs_export(doc) == "Guide"
    body = doc.find("body")
    assert body.text_content() == "Bold words."
    assert body.find("p/strong").text == "Bold"


def test_other_pages_are_left_alone():
    page = "<html><head><title>Blog</title></head><body><p class='c1'><span>Text</span></p></body></html>"
    doc = lxml_html.document_fromstring(page)
    assert not is_docs_export(doc)
    assert normalise_docs_export(doc) is None
    assert doc.find(".//span") is not None


def test_google_redirects_unwrap_and_other_links_do_not():
    wrapped = "https://www.google.com/url?q=https%3A%2F%2Fexample.org%2Fa%3Fb%3D1&sa=D&source=editors&ust=1&usg=x"
    assert unwrap_google_redirect(wrapped) == "https://example.org/a?b=1"
    assert unwrap_google_redirect("https://google.com/url?q=javascript:alert(1)") == "https://google.com/url?q=javascript:alert(1)"
    assert unwrap_google_redirect("https://example.org/url?q=https://x.org") == "https://example.org/url?q=https://x.org"


def test_a_hostile_style_block_costs_one_pass():
    import time

    page = ("<html><head><style>" + "a" * 300_000 + "{" * 1000 + "</style></head>"
            "<body class='doc-content'><p class='c1'><span>Text</span></p></body></html>")
    doc = lxml_html.document_fromstring(page)
    started = time.process_time()
    normalise_docs_export(doc)
    assert time.process_time() - started < 2
    assert doc.find("body").text_content() == "Text"
