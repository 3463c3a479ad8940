"""The hub's own interface strings in English, French, German and Spanish.

Templates write English and wrap it: ``{{ _("Share") }}``; the browser gets the
strings of the page's language as data (``sharehub-strings``). A page speaks
the site's language (``theme.language``), an item page its item's ``lang``.
A missing translation falls back to English.
"""

from __future__ import annotations

import json
from pathlib import Path

LANGUAGES = ("en", "fr", "de", "es")

#: English text -> translation, per language (``translations/<lang>.json``; a translator
#: edits a JSON file). Placeholders ({n}, {network}) stay as they are.
TRANSLATIONS: dict[str, dict[str, str]] = {
    path.stem: json.loads(path.read_text("utf-8"))
    for path in sorted((Path(__file__).parent / "translations").glob("*.json"))
}

#: The strings sharehub.js shows (handed to the page in its language).
SCRIPT_STRINGS = (
    "Copied.", "Could not copy: select the text and copy it yourself.",
    "Copying is not available in this browser.", "{n} item matches", "{n} items match",
    "Filters are unavailable offline.", "Too long for {network}: remove {n} characters to share.",
    "Too long for {network}.", "Remove a character {network} refuses.",
    "{network} cannot take a text from here: sharing copies it first, then paste it in {network}.",
    "Posted as:", "Text copied — paste it in {network}.", "Share on {network}", "characters",
    "For everyone", "For {who}", "Pick an answer.", "Correct.", "Not quite.",
    "{right} of {total} correct", ": well done!", "{done} of {total} lessons done", "Lesson done",
    "Mark this lesson as done",
)


def language_of(lang: str) -> str:
    """The interface language for a BCP 47 tag (``fr-CA`` -> ``fr``; unknown -> ``en``)."""
    base = (lang or "en").split("-")[0].lower()
    return base if base in LANGUAGES else "en"


def translator(lang: str):
    """``_(text, **values)`` for one language: the translation, placeholders filled."""
    table = TRANSLATIONS.get(language_of(lang), {})

    def _(text: str, **values) -> str:
        out = table.get(text, text)
        return out.format(**values) if values else out
    return _


def script_strings(lang: str) -> dict[str, str]:
    """The strings sharehub.js needs, in ``lang`` (English text -> shown text)."""
    table = TRANSLATIONS.get(language_of(lang), {})
    return {text: table.get(text, text) for text in SCRIPT_STRINGS}
