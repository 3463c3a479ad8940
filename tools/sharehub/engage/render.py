"""The one Jinja environment of ``engage/templates/``: HTML escaped, Markdown literal.

Templates ending in ``.html`` or ``.svg`` autoescape every value. Templates
ending in ``.md`` (chat messages) pass every value through
:func:`sharehub.text.markdown_text` instead, so a title can never become a
link, a mention or markup; only values marked safe — link targets from the
``link`` filter — are written as they are.
"""

from __future__ import annotations

import functools
import urllib.parse
from pathlib import Path

import jinja2
from markupsafe import Markup

from sharehub.text import markdown_text, plain_text

TEMPLATES_DIR = Path(__file__).parent / "templates"


def _literal_markdown(value):
    if isinstance(value, Markup) or isinstance(value, (int, float)):
        return value
    return markdown_text("" if value is None else value, one_line=True)


def link_target(url: str) -> Markup:
    """A URL (the hub's own page) as a Markdown link target: no space or parenthesis left."""
    return Markup(urllib.parse.quote(str(url), safe=":/?#@!$&'*+,;=%~"))


def number(value: int | float) -> str:
    """``12345`` as ``12,345``."""
    return f"{value:,}"


@functools.lru_cache(maxsize=None)
def _environment(markdown: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=not markdown,
        finalize=_literal_markdown if markdown else None,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined)
    env.filters["link"] = link_target
    env.filters["number"] = number
    env.filters["plain"] = lambda value, n=None: plain_text(value, n)
    return env


def render(name: str, **context) -> str:
    """Render template ``name`` (``digest/email.html``, ``digest/chat.md``, …)."""
    return _environment(name.endswith(".md")).get_template(name).render(**context)
