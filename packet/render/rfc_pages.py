"""The IETF's plain-text page format, undone for print.

Every RFC and Internet-Draft is set as pages of plain text: each page ends
in a footer whose last field is its number ("de Jong   Expires June 2015
[Page 1]"), a form feed, and the next page's running header. Shown as HTML
(rfcmarkup, the IETF's own pages) it is one <pre> a page. On a handout
those lines interrupt the text every few inches; `join_printed_pages` and
`drop_page_furniture` take them out (tighten_preformatted in body.py runs
them).
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from packet.render.textnodes import append_text, edit_text

# The IETF's plain-text page format (RFC 7322, 4.1): a page ends in a footer
# whose last field is its number, and the next opens with a running header
# of fields apart (document, title, date).
PAGE_FOOTER_RE = re.compile(r"[^\s\f][^\n\f]*\[Page \d+\][ \t]*")
RUNNING_HEADER_RE = re.compile(r"[^\s\f][^\n\f]*\S {2,}\S[^\n\f]*")


def ends_a_printed_page(pre) -> bool:
    lines = pre.text_content().rstrip().rsplit("\n", 1)
    return bool(PAGE_FOOTER_RE.fullmatch(lines[-1]))


def join_printed_pages(root) -> dict:
    """An RFC or Internet-Draft set out as HTML (rfcmarkup, the IETF's own
    pages) is a <pre> a page, each ending in its page footer: consecutive
    pages become one <pre>, as the plain text is one. Returns where in each
    joined <pre>'s text its pages now meet (lxml takes no form feed)."""
    joints: dict = {}
    for pre in list(root.iter("pre")):
        if pre.getparent() is None:
            continue
        while True:
            after = pre.getnext()
            if (
                after is None or after.tag != "pre" or (pre.tail or "").strip()
                or not ends_a_printed_page(pre)
            ):
                break
            joints.setdefault(pre, []).append(len(pre.text_content()))
            if after.get("id"):  # links to the page still land
                anchor = lxml_html.Element("span")
                anchor.set("id", after.get("id"))
                pre.append(anchor)
            append_text(pre, after.text or "")
            for child in list(after):
                pre.append(child)
            pre.tail = after.tail
            after.getparent().remove(after)
    return joints


def line_at(text: str, position: int) -> tuple[int, int]:
    """Start and end of the line holding `position`."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def drop_page_furniture(pre, joints=()) -> None:
    """Plain text in the IETF's page format (every RFC and Internet-Draft):
    at each old page break, the page's footer ("de Jong   Expires June 2015
    [Page 1]", the line ending in "[Page N]" last before the form feed) and
    the next page's running header (its first line: "Internet-Draft
    remoteStorage   December 2014") go, with the blank lines that padded
    the page. The text runs on, after one blank line, or none when a
    sentence carries on over the break. The last page's footer goes too.
    `joints` are where pages meet without a form feed (offsets in the text)."""
    text = pre.text_content()
    if "[Page " not in text:
        return
    edits, done = [], 0
    breaks = sorted([(m.start(), m.end()) for m in re.finditer("\f", text)] + [(j, j) for j in joints])
    for feed, past in breaks + [(len(text), len(text))]:
        content = len(text[:feed].rstrip())
        footer_start, _ = line_at(text, content - 1) if content else (0, 0)
        if footer_start < done or not PAGE_FOOTER_RE.fullmatch(text[footer_start:content]):
            continue
        before = max(done, len(text[:footer_start].rstrip()))
        after = feed if feed == len(text) else next_line(text, past)
        if after < len(text):
            header_end = line_at(text, after)[1]
            header = text[after:header_end]
            if RUNNING_HEADER_RE.fullmatch(header) and not PAGE_FOOTER_RE.fullmatch(header):
                after = next_line(text, header_end)
        if before == done or after == len(text):
            joint = ""
        elif carries_on(text[line_at(text, before - 1)[0]:before], text[after:line_at(text, after)[1]]):
            joint = "\n"
        else:
            joint = "\n\n"
        edits.append((before, after, joint))
        done = after
    edit_text(pre, edits)


def next_line(text: str, position: int) -> int:
    """Start of the first line from `position` on with anything printed on
    it (the end of the text when none)."""
    rest = text[position:]
    printed = position + len(rest) - len(rest.lstrip())
    if printed == len(text):
        return printed
    return max(position, text.rfind("\n", 0, printed) + 1)


def carries_on(last: str, first: str) -> bool:
    """Whether the line after a page break goes on with the sentence of the
    line before it: set at the same indent, the line before not ending a
    sentence and the line after not opening one."""
    return (
        len(last) - len(last.lstrip()) == len(first) - len(first.lstrip())
        and not last.rstrip().endswith((".", ":", "!", "?"))
        and not first.lstrip()[:1].isupper()
    )
