"""A page whose extraction runs away costs its own reading, not the build."""

from __future__ import annotations

import io
import re
import textwrap

from pypdf import PdfReader
from rich.console import Console

import packet.extract
import packet.materials
from packet.build import BuildOptions, build
from packet.fetch import FetchOptions
from packet.summary import render_build_summary

from .standin_site import StandinSite, article_page

CURRICULUM = textwrap.dedent(
    """\
    title: Budget group
    meeting_minutes: 60
    readings:
      - id: before
        title: The post before
        url: {base}/blog/before
      - id: runaway
        title: The runaway post
        url: {base}/blog/runaway
      - id: after
        title: The post after
        url: {base}/blog/after
    weeks:
      - number: 1
        title: One week
        agenda:
          - kind: reading
            readings: [before, runaway, after]
            minutes: 45
    """
)


def test_a_reading_whose_extraction_runs_away_fails_alone(tmp_path, monkeypatch):
    real = packet.extract.extract_article

    def stuck_on_runaway(html, url):
        if "runaway" in url:
            # A pattern backtracking without end, as hostile markup made several do.
            re.search(r"(a+)+$", "a" * 60 + "!")
        return real(html, url)

    monkeypatch.setattr(packet.extract, "extract_article", stuck_on_runaway)
    monkeypatch.setattr(packet.materials, "EXTRACT_BUDGET_S", 1)
    pages = {
        f"/blog/{name}": (200, "text/html; charset=utf-8", article_page(f"The post {name}", "A. Writer", 400, seed).encode())
        for seed, name in enumerate(("before", "runaway", "after"))
    }
    with StandinSite(pages) as site:
        curriculum = tmp_path / "curriculum.yaml"
        curriculum.write_text(CURRICULUM.format(base=site.url))
        options = BuildOptions(out_dir=tmp_path / "out", jobs=1, fetch=FetchOptions(cache_dir=tmp_path / "cache", retries=0))
        result = build(curriculum, options)

    rows = {r.id: r for r in result.readings}
    assert (rows["runaway"].status, rows["runaway"].reason) == ("failed", "extraction took longer than 1 s")
    assert rows["before"].status == rows["after"].status == "ok"
    shown = io.StringIO()
    render_build_summary(result, [], Console(file=shown, width=200))
    assert "warning: runaway: extraction took longer than 1 s" in shown.getvalue()
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "out" / "week-01-handout.pdf").pages)
    assert "The post before" in text and "The post after" in text
