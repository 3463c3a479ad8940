"""Site generation: which items the hub shows, in what order, and their HTML.

The MkDocs plugin (:mod:`sharehub.plugin`) is a thin front over this
module: it hands over validated :class:`~sharehub.content.items.Item` objects and
pastes the HTML built here into pages. Everything inserted into HTML goes
through :func:`esc` (text and quoted attributes); share links come from the
one builder, :meth:`Item.share_link`.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from sharehub.config import Hub
from sharehub.moment import current_moment
from sharehub.files import slugify
from sharehub.content.items import Item
from sharehub.share.lengths import LIMITS
from sharehub.share.links import NETWORK_LABELS
from sharehub.content.model import URL_ONLY_NETWORKS

#: Folder of the hub's own CSS and JS in the built site.
ASSET_DIR = "assets/sharehub"
#: Compact data of every live item, loaded by the filters on demand.
CARDS_JSON = "cards.json"


def esc(value) -> str:
    """Escape text for HTML content and double-quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def build_moment(hub: Hub, environ=os.environ) -> dt.datetime:
    """The moment the hub is built as of: ``SHAREHUB_AS_OF`` or now."""
    return current_moment(hub.tz, environ)


def sort_moment(item: Item) -> dt.datetime:
    """When an item counts as new: ``publish``, else ``approved``, else the file time."""
    if item.publish_at is not None:
        return item.publish_at
    from sharehub.content.items import aware
    approved = aware(item.meta.approved, item.hub.tz)
    if approved is not None:
        return approved
    try:
        return dt.datetime.fromtimestamp(item.path.stat().st_mtime, dt.timezone.utc)
    except OSError:
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)


@dataclass
class SitePlan:
    """What the hub contains at one moment.

    Attributes:
        moment: the build moment.
        live: shareable items to publish, featured first, then newest.
        archived: expired items kept in the archive (only with ``archive: true``).
        hidden: items absent from the site (scheduled, or expired without archive).
        policies: ``type: policy`` pages.
        training: ``type: training`` pages in ``order``.
    """

    moment: dt.datetime
    live: list[Item] = field(default_factory=list)
    archived: list[Item] = field(default_factory=list)
    hidden: list[Item] = field(default_factory=list)
    policies: list[Item] = field(default_factory=list)
    training: list[Item] = field(default_factory=list)


def plan_site(items: list[Item], hub: Hub, moment: dt.datetime) -> SitePlan:
    """Sort validated content into what the site shows at ``moment``."""
    plan = SitePlan(moment=moment)
    for item in items:
        kind = item.meta.type
        if kind == "policy":
            plan.policies.append(item)
        elif kind == "training":
            plan.training.append(item)
        elif item.is_shareable:
            if item.is_live(moment):
                plan.live.append(item)
            elif (hub.options.archive and item.expires_at is not None
                  and item.expires_at <= moment):
                plan.archived.append(item)
            else:
                plan.hidden.append(item)
    plan.live.sort(key=lambda i: (not i.meta.featured, -sort_moment(i).timestamp(), i.slug))
    plan.archived.sort(key=lambda i: (-sort_moment(i).timestamp(), i.slug))
    plan.policies.sort(key=lambda i: (i.meta.order if i.meta.order is not None else 1 << 30,
                                      str(i.rel_path)))
    plan.training.sort(key=lambda i: (i.meta.order if i.meta.order is not None else 1 << 30,
                                      str(i.rel_path)))
    return plan


