"""What one line of a guide says about readings and videos.

A mention is a link (or an arXiv number) with what is written beside it:
the title (the link's text, else the quoted words before it, else the words
of its clause), authors and year, the site, video start and end times, and
which sections to print. Each comes with the guesses made to find it, so the
YAML can say which parts a person should check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

from packet.authoring import timing
from packet.authoring.blocks import Link
from packet.video import is_video_url

TS = r"\d{1,2}:\d{2}(?::\d{2})?"
SPAN_RE = re.compile(
    rf"(?<![\d:])({TS})\s*(?:-|–|—|to|until|till|through|\s)\s*(?:about|around|approx\.?|approximately|~|roughly|ca\.?)?\s*({TS})(?![\d:])",
    re.I,
)
FROM_RE = re.compile(rf"\b(?:from|start(?:ing|s)? (?:at|from)|begin(?:ning|s)? at|skip to|at)\s*({TS})(?![\d:])", re.I)
UNTIL_RE = re.compile(rf"\b(?:until|till|stop(?:ping)? (?:at|around)|end(?:ing|s)? at|up to)\s*(?:about|around|~)?\s*({TS})(?![\d:])", re.I)
# Words before a comma that name a block or a label, not a writer.
KIND_WORD_NAME_RE = re.compile(r"^(?:read(?:ing)?s?|watch|video|optional|bonus|extra|discussion|then|also|and|or|see|source)$", re.I)
# A person's name as bylines write it: "Ezekiel Emanuel", "J. S. Mill", "Ursula K. Le Guin".
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|den|da|di|du|le|la|al|bin))*"
AFTER_USED_RE = re.compile(
    rf"(?:\s*[,;:]?\s*(?:\((?![^()]*\b[a-z]+\s+[a-z]+\s+[a-z]+\s+[a-z]+\b)[^()]*\)|\[[^\[\]]*\]|by\s+{_NAME}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*){_NAME})*(?:\s+et al\.?)?|by\s+[^,.;()]+|{_NAME}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*){_NAME})*(?:\s+et al\.?)?,?\s*\(?(?:1[6-9]|20)\d\d\b\)?|(?:(?:from|starting at|start at|until|to|up to)\s+)?{TS}(?:\s*(?:-|–|—|to|until)\s*(?:about\s+)?{TS})?"
    rf"|[—–]\s*[^;()\n]{{1,60}}?(?:1[6-9]|20)\d\d\b|(?:1[6-9]|20)\d\d\b|[—–]\s*[^;()\n]{{1,60}}?\((?:1[6-9]|20)\d\d\)"
    rf"|(?:sections?|parts?|chapters?)\s+[\d.ivx]+(?:\s*(?:,|and|&)\s*[\d.ivx]+)*\s+only\b"
    rf"|sections?\s+\d+\s*(?:-|–|to|through)\s*\d+\b))*[\s).,;]*",
    re.I,
)
ARXIV_RE = re.compile(r"\barxiv(?:\.org/abs/|[:\s]+)(\d{4}\.\d{4,5})(?:v\d+)?\b", re.I)
YEAR_RE = re.compile(r"\b(1[6-9]\d\d|20[0-4]\d)\b")
QUOTE_RE = re.compile(r"[\"“”]([^\"“”]{2,200})[\"“”]|‘([^‘\n]{2,200}?)’(?![A-Za-z])|«\s*([^«»]{2,200}?)\s*»")
# A title written right after its link: "https://... — “Title”".
QUOTE_AFTER_RE = re.compile(
    r"^\s*[-–—:,]?\s*(?:[\"“]([^\"“”]{2,200})[\"”]|‘([^‘\n]{2,200}?)’(?![A-Za-z])|«\s*([^«»]{2,200}?)\s*»)"
)
LABEL_RE = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s*)?(?:(?:optional|bonus|extra(?: time)?|if time|early finishers?|for (?:people who finish early|early finishers)|"
    r"if you finish(?: early)?|read(?:ing)?s?|watch|video|source|sources|reference|media(?: to show)?|link|see|also|and|or|then|alternative(?: for them)?|write-up)"
    r"\b[^:]{0,30}:(?!\d)|(?:core|required|essential|compulsory|mandatory|main|recommended|further|supplementary|additional|extension)"
    r"(?:\s+(?:readings?|texts?|videos?))?\s*(?:\([^()]{0,20}\))?\s*:(?!\d)|(?:read|watch|see|visit|show|open|use|check out|try)\b)\s*",
    re.I,
)
# A sentence ends at . ! or ? before a capital, but not after an initial
# ("J. S. Mill") or a common abbreviation.
SENTENCE_END_RE = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bal\.)(?<!\bvs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bch\.)(?<!\bpp\.)(?<!\bNo\.)"
    r"[\"”)]*\s+(?=[A-Z\"“(])|\n"
)
# A link's text that is only an address's host ("fourmilab.ch",
# "www.jstor.org/stable/1321160") says where, not what: like a bare URL.
HOST_ANCHOR_RE = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?$", re.I)
GENERIC_ANCHORS = {"here", "link", "this", "pdf", "video", "article", "slides", "write-up", "writeup", "url", "website", "this link", "click here"}
SITE_WORDS = re.compile(
    r"\b(?:forum|blog|review|journal|magazine|times|post|news|press|institute|university|labs?|research|center|centre|foundation|"
    r"course|substack|medium|arxiv|wiki|wikipedia|takes|wrong|codex|report|society|association|school|college|academy|podcast|"
    r"channel|global|summit|conference|workshop|proceedings|team|project|company|group|network|library|online|magazine)\b",
    re.I,
)
KIND_WORDS_IN_BYLINE = re.compile(
    r"^(?:a |an |the )?(?:blog post|post|talk|video|paper|pdf(?: report)?|report|slides|write-?up|article|essay|book|lecture|podcast|preprint|website|course)$",
    re.I,
)
STOPWORDS_IN_TITLES = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "with", "from", "by", "at", "as", "is", "vs"}
NOT_IN_NAMES = {"the", "a", "an", "what", "we", "can", "you", "our", "your", "my", "how", "why", "who", "is", "are",
                "for", "of", "to", "in", "on", "with", "at", "this", "that", "it", "not", "new", "all"}
PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "le", "la", "du", "bin", "al", "dos", "del"}


@dataclass
class Mention:
    """A reading or a video the guide names, with what is written beside it."""

    kind: str  # "reading" or "video"
    url: str
    title: str
    start_at: int  # where the mention's words start and end in the line
    end_at: int
    aside: tuple[int, int] | None = None  # words of the guide's own inside the span, kept as text
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    site: str | None = None
    start: str | None = None
    end: str | None = None
    sections: dict[str, object] = field(default_factory=dict)
    reading_kind: str | None = None
    guesses: list[str] = field(default_factory=list)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END_RE.split(text) if s and s.strip()]


def quoted(match: re.Match) -> str:
    """The words inside the quotes a QUOTE_RE or QUOTE_AFTER_RE match found,
    whichever quotes they were ("...", ‘...’, «...»)."""
    return next(group for group in match.groups() if group is not None)


def clean_title(text: str) -> str:
    text = text.strip().strip("\"“”'‘’«»").strip()
    text = re.sub(r"\s+", " ", text)
    return text.rstrip(" ,;:-–—(").strip()


def local_path(url: str) -> str | None:
    """The file a link points to when it is a file beside the guide
    ("readings/week1.pdf", "../shared/x.html", "file:///home/sam/a.pdf"),
    else None (a web page, another scheme such as mailto:, or a place in the
    guide itself such as "#week-2")."""
    if url.lower().startswith("file:"):
        return unquote(urlsplit(url).path) or None
    if re.match(r"^[a-z][a-z0-9+.-]+:|^#|^//", url, re.I):
        return None
    return unquote(re.split(r"[?#]", url)[0]).strip() or None


def is_web_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def find_mentions(text: str, links: list[Link]) -> list[Mention]:
    """Every link (to a web page or a local file) and bare arXiv number of a
    line, in order, as mentions."""
    anchors: list[tuple[int, int, str, str, list[str]]] = []
    for link in links:
        if is_web_url(link.url) or local_path(link.url):
            anchors.append((link.start, link.end, link.url, link.text, []))
    for match in ARXIV_RE.finditer(text):
        number = match.group(1)
        if any(a[0] <= match.start() < a[1] for a in anchors):
            continue
        if any(number in a[2] for a in anchors):
            continue
        sentence = _sentence_around(text, match.start())
        if any(sentence[0] <= a[0] < sentence[1] for a in anchors):
            continue
        anchors.append((match.start(), match.end(), f"https://arxiv.org/abs/{number}", "", [f"the link made from arXiv {number}"]))
    anchors.sort()
    mentions = []
    for i, (start, end, url, anchor_text, guesses) in enumerate(anchors):
        before_from = anchors[i - 1][1] if i else 0
        after_to = anchors[i + 1][0] if i + 1 < len(anchors) else len(text)
        mentions.append(_mention(text, start, end, url, anchor_text, before_from, after_to, list(guesses)))
    return mentions


def _sentence_around(text: str, position: int) -> tuple[int, int]:
    start = 0
    for match in SENTENCE_END_RE.finditer(text):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            return start, match.start()
    return start, len(text)


def _mention(text: str, start: int, end: int, url: str, anchor_text: str, before_from: int, after_to: int, guesses: list[str]) -> Mention:
    before = text[before_from:start]
    after_full = text[end:after_to]
    # What follows the link up to the end of its clause belongs to it.
    cut = re.search(r"[;\"“]|" + SENTENCE_END_RE.pattern, after_full)
    after = after_full[: cut.start() + (1 if cut.group(0) in ".!?" else 0)] if cut else after_full
    # ... but only the brackets, byline and times right after it are used up.
    used = AFTER_USED_RE.match(after)
    used_end = end + (used.end() if used else 0)
    kind = "video" if is_video_url(url) else "reading"
    aside: tuple[int, int] | None = None
    writer, writer_start = None, 0
    anchor = clean_title(anchor_text)
    title_start = start
    region_from = end  # the words about the mention after its title
    if anchor and anchor.lower() not in GENERIC_ANCHORS and not anchor.lower().startswith(("http://", "https://", "www.")) and not HOST_ANCHOR_RE.match(anchor):
        title = anchor
        byline = after
        # [Risks from Learned Optimization by Evan Hubinger, Chris van
        # Merwijk & Vladimir Mikulik (2019)](url): the byline in the link's text.
        in_anchor = _byline_in_anchor(anchor)
        if in_anchor:
            title, byline = in_anchor[0], in_anchor[1] + ", " + after
        # Thomas Nagel, [What Is It Like to Be a Bat?](url): the author
        # written before the link.
        named = re.search(rf"(?:^|[:;(]\s*|\b(?:read|watch)\s+)({_NAME}),\s*$", before)
        if named and not KIND_WORD_NAME_RE.match(named.group(1)) and _is_person(named.group(1)):
            writer, writer_start = named.group(1), before_from + named.start(1)
    else:
        quotes = list(QUOTE_RE.finditer(before))
        quoted_after = QUOTE_AFTER_RE.match(after_full)
        if quoted_after and not quotes:
            title = clean_title(quoted(quoted_after))
            byline = after_full[quoted_after.end():]
            cut = SENTENCE_END_RE.search(byline)
            byline = byline[: cut.start()] if cut else byline
            after = after_full[: quoted_after.end()] + byline
            used_end = end + len(after)
            region_from = end
        elif quotes:
            quote = quotes[-1]
            title = clean_title(quoted(quote))
            title_start = before_from + quote.start()
            region_from = before_from + quote.end()
            between = before[quote.end():]
            # "Title", Author, 2022. A sentence about it. https://...: the
            # sentence is the guide's, not the byline's.
            ended = SENTENCE_END_RE.search(between)
            if ended and len(re.findall(r"[A-Za-z]{2,}", between[ended.end():])) >= 2:
                aside = (before_from + quote.end() + ended.end(), start)
                between = between[: ended.start()]
            byline = between if between.strip(" ,.;(\n") else after
            # Kant, "On a Supposed Right to Lie": the author written first.
            named = re.search(rf"(?:^|[:;(]\s*|\b(?:read|watch)\s+)({_NAME}),\s*$", before[: quote.start()])
            if named and not KIND_WORD_NAME_RE.match(named.group(1)):
                writer = named.group(1)
                writer_start = before_from + named.start(1)
        else:
            clause = _last_clause(before)
            title, byline, writer = _title_from_clause(clause)
            title_start = writer_start = before_from + before.rfind(clause) if clause else start
            region_from = title_start
            bracket = re.match(r"^\s*\(([^()]{3,80})\)", after_full)
            bracketed = bracket.group(1) if bracket else ""
            # "(2019)", "(0:00-16:35)", "(35 min)": when or how long, never a title.
            says_when = YEAR_RE.search(bracketed) or re.search(r"\d:\d", bracketed) or timing.block_minutes(f"({bracketed})")[0]
            if not title and bracketed and not says_when:
                # "https://... (the teleporter thought experiment)"
                words = re.sub(r"^(?:the|a|an)\s+", "", bracket.group(1).strip(), flags=re.I)
                title = words[:1].upper() + words[1:]
                title_start = start
                guesses.append("the title from the words in brackets after the link")
            elif not title:
                title = _title_from_url(url)
                title_start = start
                guesses.append("the title from the link's address")
            else:
                title = title[:1].upper() + title[1:]
                guesses.append("the title from the words before the link")
            byline = byline + " " + after
    region = text[region_from:start] + " " + after
    authors, year, site, reading_kind = parse_byline(byline)
    if writer and not authors:
        authors, title_start = [writer], writer_start
    mention = Mention(kind=kind, url=url, title=title, start_at=title_start, end_at=used_end, aside=aside)
    mention.authors, mention.year, mention.site = authors, year, site
    if authors:
        guesses.append("authors from the words beside the title")
    if kind == "video":
        mention.start, mention.end, time_guesses = _video_times(region, url)
        guesses.extend(time_guesses)
    else:
        sections = parse_sections(region)
        if sections:
            mention.sections = sections
            guesses.append("which sections to print, from " + repr(sections.get("reason")))
        mention.reading_kind = _reading_kind(url, reading_kind)
    mention.guesses = guesses
    return mention


def _last_clause(before: str) -> str:
    """The words just before a link: the last sentence, without a closing
    bracket that opens right before it ("(write-up: URL")."""
    parts = sentences(before)
    clause = parts[-1] if parts else ""
    clause = re.split(r"[;]\s*", clause)[-1]
    return clause


# "from 3:20 to 12:05", "at 1:02:03": when to play a video, not its title.
TIMES_RE = re.compile(rf"\b(?:(?:from|at|starting at|until|till|to|up to)\s+)?{TS}(?:\s*(?:-|–|—|to|until)\s*{TS})?", re.I)


def _title_from_clause(clause: str) -> tuple[str, str, str | None]:
    """(title, byline, author written before the title) from words like
    "Read: Four Claims by Nate Soares (2015)" or "Darwin, On the Origin of
    Species, ch. 4"."""
    text = timing.strip_block_minutes(TIMES_RE.sub(" ", clause))
    while True:
        stripped = LABEL_RE.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    # "... 1843 (online at URL)", "available from URL": the words that lead
    # to the link, never part of its byline.
    text = re.sub(r"(?:\(\s*)?(?:\b(?:available|online|accessible)\s+)?\b(?:from|at|on|here|in)\s*[:(]?\s*$", "", text, flags=re.I).strip()
    text = text.strip(" (:;,.—–-")
    if not text or KIND_WORD_NAME_RE.match(text):  # "Reading 45' - https://...": no title
        return "", "", None
    by = _title_author_boundary(text)
    if by:
        return clean_title(text[: by.start()]), "by " + text[by.end():], None
    paren = text.find("(")
    head, rest = (text[:paren], text[paren:]) if paren > 0 else (text, "")
    parts = [p for p in re.split(r",\s*|\s+[—–-]\s+", head) if p.strip()]
    writer = None
    if len(parts) >= 2 and _writer_before_title(parts[0].strip(), parts[1].strip()):
        writer, parts = parts[0].strip(), parts[1:]
    title = clean_title(parts[0]) if parts else ""
    if len(title) < 2 or not _looks_like_title(title):
        return "", head + rest, None
    return title, ", ".join(parts[1:]) + " " + rest, writer


