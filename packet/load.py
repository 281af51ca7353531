"""Loading curriculum.yaml: the first stage of the pipeline.

Reads the YAML with positions (packet.yaml_file), validates it with
the models of `packet.curriculum`, and checks what the models cannot see
alone (reading ids, video times). Every problem found becomes one line
`file:line:column: field.path: what is wrong`, all of them at once, raised
as a CurriculumError.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from packet.curriculum import AGENDA_KINDS, Curriculum, agenda_kind, timestamp_seconds
from packet.errors import CurriculumError
from packet.yaml_file import decode, node_start, parse_yaml, plain_scalars, position_of

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "date_type": "a date (yyyy-mm-dd)",
    "date_parsing": "a date (yyyy-mm-dd)",
    "date_from_datetime_parsing": "a date (yyyy-mm-dd)",
}


@dataclass
class _Problem:
    line: int
    column: int
    path: str
    message: str


def load_curriculum(path: str | Path) -> Curriculum:
    """Read and validate a curriculum file, or raise CurriculumError."""
    return read_curriculum(path)[0]


def read_curriculum(path: str | Path) -> tuple[Curriculum, list[str]]:
    """`load_curriculum` and what `packet check` and `packet build` point
    out although it is valid (`text_warnings`), the file read and parsed once."""
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CurriculumError([f"{name}: no such file"]) from None
    except IsADirectoryError:
        raise CurriculumError([f"{name}: is a folder, not a curriculum file"]) from None
    except OSError as exc:
        raise CurriculumError([f"{name}: cannot be read ({exc.strerror})"]) from None
    return _parse(decode(raw, name), name, base_dir=path.resolve().parent)


def parse_curriculum(text: str, name: str = "curriculum.yaml", base_dir: Path | None = None) -> Curriculum:
    """Validate curriculum YAML text; `name` is used in problem lines.

    With `base_dir` (the curriculum's folder), local reading files and the
    stylesheet it names must exist there.
    """
    return _parse(text, name, base_dir)[0]


def _parse(text: str, name: str, base_dir: Path | None) -> tuple[Curriculum, list[str]]:
    data = parse_yaml(text, name)
    problems: list[_Problem] = []
    curriculum, errors = _validate(data, text)
    bare = _bare_readings(data)
    problems.extend(
        _problem_from_error(data, err) for err in errors
        # A reading with no title, url or path is said once, by _cross_check.
        if not (len(err["loc"]) == 3 and tuple(err["loc"])[::2] == ("readings", "title") and err["loc"][1] in bare)
    )
    problems.extend(_cross_check(data))
    if base_dir is not None:
        problems.extend(_check_files(data, base_dir))
    if problems:
        problems.sort(key=lambda p: (p.line, p.column))
        lines = []
        for p in problems:
            line = f"{name}:{p.line}:{p.column}: {p.path + ': ' if p.path else ''}{p.message}"
            if line not in lines:
                lines.append(line)
        raise CurriculumError(lines)
    assert curriculum is not None
    return curriculum, _data_warnings(data, name)


def text_warnings(text: str, name: str = "curriculum.yaml") -> list[str]:
    """What is valid in curriculum YAML but more likely unfinished than
    meant, one line `file:line:column: field.path: what` each: an empty
    `url:` or `path:` makes the reading one read from a copy outside the
    packet, where a placeholder waiting for its address is the likelier
    reason."""
    return _data_warnings(parse_yaml(text, name), name)


def _data_warnings(data: Any, name: str) -> list[str]:
    lines: list[str] = []
    bare = _bare_readings(data)
    for i, reading in enumerate(_as_list(data.get("readings"))):
        if not isinstance(reading, dict) or i in bare or reading.get("url") is not None or reading.get("path") is not None:
            continue
        field = next((key for key in ("url", "path") if key in reading), None)
        if field is None:
            continue
        line, col, at = _locate(data, ("readings", i, field))
        rid = reading.get("id")
        this = f"this reading ({rid})" if isinstance(rid, str) else "this reading"
        give = "give its address" if field == "url" else "name its file"
        instead = f"or remove {field}:" + ("" if reading.get("where") is not None else " and say where: to find it")
        lines.append(f"{name}:{line}:{col}: {at}: empty: {this} is read from a copy outside the packet; {give}, {instead}")
    return lines


def _validate(data: Any, text: str) -> tuple[Curriculum | None, list[dict]]:
    """Validate, reading as text what YAML read as something else where
    text is wanted: a week titled `Null`, `1.0` or `On`, a site `1843`, a
    section `3`, a start time a YAML 1.1 file reads as 1080 minutes. The
    text is taken as written in the file, not as YAML converted it (1.10,
    not 1.1), and validation runs again with it."""
    texts: dict[tuple[int, int], str] | None = None
    errors: list[dict] = []
    for _ in range(4):
        try:
            return Curriculum.model_validate(data), []
        except ValidationError as exc:
            errors = exc.errors()
        fixes = []
        for err in errors:
            if err["type"] != "string_type" or isinstance(err.get("input"), str):
                continue
            slot = _value_slot(data, tuple(err["loc"]))
            if slot is None:
                continue
            if texts is None:
                texts = plain_scalars(text)
            written = texts.get(slot[2])
            if written is not None:
                fixes.append((slot[0], slot[1], written))
        if not fixes:
            break
        for container, key, written in fixes:
            container[key] = written
    return None, errors


def _value_slot(data: Any, loc: tuple) -> tuple[Any, Any, tuple[int, int]] | None:
    """The container and key holding the value at a pydantic location, with
    the value's own 0-based position in the file; None when it has none of
    its own (a value merged in with `<<:`)."""
    node, container, key = data, None, None
    for step in loc:
        if isinstance(step, int) and not isinstance(node, list):
            if step == 0:
                continue  # one item written where a list goes
            return None
        if isinstance(node, dict) and isinstance(step, str) and step not in node:
            if step in AGENDA_KINDS and agenda_kind(node.get("kind")) == step:
                continue
            return None
        if not isinstance(node, (dict, list)):
            return None
        try:
            container, key, node = node, step, node[step]
        except (KeyError, IndexError, TypeError):
            return None
    if container is None:
        return None
    position = position_of(container, key, want_key=False)
    return (container, key, tuple(position)) if position else None


def _locate(data: Any, loc: tuple, at_key: bool = False) -> tuple[int, int, str]:
    """Walk a pydantic error location through the YAML tree.

    Returns the 1-based line and column of the deepest node found and the
    field path as people write it (`weeks[3].agenda[4].end`). Discriminator
    tags in the location (the agenda item's kind) are skipped.
    """
    node = data
    pos = (0, 0)
    path = ""
    steps = list(loc)
    for i, step in enumerate(steps):
        last = i == len(steps) - 1
        if isinstance(step, int) and not isinstance(node, list):
            if step == 0:
                continue  # one item written where a list goes: the list of it
            break
        if isinstance(node, dict) and isinstance(step, str) and step not in node:
            if agenda_kind(node.get("kind")) == step and step in AGENDA_KINDS:
                continue
            # A missing field: point at the mapping that should hold it.
            path += f".{step}" if path else step
            start = node_start(node)
            if start:
                pos = start
            break
        if isinstance(node, dict):
            # An empty value has the position of whatever follows it: point at its key.
            empty = last and node.get(step, "") is None
            found = position_of(node, step, want_key=(at_key or empty) and last)
            path += f".{step}" if path else str(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            found = position_of(node, step, want_key=False)
            path += f"[{step}]"
        else:
            break
        if found:
            pos = found
        node = node[step]
    return pos[0] + 1, pos[1] + 1, path


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "nothing"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _problem_from_error(data: Any, err: dict) -> _Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        line, col, path = _locate(data, loc, at_key=True)
        parent = _parent_fields(data, loc)
        hint = difflib.get_close_matches(str(loc[-1]), parent, n=1)
        message = "unknown field" + (f" (did you mean {hint[0]}?)" if hint else "")
        return _Problem(line, col, path, message)
    line, col, path = _locate(data, loc)
    if kind == "missing":
        message = "required field is missing"
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        if kind == "union_tag_not_found":
            message = f"an agenda item needs a kind (one of: {', '.join(AGENDA_KINDS)})"
        else:
            message = f"{err['ctx'].get('tag')} is not a kind of agenda item (one of: {', '.join(AGENDA_KINDS)})"
            line, col, path = _locate(data, loc + ("kind",))
            path = path.removesuffix(".kind") + ".kind"
    elif kind in _TYPE_NAMES:
        message = f"expected {_TYPE_NAMES[kind]}, got {_describe(value)}"
    elif kind == "greater_than":
        bound = err["ctx"]["gt"]
        message = f"{_describe(value)} must be a positive number" if bound == 0 else f"{_describe(value)} must be more than {bound}"
    elif kind == "greater_than_equal":
        message = f"{_describe(value)} is too small (at least {err['ctx']['ge']})"
    elif kind in ("less_than", "less_than_equal"):
        message = f"{_describe(value)} is too large (at most {err['ctx'].get('le', err['ctx'].get('lt'))})"
    elif kind == "string_pattern_mismatch":
        field = str(loc[-1])
        if field == "id":
            message = f"{_describe(value)} is not a valid id (use lowercase letters, digits and dashes)"
        elif field == "pages":
            message = f"{_describe(value)} is not a page range (use 3-6 or 1,4-7)"
        else:
            message = f"{_describe(value)} does not have the expected form"
    elif kind == "literal_error":
        message = f"{_describe(value)} is not one of: {err['ctx'].get('expected')}"
    elif kind == "too_short":
        message = "must not be empty"
    elif kind == "value_error":
        message = str(err["ctx"].get("error", err["msg"]))
    else:
        message = err["msg"][0].lower() + err["msg"][1:]
    return _Problem(line, col, path, message)


def _parent_fields(data: Any, loc: tuple) -> list[str]:
    """Field names allowed where an unknown field was found, for suggestions."""
    from packet import curriculum as models

    kinds = {
        "icebreaker": models.Icebreaker, "reading": models.ReadingItem, "discussion": models.Discussion,
        "video": models.Video, "presentation": models.Presentation, "activity": models.Activity,
        "feedback": models.Feedback, "wrap-up": models.WrapUp,
    }
    children = {
        "readings": models.Reading, "weeks": models.Week, "tips": models.Tip, "sections": models.Sections,
        "alternative": models.AlternativePlan, "links": models.Link, "sources": models.Link,
    }
    model, node = models.Curriculum, data
    for step in loc[:-1]:
        if isinstance(node, dict) and isinstance(step, str) and step not in node:
            continue  # a discriminator tag in the location
        if isinstance(step, int) and not isinstance(node, list):
            continue  # one item written where a list goes
        if isinstance(step, str):
            if step == "agenda":
                model = None
            elif step in children and not (step == "readings" and model is models.ReadingItem):
                model = children[step]
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if model is None and isinstance(node, dict):
            model = kinds.get(agenda_kind(node.get("kind")), models.AgendaItemBase)
    return sorted((model or models.AgendaItemBase).model_fields)


def _as_list(value: Any) -> list:
    """A list field as the models read it: one item is a list of it, nothing is empty."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _cross_check(data: dict) -> list[_Problem]:
    """Checks across fields: unique reading ids, known ids, video times, url or path or a title."""
    problems: list[_Problem] = []
    readings = _as_list(data.get("readings"))
    bare = _bare_readings(data)
    ids: dict[str, int] = {}
    for i, reading in enumerate(readings):
        if not isinstance(reading, dict):
            continue
        rid = reading.get("id")
        if isinstance(rid, str):
            if rid in ids:
                line, col, path = _locate(data, ("readings", i, "id"))
                problems.append(_Problem(line, col, path, f"duplicate reading id {rid} (first used by readings[{ids[rid]}])"))
            else:
                ids[rid] = i
        problems.extend(_check_page_range(data, i, reading.get("pages")))
        has_url, has_path = reading.get("url") is not None, reading.get("path") is not None
        if has_url and has_path:
            line, col, path = _locate(data, ("readings", i))
            problems.append(_Problem(line, col, path, "a reading needs a url or a path, this one has both url and path"))
        elif i in bare:
            line, col, path = _locate(data, ("readings", i))
            problems.append(_Problem(
                line, col, path,
                "a reading needs at least a title (and a url or a path to print it in the packet); this one has no title, url or path",
            ))
        elif isinstance(reading.get("path"), str) and not reading["path"].strip():
            line, col, path = _locate(data, ("readings", i, "path"))
            problems.append(_Problem(line, col, path, "is empty: name the file, relative to the curriculum"))
        if (has_url or has_path) and reading.get("where") is not None:
            # Printed from its url or file, so no copy to find elsewhere:
            # said now rather than left off the card unseen.
            line, col, path = _locate(data, ("readings", i, "where"), at_key=True)
            problems.append(_Problem(
                line, col, path,
                "is for a reading not in the packet (one with no url or path); for a remark on this one's card use note",
            ))
    weeks = data.get("weeks")
    if weeks is None:
        return problems
    weeks = _as_list(weeks)
    numbers: dict[int, int] = {}
    for w, week in enumerate(weeks):
        number = week.get("number") if isinstance(week, dict) else None
        if isinstance(number, int) and not isinstance(number, bool):
            if number in numbers:
                # Each week's files are named by its number: a second week 3
                # would silently overwrite the first one's handout.
                line, col, path = _locate(data, ("weeks", w, "number"))
                problems.append(_Problem(line, col, path, f"week {number} again (weeks[{numbers[number]}] is week {number}): each week needs its own number"))
            else:
                numbers[number] = w
    for w, week in enumerate(weeks):
        if not isinstance(week, dict) or not isinstance(week.get("agenda"), (list, dict)):
            continue
        for a, item in enumerate(_as_list(week.get("agenda"))):
            if not isinstance(item, dict):
                continue
            refs = item.get("readings")
            if isinstance(refs, (list, str)):
                for r, ref in enumerate(_as_list(refs)):
                    if isinstance(ref, str) and ref not in ids:
                        line, col, path = _locate(data, ("weeks", w, "agenda", a, "readings", r))
                        hint = difflib.get_close_matches(ref, list(ids), n=1)
                        problems.append(_Problem(line, col, path, f"no reading has the id {ref}" + (f" (did you mean {hint[0]}?)" if hint else "")))
            if agenda_kind(item.get("kind")) == "video":
                problems.extend(_check_video_times(data, w, a, item))
    return problems


def _bare_readings(data: Any) -> set[int]:
    """Indexes of readings with no title, url or path: nothing to print and
    nothing to name on a card. A reading with a title alone is read from a
    copy outside the packet."""
    bare = set()
    for i, reading in enumerate(_as_list(data.get("readings")) if isinstance(data, dict) else []):
        if not isinstance(reading, dict) or reading.get("url") is not None or reading.get("path") is not None:
            continue
        title = reading.get("title")
        if title is None or (isinstance(title, str) and not title.strip()):
            bare.add(i)
    return bare


def _check_page_range(data: dict, i: int, spec: object) -> list[_Problem]:
    """A range the field's pattern accepts can still run backwards ("5-2")
    or start at page 0; say so now, not when the build prints every page."""
    if not isinstance(spec, str):
        return []
    for part in spec.split(","):
        bounds = [int(n) for n in re.findall(r"\d+", part)]
        if not bounds:
            return []  # the field's own pattern reports it
        message = None
        if min(bounds) < 1:
            message = f"{spec.strip()!r}: pages count from 1"
        elif len(bounds) == 2 and bounds[1] < bounds[0]:
            message = f"{spec.strip()!r}: {bounds[0]}-{bounds[1]} runs backwards (write {bounds[1]}-{bounds[0]})"
        if message:
            line, col, path = _locate(data, ("readings", i, "pages"))
            return [_Problem(line, col, path, message)]
    return []


def _check_video_times(data: dict, w: int, a: int, item: dict) -> list[_Problem]:
    try:
        start = timestamp_seconds(str(item.get("start", "0:00")))
        end = timestamp_seconds(str(item["end"])) if item.get("end") is not None else None
    except ValueError:
        return []  # the field's own validation reports the bad time
    if end is not None and end <= start:
        line, col, path = _locate(data, ("weeks", w, "agenda", a, "end"))
        return [_Problem(line, col, path, f"{item['end']} is not after the start {item.get('start', '0:00')}")]
    return []


def _check_files(data: dict, base_dir: Path) -> list[_Problem]:
    """Local files the curriculum names must be there (relative to it)."""
    problems: list[_Problem] = []
    places: list[tuple[tuple, object]] = [(("stylesheet",), data.get("stylesheet"))]
    places += [
        (("readings", i, "path"), reading.get("path"))
        for i, reading in enumerate(_as_list(data.get("readings"))) if isinstance(reading, dict)
    ]
    for loc, value in places:
        if not isinstance(value, str) or not value.strip():
            continue
        target = base_dir / value
        if not target.exists():
            message = f"{value}: no such file next to the curriculum"
            if value.startswith("~"):
                message += " (~ is not your home folder here: write the path relative to the curriculum)"
        elif target.is_dir():
            message = f"{value}: is a folder, not a file (name the file in it)"
        else:
            continue
        line, col, path = _locate(data, loc)
        problems.append(_Problem(line, col, path, message))
    return problems