def pages_of(items: list, size: int) -> list[list]:
    """Split a list into pages of ``size`` (always at least one page)."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def listing_path(number: int) -> str:
    """Source path of listing page ``number`` (1 is the home page)."""
    return "index.md" if number == 1 else f"page/{number}.md"


# --- HTML pieces -------------------------------------------------------------------------

def image_src(item: Item, rel) -> str:
    """The image URL of an item as seen from a page (``rel`` makes site paths relative)."""
    image = item.meta.image or ""
    if not image or image.startswith(("http://", "https://")):
        return image
    return rel(image)


def _chips(label: str, values, cls: str) -> str:
    if not values:
        return ""
    inner = "".join(f'<li class="sh-chip">{esc(v)}</li>' for v in values)
    return f'<ul class="sh-chips {cls}" aria-label="{esc(label)}">{inner}</ul>'


def _share_action(link, label_prefix: str = "Share on", *, short: bool = False) -> str:
    prefix = (f'<span class="sh-visually-hidden">{esc(label_prefix)} </span>' if short
              else f"{esc(label_prefix)} ")
    return (f'<a class="sh-net sh-net-{link.network}" href="{esc(link.href)}" '
            f'target="_blank" rel="noopener noreferrer" data-network="{link.network}">'
            f'{prefix}{esc(link.label)}</a>')


def card_actions_html(item: Item, links: dict | None = None) -> str:
    """A card's share actions: each configured network's first text variant."""
    first = ([variants[0] for variants in links.values()] if links is not None
             else list(item.share_links().values()))
    actions = "".join(f"<li>{_share_action(link, short=True)}</li>" for link in first)
    return f'<ul class="sh-actions" aria-label="Share {esc(item.meta.title)}">{actions}</ul>'


def card_html(item: Item, rel, *, item_url: str, share: bool = True,
              links: dict | None = None, actions: str | None = None) -> str:
    """One card: image, title, kind, topics, summary and share actions.

    Args:
        item: a live (or archived) item.
        rel: turns a site-relative path into one relative to the current page.
        item_url: the item page's site-relative URL.
        share: whether to show share actions (not for archived items).
        links: ``item.all_share_links()`` when already built.
        actions: :func:`card_actions_html` when already built.
    """
    meta = item.meta
    data = {
        "kind": meta.kind, "topics": "|".join(meta.topics),
        "departments": "|".join(meta.departments), "campaign": meta.campaign or "",
        "lang": item.lang,
    }
    attrs = " ".join(f'data-{k}="{esc(v)}"' for k, v in data.items())
    parts = [f'<article class="sh-card{" sh-featured" if meta.featured else ""}" {attrs} '
             f'lang="{esc(item.lang)}">']
    src = image_src(item, rel)
    if src:
        parts.append(f'<img class="sh-card-img" src="{esc(src)}" alt="{esc(meta.image_alt or "")}" '
                     f'loading="lazy" decoding="async" referrerpolicy="no-referrer">')
    parts.append('<div class="sh-card-body">')
    flag = '<span class="sh-badge">Featured</span> ' if meta.featured else ""
    parts.append(f'<p class="sh-kind">{flag}<span class="sh-kind-name">{esc(meta.kind)}</span></p>')
    parts.append(f'<h2 class="sh-card-title"><a href="{esc(rel(item_url))}">{esc(meta.title)}</a></h2>')
    parts.append(_chips("Topics", meta.topics, "sh-topics"))
    if meta.summary:
        parts.append(f'<p class="sh-summary">{esc(meta.summary)}</p>')
    if share and item.target_url:
        parts.append(actions if actions is not None else card_actions_html(item, links))
    parts.append(f'<p class="sh-more"><a href="{esc(rel(item_url))}">'
                 f'{"Texts, counts and talking points" if share else "Read more"}'
                 f'<span class="sh-visually-hidden">: {esc(meta.title)}</span></a></p>')
    parts.append("</div></article>")
    return "".join(parts)


def filters_html(items: list[Item], *, cards_url: str, root: str) -> str:
    """The filter form (shown by sharehub.js; without JavaScript all cards stay listed)."""
    facets = {
        "topic": ("Topic", sorted({t for i in items for t in i.meta.topics}, key=str.lower)),
        "department": ("Department", sorted({d for i in items for d in i.meta.departments},
                                            key=str.lower)),
        "campaign": ("Campaign", sorted({i.meta.campaign for i in items if i.meta.campaign})),
        "kind": ("Kind", sorted({i.meta.kind for i in items})),
        "lang": ("Language", sorted({i.lang for i in items})),
    }
    fields = []
    for key, (label, values) in facets.items():
        options = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
        fields.append(f'<label class="sh-filter">{esc(label)} <select name="{key}" '
                      f'data-facet="{key}"><option value="">All</option>{options}</select></label>')
    return (f'<form class="sh-filters" hidden data-cards="{esc(cards_url)}" data-root="{esc(root)}" '
            f'role="search" aria-label="Filter items">{"".join(fields)}'
            f'<button type="reset" class="md-button">Clear filters</button>'
            f'<p class="sh-filter-status" role="status" aria-live="polite"></p></form>'
            f'<div class="sh-results" hidden></div>')


def pagination_html(number: int, total: int, rel) -> str:
    """Previous/next links and nearby page numbers of a listing."""
    if total <= 1:
        return ""

    def url(n):
        return rel("" if n == 1 else f"page/{n}/")

    parts = ['<nav class="sh-pages" aria-label="Pages">']
    if number > 1:
        parts.append(f'<a rel="prev" href="{esc(url(number - 1))}">Newer</a>')
    shown = sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})
    last = 0
    for n in shown:
        if n - last > 1:
            parts.append('<span aria-hidden="true">…</span>')
        if n == number:
            parts.append(f'<span aria-current="page">{n}</span>')
        else:
            parts.append(f'<a href="{esc(url(n))}" aria-label="Page {n}">{n}</a>')
        last = n
    if number < total:
        parts.append(f'<a rel="next" href="{esc(url(number + 1))}">Older</a>')
    parts.append("</nav>")
    return "".join(parts)


def count_text(network: str, length: int) -> str:
    limit = LIMITS.get(network)
    return f"{length} / {limit}" if limit else f"{length} characters"


def share_panel_html(item: Item, *, policy_url: str | None, links: dict | None = None) -> str:
    """The item page's share panel: every text variant per network, counts, buttons.

    The panel works without JavaScript (plain links); ``sharehub.js`` reads
    the ``data-`` attributes to rebuild links as an employee edits a text.
    """
    meta, options = item.meta, item.hub.options
    utm = options.utm
    data = {
        "url": item.target_url, "title": meta.title, "hashtags": " ".join(meta.hashtags),
        "disclosure": options.disclosure, "utm": "1" if utm.enabled else "",
        "medium": utm.medium, "campaign": item.campaign,
        "mastodon": options.mastodon_instance,
    }
    attrs = " ".join(f'data-{k}="{esc(v)}"' for k, v in data.items())
    out = [f'<section class="sh-share" data-search-exclude aria-labelledby="sh-share-title" {attrs}>',
           '<h2 id="sh-share-title">Share</h2>']
    if policy_url:
        out.append(f'<p class="sh-policy">Before you share: <a href="{esc(policy_url)}">'
                   f'read the policy</a></p>')
    out.append(
        '<div class="sh-personal" hidden>'
        '<label>Your tracking tag <input type="text" class="sh-tag" maxlength="64" '
        'autocomplete="off" spellcheck="false"></label> '
        '<label>Your Mastodon instance <input type="text" class="sh-instance" maxlength="253" '
        'autocomplete="off" spellcheck="false" placeholder="mastodon.social"></label>'
        '</div>')
    copy_link = item.link_for("copy")
    out.append('<p class="sh-tools">'
               '<button type="button" class="md-button sh-webshare" hidden>Share with an app…</button> '
               f'<button type="button" class="md-button sh-copy-link" hidden data-link="{esc(copy_link)}">'
               'Copy link</button> '
               f'<span class="sh-plain-link">Link: <a href="{esc(copy_link)}">{esc(copy_link)}</a></span>'
               '<span class="sh-copied" role="status" aria-live="polite"></span></p>')
    for network in options.networks:
        label = NETWORK_LABELS[network]
        out.append(f'<div class="sh-network" data-network="{esc(network)}">'
                   f'<h3>{esc(label)}</h3>')
        texts = [""] if network in URL_ONLY_NETWORKS else item.texts(network)
        for i, raw in enumerate(texts):
            link = links[network][i] if links is not None else item.share_link(network, i)
            vid = f"sh-{network}-{i}"
            out.append(f'<div class="sh-variant" data-network="{esc(network)}" data-variant="{i}">')
            if network not in URL_ONLY_NETWORKS:
                what = "Title" if network == "reddit" else "Text"
                name = f"{what} {i + 1} for {label}" if len(texts) > 1 else f"{what} for {label}"
                counted = link.count
                over = "" if counted.fits else " sh-over"
                out.append(f'<label for="{vid}">{esc(name)}</label>'
                           f'<textarea id="{vid}" class="sh-text" rows="3" readonly>{esc(raw)}</textarea>'
                           f'<p class="sh-count{over}" data-limit="{counted.limit or ""}">'
                           f'<span class="sh-visually-hidden">Length: </span>'
                           f'<output for="{vid}">{esc(count_text(network, counted.length))}</output></p>')
            # Copy buttons need JavaScript anyway: it composes the text when clicked.
            out.append(f'<p class="sh-buttons">{_share_action(link)}'
                       f' <button type="button" class="md-button sh-copy-text" hidden '
                       f'aria-label="Copy text for {label}'
                       f'{f" (variant {i + 1})" if len(texts) > 1 else ""}">Copy text</button></p>')
            out.append("</div>")
        out.append("</div>")
    out.append("</section>")
    return "".join(out)


def item_header_html(item: Item, rel, *, live: bool = True) -> str:
    """Above the talking points: image, kind, topics, summary, target link."""
    meta = item.meta
    # Kept out of the search index: titles and talking points are what people search.
    parts = ['<div class="sh-item-head" data-search-exclude>']
    src = image_src(item, rel)
    if src:
        parts.append(f'<img class="sh-item-img" src="{esc(src)}" alt="{esc(meta.image_alt or "")}" '
                     f'loading="lazy" referrerpolicy="no-referrer">')
    parts.append(f'<p class="sh-kind"><span class="sh-kind-name">{esc(meta.kind)}</span></p>')
    parts.append(_chips("Topics", meta.topics, "sh-topics"))
    if meta.summary:
        parts.append(f'<p class="sh-summary">{esc(meta.summary)}</p>')
    if live:
        parts.append('<p class="sh-jump"><a href="#sh-share-title">Jump to the share buttons</a></p>')
    if meta.url:
        parts.append(f'<p class="sh-target">Shares: <a href="{esc(meta.url)}" rel="noopener noreferrer">'
                     f'{esc(meta.url)}</a></p>')
    parts.append('</div><h2 class="sh-talking" data-search-exclude>Talking points</h2>')
    return "".join(parts)


def og_tags(item: Item, *, page_url: str, site_name: str, image_url: str = "") -> str:
    """Open Graph and Twitter card meta tags for an item page."""
    meta = item.meta
    tags = [("property", "og:type", "article"), ("property", "og:title", meta.title),
            ("property", "og:site_name", site_name)]
    if page_url:
        tags.append(("property", "og:url", page_url))
    if meta.summary:
        tags += [("property", "og:description", meta.summary),
                 ("name", "description", meta.summary),
                 ("name", "twitter:description", meta.summary)]
    tags += [("name", "twitter:card", "summary_large_image" if image_url else "summary"),
             ("name", "twitter:title", meta.title)]
    if image_url:
        tags += [("property", "og:image", image_url), ("name", "twitter:image", image_url)]
        if meta.image_alt:
            tags += [("property", "og:image:alt", meta.image_alt),
                     ("name", "twitter:image:alt", meta.image_alt)]
    tags.append(("property", "og:locale", item.lang.replace("-", "_")))
    return "".join(f'<meta {attr}="{esc(key)}" content="{esc(value)}">\n'
                   for attr, key, value in tags)


def quiz_html(item: Item) -> str:
    """A training page's quiz, checked in the browser by sharehub.js."""
    if not item.meta.quiz:
        return ""
    out = [f'<form class="sh-quiz" data-page="{esc(item.page_path)}" aria-labelledby="sh-quiz-title">'
           '<h2 id="sh-quiz-title">Quiz</h2>']
    for q, question in enumerate(item.meta.quiz):
        answer = question.choices.index(question.answer)
        out.append(f'<fieldset class="sh-question" data-answer="{answer}">'
                   f'<legend>{esc(question.question)}</legend>')
        for c, choice in enumerate(question.choices):
            out.append(f'<label><input type="radio" name="q{q}" value="{c}"> {esc(choice)}</label>')
        out.append('<p class="sh-verdict" role="status" aria-live="polite"></p>')
        if question.explanation:
            out.append(f'<p class="sh-explanation" hidden>{esc(question.explanation)}</p>')
        out.append("</fieldset>")
    out.append('<button type="submit" class="md-button md-button--primary">Check answers</button>'
               '<p class="sh-score" role="status" aria-live="polite"></p>'
               '<noscript><p>The quiz is checked in your browser and needs JavaScript.</p></noscript>'
               '</form>')
    return "".join(out)


