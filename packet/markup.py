"""Small questions asked of lxml elements by every stage that reads markup."""

from __future__ import annotations


def class_list(el) -> list[str]:
    """The element's class names, in the order written."""
    return (el.get("class") or "").split()
