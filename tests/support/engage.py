"""Helpers of the engagement tests: request collectors, items, MIME parts."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SMTP_USER = "digest-bot"
SMTP_PASSWORD = "s3cret-smtp-Pa55"


class _Collect(BaseHTTPRequestHandler):
    """Keeps every POST as ``(path, content type, body text)``; answers 202 to any origin."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.requests.append((self.path, self.headers.get("Content-Type", ""),
                                     body.decode("utf-8")))
        self.send_response(202)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", "0")
        self.end_headers()


class Receiver:
    """A real HTTP server on 127.0.0.1 collecting the requests POSTed to it."""

    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Collect)
        self.server.requests = []
        self.requests = self.server.requests
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def received(self) -> list[tuple[str, object]]:
        """``(path, JSON body)`` of every request."""
        return [(path, json.loads(body or "null")) for path, _type, body in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def item(title, *, url="https://example.com/a", **fields) -> str:
    meta = {"title": title, "url": url, **fields}
    lines = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
    return f"---\n{lines}\n---\nTalking points.\n"


def parts(message) -> dict[str, str]:
    """``{content type: text}`` of a MIME message's text parts."""
    return {part.get_content_type(): part.get_content() for part in message.walk()
            if part.get_content_maintype() == "text"}
