"""The screen handout in a real browser: headless Chromium opens
week-NN-handout.html and reports what a person would see (every image
drawn, the packet's fonts loaded, every link going somewhere).

Skipped where Chromium is not installed, except in CI (CI=true), where a
missing Chromium is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from packet.article import Article
from packet.load import parse_curriculum
from packet.render.handout import render_week_handout
from packet.render.material import ReadingMaterial
from packet.render.pdf import Asset

FIXTURES = Path(__file__).parent / "fixtures" / "handout"
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
# Appended to a copy of the page: once everything has loaded, write down what
# the browser made of it on <body>, for --dump-dom to print.
PROBE = """<script>
window.addEventListener("load", async () => {
  await document.fonts.ready;
  const b = document.body;
  b.dataset.images = [...document.images].map(i => `${i.naturalWidth}x${i.naturalHeight} ${i.className || i.alt}`).join("|");
  b.dataset.fonts = [...document.fonts].filter(f => f.status === "loaded").map(f => `${f.family} ${f.weight} ${f.style}`).join("|");
  b.dataset.bodyFont = getComputedStyle(document.querySelector(".body p")).fontFamily;
  b.dataset.deadLinks = [...document.links].filter(a => {
    const href = a.getAttribute("href");
    if (href.startsWith("#")) return !document.getElementById(decodeURIComponent(href.slice(1)));
    return !/^(https?:|mailto:)/.test(href);
  }).map(a => a.getAttribute("href")).join("|");
  b.dataset.done = "yes";
});
</script>"""

CURRICULUM = """
title: Screen group
readings:
  - {id: compute, title: Trends in training compute, url: "https://example.org/compute-trends"}
  - {id: gone, title: A post that vanished, url: "https://example.org/gone"}
weeks:
  - number: 2
    title: Measuring progress
    agenda:
      - {kind: reading, readings: [compute], minutes: 25}
      - kind: video
        title: A talk
        url: https://www.youtube.com/watch?v=abcdefghijk
        start: "1:00"
      - {kind: reading, readings: [gone], optional: true}
"""
MATH = (
    '<p>Inline <math alttext="x^{2}"><msup><mi>x</mi><mn>2</mn></msup></math> and '
    '<a href="#fn1">a footnote</a>, <a href="https://example.org/more">a link</a>.</p>'
)


def chromium() -> str | None:
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but Chromium is not installed")
        pytest.skip("Chromium is not installed here")
    return binary


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    """The week's screen handout as headless Chromium saw it: the probed <body>."""
    binary = chromium()
    curriculum = parse_curriculum(CURRICULUM)
    assets = {
        "https://example.org/compute-chart.png": Asset(FIXTURES / "compute-chart.png", "image/png"),
        "https://example.org/icon.png": Asset(FIXTURES / "icon.png", "image/png"),
    }
    article = (FIXTURES / "article-figure-table.html").read_text() + MATH
    materials = {
        "compute": ReadingMaterial(
            curriculum.reading("compute"), "https://example.org/compute-trends",
            article=Article(url="https://example.org/compute-trends", html=article, word_count=400), assets=assets,
        ),
        "gone": ReadingMaterial(curriculum.reading("gone"), "https://example.org/gone", reason="404 Not Found"),
    }
    handout = render_week_handout(curriculum, curriculum.weeks[0], materials)
    folder = tmp_path_factory.mktemp("screen")
    page = folder / "week-02-handout.html"
    page.write_text(handout.html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={folder / 'profile'}", "--virtual-time-budget=10000",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    body = lxml_html.fromstring(done.stdout).find("body")
    assert body is not None and body.get("data-done") == "yes", done.stderr[-2000:]
    return handout, body


def test_every_image_shows_with_a_natural_size(seen):
    handout, body = seen
    images = body.get("data-images").split("|")
    kinds = " ".join(images)
    assert kinds.count("qr") == 3  # the video's and both readings' codes
    assert "Bar chart" in kinds and "math" in kinds
    broken = [image for image in images if image.startswith("0x")]
    assert broken == []
    assert len(images) == lxml_html.fromstring(handout.html).xpath("count(//img)")


def test_the_packets_fonts_are_the_ones_shown(seen):
    _, body = seen
    loaded = body.get("data-fonts").split("|")
    assert "Packet Serif 400 normal" in loaded
    assert any(face.startswith("Packet Sans") for face in loaded)
    assert body.get("data-body-font").startswith('"Packet Serif"')


def test_every_link_goes_somewhere(seen):
    handout, body = seen
    assert body.get("data-dead-links") == ""
    doc = lxml_html.fromstring(handout.html)
    hrefs = [a.get("href") for a in doc.iter("a")]
    assert "https://example.org/more" in hrefs and "https://epochai.org/data" in hrefs
    assert any(h.startswith("#r-compute-fn1") for h in hrefs)
