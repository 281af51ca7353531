"""The curriculum file as written: its text, its YAML tree with positions,
and what YAML would silently change.

Bytes are decoded as YAML allows (UTF-8, or UTF-16/32 with a byte-order
mark); the YAML is read round-trip (ruamel.yaml) so every key and value
keeps its line and column; keys YAML read as something other than text
(`on:` as true in a YAML 1.1 file, `2:` as a number) are renamed to what is
written; and every plain scalar is kept as written, so packet.load can read
`1.10` as the week title it is rather than the number 1.1. Any problem here
is a located CurriculumError line.
"""

from __future__ import annotations

import codecs
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from packet.errors import CurriculumError


def decode(raw: bytes, name: str) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), or UTF-16
    or UTF-32 with one (Windows Notepad's "Unicode"), as YAML allows. Any
    other encoding is refused at the first byte that is not UTF-8, located."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                break
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = raw.rfind(b"\n", 0, start) + 1
        line = raw.count(b"\n", 0, start) + 1
        column = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
        hint = "save it as UTF-8"
        try:
            char = raw[start:start + 1].decode("cp1252")
            hint = f"it looks saved as Latin-1 or Windows-1252 ({char!r}): save it as UTF-8"
        except UnicodeDecodeError:
            pass
        raise CurriculumError(
            [f"{name}:{line}:{column}: the file is not UTF-8 text (byte 0x{raw[start]:02x}); {hint}"]
        ) from None


def parse_yaml(text: str, name: str) -> Any:
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise CurriculumError([f"{name}:1:1: the file is empty (a curriculum needs a title and weeks)"])
    yaml = YAML(typ="rt")
    # Dates stay text here so pydantic checks them with a location
    # (ruamel would raise on 2027-13-01 with none).
    yaml.constructor.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
    )
    try:
        data = yaml.load(text)
    except DuplicateKeyError:
        raise CurriculumError(_duplicate_keys(text, name)) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if "'\\t'" in what or "\t" in what:
            what = "a tab here; YAML indents with spaces only (replace the tab with spaces)"
        elif "another document" in what:
            what = "a second document starts here (after ---); a curriculum is one document: remove the --- line or what follows it"
        raise CurriculumError([f"{name}:{line}:{col}: YAML syntax error: {what}"]) from None
    except (YAMLError, ValueError) as exc:
        raise CurriculumError([f"{name}:1:1: YAML syntax error: {' '.join(str(exc).split())}"]) from None
    if data is None:
        raise CurriculumError([f"{name}:1:1: the file is empty (a curriculum needs a title and weeks)"])
    if not isinstance(data, dict):
        raise CurriculumError([f"{name}:1:1: the top level must be a mapping of fields (title:, weeks:, ...)"])
    _keys_as_written(data, text)
    return data


def _keys_as_written(data: Any, text: str) -> None:
    """Field names are text: a key YAML read as something else (`on:` is
    true in a YAML 1.1 file, `2:` a number) is renamed to what is written,
    so it is reported as the unknown field it is, at its line."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    maps: list[CommentedMap] = []
    stack, seen = [data], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CommentedMap):
            if any(not isinstance(key, str) for key in node):
                maps.append(node)
            stack.extend(node.values())
        elif isinstance(node, CommentedSeq):
            stack.extend(node)
    if not maps:
        return
    written: dict[tuple[int, int], str] = {}
    nodes = [YAML(typ="rt").compose(text)]
    while nodes:
        node = nodes.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                written[(key.start_mark.line, key.start_mark.column)] = str(key.value)
                nodes.append(value)
        elif isinstance(node, SequenceNode):
            nodes.extend(node.value)
    for node in maps:
        for index, key in enumerate(list(node)):
            if isinstance(key, str):
                continue
            position = node.lc.data.get(key)
            name = written.get(tuple(position[:2]), str(key)) if position else str(key)
            while name in node:
                name += " "
            value = node.pop(key)
            node.insert(index, name, value)
            if position:
                node.lc.data[name] = position


def plain_scalars(text: str) -> dict[tuple[int, int], str]:
    """Every plain (unquoted) scalar of the file as written, by its 0-based
    position; an empty value or `~` is nothing written."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    texts: dict[tuple[int, int], str] = {}
    seen: set[int] = set()
    stack = [YAML(typ="rt").compose(text)]
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style is None and node.value not in ("", "~"):
                texts[(node.start_mark.line, node.start_mark.column)] = node.value
        elif isinstance(node, MappingNode):
            # Values only: an empty value has the position of the next key.
            stack.extend(value for _key, value in node.value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return texts


def _duplicate_keys(text: str, name: str) -> list[str]:
    """Every key given twice in one mapping, located (ruamel stops at the
    first): a field written twice is one the organizer meant to change."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    problems: list[str] = []
    walked: set[int] = set()

    def walk(node, path: str) -> None:
        if id(node) in walked:  # an alias: its node was walked where it was defined
            return
        walked.add(id(node))
        if isinstance(node, MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                here = f"{path}.{key.value}" if path else str(key.value)
                if key.value in seen:
                    mark = key.start_mark
                    problems.append(
                        f"{name}:{mark.line + 1}:{mark.column + 1}: {here}: given twice (first on line {seen[key.value]}); "
                        "keep one"
                    )
                else:
                    seen[key.value] = key.start_mark.line + 1
                walk(value, here)
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{path}[{i}]")

    walk(YAML(typ="rt").compose(text), "")
    return problems or [f"{name}:1:1: YAML syntax error: a key is given twice"]


def position_of(node: Any, key: Any, want_key: bool) -> tuple[int, int] | None:
    """0-based position of a mapping key (or its value) or a list item."""
    try:
        if isinstance(node, CommentedMap):
            if key not in node.lc.data:
                return _merged_position(node, key, want_key)
            return node.lc.key(key) if want_key else node.lc.value(key)
        if isinstance(node, CommentedSeq):
            return node.lc.item(key)
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    return None


def _merged_position(node: CommentedMap, key: Any, want_key: bool) -> tuple[int, int] | None:
    """Where a key merged in with `<<: *defaults` is written: in the anchored mapping."""
    for source in getattr(node, "merge", None) or []:
        source = source[1] if isinstance(source, tuple) else source
        if isinstance(source, CommentedMap) and key in source:
            return position_of(source, key, want_key)
    return None


def node_start(node: Any) -> tuple[int, int] | None:
    if isinstance(node, (CommentedMap, CommentedSeq)) and getattr(node, "lc", None) is not None:
        if node.lc.line is not None:
            return node.lc.line, node.lc.col
    return None
