"""Decap CMS's local backend protocol, in Python, for ``sharehub edit``.

Decap's reference server (``decap-server``) is a Node program; its
file-system mode is one small JSON protocol (``POST /api/v1`` with
``{"action": ..., "params": ...}``), so the hub serves it itself rather
than making a hub owner install Node. Unlike the reference server it:

* answers only on 127.0.0.1, only to the hub's own page (Host and Origin
  are checked, so another site open in the browser cannot write files);
* reads and writes only inside content/ and suggestions/;
* writes through :func:`sharehub.files.write_atomic`, never clobbers a new
  file's name, and refuses to save over a file changed on disk since the
  editor read it;
* saves only what passes the same validation as ``sharehub check`` (the
  CMS shows the first problem), written as sharehub writes front matter:
  fields the form left empty, or at the model's default, are left out
  unless the file already had them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sharehub.config import Hub
from sharehub.content.loader import parse_document
from sharehub.content.model import FrontMatter
from sharehub.content.validate import validate_document
from sharehub.errors import SharehubError
from sharehub.files import render_document, write_atomic

#: What an upload may be: pictures a card can show. Not Markdown (it would
#: skip validation), nor HTML or SVG (script served from the hub's origin).
UPLOAD_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
#: Largest request accepted (an entry with its uploaded images).
MAX_REQUEST_BYTES = 20 * 1024 * 1024
_DEFAULTS = {name: field.get_default(call_default_factory=True)
             for name, field in FrontMatter.model_fields.items()}


class BackendError(SharehubError):
    """A request the local backend refuses (the CMS shows the message)."""


def _refusal(problem, rel: str) -> BackendError:
    """The first problem of a file, as the editor shows it."""
    where = f"{problem.field}: " if problem.field else ""
    return BackendError(f"not saved: {where}{problem.message}", rel)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def prune(value):
    """``value`` without the empty strings, lists and mappings a form leaves behind."""
    if isinstance(value, dict):
        out = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if not _empty(v)}
    if isinstance(value, list):
        return [v for v in (prune(v) for v in value) if not _empty(v)]
    return value


def tidy_front_matter(meta: dict, previous: dict) -> dict:
    """The fields worth writing: not empty, and not the model's default unless already there."""
    meta = prune(meta)
    return {key: value for key, value in meta.items()
            if key in previous or key not in _DEFAULTS or value != _DEFAULTS[key]}


