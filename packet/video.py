"""Videos: linked, never fetched.

A handout or run-sheet prints a video as a link and a QR code; video_link
puts the start (and, for embeds, end) time into the link the way each
player reads it. The fetch stage uses is_video_url to leave videos alone,
the render stage and `packet check` to print them.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

VIDEO_HOSTS = frozenset(
    {
        "youtube.com",
        "www.youtube.com",
        "m.youtube.com",
        "music.youtube.com",
        "youtu.be",
        "www.youtube-nocookie.com",
        "youtube-nocookie.com",
        "vimeo.com",
        "www.vimeo.com",
        "player.vimeo.com",
    }
)
VIDEO_SUFFIXES = (".mp4", ".webm", ".mov", ".m4v", ".mkv", ".avi")


def is_video_url(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.hostname or "").lower() in VIDEO_HOSTS or parts.path.lower().endswith(VIDEO_SUFFIXES)


def video_link(url: str, start_seconds: int | None, end_seconds: int | None = None) -> str:
    """`url` set to start at `start_seconds`: t=<s>s on YouTube watch and
    youtu.be links, start=/end= on YouTube embeds, #t=<s>s on Vimeo. Other
    links come back unchanged."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if start_seconds is None and end_seconds is None:
        return url
    if "vimeo.com" in host:
        if start_seconds is None:
            return url
        return urlunsplit(parts._replace(fragment=f"t={int(start_seconds)}s"))
    if "youtube" not in host and host != "youtu.be":
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("t", "start", "end")]
    if parts.path.startswith("/embed/"):
        if start_seconds is not None:
            query.append(("start", str(int(start_seconds))))
        if end_seconds is not None:
            query.append(("end", str(int(end_seconds))))
    elif start_seconds is not None:
        query.append(("t", f"{int(start_seconds)}s"))
    return urlunsplit(parts._replace(query=urlencode(query)))
