"""Load Markdown files with YAML front matter, without trusting them.

Loading only splits and parses; :mod:`sharehub.content.validate` decides whether
what was found makes a valid item. Every failure becomes a
:class:`~sharehub.errors.Problem` naming the file and line, never an
exception escaping to the caller.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sharehub.content import yamlio
from sharehub.errors import Problem

#: Larger files are refused before they are parsed.
MAX_FILE_BYTES = 1024 * 1024
#: Larger front matter is refused before YAML sees it.
MAX_FRONT_MATTER_BYTES = 64 * 1024
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass
class Document:
    """One Markdown file as read from disk: front matter and body.

    Attributes:
        path: the file, as given or found.
        meta: the parsed front matter (a dict when it could be read).
        body: the Markdown after the front matter.
        key_lines: 1-based line of each top-level front-matter key.
        body_line: 1-based line where the body starts.
        problems: what went wrong while loading (the document is then unusable).
    """

    path: Path
    meta: dict = field(default_factory=dict)
    body: str = ""
    key_lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    #: No front matter at all: a plain Markdown page (allowed in content/ only).
    plain: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def line_of(self, key: str) -> int:
        """The line of a front-matter field, or 1 when it is not there."""
        return self.key_lines.get(key, 1)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split ``---`` delimited front matter from the body.

    Returns:
        ``(yaml_text, body, body_line)`` or ``None`` when the file has no
        front matter. Raises ``ValueError`` when it opens but never closes.
    """
    if not (text.startswith("---\n") or text.startswith("---\r\n")):
        return None
    start = text.index("\n") + 1
    pos = start
    line = 2
    while pos <= len(text):
        end = text.find("\n", pos)
        current = text[pos:] if end == -1 else text[pos:end]
        if current.rstrip("\r") in ("---", "..."):
            body_start = len(text) if end == -1 else end + 1
            return text[start:pos], text[body_start:], line + 1
        if end == -1:
            break
        pos = end + 1
        line += 1
    raise ValueError("front matter opened with '---' is never closed")


def parse_document(path: Path, data: bytes) -> Document:
    """Parse one file's bytes into a :class:`Document` (never raises)."""
    doc = Document(path=path)
    name = str(path)

    def problem(message: str, line: int = 1, field_name: str = "") -> Document:
        doc.problems.append(Problem(name, line, field_name, message))
        return doc

    if len(data) > MAX_FILE_BYTES:
        return problem(f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    if not data.strip():
        return problem("file is empty: it needs front matter with at least a title")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return problem(f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8", line)
    if "\x00" in text:
        return problem("file contains NUL bytes: it is not a text file",
                       text.count("\n", 0, text.index("\x00")) + 1)
    try:
        parts = split_front_matter(text)
    except ValueError as exc:
        return problem(str(exc))
    if parts is None:
        doc.plain, doc.body = True, text  # validate decides where a plain page is allowed
        return doc
    yaml_text, doc.body, doc.body_line = parts
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        return problem(f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KiB")
    try:
        meta, key_lines = yamlio.load_mapping_with_lines(yaml_text, first_line=2)
    except yamlio.YamlError as exc:
        return problem(exc.message, exc.line)
    if meta is None:
        return problem("front matter is empty: it needs at least a title")
    if not isinstance(meta, dict):
        kind = "a list" if isinstance(meta, list) else "a single value"
        return problem(f"front matter must be a mapping of fields (title: ...), not {kind}", 2)
    bad_keys = [k for k in meta if not isinstance(k, str)]
    if bad_keys:
        return problem(f"field names must be text, got {bad_keys[0]!r}", 2)
    doc.meta = meta
    doc.key_lines = key_lines
    return doc


def read_document(path: Path) -> Document:
    """Read and parse one file (never raises; problems are recorded)."""
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:  # refuse before reading a byte of it
            doc = Document(path=path)
            doc.problems.append(Problem(str(path), 1, "", f"file is {size:,} bytes; "
                                                          f"the limit is {MAX_FILE_BYTES:,}"))
            return doc
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        doc = Document(path=path)
        doc.problems.append(Problem(str(path), 1, "", f"cannot read file: {exc.strerror}"))
        return doc
    return parse_document(path, data)


def find_markdown(paths) -> list[Path]:
    """Every Markdown file under the given files and folders, sorted.

    Hidden files and folders (``.git``, ``.cache``) are skipped.
    """
    found: list[str] = []
    for root in paths:
        if os.path.isfile(root):
            found.append(os.fspath(root))
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            found += [os.path.join(dirpath, name) for name in filenames
                      if name.endswith(MARKDOWN_SUFFIXES) and not name.startswith(".")]
    # Sorted as paths are (part by part), on strings: ten thousand Path objects
    # compare slowly.
    found.sort(key=lambda path: path.split(os.sep))
    return [Path(path) for path in found]
