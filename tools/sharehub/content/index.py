"""The hub index: which file already carries this link, or this feed entry.

``check`` (duplicates), ``suggest`` (refuse a link already in the hub),
``promote``, ``feeds pull`` (skip entries already drafted or published) and
``review`` (duplicates in a pull request) all ask the same question; each
command builds one :class:`HubIndex` (from the working tree, or from a git
commit's tree) and asks it.

Building it must not cost a full parse of every file: a line scan of each
front matter proposes candidates (the ``url:`` line, the ``guid:`` under
``source:``), and every answer is confirmed by the one real loader
(:func:`sharehub.content.loader.parse_document`) before it is given. Files
the scan cannot read with confidence (no ``url:`` line but the word ``url``
in the front matter, flow style, block scalars) are parsed at once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable

from sharehub.content.loader import (MARKDOWN_SUFFIXES, MAX_FILE_BYTES, Document, find_markdown,
                                     parse_document)
from sharehub.share.links import canonical_url

_URL_LINE_RE = re.compile(rb"^url:[ \t]*([^\r\n]*)", re.M)
_GUID_LINE_RE = re.compile(rb"^[ \t]+guid:[ \t]*([^\r\n]*)", re.M)
_FRONT_END_RE = re.compile(rb"\n(?:---|\.\.\.)[ \t]*\r?\n|\n(?:---|\.\.\.)[ \t]*$")
#: Bytes of a file the scan looks at (the loader's front-matter cap).
_SCAN_BYTES = 64 * 1024 + 8


def _scalar(raw: bytes) -> str | None:
    """A one-line YAML scalar as text, or None when it needs the real parser."""
    value = raw.decode("utf-8", "replace").strip()
    if " #" in value:
        value = value.split(" #", 1)[0].rstrip()
    if not value or value[0] in "|>{[&*!%@`":
        return None
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    elif value[0] in "'\"":
        return None
    return value


def _front_matter(data: bytes) -> bytes | None:
    if not data.startswith(b"---"):
        return None
    head = data[:_SCAN_BYTES]
    end = _FRONT_END_RE.search(head, 3)
    return head[:end.start() + 1] if end else head


class HubIndex:
    """Canonical links and feed guids of a set of files, answered on demand.

    Args:
        files: ``(key, read)`` pairs: a path (as reported) and a function
            returning the file's bytes.
    """

    def __init__(self, files: Iterable[tuple[str, Callable[[], bytes]]]):
        self._read: dict[str, Callable[[], bytes]] = {}
        self._urls: dict[str, set[str]] = {}    # canonical URL -> candidate keys
        self._guids: dict[str, set[str]] = {}   # guid -> candidate keys
        self._docs: dict[str, Document] = {}
        self._planned_urls: dict[str, str] = {}
        self._planned_guids: dict[str, str] = {}
        self._by_real: dict[str, str] = {}
        for key, read in files:
            self._read[key] = read
            self._scan(key, read())

    @classmethod
    def from_paths(cls, roots: Iterable[Path | str]) -> "HubIndex":
        """Every Markdown file under ``roots`` (folders or files) on disk."""
        paths = find_markdown([Path(r) for r in roots if Path(r).exists()])
        index = cls((str(path), _file_reader(path)) for path in paths)
        index._by_real = {str(path.resolve()): str(path) for path in paths}
        return index

    @classmethod
    def from_hub(cls, hub) -> "HubIndex":
        """``content/`` and ``suggestions/`` of a hub, on disk."""
        return cls.from_paths([hub.content_dir, hub.suggestions_dir])

    @classmethod
    def from_tree(cls, commit, roots: Iterable[str]) -> "HubIndex":
        """Every Markdown file under ``roots`` (repository paths) in a git commit."""
        def blobs():
            for root in roots:
                try:
                    tree = commit.tree / root
                except KeyError:
                    continue
                for blob in tree.traverse():
                    name = blob.path.rsplit("/", 1)[-1]
                    if (blob.type == "blob" and name.endswith(MARKDOWN_SUFFIXES)
                            and not name.startswith(".")):
                        yield blob.path, _blob_reader(blob)
        return cls(blobs())

    # -- building -------------------------------------------------------------------------

    def _scan(self, key: str, data: bytes) -> None:
        front = _front_matter(data)
        if front is None:
            return
        match = _URL_LINE_RE.search(front)
        url = _scalar(match.group(1)) if match else None
        if (match and url is None) or (not match and b"url" in front):
            self._confirmed(key, data)  # the scan cannot tell: parse it now
            return
        if url:
            self._urls.setdefault(canonical_url(url), set()).add(key)
        for guid_match in _GUID_LINE_RE.finditer(front):
            guid = _scalar(guid_match.group(1))
            if guid is None:
                self._confirmed(key, data)
                return
            self._guids.setdefault(guid, set()).add(key)

    def _confirmed(self, key: str, data: bytes | None = None) -> Document:
        doc = self._docs.get(key)
        if doc is None:
            doc = parse_document(Path(key), data if data is not None else self._read[key]())
            self._docs[key] = doc
            meta = doc.meta if doc.ok else {}
            url = meta.get("url")
            if isinstance(url, str) and url.strip():
                self._urls.setdefault(canonical_url(url), set()).add(key)
            source = meta.get("source")
            if isinstance(source, dict) and isinstance(source.get("guid"), str):
                self._guids.setdefault(source["guid"], set()).add(key)
        return doc

    def add(self, key: str, *, url: str = "", guid: str = "") -> None:
        """Record a file this command is about to write (a draft, a promotion)."""
        if url:
            self._planned_urls.setdefault(canonical_url(url), key)
        if guid:
            self._planned_guids.setdefault(guid, key)

    # -- questions ------------------------------------------------------------------------

    def _keys(self, exclude: Iterable[str | Path]) -> set[str]:
        """Keys of the files in ``exclude`` (paths in any form, or keys)."""
        keys = set()
        for item in exclude:
            keys.add(str(item))
            if isinstance(item, Path):
                real = self._by_real.get(str(item.resolve()))
                if real:
                    keys.add(real)
        return keys

    def files_with_url(self, url: str, *, exclude: Iterable[str | Path] = ()) -> list[str]:
        """Files whose ``url`` is ``url`` once tracking parameters, case and
        trailing slashes are ignored (:func:`~sharehub.share.links.canonical_url`)."""
        wanted = canonical_url(url)

        def same_url(meta: dict) -> bool:
            other = meta.get("url")
            return isinstance(other, str) and canonical_url(other) == wanted

        return self._files_with(self._urls, self._planned_urls, wanted, exclude, same_url)

    def files_with_guid(self, guid: str, *, exclude: Iterable[str | Path] = ()) -> list[str]:
        """Files drafted from the feed entry ``guid`` (``source.guid``)."""

        def same_guid(meta: dict) -> bool:
            source = meta.get("source")
            return isinstance(source, dict) and source.get("guid") == guid

        return self._files_with(self._guids, self._planned_guids, guid, exclude, same_guid)

    def _files_with(self, candidates: dict, planned: dict, value: str,
                    exclude: Iterable[str | Path], matches: Callable[[dict], bool]) -> list[str]:
        """The candidates for ``value`` that the parsed file confirms, then the planned one."""
        skip = self._keys(exclude)
        found = []
        for key in sorted(candidates.get(value, ())):
            if key in skip:
                continue
            doc = self._confirmed(key)
            if doc.ok and matches(doc.meta):
                found.append(key)
        extra = planned.get(value)  # written by this run: never excluded
        if extra and extra not in found:
            found.append(extra)
        return found

    def has_url(self, url: str, *, exclude: Iterable[str | Path] = ()) -> bool:
        return bool(self.files_with_url(url, exclude=exclude))

    def has_guid(self, guid: str) -> bool:
        return bool(self.files_with_guid(guid))


def _file_reader(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            with open(path, "rb") as handle:
                return handle.read(MAX_FILE_BYTES + 1)  # the loader refuses what is larger
        except OSError:
            return b""
    return read


def _blob_reader(blob) -> Callable[[], bytes]:
    return lambda: blob.data_stream.read()
