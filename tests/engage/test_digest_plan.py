"""Which channel gets which item, message limits, and redaction (no network)."""

from __future__ import annotations

import datetime as dt

from support.engage import item
from support.site import Hub

from sharehub.config import load_hub
from sharehub.engage.announced import Announced
from sharehub.engage.channels import deliver, redact, secrets_of
from sharehub.engage.digest import load_items, plan_digest
from sharehub.engage.message import compose

MOMENT = dt.datetime(2027, 3, 12, 12, tzinfo=dt.timezone.utc)
CHANNELS = """\
      digest:
        max_items: 2
        channels:
          - {name: french, url_env: A, languages: [fr]}
          - {name: english-sales, url_env: B, languages: [en], departments: [Sales]}
"""


def hub_with(tmp_path):
    hub = Hub(tmp_path / "hub", extra=CHANNELS)
    posts = [("fr-1", "fr-CA", []), ("fr-2", "fr", ["sales"]), ("fr-3", "fr", []),
             ("en-1", "en", ["sales"]), ("en-2", "en-GB", []), ("en-3", "en", ["engineering"])]
    for n, (name, lang, departments) in enumerate(posts):
        hub.add(f"posts/{name}.md", item(f"Post {name}", url=f"https://example.com/{name}",
                                         lang=lang, departments=departments,
                                         publish=f"2027-03-0{n + 1}T09:00:00+01:00"))
    hub.add("posts/later.md", item("Later", url="https://example.com/later", lang="fr",
                                   publish="2027-04-01T09:00:00+01:00"))
    config = load_hub(hub.root / "mkdocs.yml")
    return config, load_items(config)[0]


def names(plan):
    return [i.slug for i in plan.items]


def test_languages_departments_and_message_limit(tmp_path):
    config, items = hub_with(tmp_path)
    announced = Announced({"french": set(), "english-sales": set()})  # not a first run
    french, sales = plan_digest(config, items, announced, MOMENT)
    # Primary language matches (fr-CA is French); newest first; at most max_items per message.
    assert names(french) == ["fr-3", "fr-2"] and french.more == 1
    # Sales (case-insensitive) and everyone, in English; not engineering, not French.
    assert names(sales) == ["en-2", "en-1"] and sales.more == 0
    announced.add("french", ["posts/fr-3.md", "posts/fr-2.md"])
    (french, _sales) = plan_digest(config, items, announced, MOMENT)
    assert names(french) == ["fr-1"]


def test_message_counts_the_items_left_for_later(tmp_path):
    config, items = hub_with(tmp_path)
    (french, _sales) = plan_digest(config, items, Announced({"french": set(),
                                                             "english-sales": set()}), MOMENT)
    message = compose(config, french.items, more=french.more)
    assert message.subject == "3 new on Acme Hub"
    assert "And 1 more" in message.markdown and "And 1 more" in message.html


def test_redaction_covers_every_part_of_the_url():
    url = "mailtos://bot:p%40ss-W0rd@smtp.example.com:587?to=staff@example.com&token=abcd1234"
    secrets = secrets_of(url)
    text = f"failed for {url}; user bot, password p@ss-W0rd, token abcd1234"
    cleaned = redact(text, secrets)
    for secret in ("p@ss-W0rd", "p%40ss-W0rd", "abcd1234", url):
        assert secret not in cleaned
    assert "\n" not in redact("a\nb", [])


def test_an_unknown_url_fails_without_printing_it(tmp_path):
    config, items = hub_with(tmp_path)
    message = compose(config, items[:1])
    delivery = deliver("french", "nosuchscheme://s3cr3t-value@host", message)
    assert not delivery.ok and "s3cr3t" not in delivery.error
    assert "Apprise cannot use the channel's URL" in delivery.error


def test_chat_markdown_renders_as_one_list_item_per_item(tmp_path):
    import re

    import cmarkgfm
    import markdown

    config, items = hub_with(tmp_path)
    hostile = items[0]
    hostile.meta.title = "[click](javascript:alert(1)) <b>bold</b> @channel *x*"
    hostile.meta.summary = "Line one\n- not a list\n# not a heading"
    message = compose(config, items[:3])
    for html in (markdown.markdown(message.markdown),
                 cmarkgfm.github_flavored_markdown_to_html(message.markdown)):
        assert html.count("<li>") == 3
        hrefs = re.findall(r'href="([^"]*)"', html)
        assert all(h.startswith("https://hub.example.com/") for h in hrefs), hrefs
        assert len(hrefs) == 4  # three items and the hub
        assert "<b>" not in html and "<h1>" not in html and "<em>" not in html
