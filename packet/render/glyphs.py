"""Characters of a reading that no font on this computer can print.

packet's own fonts (Charis SIL, Inter, JetBrains Mono) cover the Latin,
Greek and Cyrillic alphabets. For any other script WeasyPrint asks
fontconfig for a font that has the character; on a computer with none (a
fresh Debian has no Chinese, Japanese or Korean font) the text prints as
blank space, silently. This module finds such text before printing, so the
build can say so and name the fix.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import unicodedata
from importlib import resources

#: Characters of one script asked about: a font for a script covers it
#: whole or nearly, and each question is a fontconfig call.
SAMPLES_PER_SCRIPT = 3
EAST_ASIAN = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC", "HALFWIDTH", "FULLWIDTH"}


@functools.cache
def shipped_codepoints() -> frozenset[int]:
    """Every character packet's own fonts have a glyph for."""
    from fontTools.ttLib import TTFont

    found: set[int] = set()
    fonts = resources.files("packet").joinpath("styles", "fonts")
    for entry in fonts.iterdir():
        if entry.name.endswith((".ttf", ".otf")):
            with resources.as_file(entry) as path, TTFont(path, lazy=True) as font:
                found.update((font.getBestCmap() or {}).keys())
    return frozenset(found)


@functools.cache
def system_font_has(char: str) -> bool | None:
    """Whether fontconfig knows a font with a glyph for `char`; None when
    fontconfig's fc-list is not installed to ask."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        answer = subprocess.run(
            [fc_list, f":charset={ord(char):x}", "family"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(answer.stdout.strip())


def script_of(char: str) -> str:
    """The first word of the character's Unicode name: CJK, HANGUL, ARABIC…"""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def unprintable_scripts(text: str) -> dict[str, int]:
    """{script: characters} of the text that neither packet's fonts nor any
    installed font can print. Empty when all prints, or when the computer
    cannot be asked."""
    shipped = None
    by_script: dict[str, list[str]] = {}
    for char in set(text):
        # Letters say which script a text is in; a missing arrow or dingbat
        # is one box, not an unreadable page.
        if ord(char) < 0x250 or not unicodedata.category(char).startswith("L"):
            continue
        if shipped is None:
            shipped = shipped_codepoints()
        if ord(char) not in shipped:
            by_script.setdefault(script_of(char), []).append(char)
    missing: dict[str, int] = {}
    for script, chars in sorted(by_script.items()):
        sample = sorted(chars)[:SAMPLES_PER_SCRIPT]
        answers = [system_font_has(c) for c in sample]
        if any(a is None for a in answers) or any(answers):
            continue
        wanted = set(chars)
        missing[script] = sum(1 for c in text if c in wanted)
    return missing


def font_warning(reading_id: str, text: str) -> str | None:
    """One line for the build's warnings when the reading has text no font
    prints, naming the script and the Debian package that prints it."""
    missing = unprintable_scripts(text)
    if not missing:
        return None
    count = sum(missing.values())
    names = " and ".join(sorted({"Chinese, Japanese or Korean" if s in EAST_ASIAN else s.title() for s in missing}))
    packages = " ".join(sorted({"fonts-noto-cjk" if s in EAST_ASIAN else "fonts-noto-core" for s in missing}))
    return (
        f"{reading_id}: {count} characters of {names} text that no font on this computer can print; "
        f"they would print as blank space. Install a font for them (Debian: apt-get install {packages}) and build again"
    )


def unprintable_symbols(text: str) -> list[str]:
    """Symbols of `text` (emoji, dingbats) that neither packet's fonts nor
    any font on this computer has, in order of first use. Letters are left
    to font_warning, by script; joiners, variation selectors and skin-tone
    modifiers belong to an emoji. Empty when fontconfig cannot be asked."""
    found = []
    for char in dict.fromkeys(text):
        code = ord(char)
        if code < 0x250 or unicodedata.category(char)[0] in "LMZC" or 0x1F3FB <= code <= 0x1F3FF:
            continue
        if code not in shipped_codepoints() and system_font_has(char) is False:
            found.append(char)
    return found


def symbol_warning(where: str, text: str) -> str | None:
    """One line for the build's warnings naming the symbols of the group's
    own words (a week's title, plan, prompts) that would print as blank
    space, or None."""
    chars = unprintable_symbols(text)
    if not chars:
        return None
    named = ", ".join(f"{c} ({unicodedata.name(c, f'U+{ord(c):04X}').lower()})" for c in chars)
    them = "it" if len(chars) == 1 else "them"
    return f"{where}: {named} will print as blank space: no font on this computer has {them}. Write {them} in words"
