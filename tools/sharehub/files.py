"""Writing content files: slugs, front matter, atomic and non-clobbering writes.

Every writer (feed drafts, suggestions, promote) goes through here, so no
file is ever half-written or silently overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from sharehub.content import yamlio
from sharehub.errors import SharehubError

_SLUG_STRIP_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 60) -> str:
    """A lowercase ASCII slug of ``text`` (``"Café à Lyon!"`` -> ``"cafe-a-lyon"``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _SLUG_STRIP_RE.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "item"


def render_document(meta: dict, body: str = "") -> str:
    """Front matter (safe YAML dump) plus body, as a Markdown file's text."""
    text = "---\n" + yamlio.dump(meta) + "---\n"
    body = body.strip("\n")
    return text + (body + "\n" if body else "")


def write_atomic(path: Path | str, text: str | bytes, *, overwrite: bool = False,
                 durable: bool = True) -> Path:
    """Write ``text`` (or bytes, such as an uploaded image) to ``path`` through a
    temporary file and a rename.

    Args:
        overwrite: replace an existing file. Without it an existing file is
            an error, checked at the moment of the rename (``os.link``), so
            a file someone created meanwhile is never clobbered.
        durable: fsync the file before it appears under its name. Bulk
            writers pass ``False`` and call :func:`flush_to_disk` once at the
            end: the rename alone already guarantees that a reader (or an
            interrupted run) never sees half a file.

    Raises:
        SharehubError: the file exists (without ``overwrite``) or cannot be written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        binary = isinstance(text, bytes)
        with (os.fdopen(fd, "wb") if binary else
              os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as handle:
            handle.write(text)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the target exists: no race, no clobber
            except FileExistsError:
                raise SharehubError("file exists already; not overwriting it", path) from None
            os.unlink(tmp)
    except OSError as exc:
        raise SharehubError(f"cannot write file: {exc.strerror}", path) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def flush_to_disk() -> None:
    """Make every file written with ``durable=False`` durable (one sync for all)."""
    os.sync()


def free_path(folder: Path | str, stem: str, suffix: str = ".md", *,
              taken: set[Path] | frozenset = frozenset()) -> Path:
    """``folder/stem.md``, or ``stem-2.md``, ``stem-3.md``... if taken.

    Args:
        taken: paths already planned by the caller (a batch, a dry run),
            avoided as if they were on disk.
    """
    folder = Path(folder)
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate in taken or candidate.exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def dated_stem(title: str, when: dt.date | dt.datetime | None = None) -> str:
    """``YYYY-MM-DD-slug`` for a new suggestion or draft."""
    day = (when or dt.date.today())
    return f"{day:%Y-%m-%d}-{slugify(title)}"
