"""Helpers of the feed tests: a real HTTP server on 127.0.0.1, cases, inert drafts.

The server serves every case of ``fixtures/`` at ``/<case>``: the body is
the case's feed file with ``@BASE@`` replaced by the server's address, and
``<case>.expect.json``'s ``serve`` block says how (status, content type,
gzip, delay, ETag/Last-Modified with 304s, redirect loop or target, padding). Tests
can add routes of their own with ``server.add(path, body, **serve)``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import hashlib
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from html.parser import HTMLParser
from pathlib import Path

import markdown

from sharehub.content.model import TAG_RE
from support.fixtures import expectation, fixtures_in
from sharehub.content.safety import DANGEROUS_TAGS, URL_ATTRS, unsafe_url

FIXTURES = Path(__file__).resolve().parents[1] / "feeds" / "fixtures"
#: The "today" of every feed test (dates of undated entries).
NOW = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.timezone.utc)


def load_cases() -> dict[str, dict]:
    """Every case of ``fixtures/``: its ``NAME.expect.json`` plus the feed file's bytes.

    A case without a feed file (a 404, a redirect loop) is its expectation alone.
    """
    bodies = {path.name.split(".", 1)[0]: path for path in fixtures_in(FIXTURES)}
    names = set(bodies) | {p.name[: -len(".expect.json")] for p in FIXTURES.glob("*.expect.json")}
    cases = {}
    for name in sorted(names):
        fixture = bodies.get(name, FIXTURES / name)
        spec = expectation(fixture)
        spec["body"] = fixture.read_bytes() if name in bodies else b""
        cases[name] = spec
    return cases


class _QuietServer(ThreadingHTTPServer):
    """Records handler errors instead of printing them.

    A client that gave up (a timeout, a size cap) makes the handler's late
    write fail. The default ``handle_error`` prints a traceback framed by
    ``----`` lines to ``sys.stderr`` from the handler's thread, and at that
    moment ``sys.stderr`` may be the stream CliRunner captures for another
    test: that test then sees the traceback as its own output.
    """

    daemon_threads = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.errors: list[BaseException] = []

    def handle_error(self, request, client_address):
        self.errors.append(sys.exc_info()[1])


class FeedServer:
    """A ThreadingHTTPServer on 127.0.0.1 (or ``host``; HTTPS with ``tls``) that records
    the requests it gets."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0,
                 tls: tuple[Path, Path] | None = None):
        self.routes: dict[str, dict] = {}
        self.requests: list[tuple[str, dict]] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                with server.lock:
                    server.requests.append((path, dict(self.headers)))
                    route = server.routes.get(path)
                if route is None:
                    return self._send(404, b"no such route", "text/plain")
                serve = route.get("serve", {})
                if serve.get("hold") is not None:  # a threading.Event the test sets
                    serve["hold"].wait(60)
                if serve.get("delay"):
                    time.sleep(serve["delay"])
                if serve.get("redirect_loop"):
                    return self._send(302, b"", "text/plain", {"Location": path})
                if serve.get("redirect_to"):
                    return self._send(302, b"", "text/plain", {"Location": serve["redirect_to"]})
                status = serve.get("status", 200)
                if status != 200:
                    return self._send(status, b"error page", "text/html")
                body = route["body"].replace(b"@BASE@", server.base.encode())
                if serve.get("pad_bytes"):
                    body += b"x" * serve["pad_bytes"]
                headers = {}
                tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                stamp = email.utils.formatdate(1767225600, usegmt=True)
                if serve.get("etag"):
                    headers["ETag"] = tag
                    if self.headers.get("If-None-Match") == tag:
                        return self._send(304, b"", None, headers)
                if serve.get("last_modified"):
                    headers["Last-Modified"] = stamp
                    if self.headers.get("If-Modified-Since") == stamp:
                        return self._send(304, b"", None, headers)
                if serve.get("gzip"):
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                self._send(200, body, serve.get("content_type", "application/xml"), headers,
                           chunked=serve.get("chunked", False))

            def _send(self, status, body, content_type, headers=None, chunked=False):
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                if chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    try:
                        for start in range(0, len(body), 16384):
                            piece = body[start:start + 16384]
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                        self.wfile.write(b"0\r\n\r\n")
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the client stopped reading at its size cap
                    return
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass

        self.httpd = _QuietServer((host, port), Handler)
        scheme = "http"
        if tls is not None:  # (certificate, key) files: serve HTTPS
            import ssl

            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.base = f"{scheme}://{host}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def add(self, path: str, body: bytes | str = b"", **serve) -> str:
        """Serve ``body`` at ``path``; returns the absolute URL."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = {"body": body, "serve": serve}
        return self.base + path

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict]:
        return [headers for p, headers in self.requests if p == path]

    def start(self) -> "FeedServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def self_signed_certificate(folder: Path, host: str) -> tuple[Path, Path]:
    """A certificate for ``host`` and its key, made by the openssl command."""
    import subprocess

    cert, key = folder / f"{host}.pem", folder / f"{host}.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={host}",
                    "-addext", f"subjectAltName=DNS:{host}"], check=True, capture_output=True)
    return cert, key


def rss(*items: tuple[str, str], base: str = "") -> str:
    """An RSS 2.0 feed of ``(title, path)`` items; links and guids are ``base + path``."""
    body = "".join(f"<item><title>{title}</title><link>{base}{link}</link><guid>{link}</guid>"
                   f"<description>About {title}.</description></item>" for title, link in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            f"<link>{base}/</link><description>d</description>{body}</channel></rss>")


class SlowHeadersServer:
    """A raw TCP server on 127.0.0.1 that sends a status line, then one header byte at a time.

    After ``HTTP/1.1 200 OK`` it sends ``X-Slow: a`` one byte every ``interval``
    seconds, ``max_bytes`` bytes in all, then ends the headers and sends a
    valid RSS feed: a client without a limit from connect to last byte gets
    the feed in the end (after ``interval * max_bytes`` seconds). It records
    whether each client hung up before the headers were complete.
    """

    def __init__(self, interval: float = 0.2, max_bytes: int = 300):
        import socket

        self.interval, self.max_bytes = interval, max_bytes
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/feed.xml"
        self.abandoned = threading.Event()   # a client hung up mid-headers
        self.completed = threading.Event()   # a client got the whole response
        self._stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn):
        feed = rss(("Slow", "/slow"), base="https://example.com").encode()
        try:
            with conn:
                conn.recv(65536)  # the request (small)
                conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                for _ in range(self.max_bytes):
                    if self._stop.wait(self.interval):
                        return
                    conn.sendall(b"a")
                conn.sendall(b"\r\nContent-Type: application/rss+xml\r\nContent-Length: "
                             + str(len(feed)).encode() + b"\r\n\r\n" + feed)
                self.completed.set()
        except OSError:  # the client hung up
            self.abandoned.set()

    def close(self):
        self._stop.set()
        self.sock.close()


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in URL_ATTRS and value and unsafe_url(value):
                self.found.append(f"{tag} {name}={value}")

    handle_startendtag = handle_starttag


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def assert_inert(doc) -> None:
    for text in _strings(doc.meta):
        assert not TAG_RE.search(text), f"{doc.path}: HTML in front matter: {text!r}"
    for key in ("url", "image"):
        if key in doc.meta:
            assert doc.meta[key].startswith(("http://", "https://")), doc.meta[key]
    rendered = markdown.markdown(doc.body, extensions=["attr_list", "md_in_html"])
    parser = _Elements()
    parser.feed(rendered)
    parser.close()
    assert parser.found == [], f"{doc.path}: {parser.found} in {rendered!r}"


def write_hub(root: Path, feeds: list[dict], **options) -> Path:
    """A minimal hub in ``root``: mkdocs.yml with these feeds, content/, suggestions/.

    The test servers listen on 127.0.0.1, which the private-address guard
    refuses in CI: unless ``feeds_pull`` is given, 127.0.0.1 (only) is an
    allowed network, as an intranet feed server would be.
    """
    import yaml

    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "suggestions").mkdir(exist_ok=True)
    options.setdefault("feeds_pull", {"allowed_networks": ["127.0.0.1/32"]})
    config = {"site_name": "Test hub", "site_url": "https://hub.example.com/",
              "docs_dir": "content",
              "plugins": [{"sharehub": dict(options, feeds=feeds)}]}
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


# -- git repositories for `feeds pull --push` -----------------------------------------

def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd``; its output, stripped."""
    import subprocess

    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout.strip()


