"""The front-matter model: one schema for content, suggestions and drafts.

The pydantic model below is the single source of truth: validation, the
JSON Schema printed by ``sharehub schema`` and the list of known fields all
come from it. Rules that need more than one field (``expires`` after
``publish``, quizzes only on training pages) live here too, so every caller
(check, review, promote, feeds, the plugin) applies the same ones.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Union

import langcodes
from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field,
                      PlainValidator, WithJsonSchema, field_validator,
                      model_validator)
from pydantic_core import PydanticCustomError

KINDS = ("news", "job", "event", "campaign", "story", "product")
PAGE_TYPES = ("item", "policy", "training", "page")
STATUSES = ("draft", "suggested")

#: Every network a share link can be built for, in the default hub order.
NETWORKS = ("linkedin", "x", "facebook", "bluesky", "mastodon", "threads",
            "reddit", "whatsapp", "telegram", "xing", "teams", "email")
#: Networks whose share link carries only the URL, never a text.
URL_ONLY_NETWORKS = ("facebook", "xing")
#: Keys allowed under ``share:``.
SHARE_KEYS = ("default",) + tuple(n for n in NETWORKS if n not in URL_ONLY_NETWORKS)
#: Names people reach for that mean one of ours.
NETWORK_ALIASES = {"twitter": "x", "tweet": "x", "fb": "facebook", "mail": "email",
                   "li": "linkedin", "bsky": "bluesky", "toot": "mastodon"}

#: Fields that only make sense on shareable items, not on policy/training pages.
ITEM_ONLY_FIELDS = ("url", "kind", "campaign", "featured", "publish", "expires",
                    "hashtags", "share", "status", "source", "departments",
                    "suggested_by", "approved_by", "approved", "translation_key")

# Possessive repeats: "<" followed by many spaces must not backtrack (linear).
TAG_RE = re.compile(r"<\s*+(?:/\s*+)?[A-Za-z!?>]")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_HASHTAG_RE = re.compile(r"^\w+$")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return type(value).__name__


def _fail(kind: str, message: str) -> PydanticCustomError:
    # Braces in user input must not be read as pydantic's template fields.
    return PydanticCustomError(kind, message.replace("{", "{{").replace("}", "}}"))


def _plain_text(value: Any) -> str:
    """Text that is displayed or shared: a string with no HTML in it."""
    if not isinstance(value, str):
        raise _fail("text_type", f"expected text, got {type_name(value)}")
    if TAG_RE.search(value):
        raise _fail("html", "HTML is not allowed here (write plain text; "
                            "'<' followed by a letter looks like a tag)")
    return value


_IDENTITY_EMAIL_RE = re.compile(r"<[^<>\s@]++@[^<>\s@]++>\s*+$")


def _identity(value: Any) -> str:
    """A person as git writes them: ``Name <email>`` (the only '<' allowed)."""
    if not isinstance(value, str):
        raise _fail("text_type", f"expected text such as 'Ada Lovelace <ada@example.com>', "
                                 f"got {type_name(value)}")
    _plain_text(_IDENTITY_EMAIL_RE.sub("", value).rstrip())
    return value


def is_http_url(value: str) -> bool:
    """An absolute http(s) URL with a host and no white space or control characters."""
    from urllib.parse import urlsplit
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return (parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
            and not any(c.isspace() or ord(c) < 32 for c in value))


def _http_url(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail("url_type", f"expected an http(s) URL, got {type_name(value)}")
    value = value.strip()
    if not is_http_url(value):
        scheme = _SCHEME_RE.match(value)
        if scheme and scheme.group(1).lower() in ("http", "https"):
            hint = "it needs a host name and no spaces or control characters"
        elif scheme:
            hint = f"the scheme '{scheme.group(1)}:' is not allowed"
        else:
            hint = "it has no http:// or https:// in front"
        raise _fail("url", f"{value!r} is not an http(s) URL: {hint}")
    return value


def _image_ref(value: Any) -> str:
    """An http(s) URL, or a relative path to a file inside content/."""
    if not isinstance(value, str):
        raise _fail("url_type", f"expected an http(s) URL or a path, got {type_name(value)}")
    value = value.strip()
    if _SCHEME_RE.match(value) or value.startswith("//"):
        return _http_url(value)
    if (not value or value.startswith("/") or "\\" in value or ".." in value.split("/")
            or any(c.isspace() and c != " " or ord(c) < 32 for c in value)
            or any(c in value for c in "<>\"'`")):
        raise _fail("url", f"{value!r} is neither an http(s) URL nor a path inside content/")
    return value


def parse_when(text: str) -> dt.date | dt.datetime:
    """``2027-03-01`` or ``2027-03-01T09:00[:00][+01:00|Z]``; ``ValueError`` otherwise."""
    text = text.strip()
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _when(value: Any) -> dt.date | dt.datetime:
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, str):
        try:
            return parse_when(value)
        except ValueError:
            pass
    raise _fail("date", f"{value!r} is not a date: write 2027-03-01 or "
                        f"2027-03-01T09:00:00+01:00")


def _lang(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail("lang", f"expected a language tag such as en or fr-CA, got {type_name(value)}")
    if not langcodes.tag_is_valid(value):
        raise _fail("lang", f"{value!r} is not a valid BCP 47 language tag "
                            f"(for example en, de, fr-CA, zh-Hant)")
    return value


def _slug(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail("slug", f"expected a slug such as spring-hiring-2027, got {type_name(value)}")
    if not _SLUG_RE.match(value):
        raise _fail("slug", f"{value!r} is not a slug: use lowercase letters, "
                            f"digits and dashes (spring-hiring-2027)")
    return value


def _hashtag(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail("hashtag", f"expected a hashtag, got {type_name(value)}")
    if value.startswith("#"):
        raise _fail("hashtag", f"{value!r}: write hashtags without '#'")
    if not _HASHTAG_RE.match(value):
        raise _fail("hashtag", f"{value!r} is not a hashtag: letters, digits and "
                               f"underscores only, no spaces or punctuation")
    return value


def _listify(value: Any) -> Any:
    """Accept a single string where a list is expected (``topics: careers``)."""
    return [value] if isinstance(value, str) else value


PlainText = Annotated[str, PlainValidator(_plain_text), WithJsonSchema(
    {"type": "string", "not": {"pattern": "<\\s*/?\\s*[A-Za-z!?]"}})]
HttpUrl = Annotated[str, PlainValidator(_http_url), WithJsonSchema(
    {"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"})]
ImageRef = Annotated[str, PlainValidator(_image_ref), WithJsonSchema(
    {"type": "string", "description": "http(s) URL or a path inside content/"})]
When = Annotated[Union[dt.datetime, dt.date], PlainValidator(_when), WithJsonSchema(
    {"anyOf": [{"type": "string", "format": "date"},
               {"type": "string", "format": "date-time"}]})]
LangTag = Annotated[str, PlainValidator(_lang), WithJsonSchema(
    {"type": "string", "pattern": "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"})]
Slug = Annotated[str, PlainValidator(_slug), WithJsonSchema(
    {"type": "string", "pattern": _SLUG_RE.pattern})]
Hashtag = Annotated[str, PlainValidator(_hashtag), WithJsonSchema(
    {"type": "string", "pattern": "^\\w+$"})]
Identity = Annotated[str, PlainValidator(_identity), WithJsonSchema(
    {"type": "string", "description": "Name <email>"})]
TextList = Annotated[list[PlainText], BeforeValidator(_listify)]
ShareText = Annotated[list[PlainText], BeforeValidator(_listify), WithJsonSchema(
    {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"},
                                     "minItems": 1}]})]


class Source(BaseModel):
    """Where a feed draft came from."""

    model_config = ConfigDict(extra="forbid")

    feed: PlainText
    guid: str
    fetched: When | None = None


class QuizQuestion(BaseModel):
    """One question of a training quiz; ``answer`` is the text of the right choice."""

    model_config = ConfigDict(extra="forbid")

    question: PlainText
    choices: Annotated[list[PlainText], Field(min_length=2)]
    answer: PlainText
    explanation: PlainText | None = None

    @model_validator(mode="after")
    def _answer_is_a_choice(self) -> "QuizQuestion":
        if self.answer not in self.choices:
            raise _fail("quiz", f"answer {self.answer!r} is not one of the choices")
        return self


class FrontMatter(BaseModel):
    """Front matter of every Markdown file in content/ and suggestions/ (v1)."""

    model_config = ConfigDict(extra="forbid", title="sharehub content item",
                              json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"})

    title: PlainText = Field(description="Headline shown on the card and used as the share title.")
    type: Literal[PAGE_TYPES] = Field("item", description="item (shareable), policy, training or page.")  # type: ignore[valid-type]
    url: HttpUrl | None = Field(None, description="The link to share; without it the item shares its own hub page.")
    summary: PlainText | None = Field(None, description="Short context shown on the card.")
    kind: Literal[KINDS] = "news"  # type: ignore[valid-type]
    topics: TextList = Field(default_factory=list)
    departments: TextList = Field(default_factory=list, description="Audience; empty means everyone.")
    campaign: Slug | None = None
    featured: bool = Field(False, description="Strategic content, shown first.")
    publish: When | None = Field(None, description="Hidden before this moment.")
    expires: When | None = Field(None, description="Hidden after this moment (a date means the end of that day).")
    image: ImageRef | None = None
    image_alt: PlainText | None = Field(None, description="Text alternative of the image.")
    lang: LangTag | None = Field(None, description="BCP 47 language tag; default is the site language.")
    hashtags: Annotated[list[Hashtag], BeforeValidator(_listify)] = Field(default_factory=list)
    share: dict[str, ShareText] = Field(default_factory=dict, description=(
        "Suggested texts per network (or 'default'): a string or a list of variants."),
        json_schema_extra={"propertyNames": {"enum": list(SHARE_KEYS)}})
    suggested_by: Identity | None = None
    translation_key: Slug | None = Field(None, description=(
        "Items that translate each other share a key (one item per language); "
        "the hub shows them as one card in the employee's language."))
    approved_by: Identity | None = None
    approved: When | None = None
    status: Literal[STATUSES] | None = Field(None, description="Suggestions only.")  # type: ignore[valid-type]
    source: Source | None = Field(None, description="Feed drafts only: where the entry came from.")
    order: int | None = Field(None, description="Position of a policy, training or plain page in its section.")
    quiz: list[QuizQuestion] = Field(default_factory=list, description="Training pages only.")

    @field_validator("share", mode="before")
    @classmethod
    def _known_networks(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            if isinstance(value, str):  # `share: "text"` is the default text
                return {"default": value}
            raise _fail("share", f"expected a mapping of network to text, got {type_name(value)}")
        for key in value:
            if key not in SHARE_KEYS:
                raise _fail("share", unknown_share_key_message(key))
        return value

    @model_validator(mode="after")
    def _cross_field_rules(self) -> "FrontMatter":
        if self.publish is not None and self.expires is not None:
            utc = dt.timezone.utc
            if aware(self.expires, utc, end_of_day=True) <= aware(self.publish, utc):
                raise _fail("expires", "expires must be after publish")
        if self.quiz and self.type != "training":
            raise _fail("quiz", "a quiz belongs on a training page (type: training)")
        if self.type != "item":
            for name in ITEM_ONLY_FIELDS:
                if name in self.model_fields_set:
                    raise _fail(name, f"{name!r} only applies to shareable items, "
                                        f"not to a {self.type} page")
        return self


def aware(value: dt.date | dt.datetime | None, tz: dt.tzinfo, *, end_of_day: bool = False
          ) -> dt.datetime | None:
    """A date or datetime as an aware datetime in ``tz`` when it has no zone.

    A bare date means the start of that day, or with ``end_of_day`` the
    start of the next one (``expires: 2027-04-30`` is still live all day).
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    moment = dt.datetime.combine(value, dt.time.min, tzinfo=tz)
    return moment + dt.timedelta(days=1) if end_of_day else moment


def unknown_share_key_message(key: Any) -> str:
    """The message for an unknown network under ``share:``, with a hint."""
    if key in URL_ONLY_NETWORKS:
        return f"{key} share links carry only the URL, so a {key} text would never be used"
    hint = NETWORK_ALIASES.get(str(key).lower()) or closest(str(key), SHARE_KEYS)
    return (f"unknown network {key!r}" + (f" (did you mean {hint!r}?)" if hint else "")
            + f"; known: {', '.join(SHARE_KEYS)}")


def closest(word: str, candidates) -> str | None:
    """The candidate nearest to ``word``, if any is close enough."""
    import difflib
    match = difflib.get_close_matches(word.lower(), list(candidates), n=1, cutoff=0.6)
    return match[0] if match else None


KNOWN_FIELDS = tuple(FrontMatter.model_fields)


def json_schema() -> dict:
    """The JSON Schema of the front matter, generated from :class:`FrontMatter`."""
    return FrontMatter.model_json_schema(mode="validation")
