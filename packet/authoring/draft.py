"""The draft a guide becomes: curriculum data with its guesses beside it.

`interpret` builds a Draft; `emit` writes it as YAML, each `Noted` value's
notes as comments above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Noted:
    """A value the import guessed, with what was guessed (YAML comments)."""

    value: Any
    notes: list[str]


@dataclass
class Draft:
    """A curriculum as plain data, guesses marked, ready to be written."""

    data: dict[str, Any]
    unplaced: list[str]
    reading_weeks: list[int] = field(default_factory=list)
    guesses: int = 0
    weeks: int = 0
    readings: int = 0
    videos: int = 0
