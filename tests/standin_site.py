"""A loopback stand-in for the web the shipped curriculum reads from.

Hand-written, generated pages of realistic length and shape (site chrome
around an article with headings, a figure, a table, footnotes; arXiv-like
papers with numbered LaTeXML sections and MathML), so builds run end to end
without the internet. Used by the integration tests; the benches serve real
pages instead, from the same server (bench/loopback_web.py).
"""

from __future__ import annotations

import io
import random
import re
from urllib.parse import urlsplit

from bench.loopback_web import LoopbackServer

WORDS = (
    "the model learns a policy from reward signals that people provide while training and we ask "
    "whether its goals generalise to new situations when the environment changes in ways nobody "
    "anticipated during evaluation researchers argue that capable systems could pursue proxies of "
    "what we intended because gradient descent selects for behaviour that scores well rather than "
    "for the reasons behind it so careful oversight interpretability and adversarial testing matter"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 22))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, link_base: str) -> str:
    text = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
    if rng.random() < 0.3:
        text += f' See <a href="{link_base}/notes/{rng.randint(1, 99)}">this note</a>.'
    return f"<p>{text}</p>"


def png_bytes(width: int = 480, height: int = 270, seed: int = 0) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    points = [(x, height - 20 - int((x / width) ** 1.5 * (height - 60)) - rng.randint(0, 12)) for x in range(20, width - 20, 20)]
    draw.line(points, fill="black", width=3)
    draw.rectangle([10, 10, width - 10, height - 10], outline="gray")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


CHROME_TOP = """<header class="site-header"><nav class="nav"><a href="/">Home</a> <a href="/archive">Archive</a>
<a href="/about">About</a> <a href="/subscribe">Subscribe</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>"""
CHROME_BOTTOM = """<div class="share-bar"><a href="https://twitter.com/share">Share on Twitter</a> <a href="https://facebook.com/sharer">Share on Facebook</a></div>
<aside class="newsletter-signup"><h3>Subscribe to our newsletter</h3><p>Get new posts by email every week, no spam.</p></aside>
<section class="comments" id="comments"><h3>42 comments</h3><div class="comment"><p>COMMENT-SENTINEL great post, I disagree with everything.</p></div></section>
<footer class="site-footer"><p>Copyright 2024 Example Blog. All rights reserved.</p></footer>"""