def training_progress_html(item: Item, plan: SitePlan, rel, url_of) -> str:
    """Progress through the training section (ticked off in the browser)."""
    current = ' aria-current="page"'
    steps = "".join(
        f'<li data-page="{esc(t.page_path)}"><a href="{esc(rel(url_of(t)))}"'
        f'{current if t is item else ""}>{esc(t.meta.title)}</a></li>'
        for t in plan.training)
    return (f'<nav class="sh-training" aria-label="Training progress" data-search-exclude>'
            f'<p class="sh-progress" role="status">{len(plan.training)} lessons</p><ol>{steps}</ol>'
            f'<button type="button" class="md-button sh-done" hidden data-page="{esc(item.page_path)}">'
            f'Mark this lesson as done</button></nav>')


def last_changed(path: Path, repo_root: Path | None = None) -> dt.datetime:
    """When a file last changed: its last git commit, else its modification time."""
    try:
        import git
        repo = git.Repo(repo_root or path.parent, search_parent_directories=True)
        stamp = repo.git.log("-1", "--format=%cI", "--", str(path.resolve()))
        if stamp.strip():
            return dt.datetime.fromisoformat(stamp.strip())
    except Exception:  # not a repository, git missing, file untracked: use the file time
        pass
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)


def last_changed_html(when: dt.datetime) -> str:
    return (f'<p class="sh-changed">Last changed: <time datetime="{esc(when.isoformat())}">'
            f'{esc(when.strftime("%Y-%m-%d"))}</time></p>')


