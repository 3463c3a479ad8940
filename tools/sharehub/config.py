"""Hub configuration: the ``sharehub`` plugin's options in ``mkdocs.yml``.

One file configures the site and the CLI. Options are typed MkDocs
``Config`` classes, so a typo in ``mkdocs.yml`` fails the same way in
``mkdocs build`` and in ``sharehub check``.
"""

from __future__ import annotations

import logging
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from sharehub.errors import ConfigError
from sharehub.content.model import KINDS, NETWORKS
from sharehub.admin.options import AdminConfig
from sharehub.engage.options import (AnalyticsConfig, ContributorsConfig, DigestConfig,
                                     ResultsConfig)
from sharehub.feeds.options import FeedsPullConfig
from sharehub.share.config import MastodonConfig
from sharehub.workflow.runstate import RunStateConfig

_HOST_RE = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


class Hostname(c.Type):
    """A bare host name such as ``mastodon.social`` (no scheme, no path), or empty."""

    def __init__(self, default: str):
        super().__init__(str, default=default)

    def run_validation(self, value):
        value = super().run_validation(value).strip().lower()
        if not value:
            return ""  # none chosen
        if value.startswith(("http://", "https://")):
            value = value.split("://", 1)[1].rstrip("/")
        if not _HOST_RE.match(value):
            raise base.ValidationError(f"{value!r} is not a host name such as mastodon.social")
        return value


class TimeZone(c.Type):
    """An IANA time zone name such as ``Europe/Paris``."""

    def __init__(self, default: str):
        super().__init__(str, default=default)

    def run_validation(self, value):
        value = super().run_validation(value)
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise base.ValidationError(
                f"{value!r} is not a time zone name such as Europe/Paris or UTC") from None
        return value


class UtmConfig(base.Config):
    """Tracking parameters added to every shared link."""

    enabled = c.Type(bool, default=True)
    medium = c.Type(str, default="employee_advocacy")
    #: Fixed campaign for every item; empty means the item's campaign, else its slug.
    campaign = c.Type(str, default="")


class FeedConfig(base.Config):
    """One RSS/Atom/JSON feed pulled into drafts by ``sharehub feeds pull``."""

    name = c.Type(str)
    url = c.URL()
    kind = c.Choice(KINDS, default="news")
    topics = c.ListOfItems(c.Type(str), default=[])
    departments = c.ListOfItems(c.Type(str), default=[])
    max_items = c.Type(int, default=20)
    include = c.ListOfItems(c.Type(str), default=[])
    exclude = c.ListOfItems(c.Type(str), default=[])
    #: Fetch this feed from private addresses (an intranet feed); unset: ``feeds_pull``'s.
    allow_private = c.Optional(c.Type(bool))


class LabelsConfig(base.Config):
    """Human names of the slugs items use, shown in filters and on cards.

    ``departments: {customer-success: Customer success}``; a slug without a
    name is shown with its dashes as spaces. Languages need none: each is
    shown by its own name (français, Deutsch).
    """

    departments = c.DictOfItems(c.Type(str), default={})
    topics = c.DictOfItems(c.Type(str), default={})
    campaigns = c.DictOfItems(c.Type(str), default={})
    kinds = c.DictOfItems(c.Type(str), default={})


class SharehubConfig(base.Config):
    """Options of the ``sharehub`` plugin (``plugins: - sharehub: {...}``)."""

    enabled = c.Type(bool, default=True)
    #: Which networks the hub offers, in this order.
    networks = c.ListOfItems(c.Choice(NETWORKS), default=list(NETWORKS))
    utm = c.SubConfig(UtmConfig)
    #: Added to share texts that do not contain it already, e.g. ``#NorthwindEmployee``.
    disclosure = c.Type(str, default="")
    #: Time zone of dates and times written without one.
    timezone = TimeZone(default="UTC")
    #: Mastodon instance of the share link until an employee picks their own;
    #: empty: Mastodon's own instance picker (share.joinmastodon.org).
    mastodon_instance = Hostname(default="")
    mastodon = c.SubConfig(MastodonConfig)
    #: Phrases that must never appear in a share text (case-insensitive).
    banned_phrases = c.ListOfItems(c.Type(str), default=[])
    #: Folder of suggestions and feed drafts, relative to mkdocs.yml.
    suggestions_dir = c.Type(str, default="suggestions")
    feeds = c.ListOfItems(c.SubConfig(FeedConfig), default=[])
    feeds_pull = c.SubConfig(FeedsPullConfig)
    run_state = c.SubConfig(RunStateConfig)
    #: Items per page on the home page and listing pages.
    page_size = c.Type(int, default=24)
    #: Keep expired items in an archive (without share buttons).
    archive = c.Type(bool, default=False)
    #: GitHub repository (``owner/name``) whose issue form takes suggestions;
    #: empty means ``repo_url`` when that is a GitHub repository.
    suggest_repo = c.Type(str, default="")
    digest = c.SubConfig(DigestConfig)
    results = c.SubConfig(ResultsConfig)
    analytics = c.SubConfig(AnalyticsConfig)
    contributors = c.SubConfig(ContributorsConfig)
    #: Human names of departments, topics, campaigns and kinds (:class:`LabelsConfig`).
    labels = c.SubConfig(LabelsConfig)
    #: Let Material load Google Fonts (a third-party request on every page); off unless
    #: asked for, or self-hosted with Material's privacy plugin.
    google_fonts = c.Type(bool, default=False)
    admin = c.SubConfig(AdminConfig)

    def validate(self):
        failed, warnings = super().validate()
        if not failed and self.networks is not None and len(set(self.networks)) != len(self.networks):
            failed.append(("networks", base.ValidationError("a network is listed twice")))
        if not failed and self.page_size is not None and self.page_size < 1:
            failed.append(("page_size", base.ValidationError("must be 1 or more")))
        names = [feed.name for feed in self.feeds or []]
        if not failed and len(set(names)) != len(names):
            failed.append(("feeds", base.ValidationError("two feeds have the same name")))
        return failed, warnings


