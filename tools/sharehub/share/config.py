"""Plugin options of the share rules (``plugins: - sharehub: mastodon: {...}``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class MastodonConfig(base.Config):
    """The limits of the hub's Mastodon instance.

    Instances set their own; ``/api/v2/instance`` shows them as
    ``configuration.statuses.max_characters`` and
    ``characters_reserved_per_url``. The defaults are Mastodon's.
    """

    max_characters = c.Type(int, default=500)
    characters_reserved_per_url = c.Type(int, default=23)

    def validate(self):
        failed, warnings = super().validate()
        for key in ("max_characters", "characters_reserved_per_url"):
            value = self.get(key)
            if not any(k == key for k, _e in failed) and isinstance(value, int) and value < 1:
                failed.append((key, base.ValidationError("must be 1 or more")))
        return failed, warnings
