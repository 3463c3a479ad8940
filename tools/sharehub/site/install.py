"""An installable hub: the web app manifest, its icons and the service worker.

The manifest is JSON data; the icons are drawn with Pillow at build time (a
share sign on the hub's primary colour); the service worker
(``worker/sw.js``) is served from the site's root so that its scope is the
whole hub, with the build's version in its address (a new build replaces the
old cache).
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

WORKER = Path(__file__).parent / "worker" / "sw.js"
MANIFEST = "manifest.webmanifest"
ICON_SIZES = (192, 512)
#: Material's primary colours by name (the ones a hub is likely to use); others: indigo.
PRIMARY = {"indigo": "#4051b5", "blue": "#2094f3", "teal": "#009485", "green": "#4cae4f",
           "red": "#ef5552", "deep-purple": "#7e56c2", "purple": "#ab47bd", "black": "#000000",
           "orange": "#ff9100", "pink": "#e92063", "cyan": "#00bdd6", "brown": "#795649",
           "blue-grey": "#546d78", "light-blue": "#02a6f2", "deep-orange": "#ff6e42"}


def theme_colour(theme) -> str:
    """The hub's primary colour, from Material's ``palette`` (first scheme)."""
    palette = theme.get("palette") if theme is not None else None
    if isinstance(palette, list) and palette:
        palette = palette[0]
    primary = palette.get("primary", "indigo") if isinstance(palette, dict) else "indigo"
    return PRIMARY.get(str(primary).lower().replace(" ", "-"), PRIMARY["indigo"])


def manifest(*, name: str, description: str, lang: str, colour: str, icons_dir: str) -> str:
    """The web app manifest (paths relative to the manifest, at the site's root)."""
    return json.dumps({
        "name": name, "short_name": name[:30], "description": description, "lang": lang,
        "start_url": "./", "scope": "./", "display": "standalone",
        "background_color": "#ffffff", "theme_color": colour,
        "icons": [{"src": f"{icons_dir}/icon-{size}.png", "sizes": f"{size}x{size}",
                   "type": "image/png", "purpose": "any maskable"} for size in ICON_SIZES],
    }, ensure_ascii=False, indent=1)


def icon_png(size: int, colour: str) -> bytes:
    """A square icon: three joined dots (a share sign) in white on ``colour``."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (size, size), colour)
    d = ImageDraw.Draw(img)
    u = size / 16
    a, b, c = (5.2 * u, 8 * u), (10.8 * u, 4.8 * u), (10.8 * u, 11.2 * u)
    d.line([b, a, c], fill="white", width=max(2, round(0.9 * u)))
    for x, y in (a, b, c):
        r = 1.7 * u
        d.ellipse([x - r, y - r, x + r, y + r], fill="white")
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def build_version(*parts: str | bytes) -> str:
    """A short version of one build's content (the service worker's cache name)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
    return digest.hexdigest()[:12]