@dataclass
class Hub:
    """Everything a command needs to know about one hub.

    Attributes:
        options: the validated plugin options.
        root: the folder of mkdocs.yml.
        content_dir: MkDocs' ``docs_dir`` (``content/``).
        suggestions_dir: the inbox of suggestions and drafts.
        site_url: the public address of the built hub, if configured.
        site_lang: the site language (the default ``lang`` of items).
        site_name: the hub's name (``site_name``).
        config_file: the mkdocs.yml that was read, if any.
    """

    options: SharehubConfig
    root: Path
    content_dir: Path
    suggestions_dir: Path
    site_url: str = ""
    site_lang: str = "en"
    site_name: str = ""
    config_file: Path | None = None
    config_warnings: list[str] = field(default_factory=list)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.options.timezone)


def validate_options(raw: dict | None, source: str = "mkdocs.yml") -> SharehubConfig:
    """Validate plugin options given as a plain dict (tests, other front ends)."""
    options = SharehubConfig(config_file_path=source)
    options.load_dict(dict(raw or {}))
    failed, _warnings = options.validate()
    if failed:
        key, error = failed[0]
        raise ConfigError(str(error), source, field=f"plugins.sharehub.{key}")
    return options


def default_hub(root: Path | str = ".", **options) -> Hub:
    """A hub with default options rooted at ``root`` (no mkdocs.yml needed)."""
    root = Path(root)
    opts = validate_options(options)
    return Hub(options=opts, root=root, content_dir=root / "content",
               suggestions_dir=root / opts.suggestions_dir)


def hub_from_mkdocs(config, plugin_options: SharehubConfig | None = None) -> Hub:
    """Build a :class:`Hub` from a loaded ``MkDocsConfig``."""
    if plugin_options is None:
        plugin = config.plugins.get("sharehub")
        plugin_options = plugin.config if plugin is not None else validate_options({})
    config_file = Path(config.config_file_path) if config.config_file_path else None
    root = config_file.parent if config_file else Path.cwd()
    theme = config.theme
    lang = (theme.get("language") if theme is not None else None) or "en"
    return Hub(options=plugin_options, root=root, content_dir=Path(config.docs_dir),
               suggestions_dir=root / plugin_options.suggestions_dir,
               site_url=config.site_url or "", site_lang=lang, config_file=config_file,
               site_name=config.site_name or "")


def load_hub(config_file: str | Path | None = None) -> Hub:
    """Read ``mkdocs.yml`` (or ``config_file``) the way ``mkdocs build`` does.

    Raises:
        ConfigError: the file is missing or any option is invalid; the
            message is one line naming the file and the option.
    """
    from mkdocs import exceptions
    from mkdocs.config import load_config

    path = Path(config_file or "mkdocs.yml")
    if not path.is_file():
        raise ConfigError("no such file: run sharehub in the hub's folder or pass "
                          "-f/--config-file", path)
    handler = _CaptureLog()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    try:
        config = load_config(str(path))
    except exceptions.ConfigurationError as exc:
        message = handler.first or str(exc) or "invalid configuration"
        raise ConfigError(_one_line(message), path) from None
    except exceptions.Abort as exc:
        raise ConfigError(_one_line(handler.first or str(exc)), path) from None
    finally:
        mkdocs_log.removeHandler(handler)
    hub = hub_from_mkdocs(config)
    hub.config_warnings = [_one_line(w) for w in handler.warnings]
    return hub


class _CaptureLog(logging.Handler):
    """Keeps what MkDocs logs while loading its config: first error, all warnings."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.first = ""
        self.warnings: list[str] = []

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            self.first = self.first or record.getMessage()
        else:
            self.warnings.append(record.getMessage())


def _one_line(message: str) -> str:
    return " ".join(message.split())
