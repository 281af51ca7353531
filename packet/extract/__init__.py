"""Extract stage: a fetched page becomes an Article fit for paper."""

from packet.extract.article import extract_article

__all__ = ["extract_article"]
