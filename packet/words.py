"""Counts written the way people write them: "1 week", "3 weeks"."""

from __future__ import annotations


def counted(n: int, word: str, plural: str | None = None) -> str:
    """`n` and the word for one or for many ("1 copy", "14 copies")."""
    return f"{n} {word if n == 1 else plural or word + 's'}"