def _title_author_boundary(text: str) -> re.Match | None:
    """The " by " between a title and its authors: the first one a
    person's name follows ("Stand by Me by Stephen King", "Four Claims by
    Nate Soares, introduced by Rob Bensinger"), else the first. Words that
    run straight into another " by " are the title's own ("Death by Black
    Hole by Neil Tyson"): an author list ends before a comma or a verb
    ("introduced by"), never on a bare "by"."""
    found = list(re.finditer(r"\s+by\s+", text))
    for match in found:
        name = re.match(_NAME, text[match.end():])
        if name and _is_person(name.group(0)) and not re.match(r"\s+by\s", text[match.end() + name.end():]):
            return match
    return found[0] if found else None


def _byline_in_anchor(anchor: str) -> tuple[str, str] | None:
    """(title, byline) of a link's text that names the authors after the
    title ("Debate by Geoffrey Irving and Paul Christiano (2018)"), when
    what follows its " by " is only people's names (and a year or a
    site); else None, so that "Death by Black Hole" or "Driven by Data and
    Evidence" stay titles."""
    by = _title_author_boundary(anchor)
    if by is None or not anchor[: by.start()].strip():
        return None
    rest = anchor[by.end():]
    authors, _, site, kind = parse_byline("by " + rest)
    said = {w.lower() for part in [*authors, site or ""] for w in re.findall(r"[^\W\d_]+", part)}
    if any(w.lower() not in said | {"and", "by", "et", "al"} for w in re.findall(r"[^\W\d_]+", rest)):
        return None  # "... by Nate Soares, introduced by Rob Bensinger": more than a byline
    names = [a for a in authors if a != "et al."]
    # Surnames alone ("by Irving, Christiano, and Amodei (2018)") only as a
    # list with a year: "Driven by Data and Evidence" is a title.
    surnames_ok = len(names) >= 2 and YEAR_RE.search(rest)
    if not names or kind or not all(_is_person(a) or surnames_ok and _is_surname(a) for a in names):
        return None
    # One name alone after a one-word title is as likely the title's own
    # words ("Death by Black Hole") unless a year or an initial says otherwise.
    if len(names) == 1 and len(anchor[: by.start()].split()) < 2 and not (YEAR_RE.search(rest) or _has_initial(names[0])):
        return None
    return clean_title(anchor[: by.start()]), "by " + rest


