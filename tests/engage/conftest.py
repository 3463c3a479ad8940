"""Real receivers for the digest tests: an SMTP server and a webhook server on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import git
import pytest

SMTP_USER = "digest-bot"
SMTP_PASSWORD = "s3cret-smtp-Pa55"


class _Mailbox:
    """aiosmtpd handler keeping every message it accepts, parsed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content,
                                                      policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def smtp():
    """A real SMTP server on 127.0.0.1 (AUTH LOGIN/PLAIN without TLS) with its mailbox."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (getattr(auth_data, "login", b"") == SMTP_USER.encode()
              and getattr(auth_data, "password", b"") == SMTP_PASSWORD.encode())
        return AuthResult(success=ok)

    mailbox = _Mailbox()
    port = _free_port()  # aiosmtpd's readiness check connects to the port it was given
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, authenticator=authenticate,
                            auth_require_tls=False)
    controller.start()
    url = (f"mailto://{SMTP_USER}:{SMTP_PASSWORD}@127.0.0.1:{port}"
           f"?mode=insecure&from=hub@example.com&to=staff@example.com")
    yield SimpleNamespace(url=url, port=port, messages=mailbox.messages)
    controller.stop()


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


@pytest.fixture
def webhook():
    """A receiver of Apprise's JSON webhook (``json://``), with a secret in its path."""
    receiver = Receiver()
    receiver.url = f"json://127.0.0.1:{receiver.port}/hooks/T0KEN-sekret-42"
    yield receiver
    receiver.close()


@pytest.fixture
def receiver():
    """A local analytics endpoint counting the events it receives."""
    receiver = Receiver()
    yield receiver
    receiver.close()


def _free_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 that nothing listens on (connections are refused)."""
    return _free_port()


MKDOCS = """\
site_name: Acme Hub
site_url: https://hub.example.com/
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - sharehub:
      timezone: Europe/Paris
      digest:
        lookback_days: {lookback}
        channels:
          - name: all-staff
            url_env: SHAREHUB_DIGEST_ALL
          - name: engineering
            url_env: SHAREHUB_DIGEST_ENG
            departments: [engineering]
{extra}"""


def item(title, *, url="https://example.com/a", **fields) -> str:
    meta = {"title": title, "url": url, **fields}
    lines = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
    return f"---\n{lines}\n---\nTalking points.\n"


@pytest.fixture
def digest_hub(tmp_path, monkeypatch):
    """A hub in a git repository with a bare ``origin``, two channels, three items."""
    git.Repo.init(tmp_path / "origin.git", bare=True, initial_branch="main")
    root = tmp_path / "hub"
    (root / "content" / "posts").mkdir(parents=True)
    repo = git.Repo.init(root, initial_branch="main")
    with repo.config_writer() as cfg:
        cfg.set_value("user", "name", "Ada Lovelace")
        cfg.set_value("user", "email", "ada@example.com")
        cfg.set_value("commit", "gpgsign", "false")

    def write_config(lookback=30, extra=""):
        (root / "mkdocs.yml").write_text(MKDOCS.format(lookback=lookback, extra=extra), "utf-8")

    def add(name, text):
        path = root / "content" / "posts" / name
        path.write_text(text, "utf-8")
        return path

    write_config()
    add("lyon.md", item("We are hiring data engineers in Lyon", url="https://example.com/jobs/lyon",
                        summary="Join the data team.", kind="job", departments=["engineering"],
                        publish="2027-03-01T09:00:00+01:00"))
    add("gala.md", item("Charity gala & auction", url="https://example.com/gala",
                        summary="Tickets are open.", kind="event", departments=["sales"],
                        publish="2027-03-02T09:00:00+01:00"))
    add("report.md", item("Our 2026 impact report", url="https://example.com/impact",
                          summary="Everything we did.", publish="2027-03-10T09:00:00+01:00"))
    repo.git.add("--all")
    repo.git.commit("-m", "hub")
    repo.create_remote("origin", str(tmp_path / "origin.git"))
    repo.git.push("-u", "origin", "main")
    monkeypatch.chdir(root)
    for name in ("SHAREHUB_DIGEST_ALL", "SHAREHUB_DIGEST_ENG", "SHAREHUB_AS_OF"):
        monkeypatch.delenv(name, raising=False)
    return SimpleNamespace(root=root, repo=repo, origin=tmp_path / "origin.git", add=add,
                           write_config=write_config)


def parts(message) -> dict[str, str]:
    """``{content type: text}`` of a MIME message's text parts."""
    return {part.get_content_type(): part.get_content() for part in message.walk()
            if part.get_content_maintype() == "text"}


FIXTURES = Path(__file__).parent / "fixtures"
