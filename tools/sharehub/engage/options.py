"""Plugin options of the engagement features (``digest``, ``results``, ``analytics``,
``contributors`` under ``plugins: - sharehub:``)."""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c

_ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CHANNEL_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
#: Self-hosted analytics that take one event per share action.
ANALYTICS_PROVIDERS = ("plausible", "umami", "matomo")


class Matching(c.Type):
    """Text that must match a pattern (``what`` names the expected form in the message)."""

    def __init__(self, pattern: re.Pattern, what: str):
        super().__init__(str)
        self.pattern, self.what = pattern, what

    def run_validation(self, value):
        value = super().run_validation(value).strip()
        if not self.pattern.match(value):
            raise base.ValidationError(f"{value!r} is not {self.what}")
        return value


class SiteId(c.Type):
    """A site domain or id; a number (Matomo's ``idSite``) is taken as text."""

    def __init__(self):
        super().__init__((str, int), default="")

    def run_validation(self, value):
        value = super().run_validation(value)
        if isinstance(value, bool):
            raise base.ValidationError("expected a site domain or id")
        return str(value).strip()


class ChannelConfig(base.Config):
    """One place a digest goes: an Apprise URL read from an environment variable."""

    name = Matching(_CHANNEL_NAME_RE, "a channel name (lowercase letters, digits, '-' and '_')")
    #: The environment variable holding the Apprise URL (a secret: never in mkdocs.yml).
    url_env = Matching(_ENV_NAME_RE, "an environment variable name such as SHAREHUB_DIGEST_ALL")
    #: Only items for these audiences (and items for everyone); empty: every item.
    departments = c.ListOfItems(c.Type(str), default=[])
    #: Only items in these languages; empty: every language.
    languages = c.ListOfItems(c.Type(str), default=[])


class DigestConfig(base.Config):
    """``sharehub digest``: announce what went live, once per channel."""

    channels = c.ListOfItems(c.SubConfig(ChannelConfig), default=[])
    #: Subject of every message; ``{count}`` and ``{site_name}`` are filled in.
    subject = c.Type(str, default="{count} new on {site_name}")
    #: Items announced in one message at most (the rest wait for the next run).
    max_items = c.Type(int, default=50)
    #: On a channel's first run, items live for longer than this many days
    #: (by ``publish``, else ``approved``) count as announced already: adding
    #: a channel does not flood it with the whole hub.
    lookback_days = c.Type(int, default=7)

    def validate(self):
        failed, warnings = super().validate()
        names = [] if failed else [channel.name for channel in self.channels or []]
        if len(set(names)) != len(names):
            failed.append(("channels", base.ValidationError("two channels have the same name")))
        if not failed and self.max_items is not None and self.max_items < 1:
            failed.append(("max_items", base.ValidationError("must be 1 or more")))
        return failed, warnings


class ResultsConfig(base.Config):
    """The Results page, built from ``stats/`` (only when it holds data)."""

    #: Folder of the aggregates, relative to mkdocs.yml.
    stats_dir = c.Type(str, default="stats")
    #: ``none``: teams and content only. ``tags``: also a table by the
    #: pseudonymous tags employees chose themselves (``utm_content``); only
    #: then does ``stats import`` keep tags at all.
    leaderboard = c.Choice(("none", "tags"), default="none")


class AnalyticsConfig(base.Config):
    """Counting share actions in the owner's own analytics (off unless configured)."""

    provider = c.Optional(c.Choice(ANALYTICS_PROVIDERS))
    #: The analytics server's event endpoint, e.g. https://stats.example.com/api/event.
    endpoint = c.Optional(c.URL())
    #: Plausible: the site domain; Umami: the website id; Matomo: the site id.
    site = SiteId()

    def validate(self):
        failed, warnings = super().validate()
        if not failed and (self.provider is None) != (self.endpoint is None):
            failed.append(("endpoint" if self.provider else "provider", base.ValidationError(
                "provider and endpoint go together: set both, or neither")))
        if not failed and self.provider and not self.site.strip():
            failed.append(("site", base.ValidationError(f"{self.provider} needs the site "
                                                        f"(domain or id) events belong to")))
        return failed, warnings

    @property
    def enabled(self) -> bool:
        return self.provider is not None


class ContributorsConfig(base.Config):
    """The Contributors page: who suggested and who approved what was published."""

    enabled = c.Type(bool, default=True)
    #: Names (as in ``suggested_by``/``approved_by``, without the e-mail) never shown.
    opt_out = c.ListOfItems(c.Type(str), default=[])
