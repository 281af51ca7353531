"""The shipped fonts print text that can be copied, searched and read aloud."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from packet.render.pdf import STYLES_DIR, render_pdf

SAMPLE = "Office fifty 18:00-20:05 www.example.org/a_b?x=1 déjà Русский “q” — ½"


@pytest.mark.parametrize("font", ["CharisSIL-Regular.ttf", "CharisSIL-Italic.ttf", "Inter-Regular.otf", "Inter-Bold.otf", "JetBrainsMono-Regular.ttf"])
def test_text_extracts_exactly_from_each_shipped_font(tmp_path, font):
    css = tmp_path / "font.css"
    css.write_text(f"@font-face {{ font-family: X; src: url({(STYLES_DIR / 'fonts' / font).as_uri()}); }} body {{ font-family: X; }}")
    rendered = render_pdf(f"<p>{SAMPLE}</p>", stylesheets=[css])
    text = PdfReader(io.BytesIO(rendered.pdf)).pages[0].extract_text().replace("\n", " ").strip()
    assert text == SAMPLE
    assert embedded_fonts(rendered.pdf) == {"X"}, "every glyph comes from the shipped font"


def embedded_fonts(pdf: bytes) -> set[str]:
    """Families of the fonts whose files are inside the PDF (not the reader's)."""
    families = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
            if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                families.add(str(descriptor.get("/FontFamily") or descriptor["/FontName"]).split("+")[-1])
    return families


def test_greek_is_set_in_one_font_not_letter_by_letter():
    # Charis has α, β, π but not ε, η, ο, τ: a Greek word must not mix
    # its serif letters with Inter's sans ones.
    import pdfplumber

    from packet.article import Article
    from packet.curriculum import Reading
    from packet.render.handout import render_print
    from packet.render.material import ReadingMaterial
    from packet.render.options import RenderOptions

    greek = "Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο."
    html = f"<p>{greek}</p><p>An English sentence with a learning rate α of 0.1.</p>"
    material = ReadingMaterial(
        Reading(id="el", title="Greek", url="https://example.org/el"), "https://example.org/el",
        article=Article(url="https://example.org/el", html=html, word_count=20),
    )
    rendered = render_print([material], RenderOptions())
    with pdfplumber.open(io.BytesIO(rendered.pdf)) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["size"] > 10]  # body text, not the card
    fonts = {c["fontname"].split("+")[-1] for c in chars if "\u0370" <= c["text"] <= "\u03ff"}
    assert fonts == {"Packet-Sans"}
    latin = {c["fontname"].split("+")[-1] for c in chars if c["text"] in "Englishsentence" and round(c["size"], 1) == 10.5}
    assert latin == {"Packet-Serif"}


def test_charis_leaves_greek_to_inter_and_other_scripts_to_the_system():
    from fontTools.ttLib import TTFont

    for name in ("CharisSIL-Regular.ttf", "CharisSIL-Italic.ttf", "CharisSIL-Bold.ttf", "CharisSIL-BoldItalic.ttf"):
        cmap = TTFont(STYLES_DIR / "fonts" / name).getBestCmap()
        assert not [c for c in cmap if 0x370 <= c <= 0x3FF], name
        assert ord("é") in cmap and ord("Ж") in cmap, name


def test_box_drawing_in_code_prints_from_the_shipped_mono_font(tmp_path):
    # psql's result tables and `tree` output: without these characters the
    # mono font fell back to the host's (wider) one and the rules wrapped.
    sample = "─┼─ │ ├── └── ═ ▀▄ █"
    for name in ("JetBrainsMono-Regular.ttf", "JetBrainsMono-Bold.ttf"):
        css = tmp_path / "font.css"
        css.write_text(f"@font-face {{ font-family: X; src: url({(STYLES_DIR / 'fonts' / name).as_uri()}); }} pre {{ font-family: X; }}")
        rendered = render_pdf(f"<pre>{sample}</pre>", stylesheets=[css])
        assert embedded_fonts(rendered.pdf) == {"X"}, name
        assert PdfReader(io.BytesIO(rendered.pdf)).pages[0].extract_text().strip() == sample