class LocalBackend:
    """The protocol's actions over one hub's working tree."""

    def __init__(self, hub: Hub):
        self.hub = hub
        self.root = hub.root.resolve()
        self.roots = [hub.content_dir.resolve(), hub.suggestions_dir.resolve()]
        self.read_ids: dict[str, str] = {}  # path -> sha256 the editor last read
        self.lock = threading.Lock()

    # -- paths ---------------------------------------------------------------------------

    def path(self, rel) -> Path:
        """``rel`` inside content/ or suggestions/, or :class:`BackendError`."""
        if not isinstance(rel, str) or not rel or "\x00" in rel or rel.startswith("/") or "\\" in rel:
            raise BackendError(f"not a path inside the hub: {rel!r}")
        path = (self.root / rel).resolve()
        if not any(root == path or root in path.parents for root in self.roots):
            raise BackendError(f"{rel}: the editor only writes inside "
                               f"{', '.join(self._rel(r) for r in self.roots)}")
        return path

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    # -- reading -------------------------------------------------------------------------

    def entry(self, rel: str, label: str | None = None, *, path: str | None = None) -> dict:
        """One file as the protocol sends it (``path``: already checked by :meth:`listing`)."""
        try:
            with open(path or self.path(rel), "rb") as handle:
                data = handle.read()
        except OSError:
            return {"data": None, "file": {"path": rel, "label": label, "id": None}}
        self.read_ids[rel] = _sha(data)
        return {"data": data.decode("utf-8", "replace"),
                "file": {"path": rel, "label": label, "id": self.read_ids[rel]}}

    def listing(self, folder: str, extension: str, depth: int) -> list[tuple[str, str]]:
        """``(relative, absolute)`` paths of the files under ``folder``, ``depth`` levels deep.

        Symbolic links are skipped, so everything listed is inside the
        checked folder without resolving each path.
        """
        base = self.path(folder)
        found: list[tuple[str, str]] = []

        def walk(directory: str, prefix: str, level: int) -> None:
            try:
                entries = sorted(os.scandir(directory), key=lambda e: e.name)
            except OSError:
                return
            for entry in entries:
                if entry.name.startswith(".") or entry.is_symlink():
                    continue
                if entry.is_dir() and level + 1 < depth:
                    walk(entry.path, f"{prefix}{entry.name}/", level + 1)
                elif entry.is_file() and entry.name.endswith(extension):
                    found.append((f"{prefix}{entry.name}", entry.path))

        walk(str(base), f"{self._rel(base)}/", 0)
        return found

    def media(self, rel: str) -> dict:
        path = self.path(rel)
        data = path.read_bytes()
        return {"id": _sha(data), "content": base64.b64encode(data).decode(), "encoding": "base64",
                "path": rel, "name": path.name}

    # -- writing -------------------------------------------------------------------------

    def document(self, rel: str, raw: str) -> str:
        """The file text to write for ``raw`` (what the CMS composed), once it is valid."""
        path = self.path(rel)
        if path.suffix != ".md":
            raise BackendError(f"{rel}: entries are Markdown files")
        # The same loader as `sharehub check`: no second way to read front matter.
        doc = parse_document(path, raw.encode("utf-8"))
        if doc.problems:
            raise _refusal(doc.problems[0], rel)
        if not raw.startswith("---"):
            raise BackendError("not saved: an entry starts with front matter (---)", rel)
        meta = doc.meta
        previous = {}
        if path.exists():
            old = parse_document(path, path.read_bytes())
            previous = old.meta if isinstance(old.meta, dict) else {}
        text = render_document(tidy_front_matter(meta, previous), doc.body)
        _item, problems = validate_document(parse_document(path, text.encode("utf-8")), self.hub)
        errors = [p for p in problems if p.is_error]
        if errors:
            raise _refusal(errors[0], rel)
        return text

    def write(self, rel: str, content: str | bytes, *, new: bool) -> None:
        path = self.path(rel)
        if path.exists() and not new:
            now = _sha(path.read_bytes())
            if rel in self.read_ids and self.read_ids[rel] != now:
                raise BackendError("changed on disk since the editor opened it; reload the "
                                   "editor to see that version", rel)
        write_atomic(path, content, overwrite=not new)
        self.read_ids[rel] = _sha(content.encode("utf-8") if isinstance(content, str) else content)

    def persist_entry(self, params: dict) -> dict:
        entry = params.get("entry")
        data_files = params.get("dataFiles") or ([entry] if entry else [])
        new = bool((params.get("options") or {}).get("newEntry"))
        planned = []
        for data_file in data_files:  # validate everything before writing anything
            if not isinstance(data_file, dict) or data_file.get("newPath"):
                raise BackendError("renaming or moving entries is done in git, not in the editor")
            planned.append((data_file.get("path"), self.document(data_file.get("path"),
                                                                 str(data_file.get("raw", "")))))
        assets = [(a.get("path"), self._asset_bytes(a)) for a in params.get("assets") or []]
        for rel, data in assets:
            self.path(rel)
        for rel, data in assets:
            self.write(rel, data, new=False)
        for rel, text in planned:
            self.write(rel, text, new=new)
        return {"message": "entry persisted"}

    def _asset_bytes(self, asset: dict) -> bytes:
        if not str(asset.get("path", "")).lower().endswith(UPLOAD_SUFFIXES):
            raise BackendError(f"{asset.get('path')}: uploads are pictures "
                               f"({', '.join(UPLOAD_SUFFIXES)})")
        if asset.get("encoding") != "base64":
            raise BackendError(f"{asset.get('path')}: uploads arrive base64-encoded")
        try:
            return base64.b64decode(asset.get("content") or "", validate=True)
        except ValueError:
            raise BackendError(f"{asset.get('path')}: the upload is not valid base64") from None

    def delete(self, rel: str) -> None:
        path = self.path(rel)
        if path.suffix == ".md":
            raise BackendError("content is removed in a pull request (git rm), not in the editor", rel)
        path.unlink(missing_ok=True)

    # -- the protocol --------------------------------------------------------------------

    def handle(self, action: str, params: dict):
        """One request of the protocol; returns what is sent back as JSON."""
        with self.lock:
            return self._dispatch(action, params)

    def _dispatch(self, action: str, p: dict):
        if action == "info":
            return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            return [self.entry(rel, path=path) for rel, path in self.listing(
                p.get("folder"), str(p.get("extension") or ""), int(p.get("depth") or 1))]
        if action == "entriesByFiles":
            return [self.entry(f.get("path"), f.get("label")) for f in p.get("files") or []]
        if action == "getEntry":
            return self.entry(p.get("path"))
        if action == "persistEntry":
            return self.persist_entry(p)
        if action == "getMedia":
            folder = p.get("mediaFolder")
            return [self.media(rel) for rel, _path in self.listing(folder, "", 1)]
        if action == "getMediaFile":
            return self.media(p.get("path"))
        if action == "persistMedia":
            asset = p.get("asset") or {}
            self.write(asset.get("path"), self._asset_bytes(asset), new=False)
            return self.media(asset.get("path"))
        if action == "deleteFile":
            self.delete(p.get("path"))
            return {"message": "deleted"}
        if action == "deleteFiles":
            for rel in p.get("paths") or []:
                self.delete(rel)
            return {"message": "deleted"}
        if action == "getDeployPreview":
            return None
        raise BackendError(f"unknown action {action!r}")


