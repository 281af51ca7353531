"""The Jinja2 side of the render stage: one environment over packet/templates.

Templates hold the structure of handouts; packet/styles/ holds their look. The
filters here format what templates print (video times, reading times,
author lists) so the templates stay free of arithmetic.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import jinja2

from packet.render.notes import breakable_url
from packet.render.direction import text_direction
from packet.render.qr import qr_data_uri

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"


def clock(seconds: int) -> str:
    """A video position as people read it: 16:25, 1:02:03."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def authors_line(authors: list[str]) -> str:
    """"A", "A and B", "A, B and C"; a trailing "et al." is kept as written."""
    names = [name.strip() for name in authors if name.strip()]
    if len(names) > 1 and names[-1].rstrip(".").lower() == "et al":
        return ", ".join(names[:-1]) + " et al."
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def long_date(value: dt.date | None) -> str:
    """"Tuesday 3 March 2026": unambiguous on both sides of the Atlantic."""
    if value is None:
        return ""
    return f"{value:%A} {value.day} {value:%B %Y}"


def minutes_phrase(minutes: float | None) -> str:
    if not minutes:
        return ""
    whole = int(round(minutes))
    return f"{whole} min"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared environment: autoescaped, strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=jinja2.select_autoescape(["html", "j2"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        clock=clock,
        authors=authors_line,
        long_date=long_date,
        minutes=minutes_phrase,
        qr=qr_data_uri,
        breakable=breakable_url,
        direction=text_direction,
    )
    return env


def render_template(name: str, **context) -> str:
    return environment().get_template(name).render(**context)
