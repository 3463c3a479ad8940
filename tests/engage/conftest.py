"""Real receivers for the digest tests: an SMTP server and a webhook server on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import socket
from types import SimpleNamespace

import git
import pytest

from support.engage import SMTP_PASSWORD, SMTP_USER, Receiver, item


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