def article_page(title: str, author: str, words: int, seed: int, *, headings: list[str] | None = None, base: str = "") -> str:
    """A blog-like page: the article of about `words` words inside site chrome."""
    rng = random.Random(seed)
    headings = headings or ["Background", "The main argument", "Objections", "Where this leaves us"]
    per_section = max(words // len(headings), 60)
    body = []
    for index, heading in enumerate(headings):
        body.append(f"<h2>{heading}</h2>")
        written = 0
        while written < per_section:
            paragraph = _paragraph(rng, base)
            written += len(re.sub("<[^>]+>", "", paragraph).split())
            body.append(paragraph)
        if index == 0:
            body.append(f'<figure><img src="{base}/img/figure-{seed}.png" alt="A rising curve" width="480" height="270">'
                        f"<figcaption>Figure 1: capability against compute (stand-in).</figcaption></figure>")
        if index == 1:
            body.append("<table><thead><tr><th>Anchor</th><th>Weight</th><th>Median year</th></tr></thead><tbody>"
                        "<tr><td>Neural network</td><td>0.3</td><td>2050</td></tr>"
                        "<tr><td>Lifetime</td><td>0.1</td><td>2040</td></tr></tbody></table>")
            body.append("<ul><li>First point worth listing.</li><li>Second point worth listing.</li></ul>")
            body.append("<blockquote><p>A quoted passage from another author, kept as a quote.</p></blockquote>")
    body.append('<p>Text with a footnote.<sup id="fnref1"><a href="#fn1">1</a></sup></p>')
    body.append('<ol class="footnotes"><li id="fn1">The footnote itself, kept and linked. <a href="#fnref1">back</a></li></ol>')
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Example Blog</title>
<meta property="og:title" content="{title}"><meta name="author" content="{author}">
<meta property="article:published_time" content="2022-03-01T10:00:00Z"><meta property="og:site_name" content="Example Blog">
<script>window.tracking = true;</script></head><body>{CHROME_TOP}
<main><article><h1>{title}</h1><p class="byline">By {author}</p>{''.join(body)}</article></main>
{CHROME_BOTTOM}</body></html>"""


def paper_page(title: str, seed: int, sections: int = 6, words: int = 6000) -> str:
    """An arXiv/ar5iv LaTeXML-like paper: numbered sections, subsections, MathML."""
    rng = random.Random(seed)
    per = max(words // (sections * 2), 60)
    parts = [f'<h1 class="ltx_title ltx_title_document">{title}</h1>',
             '<div class="ltx_abstract"><h6 class="ltx_title">Abstract</h6><p class="ltx_p">'
             + " ".join(_sentence(rng) for _ in range(5)) + "</p></div>"]
    names = ["Introduction", "Background", "Examples", "Analysis", "Mitigations", "Conclusion", "Related work", "Discussion"]
    for number in range(1, sections + 1):
        parts.append(f'<section class="ltx_section" id="S{number}"><h2 class="ltx_title ltx_title_section">'
                     f'<span class="ltx_tag ltx_tag_section">{number} </span>{names[(number - 1) % len(names)]}</h2>')
        parts.append("".join(_paragraph(rng, "") for _ in range(max(per // 60, 1))))
        parts.append('<p class="ltx_p">The loss is <math alttext="L(\\theta)=\\sum_i (y_i-f_\\theta(x_i))^2" display="inline">'
                     '<semantics><mrow><mi>L</mi><mo>(</mo><mi>θ</mi><mo>)</mo><mo>=</mo><msub><mo>∑</mo><mi>i</mi></msub>'
                     '<msup><mrow><mo>(</mo><msub><mi>y</mi><mi>i</mi></msub><mo>−</mo><mi>f</mi><mo>)</mo></mrow><mn>2</mn></msup></mrow>'
                     '<annotation encoding="application/x-tex">L(\\theta)=\\sum_i (y_i-f_\\theta(x_i))^2</annotation></semantics></math>.</p>')
        for sub in range(1, 3):
            parts.append(f'<section class="ltx_subsection" id="S{number}.SS{sub}"><h3 class="ltx_title ltx_title_subsection">'
                         f'<span class="ltx_tag ltx_tag_subsection">{number}.{sub} </span>Part {sub} of section {number}</h3>')
            parts.append("".join(_paragraph(rng, "") for _ in range(max(per // 90, 1))))
            parts.append("</section>")
        parts.append("</section>")
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>[{seed}] {title}</title>
<meta name="citation_title" content="{title}"><meta name="citation_author" content="Author, A."></head>
<body><div class="ltx_page_main"><article class="ltx_document">{''.join(parts)}</article></div>
<footer class="ltx_page_footer">Generated by LaTeXML</footer></body></html>"""


class StandinSite(LoopbackServer):
    """A threaded HTTP server on 127.0.0.1 serving `pages` with added latency.

    `pages` maps a path to (status, content type, body); any other path is a
    404. Every request is logged in `log`, so tests can count network traffic.
    """

    def __init__(self, pages: dict[str, tuple[int, str, bytes]], latency: float = 0.0):
        self.pages = pages
        super().__init__(lambda host, path: self.pages.get(path, (404, "text/html", b"<h1>Not Found</h1>")), latency=latency)

    def __enter__(self) -> StandinSite:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


_PART_HEADINGS = ["Part I: You get what you measure", "Part II: Influence-seeking behavior is scary"]


def shipped_site(curriculum_text: str, base_url_placeholder: str = "{BASE}") -> tuple[str, dict[str, tuple[int, str, bytes]]]:
    """The shipped curriculum with every reading URL moved onto the stand-in
    site, and the pages to serve there. Videos keep their (never fetched) URLs."""
    pages: dict[str, tuple[int, str, bytes]] = {}
    text = curriculum_text
    reading_urls = re.findall(r"^    url: (\S+)$", curriculum_text, flags=re.M)
    for seed, url in enumerate(dict.fromkeys(reading_urls)):
        parts = urlsplit(url)
        path = f"/{parts.hostname}{parts.path.rstrip('/') or '/index'}"
        title = path.rsplit("/", 1)[-1].replace("-", " ").capitalize()
        if "arxiv" in url:
            html = paper_page(title, seed, sections=6, words=7000)
        elif "what-failure-looks-like" in url:
            html = article_page(title, "Paul Christiano", 4000, seed, headings=_PART_HEADINGS, base=base_url_placeholder)
        else:
            html = article_page(title, "A. Writer", 2500 + 300 * (seed % 7), seed, base=base_url_placeholder)
        pages[path] = (200, "text/html; charset=utf-8", html.encode("utf-8"))
        pages[f"/img/figure-{seed}.png"] = (200, "image/png", png_bytes(seed=seed))
        text = text.replace(f"    url: {url}\n", f"    url: {base_url_placeholder}{path}\n")
    return text, pages


def serve_shipped(curriculum_text: str, latency: float = 0.0) -> tuple[StandinSite, str]:
    """A started-on-enter site for the shipped curriculum, and the rewritten curriculum."""
    text, pages = shipped_site(curriculum_text)
    site = StandinSite({}, latency=latency)
    base = site.url
    site.pages = {path: (s, c, b.replace(b"{BASE}", base.encode())) for path, (s, c, b) in pages.items()}
    return site, text.replace("{BASE}", base)