# --- validation of a whole hub, in two processes when it is large ------------------------

def validate_content(paths: list[Path], hub: Hub, *, rules: bool = True):
    """Load and validate every content file like ``sharehub check``; returns its Report.

    Args:
        rules: apply the rules beyond the schema now. A build that has a
            panel worker passes ``False``: the worker applies them (see
            :class:`SharePanels`) and the build reports them at its end.
    """
    from sharehub.content.loader import read_document
    from sharehub.content.validate import check_documents

    return check_documents([read_document(p) for p in paths], hub, rules=rules)


# --- share panels, built ahead (in a second process on large hubs) ------------------------

#: From this many live items on, panels are built in a forked worker during the build.
PARALLEL_FROM = 300
_CHUNK = 50
_FORK_STATE: tuple | None = None


def render_share_parts(item: Item, policy_url: str | None) -> tuple[str, str]:
    """An item's share panel and card actions (all share links built once)."""
    links = item.all_share_links()
    return share_panel_html(item, policy_url=policy_url, links=links), card_actions_html(item, links)


def _render_chunk(indices: list[int], rules: bool) -> list[tuple]:
    from sharehub.content.validate import item_rules

    items, policies, _others = _FORK_STATE
    return [(i, *render_share_parts(items[i], policies[i]),
             item_rules(items[i]) if rules else []) for i in indices]


