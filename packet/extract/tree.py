"""Small helpers over lxml trees shared by the extract stage's clean-ups."""

from __future__ import annotations

#: Elements that break text into blocks on the page.
BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "figure", "section")


def drop(el) -> None:
    """Remove an element but keep the text that follows it."""
    if el.getparent() is not None:
        el.drop_tree()


def is_leaf_block(el) -> bool:
    """Whether `el` holds no other block: one line of the page."""
    return not any(isinstance(d.tag, str) and d.tag in BLOCKS for d in el.iterdescendants())


def leaf_blocks(root, tags: tuple[str, ...]) -> list:
    """The elements of `root` with one of `tags` that hold no other block,
    in document order: one pass over the tree, however deep it is."""
    holders = set()
    for el in reversed(list(root.iter())):
        parent = el.getparent()
        if parent is not None and isinstance(el.tag, str) and (el.tag in BLOCKS or el in holders):
            holders.add(parent)
    return [el for el in root.iter(*tags) if el not in holders]


def from_the_end(root):
    """The elements under `root`, then `root`, in reverse document order,
    lazily: finding the last block costs the elements after it, not the
    whole tree, and the stack is as deep as the tree, not the call stack."""
    stack = [(root, reversed(root))]
    while stack:
        el, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield el
        else:
            stack.append((child, reversed(child)))


def text_of(el) -> str:
    """The element's text, whitespace folded."""
    return " ".join(el.text_content().split())


def link_words(el) -> int:
    """How many of the element's words are inside links."""
    return sum(len(a.text_content().split()) for a in el.iter("a"))


def link_density(el) -> float:
    """The share of the element's words that are inside links."""
    return link_words(el) / (len(el.text_content().split()) or 1)
