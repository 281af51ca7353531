"""Draft -> curriculum.yaml text, with a comment above every guess.

A small writer for the curriculum's own shape rather than a general YAML
dumper, because the comments belong to particular keys and list items and
the file is read by people: keys in the order the README teaches, long
text folded at 80 columns, short id lists inline, times quoted. Every
string is written plain when YAML would read it back unchanged, else in
double quotes (JSON's escapes are YAML's).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from packet.authoring.draft import Draft, Noted

SCHEMA_LINE = "# yaml-language-server: $schema=packet/curriculum.schema.json"
ORDERS = {
    "curriculum": ["title", "term", "meeting_minutes", "start_time", "first_meeting", "skip_dates", "participants",
                   "reading_speed", "paper", "stylesheet", "materials", "tips", "readings", "weeks"],
    "reading": ["id", "title", "authors", "year", "site", "kind", "url", "path", "sections", "pages", "words",
                "minutes", "note", "organizer_note"],
    "week": ["number", "title", "date", "summary", "agenda", "alternative", "organizer_notes"],
    "item": ["kind", "title", "by", "url", "start", "end", "minutes", "grouping", "optional", "early_finishers",
             "if_time", "readings", "text", "questions", "topics", "sources", "materials", "links", "say", "notes"],
    "other": ["summary", "detail", "title", "url", "note", "include", "skip", "keep", "stop_before", "reason",
              "steps", "notes"],
}
WIDTH = 80
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}
_PLAIN_RE = re.compile(r"^[A-Za-z(][^\n\t]*$")
# Control characters, NEL and the Unicode line and paragraph separators (a
# YAML reader breaks lines at the last three), the BOM and noncharacters.
_ESCAPE_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_FLOW_KEYS = {"readings", "authors", "materials", "include", "skip", "keep"}


def _order(mapping: dict[str, Any]) -> list[str]:
    shape = (
        "item" if "kind" in mapping and "id" not in mapping
        else "reading" if "id" in mapping
        else "week" if "number" in mapping
        else "curriculum" if "weeks" in mapping
        else "other"
    )
    rank = {key: i for i, key in enumerate(ORDERS[shape])}
    return sorted(mapping, key=lambda key: rank.get(key, len(rank)))


def _quoted(text: str) -> str:
    """`text` double-quoted: JSON's escapes are YAML's, and the characters a
    YAML reader refuses or reads as a line break are escaped too."""
    return _ESCAPE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def scalar(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    text = str(value)
    if (
        _PLAIN_RE.match(text)
        and not _ESCAPE_RE.search(text)
        and text.lower() not in _RESERVED
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and not re.match(r"^\(?[\d.:+-]", text)
    ):
        return text
    return _quoted(text)


def _one_line(text: str) -> str:
    """`text` fit for a comment: on one line, with nothing a YAML reader refuses."""
    return " ".join(_ESCAPE_RE.sub(" ", text).split())


def _comment(notes: list[str], indent: str) -> list[str]:
    lines = []
    for note in notes:
        words = _one_line(note)
        prefix = f"{indent}# guessed: "
        lines.extend(_wrap(words, prefix, f"{indent}#   "))
    return lines


def _wrap(text: str, first: str, rest: str) -> list[str]:
    lines, current = [], first
    for word in text.split(" "):
        if current not in (first, rest) and len(current) + 1 + len(word) > WIDTH:
            lines.append(current.rstrip())
            current = rest
        current += ("" if current in (first, rest) else " ") + word
    lines.append(current.rstrip())
    return lines


def _string_lines(key_part: str, value: str, indent: str) -> list[str]:
    """`key: value`, folded (>-) when long and safe to fold."""
    one_line = f"{key_part}{scalar(value)}"
    if len(one_line) <= WIDTH or " " not in value or "\n" in value or _ESCAPE_RE.search(value) or value != value.strip() or "  " in value or value.startswith(("#", "-", "!", "&", "*", "|", ">", "%", "@", "`", "'", '"', "[", "{")):
        return [one_line]
    body = indent + "  "
    lines = [f"{key_part}>-"]
    current = body
    for word in value.split(" "):
        if current != body and len(current) + 1 + len(word) > WIDTH:
            lines.append(current)
            current = body
        current += ("" if current == body else " ") + word
    lines.append(current)
    return lines


def _emit_value(key_part: str, value: Any, indent: str, key: str | None) -> list[str]:
    if isinstance(value, dict):
        return [key_part.rstrip()] + _emit_mapping(value, indent + "  ")
    if isinstance(value, list):
        if not value:
            return [f"{key_part}[]"]
        if key in _FLOW_KEYS and all(isinstance(v, str) and not isinstance(v, Noted) for v in value):
            flow = f"{key_part}[{', '.join(_flow_scalar(v) for v in value)}]"
            if len(flow) <= WIDTH:
                return [flow]
        return [key_part.rstrip()] + _emit_sequence(value, indent + "  ")
    if isinstance(value, str):
        return _string_lines(key_part, value, indent)
    return [f"{key_part}{scalar(value)}"]


def _flow_scalar(value: str) -> str:
    text = scalar(value)
    return text if not re.search(r"[,\[\]{}]", text) or text.startswith('"') else _quoted(value)


def _emit_mapping(mapping: dict[str, Any], indent: str) -> list[str]:
    lines: list[str] = []
    for key in _order(mapping):
        value = mapping[key]
        if isinstance(value, Noted):
            lines.extend(_comment(value.notes, indent))
            value = value.value
        lines.extend(_emit_value(f"{indent}{key}: ", value, indent, key))
    return lines


def _emit_sequence(items: list[Any], indent: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, Noted):
            lines.extend(_comment(item.notes, indent))
            item = item.value
        if isinstance(item, dict):
            inner = _emit_mapping(item, indent + "  ")
            inner[0] = f"{indent}- " + inner[0][len(indent) + 2:]
            lines.extend(inner)
        else:
            lines.extend(_emit_value(f"{indent}- ", item, indent + "  ", None))
    return lines


def emit(draft: Draft, header: list[str]) -> str:
    """The YAML text of a draft: schema line, header comments, the
    curriculum, and the lines that could not be placed."""
    lines = [SCHEMA_LINE, "#"]
    lines.extend(f"# {_one_line(line)}" if line else "#" for line in header)
    lines.append("")
    data = draft.data
    for key in _order(data):
        value = data[key]
        if key in ("readings", "weeks", "tips"):
            lines.append("")
        if isinstance(value, Noted):
            lines.extend(_comment(value.notes, ""))
            value = value.value
        if key == "readings":
            lines.append("readings:")
            week = None
            for reading, first_week in zip(value, draft.reading_weeks):
                if first_week != week:
                    week = first_week
                    lines.append(f"  # Week {week}")
                lines.extend(_emit_sequence([reading], "  "))
            continue
        if key == "weeks":
            lines.append("weeks:")
            for week in value:
                lines.extend(_emit_sequence([week], "  "))
                lines.append("")
            continue
        lines.extend(_emit_value(f"{key}: ", value, "", key))
    if draft.unplaced:
        lines.append("")
        lines.append("# Lines of the guide this import could not place; copy what you need")
        lines.append("# into the curriculum above:")
        for line in draft.unplaced:
            lines.extend(_wrap(_one_line(line), "#   ", "#       "))
    return "\n".join(lines).rstrip() + "\n"
