"""Plugin options of ``sharehub feeds pull`` beyond the feed list (``feeds_pull:``)."""

from __future__ import annotations

import ipaddress

from mkdocs.config import base
from mkdocs.config import config_options as c


class Network(c.Type):
    """An IP network or address such as ``10.20.0.0/16`` or ``192.168.1.5``."""

    def __init__(self):
        super().__init__(str)

    def run_validation(self, value):
        value = str(super().run_validation(value)).strip()
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise base.ValidationError(
                f"{value!r} is not an IP network such as 10.20.0.0/16") from None
        return value


class FeedsPullConfig(base.Config):
    """How feeds are pulled (``plugins: - sharehub: feeds_pull: {...}``)."""

    #: Fetch feeds from private or local addresses. Unset: refused in CI (the
    #: ``CI`` variable is set), allowed elsewhere. A feed's own
    #: ``allow_private`` wins over this.
    allow_private = c.Optional(c.Type(bool))
    #: Networks allowed even when private addresses are refused (an intranet
    #: feed server), e.g. ``[10.20.0.0/16]``.
    allowed_networks = c.ListOfItems(Network(), default=[])
    #: The one branch that ``feeds pull --push`` proposes drafts on.
    inbox_branch = c.Type(str, default="feeds/inbox")
