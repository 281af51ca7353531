"""Local readings, text decoding, video links and the fetch report."""

import io
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path

import pdfplumber
import pytest
from rich.console import Console

from packet.curriculum import Reading
from packet.extract import extract_article
from packet.render.handout import render_print
from packet.render.material import ReadingMaterial
from packet.render.options import RenderOptions

from packet.fetch import FetchOptions, fetch_resources
from packet.fetch.charset import decode_html
from packet.fetch.report import render_table, report_rows, write_report_json
from packet.video import video_link
from packet.resource import FetchRequest, Resource

FIXTURES = Path(__file__).parent / "fixtures" / "fetch"


def read_path(path, tmp_path, **overrides):
    opts = FetchOptions(cache_dir=tmp_path / "cache", **overrides)
    return fetch_resources([FetchRequest(id="local", path=path)], opts)[0]


def test_local_html_is_decoded(tmp_path):
    resource = read_path(FIXTURES / "latin1_no_charset.html", tmp_path)
    assert (resource.status, resource.source, resource.content_type) == ("ok", "local", "text/html")
    assert "Le café" in resource.text


def test_local_markdown_becomes_html_titled_by_its_first_heading(tmp_path):
    resource = read_path(FIXTURES / "notes.md", tmp_path)
    assert resource.status == "ok"
    assert "<title>Facilitator notes</title>" in resource.text
    assert "<strong>section 2</strong>" in resource.text
    assert "<table>" in resource.text


def _png(width: int, height: int) -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (width, height), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def test_pictures_beside_a_local_page_travel_with_it_and_nothing_else_is_read(tmp_path):
    # A page saved "complete" keeps its pictures in a folder beside it.
    folder = tmp_path / "reading"
    (folder / "Saved_files").mkdir(parents=True)
    (folder / "Saved_files" / "chart.png").write_bytes(_png(40, 30))
    (folder / "Saved_files" / "notes.png").write_text("not a picture at all")
    (tmp_path / "secret.png").write_bytes(_png(8, 8))
    page = folder / "saved.html"
    page.write_text(
        "<!-- saved from url=(0031)https://example.org/posts/chart -->\n<html><body><article>"
        "<p>The chart <img src='./Saved_files/chart.png' srcset='https://example.org/big.png 2x' alt=chart></p>"
        "<p><img src=\"Saved_files/notes.png\"><img src=\"../secret.png\"><img src=\"/etc/passwd\">"
        "<img src=\"https://example.org/online.png\"></p></article></body></html>"
    )
    text = read_path(page, tmp_path).text
    sources = re.findall(r"<img[^>]*?src=[\"']?([^\"' >]+)", text)
    assert sources[0].startswith("data:image/png;base64,") and "srcset" not in text
    assert sources[1:] == ["Saved_files/notes.png", "../secret.png", "/etc/passwd", "https://example.org/online.png"]


def test_a_figure_beside_local_markdown_notes_is_printed(tmp_path):
    (tmp_path / "fig.png").write_bytes(_png(300, 200))
    notes = tmp_path / "notes.md"
    notes.write_text("# Our notes\n\nThe loop we drew last week:\n\n![The loop](fig.png)\n")
    resource = read_path(notes, tmp_path)
    article = extract_article(resource.text, resource.url)
    material = ReadingMaterial(Reading(id="notes", title="Our notes", path=str(notes)), resource.url, article=article)
    with pdfplumber.open(io.BytesIO(render_print([material], RenderOptions()).pdf)) as pdf:
        pictures = [image for page in pdf.pages for image in page.images if image["width"] > 100]
    assert len(pictures) == 1


def test_local_pdf_is_kept_as_bytes(tmp_path):
    resource = read_path(FIXTURES / "minimal.pdf", tmp_path)
    assert resource.status == "ok" and resource.is_pdf
    assert resource.body == (FIXTURES / "minimal.pdf").read_bytes()


def test_missing_local_file_fails(tmp_path):
    path = tmp_path / "nowhere.html"
    resource = read_path(path, tmp_path)
    assert (resource.status, resource.reason) == ("failed", f"file not found: {path}")


def test_device_file_is_refused(tmp_path):
    link = tmp_path / "random.html"
    link.symlink_to("/dev/urandom")
    resource = read_path(link, tmp_path)
    assert (resource.status, resource.reason) == ("failed", f"not a regular file: {link}")


def test_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    resource = read_path(fifo, tmp_path)
    assert (resource.status, resource.reason) == ("failed", f"not a regular file: {fifo}")


