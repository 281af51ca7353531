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
