"""Options of the web editor (``admin:`` under ``plugins: - sharehub:``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class AdminConfig(base.Config):
    """The ``/admin/`` editor (Decap CMS) and how it signs in to GitHub."""

    #: Serve the editor at /admin/.
    enabled = c.Type(bool, default=True)
    #: GitHub repository (``owner/name``); empty: ``suggest_repo``, else ``repo_url``.
    repo = c.Type(str, default="")
    #: The branch pull requests go to.
    branch = c.Type(str, default="main")
    #: OAuth proxy that signs editors in to GitHub (``base_url`` of Decap's
    #: GitHub backend, e.g. a small Cloudflare Worker); empty: Netlify's.
    auth_url = c.Type(str, default="")
    #: Path of the proxy's sign-in endpoint (Decap's ``auth_endpoint``).
    auth_endpoint = c.Type(str, default="")
    #: Contributors without write access save into their fork (GitHub's fork flow).
    open_authoring = c.Type(bool, default=True)
