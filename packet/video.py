"""Videos: linked, never fetched.

A handout or run-sheet prints a video as a link and a QR code; video_link
puts the start (and, for embeds, end) time into the link the way each
player reads it. is_video_url is the one test of "is this a video": the
import makes such links videos, fetch leaves them alone, `packet check` lists them.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Sites whose pages are players; any subdomain of one is too.
VIDEO_DOMAINS = ("youtube.com", "youtu.be", "youtube-nocookie.com", "vimeo.com", "dailymotion.com", "dai.ly")
VIDEO_SUFFIXES = (".mp4", ".webm", ".mov", ".m4v", ".mkv", ".avi")


def is_video_url(url: str) -> bool:
    """Whether `url` is a video to link to rather than a page to fetch: a
    player's page, a TED talk (not its transcript), or a video file. The one
    answer for the import, the fetch stage and `packet check`."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:  # an address that is not one (a bad port, brackets)
        return False
    path = parts.path.lower()
    if any(host == domain or host.endswith("." + domain) for domain in VIDEO_DOMAINS):
        return True
    if (host == "ted.com" or host.endswith(".ted.com")) and path.startswith("/talks/"):
        return not path.rstrip("/").endswith("/transcript")
    return path.endswith(VIDEO_SUFFIXES)


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
