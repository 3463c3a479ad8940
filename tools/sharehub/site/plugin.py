"""The ``sharehub`` MkDocs plugin: a thin front over the library.

It declares the hub's options (:class:`~sharehub.config.SharehubConfig`),
validates content with the same code as ``sharehub check`` and fails the
build with the same messages (MkDocs itself silently renders unparseable
front matter as body text), then turns the validated items into the hub:

* planning (:mod:`sharehub.site.plan`): what is live, in which order, on which page;
* rendering (:mod:`sharehub.site.render`): Jinja fragments under ``templates/sharehub/``;
* share panels (:mod:`sharehub.site.panels`) and the rules beyond the schema
  (:mod:`sharehub.site.checking`), in forked workers on large hubs;
* data out (:mod:`sharehub.site.syndication`): ``cards.json``, JSON Feed, Atom.

Events: ``on_files`` drops items that are not live (absent from pages,
search, sitemap and feeds), keeps items out of the navigation (a nav of N
items makes a build O(N²)) and generates the listings, archive, feeds and
assets; ``on_page_markdown`` escapes titles (MkDocs prints them raw) and
prepares Open Graph tags; ``on_page_content`` sanitises every rendered body
(nh3 allowlist) and adds the hub's parts.
"""

from __future__ import annotations

import gc
import html
import json
from dataclasses import dataclass
from pathlib import Path

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from sharehub.admin import page as admin
from sharehub.engage import pages as engage
from sharehub.config import SharehubConfig, hub_from_mkdocs
from sharehub.content.loader import find_markdown
from sharehub.content.safety import inert_toc, prepare_markdown, sanitize_html
from sharehub.errors import SharehubError
from sharehub.moment import AS_OF_ENV
from sharehub.parallel import ForkPool
from sharehub.site import plan as planning
from sharehub.site import syndication
from sharehub.site.checking import DeferredRules, validate_content
from sharehub.site.gitdates import last_changed
from sharehub.site import install
from sharehub.site.i18n import script_strings
from sharehub.site.images import image_site_path, plan_card_images
from sharehub.site.labels import Labels
from sharehub.site.panels import PanelState, SharePanels, build_workers
from sharehub.site.render import NETWORK_ICONS, Renderer, page_data
from sharehub.workflow.issueform import issue_form_url

log = get_plugin_logger(__name__)

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
ASSETS_DIR = PACKAGE_DIR / "assets"
#: Folder of the hub's own CSS and JS in the built site.
ASSET_DIR = "assets/sharehub"
#: Where an item page's head and share panel go (bodies are sanitised: they hold no comments).
PANEL_SLOT = "<!--sharehub:share-panel-->"
HEAD_SLOT = "<!--sharehub:item-head-->"
OG_SLOT = "<!--sharehub:og-->"


@dataclass
class BuildWork:
    """What the build's forked workers inherit: panels to render, items to check."""

    panels: PanelState
    checked: list


