"""Readings read from a saved copy of a web page: the source card says where
the reading is online (the address the page declares for itself), with a QR
code that leads there, never a path on the organiser's laptop."""

from __future__ import annotations

import gzip
import subprocess
import sys

import pdfplumber
import pytest
from lxml import html as lxml_html

from packet.extract.address import page_address, public_web_address

from .conftest import REPO

REAL = REPO / "tests" / "fixtures" / "real"
WORDPRESS_URL = "https://wptavern.com/stack-overflow-jobs-data-shows-reactjs-skills-in-high-demand-wordpress-market-oversaturated-with-developers"


def _saved(tmp_path, fixture: str, name: str):
    """A real page from tests/fixtures/real, as a file an organiser saved."""
    path = tmp_path / name
    path.write_bytes(gzip.decompress((REAL / fixture).read_bytes()))
    return path


def _print(tmp_path, *sources) -> list:
    out = tmp_path / "out.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "packet", "print", "--offline", "-q", "--cache-dir", str(tmp_path / "cache"), "-o", str(out), *map(str, sources)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        return [(page.extract_text() or "", len(page.images)) for page in pdf.pages]


def _address(page: str) -> str | None:
    return page_address(lxml_html.document_fromstring(page), page)


@pytest.mark.parametrize(
    "fixture, expected",
    [
        # WordPress: <link rel=canonical> (and og:url)
        ("pages/wordpress.html.gz", WORDPRESS_URL),
        # Medium: og:url only
        ("pages/medium.html.gz", "https://medium.com/@pippinlee/the-open-journalism-project-better-student-journalism-fb39f4f701bb"),
        # A page Chromium saved ("<!-- saved from url=(0058)https://… -->"), nothing else
        ("mathjax/mathjax3-browser-page.html.gz", "https://mathjax.github.io/MathJax-demos-web/mml-chtml.html"),
    ],
)
def test_a_real_page_says_its_own_address(fixture, expected):
    assert _address(gzip.decompress((REAL / fixture).read_bytes()).decode("utf-8")) == expected


def test_singlefile_saves_are_read_too():
    # Hand-written stand-in in the shape SingleFile's comment takes.
    page = (
        "<!DOCTYPE html> <html lang=en><!--\n Page saved with SingleFile \n url: https://example.org/essay \n"
        " saved date: Tue Mar 05 2024 10:00:00 GMT+0000 (UTC)\n--><head><title>Essay</title></head><body><p>Text.</p></body></html>"
    )
    assert _address(page) == "https://example.org/essay"


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)", "file:///etc/passwd", "/relative/path", "http://localhost:8080/mango/cart/list.jhtml",
        "http://127.0.0.1/x", "http://10.0.0.5/wiki", "http://[::1]/", "http://intranet/page", "http://printer.local/",
        "https://user:secret@example.org/", "https://example.org/a b", "https://example.org:99999/", "https://" + "a" * 3000 + ".org/",
    ],
)
def test_no_address_a_page_cannot_be_read_at_goes_on_paper(value):
    assert public_web_address(value) is None
    page = f'<html><head><link rel="canonical" href="{value}"><meta property="og:url" content="{value}"></head><body><p>x</p></body></html>'
    assert _address(page) is None


def test_the_card_of_a_saved_page_leads_online_and_a_bare_file_says_its_name(tmp_path):
    saved = _saved(tmp_path, "pages/wordpress.html.gz", "Stack Overflow jobs.html")
    bare = tmp_path / "club-notes.html"
    bare.write_text(
        "<html><head><title>Club notes</title></head><body><article><h1>Club notes</h1>"
        + "<p>We met on Tuesday and read the first chapter aloud, taking turns at each page.</p>" * 6
        + "</article></body></html>",
        encoding="utf-8",
    )
    untitled = tmp_path / "notes" / "week-3.html"
    untitled.parent.mkdir()
    untitled.write_text("<html><body>" + "<p>Bring the printed handout and a pen to the meeting on Thursday evening.</p>" * 6 + "</body></html>", encoding="utf-8")
    pages = _print(tmp_path, saved, bare, untitled)
    first_text, first_images = pages[0]
    flat = " ".join(first_text.split())
    assert "Online at" in flat and "wptavern.com/stack-overflow-jobs-data" in flat
    assert "file:" not in flat and str(tmp_path) not in flat
    assert first_images >= 1  # the QR code (the article's pictures were not downloaded offline)
    bare_page = next((text, images) for text, images in pages if "Club notes" in text)
    bare_flat = " ".join(bare_page[0].split())
    assert "From the file club-notes.html" in bare_flat
    assert "Online at" not in bare_flat and "file:" not in bare_flat and str(tmp_path) not in bare_flat
    assert bare_page[1] == 0  # no QR code of a path on this laptop
    # A page with no title at all is titled by its file's name, not a path.
    untitled_page = " ".join(next(text for text, _ in pages if "Bring the printed handout" in text).split())
    assert untitled_page.startswith("week-3.html From the file week-3.html"), untitled_page
    assert str(tmp_path) not in untitled_page
