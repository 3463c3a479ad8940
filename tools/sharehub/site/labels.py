"""Human names of the values items are filtered by: departments, topics, campaigns,
kinds (from ``labels:`` in ``mkdocs.yml``) and languages (each by its own name)."""

from __future__ import annotations

import functools

#: The built-in names of kinds (an owner may rename them under ``labels: kinds:``).
KIND_NAMES = {"news": "News", "job": "Job", "event": "Event", "campaign": "Campaign",
              "story": "Story", "product": "Product"}


@functools.lru_cache(maxsize=None)
def language_name(code: str) -> str:
    """A language by its own name (``fr`` → ``Français``), else the code itself."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).display_name
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    return (name[:1].upper() + name[1:]) if name else code


def _slug_name(slug: str) -> str:
    words = slug.replace("-", " ").replace("_", " ").strip()
    return (words[:1].upper() + words[1:]) if words else slug


class Labels:
    """Names for one hub (``options.labels``)."""

    def __init__(self, options):
        labels = options.labels
        self.maps = {"department": dict(labels.departments), "topic": dict(labels.topics),
                     "campaign": dict(labels.campaigns),
                     "kind": {**KIND_NAMES, **dict(labels.kinds)}}

    def name(self, facet: str, value: str) -> str:
        """The human name of ``value`` in ``facet`` (topic, department, campaign, kind, lang)."""
        if facet == "lang":
            return language_name(value)
        return self.maps.get(facet, {}).get(value) or _slug_name(value)

    def table(self, facet: str, values) -> dict[str, str]:
        return {value: self.name(facet, value) for value in values}
