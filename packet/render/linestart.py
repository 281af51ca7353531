"""A guard around WeasyPrint's line breaking for one fault that prints.

WeasyPrint 70 measures a line with its trailing space (Pango's logical
extent) and compares that with the width available. When Pango fills a line
to within a space of the right edge, the line "does not fit", WeasyPrint
decides it cannot be broken earlier and hyphenates the line's first word: a
page of a handout began with "import-" alone on a line, then "ant not to
think of every page…" (a Google SRE-book chapter; "Po-" / "lice" on a news
page); or, the line before being that full, it sets the first word alone
("Some" / "of these operations…" after a <br>; "but with an unlimited" /
"time" / "bound; would…" in text that goes on after an <i>). The guard asks
again, one em narrower, when a line comes back as its first word or a
fragment of it although it has room for far more; WeasyPrint giving more
at a narrower width can only be this fault.

Installed once per process by `install()`, for the WeasyPrint versions it
was checked against; any other version is left as it is.
"""

from __future__ import annotations

CHECKED_MAJOR = "70"


def _guarded(original):
    def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True, minimum=False):
        result = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        _, length, resume_index, width, _, _ = result
        # Most lines fill their width; only a short line that the text goes
        # on after is looked at further (cheap tests first: this runs for
        # every line of the packet).
        if resume_index is None or length is None or max_width is None or width >= max_width / 2 or minimum:
            return result
        head = text[: 2 * length + 64]
        first_space = head.find(" ")
        first_line = head.encode()[:length].decode(errors="ignore")
        # Part of the first word, or the first word alone, on a line with
        # room for far more.
        word = first_line.rstrip(" ")
        if first_space <= 0 or len(word) > first_space or " " in word:
            return result
        narrower = max_width - style["font_size"]
        if narrower <= width:
            return result
        retried = original(text, style, context, narrower, justification_spacing, is_line_start, minimum)
        return retried if (retried[1] or 0) > length else result

    split_first_line.packet_guard = True
    split_first_line.original = original
    return split_first_line


def install() -> bool:
    """Put the guard in WeasyPrint's inline layout; True when it is there."""
    import weasyprint
    from weasyprint.layout import inline

    if getattr(inline.split_first_line, "packet_guard", False):
        return True
    if weasyprint.__version__.split(".")[0] != CHECKED_MAJOR:
        return False
    inline.split_first_line = _guarded(inline.split_first_line)
    return True


def uninstall() -> None:
    """Take the guard out again (tests compare with and without it)."""
    from weasyprint.layout import inline

    if getattr(inline.split_first_line, "packet_guard", False):
        inline.split_first_line = inline.split_first_line.original
