"""The ``sharehub`` MkDocs plugin: a thin front over the library.

It declares the hub's options (:class:`~sharehub.config.SharehubConfig`),
validates content with the same code as ``sharehub check`` and fails the
build with the same messages, since MkDocs itself silently renders
unparseable front matter as body text.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .config import SharehubConfig, hub_from_mkdocs
from .loader import find_markdown, read_document
from .validate import check_documents

log = get_plugin_logger(__name__)


class SharehubPlugin(BasePlugin[SharehubConfig]):
    """Validates the hub's content during ``mkdocs build`` and ``serve``."""

    def __init__(self):
        super().__init__()
        self.hub = None
        self.report = None

    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.hub = hub_from_mkdocs(config, self.config)
        return config

    @event_priority(100)
    def on_pre_build(self, config):
        if not self.config.enabled:
            return
        docs = [read_document(path) for path in find_markdown([self.hub.content_dir])]
        self.report = check_documents(docs, self.hub)
        for problem in self.report.warnings:
            log.warning(str(problem))
        if self.report.errors:
            for problem in self.report.errors:
                log.error(str(problem))
            count = len(self.report.errors)
            raise PluginError(f"{count} content error{'s' * (count != 1)}: "
                              f"run 'sharehub check' for the list")
