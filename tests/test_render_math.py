"""Math reaches paper typeset as SVG, never as raw LaTeX (the render stage's math step)."""

import base64
import re

from lxml import html as lxml_html

from packet.extract import math as extract_math
from packet.render.body import apply, parse_body, typeset_math as typeset_step
from packet.render.options import RenderOptions


def typeset_math(html: str) -> str:
    body = parse_body(html, "r-test", RenderOptions().measure())
    return apply([typeset_step], body).html()

INLINE = (
    '<p>Let <math alttext="x^{2}+y" display="inline"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup>'
    '<mo>+</mo><mi>y</mi></mrow><annotation encoding="application/x-tex">x^{2}+y</annotation></semantics></math> be small.</p>'
)
DISPLAY = '<p><math alttext="\\frac{a}{b}" display="block"><mfrac><mi>a</mi><mi>b</mi></mfrac></math></p>'


def images(html: str) -> list[str]:
    return re.findall(r"<img [^>]*>", html)


def svg_of(img: str) -> str:
    return base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', img).group(1)).decode()


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_inline_math_becomes_svg_on_the_baseline():
    out = typeset_math(INLINE)
    (img,) = images(out)
    assert 'class="math"' in img and "vertical-align:" in img and "em;" in img
    assert "<path" in svg_of(img) or "<use" in svg_of(img)
    assert "<math" not in out and "x^{2}" not in visible_text(out)
    assert out.startswith("<p>Let <img") and out.endswith(" be small.</p>")


def test_display_math_stays_display():
    (img,) = images(typeset_math(DISPLAY))
    assert "math-display" in img and "display:block" in img


def test_unrenderable_mathml_falls_back_to_tex():
    out = typeset_math('<p><math alttext="\\alpha+\\beta"><mnonsense>?</mnonsense></math></p>')
    (img,) = images(out)
    assert "\\alpha" not in visible_text(out)
    assert svg_of(img)


def test_last_resort_is_the_tex_as_code():
    out = typeset_math('<p><math alttext="\\undefinedmacro{"><mnonsense>?</mnonsense></math></p>')
    assert '<code class="math">\\undefinedmacro{</code>' in out


def test_html_without_math_is_untouched():
    assert typeset_math("<p>plain</p>") == "<p>plain</p>"


def test_typeset_formulas_are_remembered_in_the_cache_folder(tmp_path):
    body = parse_body(DISPLAY, "r-test", RenderOptions().measure(), math_cache=tmp_path)
    first = apply([typeset_step], body).html()
    (remembered,) = tmp_path.glob("*.html")
    assert remembered.read_text() in first
    # The next print takes the formula from the cache, not from ziamath.
    remembered.write_text('<img class="math" alt="FROM-THE-CACHE" src="data:image/svg+xml;base64,PHN2Zy8+">')
    again = apply([typeset_step], parse_body(DISPLAY, "r-test", RenderOptions().measure(), math_cache=tmp_path))
    assert "FROM-THE-CACHE" in again.html()


def _nested_brackets(levels: int) -> str:
    r"""\left( a + \left( a + ... x \right) \right): every level a row in a row."""
    return r"\left(a+" * levels + "x" + r"\right)" * levels


def test_brackets_nested_thirty_deep_print_as_their_tex():
    # ziamath's work doubles with each nested row: 10 deep took 1.3 s, so 30 would take days.
    tex = _nested_brackets(30)
    mathml = extract_math.tex_to_mathml(tex, display=False)
    out = typeset_math(f"<p>{lxml_html.tostring(mathml, encoding='unicode')}</p>")
    assert images(out) == [] and f'<code class="math">{tex}</code>' in out


def test_deep_tex_that_has_no_usable_mathml_prints_as_its_tex():
    tex = _nested_brackets(30)
    out = typeset_math(f'<p><math alttext="{tex}"><mnonsense>?</mnonsense></math></p>')
    assert images(out) == [] and f'<code class="math">{tex}</code>' in out


def test_brackets_nested_as_deep_as_real_formulas_still_typeset():
    mathml = extract_math.tex_to_mathml(_nested_brackets(4), display=False)
    out = typeset_math(f"<p>{lxml_html.tostring(mathml, encoding='unicode')}</p>")
    (img,) = images(out)
    assert "<code" not in out and svg_of(img)


def test_whitespace_a_page_pretty_printed_into_its_mathml_is_not_drawn():
    # Wikipedia's MathML is indented inside its token elements
    # (<mtext>\n  &nbsp;Hermitian\n </mtext>); MathML trims that, and a
    # renderer that draws it spreads the formula across the line.
    compact = '<p><math display="block"><mrow><mi>A</mi><mtext>\u00a0Hermitian</mtext><mo>\u27fa</mo><mi>a</mi></mrow></math></p>'
    pretty = (
        '<p><math display="block"><mrow>\n   <mi>A</mi>\n   <mtext>\n     \u00a0Hermitian\n   </mtext>\n'
        '   <mo>\n     \u27fa\n   </mo>\n   <mi>\n a </mi>\n </mrow></math></p>'
    )
    widths = [re.search(r"width:([\d.]+)em", images(typeset_math(html))[0]).group(1) for html in (compact, pretty)]
    assert widths[0] == widths[1]