def _has_initial(name: str) -> bool:
    return bool(re.search(r"\b[A-Z]\.", name))


def _writer_before_title(first: str, second: str) -> bool:
    """Whether "first, second" is an author then a title ("Jane Jacobs, The
    Death and Life of ...", "Darwin, On the Origin of Species"), not a title
    then its author ("Superintelligence, Nick Bostrom")."""
    surname = re.fullmatch(r"[A-Z][\w'’-]+", first) and first.lower() not in NOT_IN_NAMES and not KIND_WORD_NAME_RE.match(first)
    if not (_is_person(first) or surname) or _is_person(second) or YEAR_RE.search(second):
        return False
    words = second.split()
    return len(words) >= 3 and words[0][:1].isupper() and not re.match(r"(?:ch|chapter|sections?|part|pp?)\b", second, re.I)


def _looks_like_title(text: str) -> bool:
    """Short, or written in title case; not a sentence about the link."""
    words = text.split()
    if len(words) <= 8:
        return True
    capitalised = sum(1 for w in words if w[:1].isupper() or w.lower() in STOPWORDS_IN_TITLES)
    return len(words) <= 16 and capitalised >= len(words) - 1


def _title_from_url(url: str) -> str:
    arxiv = re.search(r"(?:arxiv\.org|ar5iv(?:\.labs)?\.arxiv\.org|ar5iv\.org)/(?:abs|html|pdf)/(\d{4}\.\d{4,5})", url, re.I)
    if arxiv:
        return f"arXiv {arxiv.group(1)}"
    parts = urlsplit(url)
    path = [p for p in unquote(parts.path).split("/") if p]
    slug = path[-1] if path else ""
    slug = re.sub(r"\.(?:html?|pdf|php|aspx?)$", "", slug, flags=re.I)
    if slug and re.search(r"[a-z]{3}", slug, re.I) and not re.fullmatch(r"[\w]{8,}", slug) or "-" in slug:
        words = re.sub(r"[-_]+", " ", slug).strip()
        if words:
            return words[0].upper() + words[1:]
    return parts.netloc.removeprefix("www.") + ("/" + "/".join(path) if path else "")