class SharehubPlugin(BasePlugin[SharehubConfig]):
    """Validates the hub's content and generates the hub during ``mkdocs build``."""

    def __init__(self):
        super().__init__()
        self.hub = self.report = self.plan = self.renderer = None
        self.by_src: dict = {}
        self.urls: dict = {}
        self.listings: dict[str, tuple[int, int, list]] = {}
        self.policy_src: str | None = None
        self.live_ids: set[int] = set()
        self.panels: dict[str, tuple] = {}
        self.pool = self.shares = self.rules = None
        self.command = "build"
        self.suggest_url = ""
        self.frozen = False
        self.site_name = ""
        self.facets: dict = {}
        self.images: dict = {}
        self.build_version = ""
        self.theme_colour = ""

    # -- configuration -------------------------------------------------------------------

    def on_startup(self, command, dirty):
        self.command = command

    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.hub = hub_from_mkdocs(config, self.config)
        if self.command == "serve":
            # `serve` replaces site_url with its own address: items without a url
            # share the published page, and are counted as such, not 127.0.0.1.
            self.hub.site_url = self._published_site_url(config)
        self.site_name = config.site_name
        repo = self.config.suggest_repo.strip().strip("/")
        self.suggest_url = issue_form_url(f"https://github.com/{repo}" if repo else config.repo_url)
        if not self.config.google_fonts and not ({"privacy", "material/privacy"} & set(config.plugins)):
            config.theme["font"] = False  # no request to Google on every page
        # Our templates come after the owner's custom_dir and before the theme's own.
        dirs = config.theme.dirs
        if str(TEMPLATES_DIR) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES_DIR))
        self.renderer = Renderer(dirs, Labels(self.config), self.hub.site_lang)
        css = f"{ASSET_DIR}/sharehub.css"
        if css not in config.extra_css:
            config.extra_css.append(css)
        for name in ("share-core.js", "sharehub.js"):  # deferred scripts run in this order
            js = f"{ASSET_DIR}/{name}"
            if not any(str(s) == js for s in config.extra_javascript):
                script = ExtraScriptValue(js)
                script.defer = True
                config.extra_javascript.append(script)
        engage.configure(config, self.config)  # Results, Contributors, badge, opt-in share counting
        return config

    @staticmethod
    def _published_site_url(config) -> str:
        from mkdocs.utils.yaml import yaml_load

        try:
            with open(config.config_file_path, "rb") as file:
                raw = yaml_load(file) or {}
        except (OSError, TypeError, ValueError):
            return ""
        return raw.get("site_url") or "" if isinstance(raw, dict) else ""

    def on_env(self, env, config, files):
        if self.config.enabled:
            # Serialised once, not once per page (Jinja's htmlsafe_json_dumps: safe in <script>).
            data = dict(page_data(self.hub, self.facets), build=self.build_version)
            env.globals["sharehub_data"] = htmlsafe_json_dumps(data)
            strings = {}

            def strings_of(page):
                lang = self.page_lang(page)
                if lang not in strings:
                    strings[lang] = htmlsafe_json_dumps(script_strings(lang))
                return strings[lang]
            env.globals["sharehub_strings"] = strings_of
            env.globals["sharehub_theme_colour"] = self.theme_colour
        return env

    @event_priority(100)
    def on_pre_build(self, config):
        if not self.config.enabled:
            return
        # In a build the rules beyond the schema run in workers and fail the
        # build at its end (checking.DeferredRules); `serve` reports at once.
        deferred = self.command == "build"
        self.report = validate_content(find_markdown([self.hub.content_dir]), self.hub,
                                       rules=not deferred)
        self._report_problems(self.report.problems)
        try:
            moment = planning.build_moment(self.hub)
        except SharehubError as exc:
            raise PluginError(f"{AS_OF_ENV}: {exc}") from None
        self.plan = planning.plan_site(self.report.items, self.hub, moment)
        self.live_ids = {id(item) for item in self.plan.live}
        self.panels = {}

    # -- files ---------------------------------------------------------------------------

    def on_files(self, files, config):
        if not self.config.enabled or self.plan is None:
            return files
        plan = self.plan
        self.by_src = {item.rel_path.as_posix(): item for item in self.report.items}
        for item in plan.hidden:
            self._remove(files, item.rel_path.as_posix())
        for item in plan.live + plan.archived + plan.policies + plan.training:
            file = files.get_file_from_path(item.rel_path.as_posix())
            if file is not None:
                if item.is_shareable:
                    file.inclusion = InclusionLevel.NOT_IN_NAV
                self.urls[item.rel_path.as_posix()] = file.url
        self.policy_src = plan.policies[0].rel_path.as_posix() if plan.policies else None

        # Home and listing pages: page_size cards each, so the home never grows
        # (translations of one item share a card).
        self.renderer.set_translations(plan.cards, self.url_of)
        pages = planning.pages_of(plan.cards, self.config.page_size)
        self.listings = {}
        for number, chunk in enumerate(pages, start=1):
            title = "Home" if number == 1 else f"{config.site_name}: page {number}"
            self._listing_page(files, config, planning.listing_path(number), title,
                               (number, len(pages), chunk), in_nav=number == 1)
        if self.config.archive:
            self._listing_page(files, config, "archive.md", "Archive", (0, 0, plan.archived),
                               in_nav=False)
        newest = plan.newest_first
        site_url = config.site_url or ""
        self.images, copies = plan_card_images(plan.live + plan.archived)
        for path, data in copies.items():
            self._remove(files, path)
            files.append(File.generated(config, path, content=data))
        self._generate(files, config, syndication.CARDS_JSON,
                       syndication.cards_json(plan.live, self.url_of, self.images))
        self._generate(files, config, "feed.json", syndication.json_feed(
            newest, site_name=config.site_name, site_url=site_url, url_of=self.url_of,
            description=config.site_description or ""))
        self._generate(files, config, "feed.xml", syndication.atom_feed(
            newest, site_name=config.site_name, site_url=site_url, url_of=self.url_of,
            moment=plan.moment))
        engage.add_files(files, config, self.hub, self.report.items, plan.live + plan.archived,
                         self.url_of)
        admin.add_files(files, config, self.hub, self.report.items)  # /admin/: static files, not pages
        for asset in sorted(ASSETS_DIR.iterdir()):
            path = f"{ASSET_DIR}/{asset.name}"
            if asset.is_file() and files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=str(asset)))
        self._add_icons(files, config)
        self._add_install(files, config)
        self.facets = self.renderer.facets(plan.live)
        # The validated items live until the build ends: keep the garbage
        # collector from scanning them again and again while pages render
        # (unfrozen in on_post_build, so that `serve` does not leak per rebuild).
        gc.freeze()
        self.frozen = True
        self._start_workers(files)
        return files

    def _add_icons(self, files, config) -> None:
        """The networks' icons, from Material's own ``.icons`` (no icon font, no CDN)."""
        for network in self.hub.options.networks:
            for folder in config.theme.dirs:
                icon = Path(folder) / ".icons" / f"{NETWORK_ICONS[network]}.svg"
                if icon.is_file():
                    path = f"{ASSET_DIR}/icons/{network}.svg"
                    if files.get_file_from_path(path) is None:
                        files.append(File.generated(config, path, abs_src_path=str(icon)))
                    break

    @staticmethod
    def _second_listing_url(files) -> str:
        second = files.get_file_from_path(planning.listing_path(2))
        return second.url if second is not None else planning.listing_url(2)

    def _add_install(self, files, config) -> None:
        """Manifest, icons and service worker: installable, and offline once seen."""
        colour = install.theme_colour(config.theme)
        for size in install.ICON_SIZES:
            path = f"{ASSET_DIR}/icon-{size}.png"
            self._remove(files, path)
            files.append(File.generated(config, path, content=install.icon_png(size, colour)))
        self._generate(files, config, install.MANIFEST, install.manifest(
            name=config.site_name, description=config.site_description or "",
            lang=self.hub.site_lang, colour=colour, icons_dir=ASSET_DIR))
        worker = install.WORKER.read_bytes()
        self._remove(files, "sw.js")
        files.append(File.generated(config, "sw.js", content=worker))
        cards = files.get_file_from_path(syndication.CARDS_JSON)
        self.build_version = install.build_version(
            worker, cards.content_string if cards else "", str(self.plan.moment),
            *(asset.read_bytes() for asset in sorted(ASSETS_DIR.iterdir()) if asset.is_file()))
        self.theme_colour = colour

    def _start_workers(self, files) -> None:
        """Share panels in page order, then the deferred rules, in one pool."""
        self._stop_workers()
        live = {item.rel_path.as_posix(): item for item in self.plan.live}
        ordered = [live[f.src_uri] for f in files.documentation_pages() if f.src_uri in live]
        item_urls = [self.url_of(item) for item in ordered]
        policy = self.urls.get(self.policy_src) if self.policy_src else None
        policies = [get_relative_url(policy, url) if policy else None for url in item_urls]
        deferred = self.command == "build"
        networks = self.hub.options.networks
        composers = [self.renderer.composer(self._url_from(url), networks, policy, item.lang)
                     for url, policy, item in zip(item_urls, policies, ordered)]
        work = BuildWork(PanelState(ordered, policies, item_urls, self.renderer, composers,
                                    self.images, self._url_from, self.site_name,
                                    self.hub.site_url, self._second_listing_url(files)),
                         checked=list(self.report.items) if deferred else [])
        self.pool = ForkPool(work, build_workers(len(ordered), self.command == "build"),
                             name="build", fork_from=1)
        self.shares = SharePanels(self.pool)
        self.rules = DeferredRules(self.pool) if deferred else None

    def _stop_workers(self) -> None:
        if self.pool is not None:
            log.debug("build workers: %d tasks in workers, %d in this process",
                      self.pool.worker_tasks, self.pool.inline_tasks)
            self.pool.close()
            self.pool = None
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def on_post_build(self, config):
        try:
            problems = self.rules.problems() if self.rules is not None else []
        finally:
            self.rules = None
            self._stop_workers()
        self._report_problems(problems)

    def on_build_error(self, error):
        self.rules = None
        self._stop_workers()

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

    @staticmethod
    def _remove(files, path: str) -> None:
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)

    def _generate(self, files, config, path: str, content: str) -> None:
        self._remove(files, path)
        files.append(File.generated(config, path, content=content))

    def _listing_page(self, files, config, src, title, listing, *, in_nav):
        self.listings[src] = listing
        if src == planning.HOME_SOURCE and files.get_file_from_path(src) is not None:
            return  # the owner's content/index.md: an introduction above the feed
        meta = {"title": html.escape(title), "sharehub_listing": True, "search": {"exclude": True}}
        self._remove(files, src)
        files.append(File.generated(config, src, content=f"---\n{json.dumps(meta)}\n---\n",
                                    inclusion=InclusionLevel.UNDEFINED if in_nav
                                    else InclusionLevel.NOT_IN_NAV))

    def page_lang(self, page) -> str:
        """The language a page speaks: its item's ``lang``, else the site's."""
        item = self.by_src.get(page.file.src_uri) if page is not None and page.file else None
        return item.lang if item is not None else self.hub.site_lang

    def _image(self, item):
        return self.images.get(item.rel_path.as_posix())

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

    def on_page_read_source(self, page, config):
        """A validated file's body: MkDocs need not parse its front matter a second time."""
        item = self.by_src.get(page.file.src_uri) if self.config.enabled else None
        if item is None or item.doc.plain:
            return None
        return item.doc.body

    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled or self.plan is None:
            return markdown
        item = self.by_src.get(page.file.src_uri)
        if item is not None and not item.doc.plain and not page.meta:
            page.meta = dict(item.doc.meta)  # as MkDocs would have read it (on_page_read_source)
        title = page.meta.get("title")
        if isinstance(title, str) and not page.meta.get("sharehub_listing"):
            # MkDocs and Material print titles unescaped (<title>, header, nav).
            page.meta["title"] = html.escape(title)
        if item is not None and item.is_shareable:
            # Open Graph tags: built with the item's other parts (panels.page_parts) and
            # pasted into the finished page; archived items get theirs here.
            page.meta["sharehub_head"] = OG_SLOT if id(item) in self.live_ids else \
                self._og_now(item, page, config)
        return prepare_markdown(markdown)

    def _og_now(self, item, page, config) -> str:
        image = image_site_path(item)
        if image and not syndication.is_remote(image):
            image = (config.site_url or "").rstrip("/") + "/" + image if config.site_url else ""
        return str(self.renderer.og_tags(item, page_url=page.canonical_url or item.page_url,
                                         site_name=config.site_name, image_url=image))

    @staticmethod
    def _url_from(page_url: str):
        """Turns a site-relative path into one relative to the page at ``page_url``."""
        def url(path: str) -> str:
            out = get_relative_url(path, page_url)
            if (path == "" or path.endswith("/")) and not out.endswith("/"):
                out += "/"
            return out
        return url

    def _url(self, page):
        return self._url_from(page.url)

    def on_page_content(self, html_, page, config, files):
        if not self.config.enabled or self.plan is None:
            return html_
        src = page.file.src_uri
        url = self._url(page)
        # A page generated by this plugin (listings, Results, Contributors) keeps its classes.
        body = sanitize_html(html_, hub_page=page.file.generated_by is not None)
        inert_toc(page.toc)
        if src in self.listings:
            return body + str(self._listing_html(src, url, "<h1" in body))
        item = self.by_src.get(src)
        if item is None:
            return body
        render = self.renderer  # Markup + str would escape the body: join as str
        if item.is_shareable:
            if id(item) not in self.live_ids:
                return "".join([render.item_head(item, url, live=False, image=self._image(item)),
                                body, render.archived_note(item.lang)])
            # Head and panel are pasted into the finished page (on_post_page): the
            # search plugin then never parses them (they hold nothing to search for).
            self.panels[src] = self.shares.parts(item)
            return HEAD_SLOT + body + PANEL_SLOT
        extra = [render.last_changed(last_changed(item.path), item.lang)]
        if item.meta.type == "training":
            extra += [render.quiz(item),
                      render.training_progress(item, self.plan, url, self.url_of)]
        return body + "".join(extra)

    def on_post_page(self, output, page, config):
        if not self.config.enabled:
            return output
        lang = self.page_lang(page)
        if lang != self.hub.site_lang:  # Material writes theme.language on every page
            output = output.replace(f'<html lang="{html.escape(self.hub.site_lang)}"',
                                    f'<html lang="{html.escape(lang)}"', 1)
        parts = self.panels.pop(page.file.src_uri, None)
        if parts is None:
            return output
        return (output.replace(OG_SLOT, parts.og, 1).replace(HEAD_SLOT, parts.head, 1)
                .replace(PANEL_SLOT, parts.panel, 1))

    def _listing_html(self, src, url, has_heading: bool) -> str:
        number, total, chunk = self.listings[src]
        render = self.renderer
        if number == 0:  # the archive
            return render.archive([render.card(i, url, item_url=self.url_of(i), share=False,
                                               image=self._image(i)) for i in chunk])
        home = number == 1
        first = len(chunk[0]) if chunk else 0  # the first card, in each of its languages
        chunk = [item for group in chunk for item in group]  # a card's translations too
        policy = self.urls.get(self.policy_src) if self.policy_src else None
        networks = self.hub.options.networks
        return render.listing(
            number=number,
            heading=self.site_name if home and not has_heading else "",
            filters=render.filters(self.facets, cards_url=url(syndication.CARDS_JSON),
                                   root=url(""), networks=networks) if home else "",
            records=[syndication.card_record(i, self.url_of(i), self._image(i)) for i in chunk],
            composer=render.composer(url, networks, url(policy) if policy else None),
            policy_url=url(policy) if policy else "",
            suggest_url=self.suggest_url,
            # Cards of later listing pages come with their items' other parts (panels).
            cards=[render.card(i, url, item_url=self.url_of(i), image=self._image(i), eager=n < first)
                   if home else Markup(self.shares.parts(i).card) for n, i in enumerate(chunk)],
            pagination=render.pagination(number, total, url),
            feed_url=url("feed.xml"), json_feed_url=url("feed.json"),
            archive_url=url("archive/") if self.config.archive else "")