def clone(origin: Path, dest: Path) -> Path:
    """A fresh clone of ``origin`` (as a CI checkout is), with a git identity."""
    git(dest.parent, "clone", "--quiet", str(origin), dest.name)
    git(dest, "config", "user.name", "Feeds Bot")
    git(dest, "config", "user.email", "feeds@example.com")
    return dest


def hub_repository(root: Path, feeds: list[dict], **options) -> Path:
    """A bare ``origin`` whose ``main`` holds a hub with these feeds; returns its path."""
    origin = root / "origin.git"
    git(root, "init", "--quiet", "--bare", "-b", "main", str(origin))
    seed = root / "seed"
    seed.mkdir()
    git(seed, "init", "--quiet", "-b", "main")
    git(seed, "config", "user.name", "Hub Owner")
    git(seed, "config", "user.email", "owner@example.com")
    write_hub(seed, feeds, **options)
    (seed / "suggestions" / ".gitkeep").write_text("")
    (seed / "content" / "about.md").write_text("---\ntitle: About\ntype: page\n---\nHello.\n")
    git(seed, "add", "-A")
    git(seed, "commit", "--quiet", "-m", "A hub")
    git(seed, "remote", "add", "origin", str(origin))
    git(seed, "push", "--quiet", "origin", "main")
    return origin


def branch_files(origin: Path, branch: str, folder: str = "suggestions") -> dict[str, str]:
    """``{name: text}`` of the files in ``folder`` on ``branch`` of a bare repository."""
    if not git(origin, "branch", "--list", branch):
        return {}
    names = git(origin, "ls-tree", "--name-only", f"{branch}:{folder}").splitlines()
    return {name: git(origin, "show", f"{branch}:{folder}/{name}") for name in names
            if not name.startswith(".")}