def _is_person(chunk: str) -> bool:
    tokens = chunk.split()
    if not 2 <= len(tokens) <= 4 or SITE_WORDS.search(chunk) or any(ch.isdigit() for ch in chunk):
        return False
    if any(token.lower() in NOT_IN_NAMES for token in tokens):  # "The Guardian", "Giving What We Can"
        return False
    for i, token in enumerate(tokens):
        if token.lower() in PARTICLES and 0 < i < len(tokens) - 1:
            continue
        if not token[0].isupper() or (len(token) > 1 and token.isupper() and not token.endswith(".")):
            return False
    return True


def _is_surname(chunk: str) -> bool:
    """One capitalised word ("Niemelä", "Schoch-Spana", "O'Neil"), not a
    site's name ("LessWrong", "BBC", "Vox.com", "Wikipedia")."""
    if not re.fullmatch(r"[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*", chunk) or SITE_WORDS.search(chunk) or chunk.lower() in NOT_IN_NAMES:
        return False
    return all(part[:1].isupper() and not any(c.isupper() for c in part[1:]) for part in re.split(r"[-'’]", chunk))


SURNAME_LIST_RE = re.compile(r"\b([A-Z][\w'’-]+(?:\s*,\s*[A-Z][\w'’-]+)+)\s*,?\s*(?:and|&)\s+(?=[A-Z])")