class _Handler(BaseHTTPRequestHandler):
    backend: LocalBackend
    origins: frozenset[str]
    hosts: frozenset[str]

    def log_message(self, *args):  # the hub's serve log is enough
        pass

    def _send(self, status: int, payload) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        origin = self.headers.get("Origin", "")
        if origin in self.origins:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _allowed(self) -> bool:
        if self.headers.get("Host", "") not in self.hosts:
            return False  # DNS rebinding: a page on another name resolving to 127.0.0.1
        origin = self.headers.get("Origin")
        return origin is None or origin in self.origins

    def do_OPTIONS(self):  # noqa: N802 - CORS preflight of the hub's page
        if not self._allowed() or self.headers.get("Origin") is None:
            self._send(403, {"error": "forbidden"})
            return
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", self.headers["Origin"])
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Vary", "Origin")
        self.end_headers()

    def do_POST(self):  # noqa: N802
        if self.path.split("?")[0] != "/api/v1":
            self._send(404, {"error": "not found"})
            return
        if not self._allowed():
            self._send(403, {"error": "only the hub's own editor may use this backend"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            self._send(413, {"error": "request too large"})
            return
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            params = body.get("params") or {} if isinstance(body, dict) else None
            if not isinstance(params, dict):
                raise ValueError("expected {\"action\": ..., \"params\": {...}}")
            self._send(200, self.backend.handle(str(body.get("action")), params))
        except (ValueError, TypeError, AttributeError, RecursionError) as exc:
            self._send(422, {"error": f"bad request: {exc}"})
        except SharehubError as exc:
            self._send(422, {"error": str(exc)})
        except OSError as exc:
            self._send(500, {"error": f"cannot access a file: {exc.strerror}"})


def start_backend(hub: Hub, *, port: int, allowed_origins: list[str]) -> ThreadingHTTPServer:
    """Serve the protocol on ``127.0.0.1:port`` in a thread; ``shutdown()`` stops it."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    bound = server.server_address[1]
    handler = type("Handler", (_Handler,), {
        "backend": LocalBackend(hub), "origins": frozenset(allowed_origins),
        "hosts": frozenset({f"127.0.0.1:{bound}", f"localhost:{bound}"})})
    server.RequestHandlerClass = handler
    threading.Thread(target=server.serve_forever, name="sharehub-edit-backend", daemon=True).start()
    return server
