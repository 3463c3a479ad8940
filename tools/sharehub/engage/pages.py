"""What the MkDocs plugin asks of the engagement features: a thin seam of two calls.

* :func:`configure` (``on_config``): the training badge's script and the
  stylesheet; the share-counting script only when ``analytics:`` is
  configured (otherwise the page has no trace of it and makes no request).
* :func:`add_files` (``on_files``): the Results page and its SVG charts when
  ``stats/`` has data, the Contributors page when someone is named, and
  the scripts and stylesheet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from sharehub.config import Hub
from sharehub.content.items import Item

ASSETS = Path(__file__).parent / "assets"
ASSET_DIR = "assets/sharehub"
ANALYTICS_JS = f"{ASSET_DIR}/share-events.js"
BADGE_JS = f"{ASSET_DIR}/training-badge.js"
CSS = f"{ASSET_DIR}/engage.css"
CHART_DIR = f"{ASSET_DIR}/results"
RESULTS_PAGE = "results.md"
CONTRIBUTORS_PAGE = "contributors.md"


def configure(config, options) -> None:
    """Add the stylesheet and scripts to an MkDocs config (idempotent)."""
    from mkdocs.config.config_options import ExtraScriptValue

    if CSS not in config.extra_css:
        config.extra_css.append(CSS)
    scripts = [BADGE_JS] + ([ANALYTICS_JS] if options.analytics.enabled else [])
    for path in scripts:
        if not any(str(s) == path for s in config.extra_javascript):
            script = ExtraScriptValue(path)
            script.defer = True
            config.extra_javascript.append(script)


def analytics_script(options) -> str:
    """``share-events.js`` with the owner's analytics settings in front of it."""
    settings = {"provider": options.analytics.provider, "endpoint": options.analytics.endpoint,
                "site": options.analytics.site}
    # JSON in a script file: escape what could end a string or a script anywhere.
    data = (json.dumps(settings).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return f"window.sharehubAnalytics = {data};\n" + (ASSETS / "share-events.js").read_text("utf-8")


def add_files(files, config, hub: Hub, items: list[Item], published: list[Item],
              url_of: Callable[[Item], str]) -> None:
    """Generate the engagement pages and assets into an MkDocs ``Files`` collection.

    Args:
        items: every valid content item (the Results page matches campaigns to them).
        published: the items that have a page in this build (linked from the pages).
        url_of: an item's page URL relative to the site root.
    """
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    from sharehub.engage.contributors import contributors_page
    from sharehub.engage.results import results_page
    from sharehub.engage.stats import load_shares, load_visits

    def put(path: str, **source) -> File:
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        file = File.generated(config, path, **source)
        files.append(file)
        return file

    def rel_from(page_src: str) -> Callable[[str], str]:
        page_url = File.generated(config, page_src, content="").url
        return lambda url: get_relative_url(url, page_url)

    put(CSS, abs_src_path=str(ASSETS / "engage.css"))
    put(BADGE_JS, abs_src_path=str(ASSETS / "training-badge.js"))
    if hub.options.analytics.enabled:
        put(ANALYTICS_JS, content=analytics_script(hub.options))

    rows, shares = load_visits(hub), load_shares(hub)
    if (rows or shares) and files.get_file_from_path(RESULTS_PAGE) is None:
        with_page = {id(item) for item in published}
        page = results_page(hub, rows, items, rel=rel_from(RESULTS_PAGE), chart_dir=CHART_DIR,
                            url_of=lambda item: url_of(item) if id(item) in with_page else "",
                            shares=shares)
        put(RESULTS_PAGE, content=page.markdown)
        for name, svg in page.charts.items():
            put(f"{CHART_DIR}/{name}", content=svg)
    if hub.options.contributors.enabled and files.get_file_from_path(CONTRIBUTORS_PAGE) is None:
        markdown = contributors_page(hub, published, url_of=url_of,
                                     rel=rel_from(CONTRIBUTORS_PAGE))
        if markdown is not None:
            put(CONTRIBUTORS_PAGE, content=markdown)