def _rules_of_others() -> list:
    from sharehub.content.validate import item_rules

    _items, _policies, others = _FORK_STATE
    return [problem for item in others for problem in item_rules(item)]


class SharePanels:
    """Share panels and card actions of the live items, ready when pages need them.

    On large hubs a forked worker builds them, in the order MkDocs renders
    the pages, on the second core while MkDocs renders Markdown and
    templates on the first: a panel takes a fraction of a page's time, so
    the worker stays ahead and the main process only collects its results.
    With ``rules`` the worker also applies the validation rules beyond the
    schema (it computes every landing text anyway), to the live items and
    to ``others``; :meth:`rule_problems` collects them at the end of the
    build. Without a worker (small hubs, ``serve``, no ``fork``) or if it
    fails, everything is done on the spot, with the same code.

    Args:
        items: live items, in the order MkDocs will render their pages.
        policy_urls: per item, the policy link relative to its page (or None).
        parallel: allow a worker process (only with ``fork``, not under ``serve``).
        others: the hub's other valid files (scheduled, expired, pages).
        rules: apply :func:`sharehub.content.validate.item_rules` to all of them.
    """

    def __init__(self, items: list[Item], policy_urls: list[str | None], *, parallel: bool,
                 others: list[Item] = (), rules: bool = False):
        global _FORK_STATE
        self.items, self.policies, self.others = items, policy_urls, list(others)
        self.rules = rules
        self.index = {id(item): n for n, item in enumerate(items)}
        self.done: dict[int, tuple[str, str]] = {}
        self.problems: dict[int, list] = {}
        self.future_of: dict[int, object] = {}
        self.others_future = None
        self.pool = None
        if parallel and len(items) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            import multiprocessing
            if "fork" in multiprocessing.get_all_start_methods():
                from concurrent.futures import ProcessPoolExecutor
                _FORK_STATE = (items, policy_urls, self.others)  # inherited by the fork
                self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
                start, size = 0, 4  # small first chunks: the first pages need them at once
                while start < len(items):
                    chunk = list(range(start, min(start + size, len(items))))
                    future = self.pool.submit(_render_chunk, chunk, rules)
                    self.future_of.update((n, future) for n in chunk)
                    start, size = start + size, min(size * 2, _CHUNK)
                if rules:
                    self.others_future = self.pool.submit(_rules_of_others)
                _FORK_STATE = None

    def _collect(self, n: int) -> None:
        future = self.future_of.pop(n, None)
        if future is not None and future.exception() is None:
            for i, panel, actions, problems in future.result():
                self.done[i] = (panel, actions)
                self.problems[i] = problems
                self.future_of.pop(i, None)

    def parts(self, item: Item) -> tuple[str, str]:
        """``(panel, card actions)`` of one live item."""
        n = self.index[id(item)]
        if n not in self.done:
            self._collect(n)
        if n not in self.done:
            self.done[n] = render_share_parts(item, self.policies[n])
        return self.done[n]

    def rule_problems(self) -> list:
        """Problems of the rules beyond the schema, for every item (waits for the worker)."""
        from sharehub.content.validate import item_rules

        if not self.rules:
            return []
        out = []
        for n, item in enumerate(self.items):
            if n not in self.problems:
                self._collect(n)
            if n not in self.problems:
                self.problems[n] = item_rules(item)
            out.extend(self.problems[n])
        others = None
        if self.others_future is not None and self.others_future.exception() is None:
            others = self.others_future.result()
        if others is None:
            others = [problem for item in self.others for problem in item_rules(item)]
        out.extend(others)
        return sorted(out, key=lambda p: (p.path, p.line, p.field, p.message))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None


