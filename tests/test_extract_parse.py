"""HTML text to trees: markup libxml2 mangles is read again as browsers read it."""

from packet.extract.parse import _visible_words, fragment, parse_page


def test_visible_words_leave_out_scripts_styles_comments_and_an_unclosed_script():
    html = "<p>a b</p><script>x y z</script ><!-- c d --><style>e</style> f <script>never closed g h"
    assert _visible_words(html) == 3


def test_a_page_libxml2_empties_is_parsed_again():
    html = '<html xlogo.jpg" alt="News" border="0" /></a></td><p>' + "Words of the story here. " * 30 + "</p></html>"
    doc = parse_page(html)
    assert "Words of the story here." in doc.text_content()


def test_a_fragment_without_a_body_gives_an_empty_block_not_an_error():
    root = fragment('<html xlogo.jpg" alt="News"></html>')
    assert root.tag == "div" and not root.text_content().strip()
