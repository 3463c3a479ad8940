"""Delivering a digest to one channel through Apprise, secrets kept out of every message.

A channel's Apprise URL (``mailtos://…``, ``slack://…``, ``workflows://…``,
``json://…`` …) is read from the environment variable its configuration
names; it is a secret, so it never appears in output: every message about
a channel goes through :func:`redact` with the URL's parts. Services that
take HTML (e-mail) get the HTML body, which Apprise sends with a plain-text
alternative; the others get the Markdown body.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from dataclasses import dataclass

from sharehub.engage.message import Message

#: Parts of a URL shorter than this are not treated as secrets (``json``, ports).
_MIN_SECRET = 4
_SPACES_RE = re.compile(r"\s+")


@dataclass
class Delivery:
    """The outcome of sending one channel's message."""

    channel: str
    ok: bool
    error: str = ""
    service: str = ""


def secrets_of(url: str) -> list[str]:
    """The parts of an Apprise URL that must never be printed, longest first.

    The whole URL, its user name and password, and every path segment and
    query value (webhook tokens live there); host names are left readable
    only when they carry no credentials.
    """
    found = {url}
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return [url]
    pieces = [parts.username or "", parts.password or "", parts.netloc.rpartition("@")[0]]
    pieces += parts.path.split("/")
    pieces += [value for _key, value in urllib.parse.parse_qsl(parts.query)]
    pieces += [parts.query, parts.fragment]
    for piece in pieces:
        for form in {piece, urllib.parse.unquote(piece), urllib.parse.quote(piece, safe="")}:
            if len(form) >= _MIN_SECRET:
                found.add(form)
    return sorted(found, key=len, reverse=True)


def redact(text: str, secrets: list[str]) -> str:
    """``text`` on one line with every secret replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return _SPACES_RE.sub(" ", text).strip()


def channel_url(env_name: str, environ=os.environ) -> str | None:
    """The Apprise URL in ``env_name``, or ``None`` when it is unset or empty."""
    value = (environ.get(env_name) or "").strip()
    return value or None


def deliver(name: str, url: str, message: Message) -> Delivery:
    """Send ``message`` to the Apprise URL ``url``; never raises for delivery trouble."""
    import apprise

    secrets = secrets_of(url)
    with apprise.LogCapture(level=apprise.logging.WARNING, fmt="%(message)s"):
        plugin = apprise.Apprise.instantiate(url)  # its complaints may quote the URL
    if plugin is None:
        return Delivery(name, False, "Apprise cannot use the channel's URL (an unknown "
                                     "service, or a part missing or invalid)")
    service = getattr(plugin, "service_name", "") or type(plugin).__name__
    # One format, or the formats a service takes, its preferred one first: HTML
    # first means a mail service; the others (chat, webhooks) get Markdown.
    formats = plugin.notify_format
    preferred = formats[0] if isinstance(formats, (tuple, list)) else formats
    html = preferred == apprise.NotifyFormat.HTML
    notifier = apprise.Apprise()
    notifier.add(plugin)
    with apprise.LogCapture(level=apprise.logging.WARNING, fmt="%(message)s") as log:
        try:
            ok = notifier.notify(
                title=message.subject, body=message.html if html else message.markdown,
                body_format=apprise.NotifyFormat.HTML if html else apprise.NotifyFormat.MARKDOWN)
        except Exception as exc:  # a plugin bug must not stop the other channels
            ok, extra = False, f"{type(exc).__name__}: {exc}"
        else:
            extra = ""
        lines = [line for line in log.getvalue().splitlines() if line.strip()]
    if ok:
        return Delivery(name, True, service=str(service))
    reason = extra or (lines[-1] if lines else "the service refused the message")
    return Delivery(name, False, redact(reason, secrets)[:300], service=str(service))
