"""`packet extract` over several sources: one source's failure stays its own."""


import pytest

import packet.extract
from packet.fetch import FetchOptions
from packet.oneoff import extract_sources
from packet.resource import FetchRequest

PAGE = "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"


@pytest.fixture
def three_pages(tmp_path) -> list[FetchRequest]:
    requests = []
    for name in ("first", "broken", "last"):
        path = tmp_path / f"{name}.html"
        path.write_text(PAGE.format(title=f"The {name} page", body=f"Words of the {name} article. " * 40), encoding="utf-8")
        requests.append(FetchRequest(id=str(path), path=path))
    return requests


def test_a_crash_on_one_source_is_reported_as_that_source_error(three_pages, tmp_path, monkeypatch):
    real = packet.extract.extract_article

    def crashes_on_broken(html, url):
        if "broken" in url:
            raise AssertionError("too many bodies: []")
        return real(html, url)

    monkeypatch.setattr(packet.extract, "extract_article", crashes_on_broken)
    text, failed = extract_sources(three_pages, "text", FetchOptions(cache_dir=tmp_path / "cache"))
    assert failed == 1
    assert "Words of the first article" in text and "Words of the last article" in text
    assert f"[{three_pages[1].id}: could not extract the article (AssertionError: too many bodies: [])]" in text
    assert text.index("first article") < text.index("AssertionError") < text.index("last article")
