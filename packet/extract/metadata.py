"""Who wrote a page, when, where: the source-card facts of an Article.

Sources are tried in a fixed order: JSON-LD (schema.org), OpenGraph and
article:*, Highwire citation_* tags (journals, arXiv), Dublin Core, then the
page itself (<title>, <h1>, <html lang>, meta author, the byline, <time>).

What the card prints must read well, so every value is checked, not just
copied: a title is preferred when the page's own <h1> or <title> confirms
it; authors are people's (or organisations') names, with the "By", the
Twitter handle, the date and the "2 min read" of a byline taken off, each
name once; a date is a real calendar date, "YYYY-MM-DD" (or "YYYY-MM",
"YYYY"). A source whose value fails the check gives way to the next.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
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
# Placeholder dates content systems print when they know none.
PLACEHOLDER_DATES = {"1970-01-01", "1900-01-01"}
TITLE_SEPARATORS_RE = re.compile(r"\s+(?:\||-|–|—|·|::|»|/|\\)\s+")


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


def _clean_title(text: str) -> str:
    # A heading's permalink mark ("Evolve¶", "Setup #") is not part of its title.
    return re.sub(r"\s*[¶#§🔗]$", "", _clean(text))


# --- dates ----------------------------------------------------------------


def _plausible(year: int) -> bool:
    # Printed dates of readings: from the first printed books to next year.
    return 1400 <= year <= date.today().year + 1


def iso_date(value: str | None) -> str | None:
    """An ISO date "YYYY-MM-DD" (or "YYYY-MM", "YYYY") from common date
    spellings; None for anything that is not a real, plausible date."""
    text = _clean(value)
    if not text:
        return None
    match = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if match:
        y, m, d = (int(g) for g in match.groups())
        try:
            found = date(y, m, d).isoformat()
        except ValueError:
            return None
        return found if _plausible(y) and found not in PLACEHOLDER_DATES else None
    text = re.sub(r"\s*(GMT|UTC|[+-]\d{4}|Z)$", "", text)
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if not _plausible(parsed.year):
            return None
        return parsed.strftime(fmt if fmt in ("%Y", "%Y-%m") else "%Y-%m-%d")
    return None


# --- names ----------------------------------------------------------------

# "By", "Written by", "Par", "Von": the byline's lead word, not the name.
_LEAD_RE = re.compile(
    r"^(?:(?:written|posted|words|text|story|reporting|report|photos?|edited|published|article)\s+)?"
    r"(?:by|par|von|por|door|di|da|av|af|przez|от)\b\s*:?\s*|^(?:author|autor|auteur|autore)s?\s*:\s*",
    re.I,
)
# Where the names of a byline end: a handle, an address, a date or time,
# a reading time, a separator the site prints between the facts.
_TAIL_RE = re.compile(
    r"\s@\w|^@|\(?\bhttps?://|\bwww\.|\S+@\S+\.\w+|\s[|•·]\s?|\s[-–—]\s|\b\d|\bmin(?:ute)?s?\.?\s+read\b|"
    r"\b(?:updated|published|posted|last\s+updated|modified)\b|"
    r"\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|"
    r"\s(?:on|at)\s+(?:\d|(?:(?:mon|tue|wed|thu|fri|sat|sun)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))[a-z]*\b)",
    re.I,
)
# Words joining names: "Stella Kim and Jennifer Jett", "avec", "und".
_JOIN_RE = re.compile(r"\s*(?:;|&|\+|\b(?:and|with|et|avec|und|mit|y|e|con|og|och|en)\b)\s*", re.I)
# Words of a job or an affiliation after a name ("Senior Staff Technologist").
_ROLE_RE = re.compile(
    r"\b(?:editor|editors|reporter|correspondent|writer|columnist|contributor|contributing|staff|technologist|"
    r"director|president|officer|analyst|producer|professor|fellow|chief|manager|founder|ceo|cto|intern|"
    r"photographer|journalist|specialist|strategist|engineer|scientist|researcher|student|critic|team|"
    r"department|university|institute|project|bureau|desk|news\s+service)\b",
    re.I,
)
# A credential or suffix kept with the name before it ("Brenda Goodman, MA").
_SUFFIX_RE = re.compile(r"^(?:jr|sr|ii|iii|iv|phd|md|ma|ms|mba|rn|mph|dphil|esq)\.?$", re.I)
_PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von",
              "ter", "ten", "bin", "ibn", "al", "el", "y", "e", "zu", "af", "of"}
MAX_NAME_WORDS = 5
# An author field longer than this is no list of names (a pasted abstract,
# or markup built to make the patterns below crawl).
MAX_AUTHOR_CHARS = 200


def _split_names(text: str, strict: bool) -> list[str]:
    """The names in one byline or author field, in order. `strict` for text
    read off the page, where only capitalised words pass as names; a
    metadata field is meant to hold names ("Contributors to Wikimedia
    projects")."""
    text = _clean(text)
    if len(text) > MAX_AUTHOR_CHARS:
        return []
    # `[^()]`, not `[^)]`: an unclosed "(" stops the scan at the next "(".
    text = re.sub(r"\((?:avec|with|mit|con)\s+([^()]*)\)", r"; \1", text, flags=re.I)
    text = _LEAD_RE.sub("", text.lstrip(" |•·-–—:,;"))
    cut = _TAIL_RE.search(text)
    if cut:
        text = text[: cut.start()]
    text = re.sub(r"\([^()]*\)\s*$", "", text).strip(" ,;:-–—|•")
    names: list[str] = []
    parts = [p.strip() for p in text.split(",")]
    # "Jong, Michiel de": a citation-style "Last, First" is one name.
    if len(parts) == 2 and len(parts[0].split()) == 1 and 1 <= len(parts[1].split()) <= 3 and not _SUFFIX_RE.match(parts[1]):
        parts = [text]
    for number, part in enumerate(parts):
        if _SUFFIX_RE.match(part) and names:
            names[-1] = f"{names[-1]}, {part}"
            continue
        if number and _ROLE_RE.search(part):
            # "Jane Doe, Senior Staff Technologist, ACLU": after the job, the affiliation.
            break
        names += [n.strip() for n in _JOIN_RE.split(part) if n.strip()]
    return [_tidy_case(n) for n in names if _looks_like_name(n, strict)]


def _looks_like_name(text: str, strict: bool = True) -> bool:
    words = text.split()
    if not words or len(words) > MAX_NAME_WORDS or len(text) > 60:
        return False
    if any(ch.isdigit() for ch in text) or re.search(r"[@/:=<>{}\[\]]", text):
        return False
    # Names are capitalised (or written in a script without case).
    return not strict or all(not w[0].islower() or w.casefold() in _PARTICLES for w in words)


def _tidy_case(name: str) -> str:
    """ "JOE HILDEBRAND" prints as "Joe Hildebrand"; acronyms ("AFP") stay."""
    letters = [c for c in name if c.isalpha()]
    if len(name.split()) >= 2 and letters and all(c.isupper() for c in letters):
        return " ".join(w.capitalize() for w in name.split())
    return name


def clean_authors(values: list[str], strict: bool = False) -> list[str]:
    """People's (or organisations') names from raw author fields or bylines
    (`strict`: read off the page), each once: "Roger Gonzalez" and "by Roger
    Gonzalez @rgonzalezcbs Nov 19, 2019 • 2 min read" are the same person."""
    names: list[str] = []
    for value in values:
        for name in _split_names(value, strict):
            key = name.casefold()
            if any(key == n.casefold() for n in names):
                continue
            names.append(name)
    return names


def _names(value) -> list[str]:
    """Raw author strings from the many shapes JSON-LD and meta tags use."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        return _names(value.get("name") or "")
    text = _clean(str(value)) if value else ""
    if not text or text.startswith(("http://", "https://")):
        return []
    return [text]


# --- sources --------------------------------------------------------------


def _jsonld_objects(doc) -> list[dict]:
    objects = []
    for script in doc.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        # Many sites wrap the JSON in <![CDATA[ ]]> or an HTML comment.
        text = re.sub(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$", "", script.text or "")
        try:
            data = json.loads(text)
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


@dataclass
class _Found:
    """What one source says, before the checks."""

    titles: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    site: str | None = None
    lang: str | None = None


def from_jsonld(doc) -> _Found:
    found = _Found()
    objects = [o for o in _jsonld_objects(doc) if _type_names(o) & ARTICLE_TYPES]
    # Prefer real article types over a generic WebPage wrapper.
    objects.sort(key=lambda o: bool(_type_names(o) & {"webpage", "creativework"}))
    for obj in objects:
        found.titles += [_clean(str(obj[k])) for k in ("headline", "name") if isinstance(obj.get(k), str)]
        found.authors += _names(obj.get("author") or obj.get("creator"))
        found.dates += [str(obj["datePublished"])] if obj.get("datePublished") else []
        publisher = obj.get("publisher")
        if isinstance(publisher, list):
            publisher = publisher[0] if publisher else None
        if isinstance(publisher, dict) and publisher.get("name"):
            found.site = found.site or _clean(str(publisher["name"]))
        lang = obj.get("inLanguage")
        if isinstance(lang, str):
            found.lang = found.lang or lang
    return found


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


def from_opengraph(doc) -> _Found:
    return _Found(
        titles=_meta_values(doc, "og:title", "twitter:title")[:1],
        authors=[n for v in _meta_values(doc, "article:author") for n in _names(v)],
        dates=_meta_values(doc, "article:published_time", "og:published_time", "og:article:published_time"),
        site=_first(doc, "og:site_name") or None,
        lang=_first(doc, "og:locale") or None,
    )


def from_citation(doc) -> _Found:
    return _Found(
        titles=_meta_values(doc, "citation_title")[:1],
        authors=_meta_values(doc, "citation_author"),
        dates=_meta_values(doc, "citation_publication_date", "citation_date", "citation_online_date"),
        site=_first(doc, "citation_journal_title", "citation_conference_title", "citation_publisher") or None,
        lang=_first(doc, "citation_language") or None,
    )


def from_dublin_core(doc) -> _Found:
    return _Found(
        titles=_meta_values(doc, "dc.title", "dcterms.title", "dc:title", "dcterm:title")[:1],
        authors=_meta_values(doc, "dc.creator", "dcterms.creator", "dc:creator", "dcterm:creator"),
        dates=_meta_values(doc, "dc.date", "dcterms.date", "dcterms.issued", "dc.date.issued", "dc:date"),
        site=_first(doc, "dc.publisher", "dcterms.publisher", "dc:publisher") or None,
        lang=_first(doc, "dc.language", "dcterms.language", "dc:language") or None,
    )


# Elements that hold a byline, most specific first: the name itself, then
# the byline line around it (but not the author's bio, photo or follow box).
_BYLINE_NAME_CLASS_RE = re.compile(r"(?:author|byline)[-_]*(?:name|link)|authorname|byline-name", re.I)
_BYLINE_CLASS_RE = re.compile(r"(?:^|\s)[\w-]*(?:byline|author)(?:[-_]{1,2}\w+)?(?:\s|$)", re.I)
_NOT_BYLINE_CLASS_RE = re.compile(r"bio|about|follow|photo|image|img|avatar|date|time|title|box|desc|info|more|list|social|share|role|job", re.I)
_MAX_BYLINE_CHARS = 120


def _byline_kind(el) -> int | None:
    """How specific a byline element is (0 most), or None if it is none."""
    if el.get("rel") == "author":
        return 0
    if "author" in (el.get("itemprop") or "").split():
        return 2
    if el.get("itemprop") == "name" and any("author" in (a.get("itemprop") or "").split() for a in el.iterancestors()):
        return 1
    classes = el.get("class") or ""
    if _BYLINE_NAME_CLASS_RE.search(classes):
        return 3
    if _BYLINE_CLASS_RE.search(classes) and not _NOT_BYLINE_CLASS_RE.search(classes):
        return 4
    return None


def _page_byline_names(doc) -> list[str]:
    """Names in the page's first byline, the most specific kind of byline
    element first. Later bylines are usually the related stories' ones."""
    kinds: dict[int, list] = {}
    for el in doc.xpath("//*[@class or @rel or @itemprop]"):
        if el.tag in ("meta", "link", "script", "style"):
            continue
        kind = _byline_kind(el)
        if kind is not None:
            kinds.setdefault(kind, []).append(el)
    for kind in sorted(kinds):
        for el in kinds[kind]:
            text = _clean(el.text_content())
            names = clean_authors([text], strict=True) if len(text) <= _MAX_BYLINE_CHARS else []
            if names:
                return names
    return []


def from_page(doc, url: str) -> _Found:
    times = doc.xpath("//time[@datetime]/@datetime")
    lang = doc.get("lang") or doc.get("xml:lang") or _first(doc, "content-language", "language")
    for el in doc.iter("meta"):
        if (el.get("http-equiv") or "").lower() == "content-language" and not lang:
            lang = el.get("content")
    host = (urlsplit(url).hostname or "") if url else ""
    site = _first(doc, "application-name", "apple-mobile-web-app-title") or (re.sub(r"^www\.", "", host) or None)
    return _Found(
        authors=_meta_values(doc, "author", "parsely-author", "sailthru.author", "byl"),
        dates=[d for d in (_first(doc, "date", "pubdate", "publishdate", "parsely-pub-date", "sailthru.date"), *times[:1]) if d],
        site=site,
        lang=_clean(lang) or None,
    )


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def choose_title(candidates: list[str], page_title: str, h1s: list[str]) -> str:
    """The first metadata title the page confirms (an <h1> says it, or its
    <title> holds it), else the first one; else the <title>, without its
    " | Site" tail; else the first <h1>."""
    headings = {_words(h) for h in h1s if h}
    in_title = _words(page_title)
    for candidate in candidates:
        words = _words(candidate)
        if words and (words in headings or (len(words) > 10 and words in in_title)):
            return candidate
    if candidates:
        return candidates[0]
    for h1 in h1s:
        # A <title> made of the <h1> and the site's name: the <h1>.
        if h1 and len(h1) > 10 and in_title.startswith(_words(h1)):
            return h1
    if page_title:
        return strip_site_from_title(page_title)
    return next((h for h in h1s if h), "")


def strip_site_from_title(title: str) -> str:
    """ "Lorem ipsum dolor sit amet – My website" -> "Lorem ipsum dolor sit amet",
    as Readability.js does: the last separated part goes when what remains
    is still three words or more."""
    parts = TITLE_SEPARATORS_RE.split(title)
    if len(parts) < 2:
        return title
    head = title[: title.rfind(TITLE_SEPARATORS_RE.findall(title)[-1])]
    return head if len(head.split()) >= 3 else title


def extract_metadata(doc, url: str) -> Metadata:
    """Metadata of a parsed page (lxml document), first checked value wins per field."""
    sources = (from_jsonld(doc), from_opengraph(doc), from_citation(doc), from_dublin_core(doc), from_page(doc, url))
    result = Metadata()
    title_el = doc.find(".//title")
    page_title = _clean(title_el.text_content()) if title_el is not None else ""
    h1s = [_clean_title(h.text_content()) for h in doc.iter("h1")][:3]
    result.title = choose_title([t for s in sources for t in s.titles if t], page_title, h1s)
    result.authors = next((names for s in sources if (names := clean_authors(s.authors))), None) or _page_byline_names(doc)
    result.date = next((d for s in sources for d in map(iso_date, s.dates) if d), None)
    result.site = next((s.site for s in sources if s.site), None)
    result.lang = next((s.lang for s in sources if s.lang), None)
    if result.lang:
        result.lang = result.lang.replace("_", "-").split(",")[0].strip()
    return result
