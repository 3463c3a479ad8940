"""A digest message: one subject, the items, as e-mail HTML and as chat Markdown.

Both come from templates (``templates/digest/``). The e-mail's CSS is
inlined with css-inline, as mail clients drop ``<style>``; its plain-text
alternative is the one Apprise derives from the HTML when it sends, which
:func:`Message.text` shows for a dry run. Titles and summaries are
untrusted: plain text, escaped by the templates.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sharehub.config import Hub
from sharehub.content.items import Item
from sharehub.engage.render import TEMPLATES_DIR, render
from sharehub.text import plain_text


@dataclass(frozen=True)
class Entry:
    """What a message says about one item."""

    title: str
    summary: str
    kind: str
    featured: bool
    url: str   # the item's page on the hub, where the share composer is

    @classmethod
    def of(cls, item: Item) -> "Entry":
        return cls(title=plain_text(item.meta.title, 200),
                   summary=plain_text(item.meta.summary or "", 400),
                   kind=item.meta.kind, featured=item.meta.featured, url=item.page_url)


@dataclass
class Message:
    """One channel's digest."""

    subject: str
    html: str       # e-mail body, CSS inlined
    markdown: str   # chat body

    @functools.cached_property
    def text(self) -> str:
        """The plain-text alternative Apprise sends with the HTML."""
        from apprise import NotifyFormat
        from apprise.conversion import convert_between

        return convert_between(NotifyFormat.HTML, NotifyFormat.TEXT, self.html)


@functools.lru_cache(maxsize=1)
def _css() -> str:
    return (TEMPLATES_DIR / "digest" / "email.css").read_text(encoding="utf-8")


def subject_line(hub: Hub, count: int) -> str:
    """The configured subject with ``{count}`` and ``{site_name}`` filled in (one line)."""
    template = hub.options.digest.subject
    try:
        text = template.format(count=count, site_name=hub.site_name or "the share hub")
    except (KeyError, IndexError, ValueError):
        text = template
    return plain_text(text, 200)


def compose(hub: Hub, items: list[Item], *, more: int = 0) -> Message:
    """The message announcing ``items`` (``more``: items left for the next message)."""
    import css_inline

    entries = [Entry.of(item) for item in items]
    subject = subject_line(hub, len(items) + more)
    context = dict(subject=subject, entries=entries, more=more, lang=hub.site_lang,
                   site_name=plain_text(hub.site_name or "the share hub", 100),
                   hub_url=hub.site_url)
    html = render("digest/email.html", css=_css(), **context)
    html = css_inline.inline(html, keep_style_tags=False, load_remote_stylesheets=False)
    return Message(subject=subject, html=html, markdown=render("digest/chat.md", **context))
