"""The screen handout (week-NN-handout.html): the week for a laptop or phone.

One self-contained file a browser opens as it is: screen.css and the
packet's own fonts travel inside it (fonts as data: URIs, so the page
reads like the paper wherever it is opened), images and QR codes are data:
URIs, and the links are live links instead of numbered notes.
"""

from __future__ import annotations

import base64
from functools import lru_cache

from markupsafe import Markup

from packet.render.options import SCREEN_CSS
from packet.render.pdf import STYLES_DIR

# The faces screen.css uses: (family, weight, style, file).
SCREEN_FACES = (
    ("Packet Serif", 400, "normal", "CharisSIL-Regular.ttf"),
    ("Packet Serif", 400, "italic", "CharisSIL-Italic.ttf"),
    ("Packet Serif", 700, "normal", "CharisSIL-Bold.ttf"),
    ("Packet Sans", 400, "normal", "Inter-Regular.otf"),
    ("Packet Sans", 600, "normal", "Inter-SemiBold.otf"),
    ("Packet Mono", 400, "normal", "JetBrainsMono-Regular.ttf"),
)
_FONT_TYPES = {".ttf": "font/ttf", ".otf": "font/otf"}


@lru_cache(maxsize=1)
def screen_css() -> Markup:
    """screen.css after @font-face rules carrying the packet's fonts."""
    faces = []
    for family, weight, style, name in SCREEN_FACES:
        path = STYLES_DIR / "fonts" / name
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        faces.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
            f'font-display: swap; src: url(data:{_FONT_TYPES[path.suffix]};base64,{data}); }}'
        )
    return Markup("\n".join(faces) + "\n" + SCREEN_CSS.read_text(encoding="utf-8"))