# --- data files --------------------------------------------------------------------------

def card_data(item: Item, item_url: str) -> dict:
    """Compact card data for the filters (site-relative ``u``)."""
    meta = item.meta
    return {"t": meta.title, "u": item_url, "k": meta.kind, "tp": meta.topics,
            "d": meta.departments, "c": meta.campaign or "", "l": item.lang,
            "s": meta.summary or "", "f": meta.featured}


def cards_json(items: list[Item], url_of) -> str:
    return json.dumps([card_data(i, url_of(i)) for i in items], ensure_ascii=False,
                      separators=(",", ":"))


def _absolute(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def json_feed(items: list[Item], *, site_name: str, site_url: str, url_of,
              description: str = "") -> str:
    """JSON Feed 1.1 of the live items, newest first."""
    entries = []
    for item in sorted(items, key=lambda i: -sort_moment(i).timestamp()):
        meta = item.meta
        page = _absolute(site_url, url_of(item))
        entry = {"id": page, "url": page, "title": meta.title,
                 "content_text": meta.summary or meta.title,
                 "date_published": sort_moment(item).isoformat(), "tags": meta.topics,
                 "language": item.lang}
        if meta.url:
            entry["external_url"] = meta.url
        if meta.summary:
            entry["summary"] = meta.summary
        if meta.image and meta.image.startswith(("http://", "https://")):
            entry["image"] = meta.image
        elif meta.image:
            entry["image"] = _absolute(site_url, meta.image)
        entries.append(entry)
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": site_name,
            "home_page_url": site_url or "./", "feed_url": _absolute(site_url, "feed.json"),
            "items": entries}
    if description:
        feed["description"] = description
    return json.dumps(feed, ensure_ascii=False, indent=1)


def atom_feed(items: list[Item], *, site_name: str, site_url: str, url_of,
              moment: dt.datetime) -> str:
    """Atom feed of the live items, newest first."""
    x = xml_escape
    ordered = sorted(items, key=lambda i: -sort_moment(i).timestamp())
    updated = max((sort_moment(i) for i in ordered), default=moment)
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{x(site_name)}</title>",
           f"<id>{x(site_url or 'urn:sharehub:' + slugify(site_name))}</id>",
           f'<link rel="alternate" href="{esc(site_url or "./")}"/>',
           f'<link rel="self" href="{esc(_absolute(site_url, "feed.xml"))}"/>',
           f"<updated>{updated.isoformat()}</updated>"]
    for item in ordered:
        meta = item.meta
        page = _absolute(site_url, url_of(item))
        entry_id = page if site_url else f"urn:sharehub:{slugify(site_name)}:{url_of(item)}"
        out += ["<entry>", f"<title>{x(meta.title)}</title>", f"<id>{x(entry_id)}</id>",
                f'<link rel="alternate" href="{esc(page)}"/>']
        if meta.url:
            out.append(f'<link rel="related" href="{esc(meta.url)}"/>')
        out.append(f"<updated>{sort_moment(item).isoformat()}</updated>")
        out.append("<author><name>" + x(site_name) + "</name></author>")
        if meta.summary:
            out.append(f"<summary>{x(meta.summary)}</summary>")
        out += [f'<category term="{esc(t)}"/>' for t in meta.topics]
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"