def _names(chunk: str) -> list[str]:
    """The names of "A and B", "A & B", "A&B" (names never hold "and")."""
    return [n.strip() for n in re.split(r"\s+(?:and|&)\s+|\s*&\s*", chunk) if n.strip()]


def parse_byline(byline: str) -> tuple[list[str], int | None, str | None, str | None]:
    """Authors, year, site and a kind word ("report") from the words written
    beside a title: ", Richard Ngo, 2021", "(LessWrong, 2023)", "by A and B"."""
    text = re.sub(r"https?://\S+", " ", byline)
    text = ARXIV_RE.sub(" ", text)
    # Section and page remarks are not bylines.
    text = re.sub(r"[—–-]\s*(?:sections?|parts?|chapters?|pages?)\b[^,;()]*", " ", text, flags=re.I)
    # "Irving, Christiano, and Amodei": one list of surnames, not a surname
    # and two sites.
    text = SURNAME_LIST_RE.sub(lambda m: re.sub(r"\s*,\s*", " & ", m.group(1)) + " & ", text)
    # "and others", "& colleagues": the list is not whole, as "et al." says.
    text = re.sub(r"\s*,?\s*(?:and|&)\s+(?:others|colleagues|co-?authors)\b\.?", " et al.", text, flags=re.I)
    years = YEAR_RE.findall(text)
    year = int(years[0]) if years else None
    authors: list[str] = []
    site: str | None = None
    kind: str | None = None
    for raw in re.split(r"[,;()\[\]\n]|\s+[—–]\s+|(?<![A-Z])\.\s+", text):
        chunk = raw.strip(" .:'\"“”")
        after_by = bool(re.match(r"(?:written\s+)?by\s", chunk, re.I))
        chunk = re.sub(r"^(?:by|from|written by|with)\s+", "", chunk, flags=re.I)
        if authors:  # "A, B, and C", "A, B & C": the list goes on
            chunk = re.sub(r"^(?:and\s+|&\s*)", "", chunk, flags=re.I)
        chunk = YEAR_RE.sub("", chunk).strip(" .:-–")
        chunk = re.sub(r"(?:'s)?\s+(?:talk|video|lecture|interview|keynote|podcast|blog)$", "", chunk, flags=re.I)
        if not chunk:
            continue
        if KIND_WORDS_IN_BYLINE.match(chunk):
            lowered = chunk.lower()
            kind = kind or ("report" if "report" in lowered else "pdf" if "pdf" in lowered else None)
            continue
        if chunk.lower() in ("et al", "et al."):
            authors.append("et al.")
            continue
        if re.search(r"\bet al\.?$", chunk, re.I):
            name = re.sub(r"\s*\bet al\.?$", "", chunk, flags=re.I)
            names = _names(name)
            if names and all(_is_person(n) or re.fullmatch(r"[A-Z][\w'’-]+", n) and n.lower() not in NOT_IN_NAMES for n in names):  # "Armstrong et al."
                authors.extend([*names, "et al."])
                continue
        names = _names(chunk)
        if names and all(_is_person(n) for n in names):
            authors.extend(names)
            continue
        # "by Christiano & Xu", "(Irving & Christiano, 2018)": surnames
        # alone, as a list after "by" or beside a year.
        if (after_by or authors or year and site is None) and len(names) >= 2 and all(_is_person(n) or _is_surname(n) for n in names):
            authors.extend(names)
            continue
        if year and not authors and site is None and _is_surname(chunk):  # "Niemelä, 1999", "(Inglesby, 2020)"
            authors.append(chunk)
            continue
        words = chunk.split()
        if len(words) > 6 or not (chunk[0].isupper() or chunk[0].isdigit() and re.search(r"[A-Z]", chunk)):  # "3Blue1Brown"
            continue
        if site is None:
            site = chunk
    return authors, year, site, kind


