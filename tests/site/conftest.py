"""Fixtures for the hub site: purpose-made hubs, real builds, a local server, Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.site import AS_OF, REPO, SAMPLE_AS_OF, Hub, item_md
from sharehub.site.build import build_site
from support.browser import FolderServer, Watched


@pytest.fixture
def make_hub(tmp_path):
    def make(name="hub", **options):
        return Hub(tmp_path / name, **options)
    return make


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The repository's own sample hub, built as of AS_OF."""
    out = tmp_path_factory.mktemp("sample") / "site"
    build_site(REPO / "mkdocs.yml", site_dir=out, as_of=SAMPLE_AS_OF)
    return out


# --- serving and the browser (support.browser: never skipped in CI) ----------------------

@pytest.fixture
def serve():
    servers = []

    def start(folder: Path) -> str:
        server = FolderServer(folder)
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_(url: str, *, clipboard=False) -> Watched:
        context = browser.new_context()
        if clipboard:
            origin = url.split("/", 3)
            context.grant_permissions(["clipboard-read", "clipboard-write"],
                                      origin="/".join(origin[:3]))
        contexts.append(context)
        watched = Watched(context, context.new_page())
        watched.page.goto(url)
        return watched

    yield open_
    for context in contexts:
        context.close()


# --- the browser tests' hub (module-scoped per test module) -------------------------------

HOSTILE = "Tom & Jerry \"quoted\" 'x' &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; \u202eevil"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    hub = Hub(tmp_path_factory.mktemp("browser") / "hub")
    hub.add("policy/policy.md", "---\ntitle: Social media policy\ntype: policy\n---\n"
                                "Be yourself, be kind.\n")
    hub.add("training/one.md", "---\ntitle: First lesson\ntype: training\norder: 1\nquiz:\n"
                               "  - question: Must you disclose you work here?\n"
                               "    choices: ['No', 'Yes, always']\n"
                               "    answer: 'Yes, always'\n"
                               "    explanation: Readers deserve to know.\n"
                               "  - question: May you share confidential numbers?\n"
                               "    choices: ['Never', 'If they look good']\n"
                               "    answer: 'Never'\n---\nLesson one.\n")
    hub.add("training/two.md", "---\ntitle: Second lesson\ntype: training\norder: 2\n---\nTwo.\n")
    hub.add("posts/jobs-lyon.md", item_md(
        "Hiring data engineers in Lyon", url="https://example.com/jobs?ref=hub#apply",
        kind="job", topics=["careers", "data"], departments=["engineering"],
        campaign="hiring-2027", featured=True, hashtags=["hiring"], lang="en",
        publish="2027-03-10T09:00:00+01:00", summary="Four roles.",
        share={"linkedin": ["We're hiring in Lyon!", "Know a data engineer?"],
               "x": "Hiring in Lyon 🚀"}))
    hub.add("posts/green.md", item_md(
        "Zero-emission deliveries", url="https://example.com/green", kind="news",
        topics=["sustainability"], departments=["operations"], campaign="green-2027",
        publish="2027-03-09T09:00:00+01:00", lang="en"))
    hub.add("posts/green-fr.md", item_md(
        "Livraisons zéro émission", url="https://example.com/fr/green", kind="news",
        topics=["sustainability"], campaign="green-2027", lang="fr",
        publish="2027-03-08T09:00:00+01:00"))
    hub.add("posts/event.md", item_md(
        "Meet us at the summit", url="https://example.com/summit", kind="event",
        topics=["events", "careers"], departments=["sales"],
        publish="2027-03-07T09:00:00+01:00"))
    hub.add("posts/hostile.md", item_md(
        HOSTILE, url="https://example.com/h?a=1&b=\"2\"",
        summary="\"> &lt;img src=x onerror=alert(1)&gt; javascript:alert(1) \u202e",
        topics=["a\"b", "x&y"], share={"default": "javascript:alert(1) \"'><&amp;"},
        publish="2027-03-01T09:00:00+01:00"))
    hub.build(as_of=AS_OF)
    return hub


@pytest.fixture(scope="module")
def items(hub):
    return hub.items()




@pytest.fixture
def site(hub, serve):
    """The browser tests' hub, served on 127.0.0.1."""
    return serve(hub.root / "site")