def test_oversized_local_file_is_refused(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * 4096)
    resource = read_path(big, tmp_path, max_html_bytes=1024)
    assert (resource.status, resource.reason) == ("failed", "larger than 1 KB")


def test_unsupported_local_type_is_refused(tmp_path):
    doc = tmp_path / "notes.docx"
    doc.write_bytes(b"PK")
    assert read_path(doc, tmp_path).reason == "unsupported file type .docx: use .html, .md or .pdf"


@pytest.mark.parametrize(
    "body,header,expected",
    [
        ("café".encode("utf-8"), "text/html; charset=utf-8", "café"),
        ("“quoted”".encode("cp1252"), "text/html; charset=iso-8859-1", "“quoted”"),
        ("“quoted”".encode("cp1252"), "text/html; charset=us-ascii", "“quoted”"),
        (b'<meta charset="windows-1252"><p>caf\xe9</p>', None, "café"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>caf\xe9', None, "café"),
        (b"\xef\xbb\xbf<p>caf\xc3\xa9", "text/html; charset=iso-8859-1", "café"),
        ("<p>café</p>".encode("utf-16"), None, "café"),
        (b"<p>caf\xc3\xa9 au lait, cr\xc3\xa8me br\xc3\xbbl\xc3\xa9e</p>", None, "crème brûlée"),
        (b"<p>caf\xe9</p>", "text/html; charset=bogus-charset", "café"),
    ],
)
def test_decode_html_follows_declarations_then_guesses(body, header, expected):
    assert expected in decode_html(body, header)


def test_decode_html_latin1_without_any_declaration():
    text = decode_html((FIXTURES / "latin1_no_charset.html").read_bytes(), None)
    assert "Le café où j'ai lu ce résumé était fermé" in text


@pytest.mark.parametrize(
    "url,start,end,expected",
    [
        ("https://www.youtube.com/watch?v=abc123", 90, None, "https://www.youtube.com/watch?v=abc123&t=90s"),
        ("https://www.youtube.com/watch?v=abc123&t=5s", 61, None, "https://www.youtube.com/watch?v=abc123&t=61s"),
        ("https://youtu.be/abc123", 61, None, "https://youtu.be/abc123?t=61s"),
        ("https://www.youtube.com/embed/abc123", 30, 95, "https://www.youtube.com/embed/abc123?start=30&end=95"),
        ("https://vimeo.com/12345", 12, None, "https://vimeo.com/12345#t=12s"),
        ("https://youtu.be/abc123", None, None, "https://youtu.be/abc123"),
        ("https://example.org/talk", 40, None, "https://example.org/talk"),
    ],
)
def test_video_link_carries_the_start_time(url, start, end, expected):
    assert video_link(url, start, end) == expected


def resources_for_report():
    when = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    return [
        Resource(FetchRequest(id="w1-r1", url="https://a.example/x"), "ok", url="https://a.example/y",
                 body=b"12345", fetched_at=when, source="page", http_status=200),
        Resource(FetchRequest(id="w1-r2", url="https://b.example/"), "failed", reason="410 Gone", url="https://b.example/"),
    ]


def test_report_rows_and_json(tmp_path):
    rows = report_rows(resources_for_report())
    assert rows[0] == {
        "id": "w1-r1", "url": "https://a.example/x", "final_url": "https://a.example/y", "status": "ok",
        "reason": None, "source": "page", "http_status": 200, "fetched_at": "2025-01-02T03:04:05+00:00", "bytes": 5,
    }
    target = tmp_path / "out" / "fetch-report.json"
    write_report_json(resources_for_report(), target)
    assert json.loads(target.read_text())["readings"][1]["reason"] == "410 Gone"
    assert not list(target.parent.glob("*.tmp"))


def test_report_table_shows_reasons():
    console = Console(width=200, record=True)
    console.print(render_table(resources_for_report()))
    text = console.export_text()
    assert "w1-r2" in text and "410 Gone" in text and "failed" in text


def test_a_page_carries_pictures_only_up_to_its_total(tmp_path, monkeypatch):
    from packet.fetch.sources import local

    (tmp_path / "photo.png").write_bytes(_png(64, 64))
    page = tmp_path / "page.html"
    page.write_text("<html><body>" + "<p><img src='photo.png'></p>" * 5 + "</body></html>")
    one = len(local._picture_uri("photo.png", tmp_path.resolve()))
    monkeypatch.setattr(local, "MAX_INLINE_TOTAL", one * 5 // 2)  # room for two copies
    inlined = local.with_pictures_inside(page.read_text(), page)
    assert inlined.count("data:image/png") == 2 and inlined.count("src='photo.png'") == 3
