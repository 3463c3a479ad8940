"""The ``sharehub`` MkDocs plugin: a thin front over the library.

It declares the hub's options (:class:`~sharehub.config.SharehubConfig`),
validates content with the same code as ``sharehub check`` and fails the
build with the same messages (MkDocs itself silently renders unparseable
front matter as body text), then turns the validated items into the hub
with :mod:`sharehub.site.hub`:

* ``on_files``: drops items that are not live at the build moment (they are
  then absent from pages, search, sitemap and feeds), keeps items out of the
  navigation (a nav of N items makes a build O(N²)), and generates the home
  and listing pages, the archive, the feeds and the hub's CSS/JS.
* ``on_page_markdown``: escapes titles (MkDocs templates print them raw) and
  prepares Open Graph tags.
* ``on_page_content``: sanitises every rendered body (nh3 allowlist) and adds
  the share panel, quiz, training progress and "last changed" date.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from sharehub.engage import pages as engage
from sharehub.site import hub as site
from sharehub.config import SharehubConfig, hub_from_mkdocs
from sharehub.errors import SharehubError
from sharehub.moment import AS_OF_ENV
from sharehub.content.loader import find_markdown
from sharehub.content.safety import inert_toc, prepare_markdown, sanitize_html
from sharehub.workflow.issueform import issue_form_url

log = get_plugin_logger(__name__)

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
ASSETS_DIR = PACKAGE_DIR / "assets"
#: Where an item page's share panel goes (bodies are sanitised, so they hold no comments).
PANEL_SLOT = "<!--sharehub:share-panel-->"
HEAD_SLOT = "<!--sharehub:item-head-->"


class SharehubPlugin(BasePlugin[SharehubConfig]):
    """Validates the hub's content and generates the hub during ``mkdocs build``."""

    def __init__(self):
        super().__init__()
        self.hub = None
        self.report = None
        self.plan = None
        self.by_src: dict = {}
        self.urls: dict = {}
        self.listings: dict[str, tuple[int, int, list]] = {}
        self.policy_src: str | None = None
        self.live_ids: set[int] = set()
        self.panels: dict[str, str] = {}
        self.prepared = None
        self.command = "build"
        self.defer_rules = False
        self.suggest_url = ""

    # -- configuration -------------------------------------------------------------------

    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.hub = hub_from_mkdocs(config, self.config)
        self._site_name = config.site_name
        repo = self.config.suggest_repo.strip().strip("/")
        self.suggest_url = issue_form_url(f"https://github.com/{repo}" if repo else config.repo_url)
        # Our templates come after the owner's custom_dir and before the theme's own.
        dirs = config.theme.dirs
        position = 1 if config.theme.custom_dir else 0
        if str(TEMPLATES_DIR) not in dirs:
            dirs.insert(position, str(TEMPLATES_DIR))
        css = f"{site.ASSET_DIR}/sharehub.css"
        if css not in config.extra_css:
            config.extra_css.append(css)
        for name in ("share-core.js", "sharehub.js"):  # deferred scripts run in this order
            js = f"{site.ASSET_DIR}/{name}"
            if not any(str(s) == js for s in config.extra_javascript):
                script = ExtraScriptValue(js)
                script.defer = True
                config.extra_javascript.append(script)
        engage.configure(config, self.config)  # Results, Contributors, badge, opt-in share counting
        return config

    @event_priority(100)
    def on_pre_build(self, config):
        if not self.config.enabled:
            return
        paths = find_markdown([self.hub.content_dir])
        # In a build, the rules beyond the schema (lengths per network, body
        # markup, banned phrases) run in the share-panel worker and fail the
        # build at its end, as MkDocs' --strict does; `serve` reports at once.
        self.defer_rules = self.command == "build"
        self.report = site.validate_content(paths, self.hub, rules=not self.defer_rules)
        self._report_problems(self.report.problems)
        try:
            moment = site.build_moment(self.hub)
        except SharehubError as exc:
            raise PluginError(f"{AS_OF_ENV}: {exc}") from None
        self.plan = site.plan_site(self.report.items, self.hub, moment)
        self.live_ids = {id(item) for item in self.plan.live}
        self.panels = {}
        self.prepared = None

    # -- files ---------------------------------------------------------------------------

    def on_files(self, files, config):
        if not self.config.enabled or self.plan is None:
            return files
        plan = self.plan
        self.by_src = {item.rel_path.as_posix(): item for item in self.report.items}
        for item in plan.hidden:
            file = files.get_file_from_path(item.rel_path.as_posix())
            if file is not None:
                files.remove(file)
        for item in plan.live + plan.archived:
            file = files.get_file_from_path(item.rel_path.as_posix())
            if file is not None:
                file.inclusion = InclusionLevel.NOT_IN_NAV
                self.urls[item.rel_path.as_posix()] = file.url
        for item in plan.policies + plan.training:
            file = files.get_file_from_path(item.rel_path.as_posix())
            if file is not None:
                self.urls[item.rel_path.as_posix()] = file.url
        self.policy_src = plan.policies[0].rel_path.as_posix() if plan.policies else None
        self._prepare_panels(files)

        # Home and listing pages: page_size cards each, so the home never grows.
        pages = site.pages_of(plan.live, self.config.page_size)
        self.listings = {}
        for number, chunk in enumerate(pages, start=1):
            src = site.listing_path(number)
            title = "Home" if number == 1 else site.esc(f"{config.site_name}: page {number}")
            self._generate_page(files, config, src, title, (number, len(pages), chunk),
                                in_nav=number == 1, search=False)
        if self.config.archive:
            self._generate_page(files, config, "archive.md", "Archive",
                                (0, 0, plan.archived), in_nav=False, search=False)

        def generate(path, content):
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content))

        generate(site.CARDS_JSON, site.cards_json(plan.live, self.url_of))
        generate("feed.json", site.json_feed(plan.live, site_name=config.site_name,
                                             site_url=config.site_url or "", url_of=self.url_of,
                                             description=config.site_description or ""))
        generate("feed.xml", site.atom_feed(plan.live, site_name=config.site_name,
                                            site_url=config.site_url or "", url_of=self.url_of,
                                            moment=plan.moment))
        engage.add_files(files, config, self.hub, self.report.items, plan.live + plan.archived,
                         self.url_of)
        for asset in sorted(ASSETS_DIR.iterdir()):
            if asset.is_file():
                path = f"{site.ASSET_DIR}/{asset.name}"
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, abs_src_path=str(asset)))
        # The validated items live until the build ends: keep the garbage
        # collector from scanning them again and again while pages render.
        gc.freeze()
        return files

    def _prepare_panels(self, files) -> None:
        """Start building share panels in page order (see :class:`sharehub.site.hub.SharePanels`)."""
        live = {item.rel_path.as_posix(): item for item in self.plan.live}
        ordered = [live[f.src_uri] for f in files.documentation_pages() if f.src_uri in live]
        policy = self.urls.get(self.policy_src) if self.policy_src else None
        policies = [get_relative_url(policy, self.url_of(item)) if policy else None
                    for item in ordered]
        if self.prepared is not None:
            self.prepared.close()
        others = [item for item in self.report.items if id(item) not in self.live_ids]
        self.prepared = site.SharePanels(ordered, policies, parallel=self.command == "build",
                                         others=others, rules=self.defer_rules)

    def on_startup(self, command, dirty):
        self.command = command

    def on_post_build(self, config):
        if self.prepared is None:
            return
        try:
            problems = self.prepared.rule_problems()
        finally:
            self.prepared.close()
        self._report_problems(problems)

    def _report_problems(self, problems) -> None:
        """Log warnings, and fail with every error, in ``sharehub check``'s words."""
        errors = [p for p in problems if p.is_error]
        for problem in problems:
            if not problem.is_error:
                log.warning(str(problem))
        if errors:
            for problem in errors:
                log.error(str(problem))
            count = len(errors)
            raise PluginError(f"{count} content error{'s' * (count != 1)}: "
                              f"run 'sharehub check' for the list")

    def on_build_error(self, error):
        if self.prepared is not None:
            self.prepared.close()

    def _generate_page(self, files, config, src, title, listing, *, in_nav, search):
        meta = {"title": title, "sharehub_listing": True}
        if not search:
            meta["search"] = {"exclude": True}
        existing = files.get_file_from_path(src)
        if existing is not None and src == "index.md":
            # The owner wrote a home page: keep it and add the cards after it.
            self.listings[src] = listing
            return
        if existing is not None:
            files.remove(existing)
        content = "---\n" + json.dumps(meta) + "\n---\n"
        file = File.generated(config, src, content=content,
                              inclusion=InclusionLevel.UNDEFINED if in_nav
                              else InclusionLevel.NOT_IN_NAV)
        files.append(file)
        self.listings[src] = listing

    def url_of(self, item) -> str:
        """The site-relative URL of an item's page."""
        return self.urls.get(item.rel_path.as_posix(), item.page_path)

    # -- navigation ----------------------------------------------------------------------

    def on_nav(self, nav, config, files):
        if not self.config.enabled or self.plan is None:
            return nav

        def order(child):
            item = self.by_src.get(getattr(getattr(child, "file", None), "src_uri", None))
            if item is None or item.meta.order is None:
                return (1 << 30, getattr(child, "title", "") or "")
            return (item.meta.order, "")

        def walk(children):
            for child in children:
                if getattr(child, "children", None):
                    child.children.sort(key=order)
                    walk(child.children)
        walk(nav.items)
        return nav

    # -- pages ---------------------------------------------------------------------------

    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled or self.plan is None:
            return markdown
        title = page.meta.get("title")
        if isinstance(title, str) and not page.meta.get("sharehub_listing"):
            # MkDocs and Material print titles unescaped (<title>, header, nav).
            page.meta["title"] = site.esc(title)
        item = self.by_src.get(page.file.src_uri)
        if item is not None and item.is_shareable:
            page.meta["sharehub_head"] = site.og_tags(
                item, page_url=page.canonical_url or item.page_url,
                site_name=config.site_name, image_url=self._absolute_image(item, config))
        return prepare_markdown(markdown)

    def _absolute_image(self, item, config) -> str:
        image = item.meta.image or ""
        if image.startswith(("http://", "https://")) or not image:
            return image
        return (config.site_url or "").rstrip("/") + "/" + image if config.site_url else ""

    def _rel(self, page):
        def rel(path: str) -> str:
            out = get_relative_url(path, page.url)
            if (path == "" or path.endswith("/")) and not out.endswith("/"):
                out += "/"
            return out
        return rel

    def on_page_content(self, html, page, config, files):
        if not self.config.enabled or self.plan is None:
            return html
        src = page.file.src_uri
        rel = self._rel(page)
        inert_toc(page.toc)
        if src in self.listings:
            body = sanitize_html(html)
            return body + self._listing_html(src, rel, body)
        body = sanitize_html(html)
        item = self.by_src.get(src)
        if item is None:
            return body
        if item.is_shareable:
            if id(item) not in self.live_ids:
                return site.item_header_html(item, rel, live=False) + body + (
                    '<p class="sh-archived">This item has expired: it is kept for reference '
                    'and is no longer shared.</p>')
            # Head and panel are pasted into the finished page (on_post_page): the
            # search plugin then never parses them (they hold nothing to search for).
            self.panels[src] = (site.item_header_html(item, rel), self.prepared.parts(item)[0])
            return HEAD_SLOT + body + PANEL_SLOT
        extra = [site.last_changed_html(site.last_changed(item.path))]
        if item.meta.type == "training":
            extra.append(site.quiz_html(item))
            extra.append(site.training_progress_html(item, self.plan, rel, self.url_of))
        return body + "".join(extra)

    def on_post_page(self, output, page, config):
        panel = self.panels.pop(page.file.src_uri, None) if self.config.enabled else None
        if panel is None:
            return output
        head, panel = panel
        return output.replace(HEAD_SLOT, head, 1).replace(PANEL_SLOT, panel, 1)

    def _listing_html(self, src, rel, page_html: str = "") -> str:
        number, total, chunk = self.listings[src]
        if number == 0:  # the archive
            cards = "".join(site.card_html(i, rel, item_url=self.url_of(i), share=False)
                            for i in chunk)
            return (f'<div class="sh-cards" data-search-exclude>{cards}</div>' if cards
                    else "<p>Nothing has expired yet.</p>")
        out = []
        if number == 1 and "<h1" not in page_html:
            out.append(f"<h1>{site.esc(self._site_name)}</h1>")
        if number == 1:
            out.append(site.filters_html(self.plan.live, cards_url=rel(site.CARDS_JSON),
                                         root=rel("")))
            if self.policy_src in self.urls:
                out.append(f'<p class="sh-policy">Before you share: <a href="'
                           f'{site.esc(rel(self.urls[self.policy_src]))}">read the policy</a></p>')
            if self.suggest_url:
                out.append(f'<p class="sh-suggest"><a class="md-button" rel="noopener" '
                           f'href="{site.esc(self.suggest_url)}">Suggest content</a> '
                           f'Seen something worth sharing? Propose it: a reviewer will '
                           f'turn it into a post.</p>')
        cards = "".join(site.card_html(i, rel, item_url=self.url_of(i),
                                       actions=self.prepared.parts(i)[1]) for i in chunk)
        out.append(f'<div class="sh-cards" data-search-exclude>{cards or "<p>Nothing to share yet.</p>"}</div>')
        out.append(site.pagination_html(number, total, rel))
        feeds = (f'<p class="sh-feeds">Follow new items: <a href="{site.esc(rel("feed.xml"))}">Atom feed</a>'
                 f' · <a href="{site.esc(rel("feed.json"))}">JSON Feed</a></p>')
        if self.config.archive:
            feeds += f'<p class="sh-archive-link"><a href="{site.esc(rel("archive/"))}">Archive of expired items</a></p>'
        out.append(feeds)
        return "".join(out)
