"""Small questions asked of lxml elements, and small changes made to them, by
every stage that reads markup."""

from __future__ import annotations


def class_list(el) -> list[str]:
    """The element's class names, in the order written."""
    return (el.get("class") or "").split()


def retag_nested(el, tags: list[str]) -> None:
    """`el` becomes `tags[0]`, each later tag nested inside the one before
    around its content: a span both bold and italic becomes
    <strong><em>...</em></strong>."""
    el.tag = tags[0]
    inner = el
    for tag in tags[1:]:
        wrapper = el.makeelement(tag, {})
        wrapper.text, inner.text = inner.text, None
        for child in list(inner):
            wrapper.append(child)
        inner.append(wrapper)
        inner = wrapper