def _reading_kind(url: str, written: str | None) -> str | None:
    lowered = url.lower()
    if re.search(r"(?:arxiv\.org|ar5iv\.(?:labs\.)?arxiv\.org|ar5iv\.org)/", lowered) and not lowered.endswith(".pdf"):
        return "paper"
    if urlsplit(lowered).path.endswith(".pdf"):
        return "pdf"
    return "report" if written in ("report", "pdf") else None


def _seconds(ts: str) -> int:
    parts = [int(p) for p in ts.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


def _url_start(url: str) -> str | None:
    query = parse_qs(urlsplit(url).query)
    fragment = urlsplit(url).fragment
    value = (query.get("t") or query.get("start") or [""])[0] or (fragment[2:] if fragment.startswith("t=") else "")
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", value or "")
    if not value or not match:
        return None
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    return format_timestamp(total) if total else None


def format_timestamp(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _video_times(region: str, url: str) -> tuple[str | None, str | None, list[str]]:
    guesses: list[str] = []
    span = SPAN_RE.search(region)
    if span:
        start, end = span.group(1), span.group(2)
    else:
        found_from, found_until = FROM_RE.search(region), UNTIL_RE.search(region)
        start = found_from.group(1) if found_from else None
        end = found_until.group(1) if found_until else None
    if start is None:
        start = _url_start(url)
        if start:
            guesses.append("the start from the link's t= parameter")
    if start and end and _seconds(end) <= _seconds(start):
        guesses.append(f"no end: {end} is not after {start}")
        end = None
    return start, end, guesses


_SECTION = r"(?:sections?|sec\.?|§)\s*(\d+(?:\.\d+)*)"
_PART = r"(?:part|chapter)\s+(\d+|[ivx]+)\b"


def parse_sections(text: str) -> dict[str, object]:
    """Which sections of a reading to print, from words such as "section 2
    only", "part 1 only", "sections 1 to 6", "skip section 5 ... except 3.1",
    "stop before section 3"; with the words themselves as the reason."""
    found: dict[str, list[str]] = {}
    reasons: list[tuple[int, str]] = []
    for match in re.finditer(rf"\b(?:sections?|sec\.?|§)\s*(\d+(?:\.\d+)*(?:\s*(?:,|and|&)\s*\d+(?:\.\d+)*)*)\s+only\b|\bonly\s+{_SECTION}", text, re.I):
        numbers = next(g for g in match.groups() if g)
        found.setdefault("include", []).extend(re.findall(r"\d+(?:\.\d+)*", numbers))
        reasons.append((match.start(), match.group(0)))
    for match in re.finditer(r"\bsections?\s+(\d+)\s*(?:-|–|to|through)\s*(\d+)\b", text, re.I):
        low, high = int(match.group(1)), int(match.group(2))
        if low < high <= low + 30:
            found.setdefault("include", []).extend(str(n) for n in range(low, high + 1))
            reasons.append((match.start(), match.group(0)))
    for match in re.finditer(r"\b(part|chapter)\s+(\d+|[ivx]+)\s+only\b|\bonly\s+(?:the\s+)?(part|chapter)\s+(\d+|[ivx]+)\b", text, re.I):
        unit, number = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        found.setdefault("include", []).append(f"{unit.capitalize()} {number}")
        reasons.append((match.start(), match.group(0)))
    skips = list(re.finditer(rf"\bskip(?:ping)?\s+(?:the\s+)?{_SECTION}", text, re.I))
    for match in skips:
        found.setdefault("skip", []).append(match.group(1))
    if skips:
        reasons.append((skips[0].start(), _to_sentence_end(text, skips[0].start())))
        for match in re.finditer(r"\bexcept\s+(?:for\s+)?(?:section\s+)?(\d+\.\d+(?:\.\d+)*)", text, re.I):
            found.setdefault("keep", []).append(match.group(1))
    result: dict[str, object] = {key: list(dict.fromkeys(values)) for key, values in found.items()}
    stop = re.search(rf"\b(?:stop(?:ping)?\s+(?:before|at)|up to|until)\s+(?:the\s+)?{_SECTION}", text, re.I)
    if stop:
        result["stop_before"] = stop.group(1)
        reasons.append((stop.start(), _to_sentence_end(text, stop.start())))
    if not reasons:
        return {}
    words = "; ".join(dict.fromkeys(r for _, r in sorted(reasons))).strip(" ,;:.—–-")
    result["reason"] = words[0].upper() + words[1:] + "."
    return result


def _to_sentence_end(text: str, start: int) -> str:
    """The words from `start` to the end of their sentence or bracket."""
    end = SENTENCE_END_RE.search(text, start)
    words = text[start: end.start() if end else len(text)]
    depth = 0
    for i, char in enumerate(words):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            words = words[:i]
            break
    return re.sub(r"https?://\S+", "", words).strip(" ,;:.—–-")
