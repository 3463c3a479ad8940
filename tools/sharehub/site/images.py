"""Images that belong to the hub: where an item's local image lives, and its card size.

A local ``image:`` is a path relative to the item's file, as Markdown links are
in MkDocs (``image: images/lyon.jpg`` next to ``posts/lyon.md`` is
``posts/images/lyon.jpg``). Cards show a copy resized at build time with
Pillow, with its width and height in the HTML so that nothing shifts while it
loads. A remote image stays as it is (it is a request to a third party for
every employee: ``sharehub check`` warns about it).
"""

from __future__ import annotations

import io
import posixpath
from dataclasses import dataclass
from pathlib import Path

from sharehub.content.items import Item

#: Width of the card copy (a card is at most about 22rem wide; 2× for sharp screens).
CARD_WIDTH = 720
_cache: dict[tuple, tuple[bytes, int, int]] = {}


def is_remote(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def image_site_path(item: Item) -> str:
    """The item's image as a path from the site's root ('' without one; remote URLs as they are)."""
    image = item.meta.image or ""
    if not image or is_remote(image):
        return image
    return posixpath.normpath(posixpath.join(posixpath.dirname(item.rel_path.as_posix()), image))


def local_image_file(item: Item) -> Path | None:
    """The file of an item's local image (whether or not it exists); ``None`` for remote or none."""
    path = image_site_path(item)
    if not path or is_remote(path):
        return None
    return Path(item.hub.content_dir) / path


@dataclass(frozen=True)
class CardImage:
    """The image a card shows: its URL from the site root (or remote) and its size (0: unknown)."""

    src: str
    width: int = 0
    height: int = 0


def card_copy_path(site_path: str) -> str:
    stem, _dot, _ext = site_path.rpartition(".")
    return f"{stem or site_path}.card.jpg"


def resized(source: Path, width: int = CARD_WIDTH) -> tuple[bytes, int, int]:
    """A JPEG copy of ``source`` at most ``width`` wide (cached by file, size and time)."""
    from PIL import Image, ImageOps

    stat = source.stat()
    key = (str(source), stat.st_size, stat.st_mtime_ns, width)
    if key not in _cache:
        with Image.open(source) as img:
            img = ImageOps.exif_transpose(img).convert("RGB")
            if img.width > width:
                img = img.resize((width, round(img.height * width / img.width)), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            img.save(out, "JPEG", quality=78, optimize=True, progressive=True)
            _cache[key] = (out.getvalue(), img.width, img.height)
    return _cache[key]


def plan_card_images(items: list[Item]) -> tuple[dict[str, CardImage], dict[str, bytes]]:
    """Card images of ``items``: ``({item source path: CardImage}, {site path: JPEG bytes})``.

    An unreadable or missing local image leaves the card without one
    (``sharehub check`` reports the path).
    """
    images: dict[str, CardImage] = {}
    files: dict[str, bytes] = {}
    for item in items:
        path = image_site_path(item)
        if not path:
            continue
        key = item.rel_path.as_posix()
        if is_remote(path):
            images[key] = CardImage(path)
            continue
        copy = card_copy_path(path)
        try:
            data, width, height = resized(local_image_file(item))
        except (OSError, ValueError):
            continue
        files[copy] = data
        images[key] = CardImage(copy, width, height)
    return images, files
