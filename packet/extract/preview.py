"""Formatting for `packet extract SOURCE...`: see what would reach paper.

The CLI turns each extracted Article (or failure) into a JSON record, plain
text, or one self-contained HTML page to open in a browser. Article HTML is
already sanitised; metadata is escaped here.
"""

from __future__ import annotations

from html import escape

from packet.article import Article
from packet.extract.text import printed_text

PREVIEW_CSS = """
body { font: 17px/1.5 Georgia, 'Charis SIL', serif; max-width: 40em; margin: 2em auto;
       padding: 0 1em; color: #222; background: #fff; }
article { border-bottom: 1px solid #ccc; padding-bottom: 2em; margin-bottom: 2em; }
.card { font: 14px/1.4 system-ui, sans-serif; color: #555; margin-bottom: 1.5em; }
.card a { color: #555; word-break: break-all; }
img, .math-display { max-width: 100%; height: auto; }
img.math { height: auto; }
figure { margin: 1.5em 0; } figcaption { font-size: 0.9em; color: #555; }
pre { overflow-x: auto; background: #f6f6f6; padding: 0.6em; font-size: 0.85em; }
table { border-collapse: collapse; font-size: 0.9em; } td, th { border: 1px solid #ccc; padding: 0.2em 0.4em; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid #ccc; color: #444; }
.error { color: #a00; font-family: system-ui, sans-serif; }
"""


def article_record(source: str, article: Article, route: str = "") -> dict:
    """A JSON-ready description of one extracted reading; `route` is how it
    was fetched ("arxiv-html", "forum-api", "page", ...) and `format` the
    dedicated reader its markup got, if any."""
    return {
        "source": source,
        "route": route,
        "format": article.format,
        "title": article.title,
        "authors": list(article.authors),
        "date": article.date,
        "site": article.site,
        "lang": article.lang,
        "word_count": article.word_count,
        "text": article.text,
        "html": article.html,
    }


def error_record(source: str, error: str, route: str = "") -> dict:
    """A JSON-ready description of a reading that could not be extracted."""
    return {"source": source, "route": route, "error": error}


def plain_text(article: Article) -> str:
    """The reading as a terminal would show it: a short header, then the text."""
    header = [article.title or article.url]
    byline = ", ".join(filter(None, [", ".join(article.authors), article.site, article.date]))
    if byline:
        header.append(byline)
    header.append(article.url)
    # What will be printed, figure captions included.
    return "\n".join(header) + "\n\n" + printed_text(article.html) + "\n"


def _card(source: str, article: Article) -> str:
    facts = [", ".join(article.authors), article.site or "", article.date or "", f"{article.word_count} words"]
    line = " · ".join(escape(f) for f in facts if f)
    url = escape(article.url, quote=True)
    return (
        f'<div class="card"><div>{line}</div>'
        f'<div><a href="{url}">{escape(article.url)}</a></div>'
        + (f"<div>source: {escape(source)}</div>" if source != article.url else "")
        + "</div>"
    )


def standalone_html(articles: list[tuple[str, Article]]) -> str:
    """One page, openable offline, showing each reading as it will print."""
    parts = []
    for source, article in articles:
        lang = f' lang="{escape(article.lang, quote=True)}"' if article.lang else ""
        parts.append(
            # A browser tells a right-to-left reading by its first letters.
            f'<article{lang} dir="auto"><h1>{escape(article.title or article.url)}</h1>'
            f"{_card(source, article)}{article.html}</article>"
        )
    title = escape(articles[0][1].title) if len(articles) == 1 else "packet extract preview"
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{PREVIEW_CSS}</style></head>"
        f"<body>{''.join(parts)}</body></html>\n"
    )
