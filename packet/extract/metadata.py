"""Who wrote a page, when, where: the source-card facts of an Article.

Sources are tried in a fixed order, first answer wins per field: JSON-LD
(schema.org), OpenGraph/article:*, Highwire citation_* tags (journals,
arXiv), Dublin Core, then the page itself (<title>, <html lang>, meta
author, <time>). Dates come out as ISO "YYYY-MM-DD".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "scholarlyarticle", "report", "techarticle",
    "socialmediaposting", "analysisnewsarticle", "opinionnewsarticle", "reportagenewsarticle",
    "creativework", "webpage", "posting", "liveblogposting", "review", "medicalwebpage",
}
DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y",
    "%d %b %Y", "%a, %d %b %Y %H:%M:%S", "%Y-%m", "%Y",
)


@dataclass
class Metadata:
    """Source-card facts; empty when the page does not say."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    site: str | None = None
    lang: str | None = None


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def iso_date(value: str | None) -> str | None:
    """An ISO date "YYYY-MM-DD" (or "YYYY-MM", "YYYY") from common date spellings."""
    text = _clean(value)
    if not text:
        return None
    match = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if match:
        y, m, d = (int(g) for g in match.groups())
        if 1 <= m <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{m:02d}-{d:02d}"
    text = re.sub(r"\s*(GMT|UTC|[+-]\d{4}|Z)$", "", text)
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed.strftime(fmt if fmt in ("%Y", "%Y-%m") else "%Y-%m-%d")
    return None


def _names(value) -> list[str]:
    """Author names from the many shapes JSON-LD and meta tags use."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        return _names(value.get("name") or "")
    text = _clean(str(value)) if value else ""
    if not text or text.startswith(("http://", "https://")):
        return []
    return [text]


def _unique(names: list[str]) -> list[str]:
    seen, out = set(), []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _jsonld_objects(doc) -> list[dict]:
    objects = []
    for script in doc.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity", "mainEntityOfPage"))
    return objects


def _type_names(obj: dict) -> set[str]:
    kinds = obj.get("@type") or []
    return {str(k).lower() for k in (kinds if isinstance(kinds, list) else [kinds])}


def from_jsonld(doc) -> Metadata:
    meta = Metadata()
    objects = [o for o in _jsonld_objects(doc) if _type_names(o) & ARTICLE_TYPES]
    # Prefer real article types over a generic WebPage wrapper.
    objects.sort(key=lambda o: bool(_type_names(o) & {"webpage", "creativework"}))
    for obj in objects:
        meta.title = meta.title or _clean(str(obj.get("headline") or obj.get("name") or ""))
        meta.authors = meta.authors or _unique(_names(obj.get("author") or obj.get("creator")))
        meta.date = meta.date or iso_date(str(obj.get("datePublished") or obj.get("dateCreated") or ""))
        publisher = obj.get("publisher")
        if isinstance(publisher, list):
            publisher = publisher[0] if publisher else None
        if isinstance(publisher, dict) and publisher.get("name"):
            meta.site = meta.site or _clean(str(publisher["name"]))
        lang = obj.get("inLanguage")
        if isinstance(lang, str):
            meta.lang = meta.lang or lang
    return meta


def _meta_values(doc, *names: str) -> list[str]:
    wanted = {n.lower() for n in names}
    values = []
    for el in doc.iter("meta"):
        keys = " ".join(filter(None, (el.get("property"), el.get("name"), el.get("itemprop")))).lower().split()
        if wanted.intersection(keys) and _clean(el.get("content")):
            values.append(_clean(el.get("content")))
    return values


def _first(doc, *names: str) -> str:
    values = _meta_values(doc, *names)
    return values[0] if values else ""


def from_opengraph(doc) -> Metadata:
    return Metadata(
        title=_first(doc, "og:title", "twitter:title"),
        authors=_unique([n for v in _meta_values(doc, "article:author") for n in _names(v)]),
        date=iso_date(_first(doc, "article:published_time", "og:published_time")),
        site=_first(doc, "og:site_name") or None,
        lang=_first(doc, "og:locale") or None,
    )


def from_citation(doc) -> Metadata:
    return Metadata(
        title=_first(doc, "citation_title"),
        authors=_unique(_meta_values(doc, "citation_author")),
        date=iso_date(_first(doc, "citation_publication_date", "citation_date", "citation_online_date")),
        site=_first(doc, "citation_journal_title", "citation_conference_title", "citation_publisher") or None,
        lang=_first(doc, "citation_language") or None,
    )


def from_dublin_core(doc) -> Metadata:
    return Metadata(
        title=_first(doc, "dc.title", "dcterms.title"),
        authors=_unique(_meta_values(doc, "dc.creator", "dcterms.creator")),
        date=iso_date(_first(doc, "dc.date", "dcterms.date", "dcterms.issued", "dc.date.issued")),
        site=_first(doc, "dc.publisher", "dcterms.publisher") or None,
        lang=_first(doc, "dc.language", "dcterms.language") or None,
    )


def from_page(doc, url: str) -> Metadata:
    title_el = doc.find(".//title")
    title = _clean(title_el.text_content()) if title_el is not None else ""
    h1s = [_clean(h.text_content()) for h in doc.iter("h1")]
    # A <title> usually carries " | Site Name"; the matching <h1> does not.
    for h1 in h1s:
        if h1 and title.startswith(h1) and len(h1) > 10:
            title = h1
            break
    else:
        if not title and h1s:
            title = h1s[0]
    authors = _meta_values(doc, "author", "parsely-author", "sailthru.author")
    if not authors:
        authors = [_clean(a.text_content()) for a in doc.xpath('//*[@rel="author" or @itemprop="author"]')[:3]]
    times = doc.xpath("//time[@datetime]/@datetime")
    lang = doc.get("lang") or doc.get("xml:lang") or _first(doc, "content-language", "language")
    for el in doc.iter("meta"):
        if (el.get("http-equiv") or "").lower() == "content-language" and not lang:
            lang = el.get("content")
    host = urlsplit(url).hostname or ""
    site = _first(doc, "application-name", "apple-mobile-web-app-title") or (
        re.sub(r"^www\.", "", host) if host and host != "fakehost" else None
    )
    return Metadata(
        title=title,
        authors=_unique([n for a in authors for n in _names(a) if len(n) < 100]),
        date=iso_date(_first(doc, "date", "pubdate", "publishdate", "parsely-pub-date", "sailthru.date")
                      or (times[0] if times else "")),
        site=site,
        lang=_clean(lang) or None,
    )


def extract_metadata(doc, url: str) -> Metadata:
    """Metadata of a parsed page (lxml document), first source wins per field."""
    result = Metadata()
    sources = (from_jsonld(doc), from_opengraph(doc), from_citation(doc), from_dublin_core(doc), from_page(doc, url))
    for found in sources:
        result.title = result.title or found.title
        result.authors = result.authors or found.authors
        result.date = result.date or found.date
        result.site = result.site or found.site
        result.lang = result.lang or found.lang
    if result.lang:
        result.lang = result.lang.replace("_", "-").split(",")[0].strip()
    return result
