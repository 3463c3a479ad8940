"""``sharehub digest`` against a real SMTP server and a real webhook server on 127.0.0.1."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from click.testing import CliRunner
from support.engage import SMTP_PASSWORD, item, parts

from sharehub.cli import main

AFTER_ALL = "2027-03-12T12:00"


def digest(monkeypatch, *args, env=None):
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    return CliRunner().invoke(main, ["digest", *args], catch_exceptions=False)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def test_email_and_webhook_get_each_item_once(digest_hub, smtp, webhook, monkeypatch):
    env = {"SHAREHUB_DIGEST_ALL": smtp.url, "SHAREHUB_DIGEST_ENG": webhook.url}
    result = digest(monkeypatch, "--as-of", AFTER_ALL, env=env)
    assert result.exit_code == 0, result.output
    assert "all-staff: announced 3 items" in result.output
    assert "engineering: announced 2 items" in result.output

    # E-mail: subject, an HTML part with inlined CSS and a plain-text part, links to item pages.
    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail["Subject"] == "3 new on Acme Hub"
    assert mail["To"].addresses[0].addr_spec == "staff@example.com"
    bodies = parts(mail)
    assert set(bodies) == {"text/plain", "text/html"}
    links = Links()
    links.feed(bodies["text/html"])
    pages = {"https://hub.example.com/posts/lyon/", "https://hub.example.com/posts/gala/",
             "https://hub.example.com/posts/report/"}
    assert pages <= set(links.hrefs)
    assert not any(tag in ("style", "script") for tag, _ in links.tags)
    assert any("style" in attrs for tag, attrs in links.tags if tag == "h2")  # CSS inlined
    assert "Charity gala &amp; auction" in bodies["text/html"]
    for page in pages:
        assert page in bodies["text/plain"]
    assert "We are hiring data engineers in Lyon" in bodies["text/plain"]
    assert "Join the data team." in bodies["text/plain"]

    # Webhook: Apprise's JSON, Markdown body, only the engineering item and the one for everyone.
    assert len(webhook.received) == 1
    path, payload = webhook.received[0]
    assert path == "/hooks/T0KEN-sekret-42"
    assert payload["title"] == "2 new on Acme Hub"
    assert "[We are hiring data engineers in Lyon](https://hub.example.com/posts/lyon/)" in payload["message"]
    assert "https://hub.example.com/posts/report/" in payload["message"]
    assert "gala" not in payload["message"].lower()

    # Second run: nothing new, nothing sent.
    again = digest(monkeypatch, "--as-of", AFTER_ALL, env=env)
    assert again.exit_code == 0, again.output
    assert "all-staff: nothing new" in again.output
    assert len(smtp.messages) == 1 and len(webhook.received) == 1

    # The state reached the state branch on origin.
    state = digest_hub.repo.git.execute(["git", "--git-dir", str(digest_hub.origin), "show",
                                         "sharehub/state:digest.json"])
    channels = json.loads(state)["channels"]
    assert channels["engineering"] == ["posts/lyon.md", "posts/report.md"]
    assert len(channels["all-staff"]) == 3


def test_scheduled_item_is_announced_when_it_goes_live(digest_hub, webhook, monkeypatch):
    env = {"SHAREHUB_DIGEST_ALL": webhook.url, "SHAREHUB_DIGEST_ENG": webhook.url}
    before = digest(monkeypatch, "--as-of", "2027-03-05T12:00", env=env)
    assert before.exit_code == 0, before.output
    sent = [payload["message"] for _path, payload in webhook.received]
    assert not any("impact report" in message for message in sent)
    count = len(webhook.received)

    after = digest(monkeypatch, "--as-of", "2027-03-10T09:00+01:00", env=env)
    assert after.exit_code == 0, after.output
    new = [payload for _path, payload in webhook.received[count:]]
    assert [p["title"] for p in new] == ["1 new on Acme Hub", "1 new on Acme Hub"]
    assert all("Our 2026 impact report" in p["message"] for p in new)


def test_failing_channel_fails_alone_and_is_retried(digest_hub, webhook, closed_port,
                                                    monkeypatch):
    broken = f"json://127.0.0.1:{closed_port}/hooks/another-Secret-99"
    env = {"SHAREHUB_DIGEST_ALL": broken, "SHAREHUB_DIGEST_ENG": webhook.url}
    result = digest(monkeypatch, "--as-of", AFTER_ALL, env=env)
    assert result.exit_code == 1
    assert "engineering: announced 2 items" in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith("error: all-staff: not delivered")
    assert len(webhook.received) == 1

    # Next run with the channel repaired: its items come now, engineering gets nothing twice.
    env["SHAREHUB_DIGEST_ALL"] = webhook.url
    retry = digest(monkeypatch, "--as-of", AFTER_ALL, env=env)
    assert retry.exit_code == 0, retry.output
    assert "all-staff: announced 3 items" in retry.output
    assert "engineering: nothing new" in retry.output
    assert len(webhook.received) == 2


def test_secrets_never_printed(digest_hub, smtp, closed_port, monkeypatch, tmp_path):
    bad_mail = smtp.url.replace(f":{smtp.port}", f":{closed_port}")
    hook = f"json://127.0.0.1:{closed_port}/hooks/another-Secret-99?token=qu3ry-s3cret"
    env = {"SHAREHUB_DIGEST_ALL": bad_mail, "SHAREHUB_DIGEST_ENG": hook}
    result = digest(monkeypatch, "--as-of", AFTER_ALL, env=env)
    assert result.exit_code == 1
    assert len(re.findall(r"^error: ", result.output, re.M)) == 2
    dry = digest(monkeypatch, "--dry-run", "--out", str(tmp_path / "preview"), "--as-of",
                 AFTER_ALL, env=env)
    written = "".join(p.read_text("utf-8") for p in (tmp_path / "preview").iterdir())
    for secret in (SMTP_PASSWORD, "another-Secret-99", "qu3ry-s3cret", bad_mail, hook):
        assert secret not in result.output
        assert secret not in dry.output
        assert secret not in written


def test_unset_variable_fails_that_channel_only(digest_hub, webhook, monkeypatch):
    result = digest(monkeypatch, "--as-of", AFTER_ALL, env={"SHAREHUB_DIGEST_ENG": webhook.url})
    assert result.exit_code == 1
    assert "error: all-staff: not delivered, retried next run: environment variable " \
           "SHAREHUB_DIGEST_ALL is not set" in result.output
    assert len(webhook.received) == 1


def test_dry_run_writes_messages_and_sends_nothing(digest_hub, webhook, monkeypatch, tmp_path):
    out = tmp_path / "preview"
    env = {"SHAREHUB_DIGEST_ALL": webhook.url, "SHAREHUB_DIGEST_ENG": webhook.url}
    result = digest(monkeypatch, "--dry-run", "--out", str(out), "--as-of", AFTER_ALL, env=env)
    assert result.exit_code == 0, result.output
    assert webhook.received == []
    assert sorted(p.name for p in out.iterdir()) == [
        "all-staff.html", "all-staff.md", "all-staff.txt",
        "engineering.html", "engineering.md", "engineering.txt"]
    assert "https://hub.example.com/posts/gala/" in (out / "all-staff.txt").read_text("utf-8")
    # Nothing recorded: a real run still announces everything.
    real = digest(monkeypatch, "--as-of", AFTER_ALL, env=env)
    assert "all-staff: announced 3 items" in real.output


def test_first_run_catches_up_instead_of_flooding(digest_hub, webhook, monkeypatch):
    digest_hub.write_config(lookback=3)
    env = {"SHAREHUB_DIGEST_ALL": webhook.url, "SHAREHUB_DIGEST_ENG": webhook.url}
    result = digest(monkeypatch, "--as-of", AFTER_ALL, env=env)
    assert result.exit_code == 0, result.output
    assert "all-staff: announced 1 item; first run: 2 older items recorded as announced" \
        in result.output
    assert all("impact report" in p["message"] for _path, p in webhook.received)


def test_hostile_titles_stay_text(digest_hub, webhook, smtp, monkeypatch):
    from pathlib import Path

    attacks = (Path(__file__).resolve().parents[1] / "data" / "attack_strings.txt").read_text(
        "utf-8").splitlines()
    hostile = [a for a in attacks if a.strip() and "<" not in a][:8]
    for n, text in enumerate(hostile):
        digest_hub.add(f"hostile-{n}.md", item(f"Title {n} {text}"[:150], url=f"https://example.com/h{n}",
                                               summary=f"Summary [x](javascript:alert({n})) @channel",
                                               publish="2027-03-11T09:00:00+01:00"))
    env = {"SHAREHUB_DIGEST_ALL": smtp.url, "SHAREHUB_DIGEST_ENG": webhook.url}
    result = digest(monkeypatch, "--as-of", AFTER_ALL, env=env)
    assert result.exit_code == 0, result.output
    message = webhook.received[0][1]["message"]
    assert "](javascript:" not in message
    assert "@channel" not in message  # a zero-width space keeps mentions inert
    links = Links()
    links.feed(parts(smtp.messages[0])["text/html"])
    assert all(h.startswith("https://hub.example.com/") for h in links.hrefs)
    assert not any(tag == "script" for tag, _ in links.tags)


def test_state_without_a_remote_stays_local(digest_hub, webhook, monkeypatch, tmp_path):
    digest_hub.repo.delete_remote("origin")
    env = {"SHAREHUB_DIGEST_ALL": webhook.url, "SHAREHUB_DIGEST_ENG": webhook.url}
    first = digest(monkeypatch, "--as-of", AFTER_ALL, env=env)
    assert first.exit_code == 0 and "(pushed)" not in first.output
    state = json.loads(digest_hub.repo.git.show("sharehub/state:digest.json"))
    assert len(state["channels"]["all-staff"]) == 3
    assert digest_hub.repo.git.status("--porcelain") == ""  # working tree untouched
    again = digest(monkeypatch, "--as-of", AFTER_ALL, env=env)
    assert "all-staff: nothing new" in again.output and len(webhook.received) == 2


def test_outside_git_the_state_is_a_local_file(digest_hub, webhook, monkeypatch, tmp_path):
    import shutil

    root = tmp_path / "plain"
    shutil.copytree(digest_hub.root, root, ignore=shutil.ignore_patterns(".git"))
    monkeypatch.chdir(root)
    env = {"SHAREHUB_DIGEST_ALL": webhook.url, "SHAREHUB_DIGEST_ENG": webhook.url}
    first = digest(monkeypatch, "--as-of", AFTER_ALL, env=env)
    assert first.exit_code == 0, first.output
    saved = json.loads((root / "suggestions" / ".sharehub-digest.json").read_text("utf-8"))
    assert saved["channels"]["engineering"] == ["posts/lyon.md", "posts/report.md"]
    again = digest(monkeypatch, "--as-of", AFTER_ALL, env=env)
    assert "engineering: nothing new" in again.output and len(webhook.received) == 2
