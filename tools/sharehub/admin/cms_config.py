"""Decap CMS configuration generated from the content model.

Every widget comes from :func:`sharehub.content.model.json_schema` (the
JSON Schema ``sharehub schema`` prints): its types, enums, patterns,
required fields and nested definitions. The hub's own configuration fills
in what the schema leaves open: the departments and topics offered, the
networks under ``share:`` and the time zone of dates. A schema field that
no rule below can turn into a widget raises :class:`MissingWidget`, so a
new field in the model cannot silently be missing from the editor.
"""

from __future__ import annotations

import inspect
from collections import Counter
from pathlib import Path

from sharehub.config import Hub
from sharehub.content.loader import find_markdown, read_document
from sharehub.content.model import ITEM_ONLY_FIELDS, SHARE_KEYS, json_schema
from sharehub.workflow.promote import target_for as promote_target

#: Stored form of dates and times: no zone, so every stage reads them in
#: the hub's time zone (``sharehub.content.model.aware``).
DATETIME_FORMAT = "YYYY-MM-DDTHH:mm"
#: Fields whose values only certain pages carry (the model's descriptions say so).
SUGGESTION_ONLY = ("status", "source")
TRAINING_ONLY = ("quiz",)
#: Where ``sharehub promote`` moves suggestions (its default folder in content/).
PROMOTED_TO = inspect.signature(promote_target).parameters["folder"].default
#: Where pydantic's generated titles read badly.
LABELS = {"Url": "URL", "Lang": "Language", "Image Alt": "Image description"}
NO_HTML = "plain text only: '<' followed by a letter looks like an HTML tag"


class MissingWidget(ValueError):
    """A schema field that the editor has no widget for."""


def _not_pattern(pattern: str) -> str:
    """A JavaScript regex matching text that does NOT contain ``pattern``."""
    return f"^(?![\\s\\S]*{pattern})[\\s\\S]*$"


def _variant(prop: dict) -> tuple[dict, bool]:
    """The non-null schema of ``prop`` and whether null is allowed."""
    options = prop.get("anyOf")
    if not options:
        return prop, False
    rest = [o for o in options if o.get("type") != "null"]
    nullable = len(rest) != len(options)
    if len(rest) == 1:
        merged = {k: v for k, v in prop.items() if k != "anyOf"}
        return {**rest[0], **merged}, nullable
    return {**prop, "anyOf": rest}, nullable


def _pattern(schema: dict) -> list[str] | None:
    if "pattern" in schema:
        return [schema["pattern"], f"must match {schema['pattern']}"]
    if "pattern" in schema.get("not", {}):
        return [_not_pattern(schema["not"]["pattern"]), NO_HTML]
    return None


def _is_when(schema: dict) -> bool:
    formats = {o.get("format") for o in schema.get("anyOf", [])}
    return {"date", "date-time"} <= formats


class WidgetBuilder:
    """Turns schema properties into Decap fields with the hub's choices."""

    def __init__(self, hub: Hub, choices: dict[str, list[str]]):
        self.hub = hub
        self.choices = choices
        self.schema = json_schema()
        self.defs = self.schema.get("$defs", {})

    def field(self, name: str, prop: dict, *, required: bool = False) -> dict:
        """One Decap field for the schema property ``name``."""
        schema, _nullable = _variant(prop)
        if "$ref" in schema:
            schema = {**self.defs[schema["$ref"].rsplit("/", 1)[1]], **{
                k: v for k, v in schema.items() if k != "$ref"}}
        label = schema.get("title") or name.replace("_", " ").capitalize()
        out = {"name": name, "label": LABELS.get(label, label), "required": required}
        if schema.get("description"):
            out["hint"] = schema["description"]
        out.update(self._widget(name, schema, required))
        if "default" in prop and prop["default"] not in (None, [], {}) and out["widget"] != "hidden":
            out["default"] = prop["default"]
        return out

    def _widget(self, name: str, schema: dict, required: bool = False) -> dict:
        kind = schema.get("type")
        if name == "share":
            return self._share(schema)
        if name == "image":
            return {"widget": "image", "choose_url": True, "allow_multiple": False}
        if name in self.choices and kind == "array":
            options = self.choices[name]
            if options:
                return {"widget": "select", "multiple": True, "options": self._options(name, options)}
            return {"widget": "list", "field": {"name": name[:-1], "label": name[:-1],
                                                "widget": "string"}}
        if "enum" in schema:
            named = {"kind": "kinds"}.get(name)
            return {"widget": "select", "options": self._options(named, list(schema["enum"]))
                    if named else list(schema["enum"])}
        if _is_when(schema):
            return {"widget": "datetime", "format": DATETIME_FORMAT,
                    "date_format": "YYYY-MM-DD", "time_format": "HH:mm",
                    "hint": f"{schema.get('description', '')} Time in {self.hub.options.timezone} "
                            f"(the hub's time zone).".strip()}
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind == "integer":
            return {"widget": "number", "value_type": "int"}
        if kind == "string":
            widget = {"widget": "text" if name in ("summary", "explanation") else "string"}
            pattern = _pattern(schema)
            if pattern:
                widget["pattern"] = pattern
            return widget
        if kind == "array":
            return self._list(name, schema)
        if kind == "object" and "properties" in schema:
            # Decap checks required sub-fields even when an optional object is
            # left out: the schema's required ones are required only when the
            # object itself is (a quiz question once added; not `source:`).
            inner = set(schema.get("required", [])) if required else set()
            return {"widget": "object", "collapsed": True, "fields": [
                self.field(key, value, required=key in inner)
                for key, value in schema["properties"].items()]}
        raise MissingWidget(f"no widget for the schema field {name!r}: {schema}")

    def _options(self, labels: str, values: list[str]) -> list[dict]:
        """Select options with the hub's human names (``labels:`` in mkdocs.yml)."""
        names = getattr(self.hub.options.labels, labels, None) or {}
        return [{"label": names.get(v) or v.replace("-", " "), "value": v} for v in values]

    def _list(self, name: str, schema: dict) -> dict:
        items = schema.get("items", {})
        out = {"widget": "list"}
        if "minItems" in schema:
            out["min"] = schema["minItems"]
        if "$ref" in items or items.get("type") == "object":
            sub = self.field(name, items, required=True)  # each list entry exists once added
            out.update(fields=sub["fields"], summary="{{fields.question}}")
            return out
        if items.get("type") != "string":
            raise MissingWidget(f"no widget for the items of {name!r}: {items}")
        out["field"] = {"name": name.rstrip("s") or name, "label": name.rstrip("s"),
                        "widget": "string"}
        pattern = _pattern(items)
        if pattern:
            out["field"]["pattern"] = pattern
        return out

    def _share(self, schema: dict) -> dict:
        allowed = schema.get("propertyNames", {}).get("enum", SHARE_KEYS)
        keys = ["default"] + [n for n in self.hub.options.networks if n in allowed and n != "default"]
        return {"widget": "object", "collapsed": False, "fields": [
            {"name": key, "label": "Every network" if key == "default" else key,
             "required": False, "widget": "list", "allow_add": True,
             "hint": "One text per variant; employees pick one.",
             "field": {"name": "text", "label": "text", "widget": "text",
                       "pattern": [_not_pattern("<\\s*/?\\s*[A-Za-z!?]"), NO_HTML]}}
            for key in keys]}

    def fields(self, page_type: str, *, suggestion: bool = False) -> list[dict]:
        """The fields of one collection, following the model's own rules."""
        required = set(self.schema.get("required", []))
        out = []
        for name, prop in self.schema["properties"].items():
            if page_type != "item" and name in ITEM_ONLY_FIELDS:
                continue
            if name in TRAINING_ONLY and page_type != "training":
                continue
            if name in SUGGESTION_ONLY and not suggestion:
                continue
            if name == "type":
                out.append({"name": "type", "label": "Type", "widget": "hidden",
                            "default": page_type})
                continue
            out.append(self.field(name, prop, required=name in required))
        # The body of a suggestion is a stranger's text: Decap's preview must
        # sanitise it (its default today; pinned here so it stays so).
        out.append({"name": "body", "label": "Talking points" if page_type == "item" else "Text",
                    "widget": "markdown", "required": False, "sanitize_preview": True})
        return out


def _rel(path: Path, root: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def scan_content(hub: Hub, items=None) -> tuple[dict[str, Counter], dict[str, list[str]]]:
    """Page types per folder of content/, and the departments and topics in use.

    Args:
        items: content/'s validated items when the caller has them (the
            site build), so the files are not read twice; else read here.
    """
    folders: dict[str, Counter] = {}
    used: dict[str, set[str]] = {"departments": set(), "topics": set()}
    content = _rel(hub.content_dir, hub.root)
    if items is None:
        metas = [(path, read_document(path).meta) for path in find_markdown([hub.content_dir])]
        pages = [(_rel(path.parent, hub.root), meta if isinstance(meta, dict) else {})
                 for path, meta in metas]
    else:
        pages = [("/".join([content, *item.rel_path.parent.parts]),
                  item.meta.model_dump(include={"type", "departments", "topics"}))
                 for item in items]
    for path in find_markdown([hub.suggestions_dir]):
        meta = read_document(path).meta
        pages.append((None, meta if isinstance(meta, dict) else {}))
    for folder, meta in pages:
        for key in used:
            values = meta.get(key) or []
            used[key].update(v for v in ([values] if isinstance(values, str) else values)
                             if isinstance(v, str))
        if folder and folder != content:
            page_type = meta.get("type") if isinstance(meta.get("type"), str) else "item"
            folders.setdefault(folder, Counter())[page_type] += 1
    return folders, {key: sorted(values) for key, values in used.items()}


def github_repo(hub: Hub, repo_url: str = "") -> str:
    """``owner/name`` the editor signs in to, or "" when the hub names none."""
    admin = hub.options.admin
    for candidate in (admin.repo, hub.options.suggest_repo, repo_url):
        candidate = (candidate or "").strip().strip("/")
        if candidate.startswith("https://github.com/"):
            candidate = candidate.removeprefix("https://github.com/").removesuffix(".git")
        if candidate.count("/") == 1:
            return candidate
    return ""


def cms_config(hub: Hub, *, repo_url: str = "", local_backend: str = "", items=None) -> dict:
    """The complete Decap CMS configuration of the hub.

    Args:
        repo_url: MkDocs' ``repo_url`` (the fallback GitHub repository).
        local_backend: URL of the local backend (``sharehub edit``); empty
            for the published hub, which then never probes localhost.
        items: content/'s validated items, if already loaded (see :func:`scan_content`).
    """
    admin = hub.options.admin
    folders, used = scan_content(hub, items)
    # The hub's named departments and topics (labels:), and any already in use.
    choices = {key: sorted(set(getattr(hub.options.labels, key) or {}) | set(used[key]))
               for key in ("departments", "topics")}
    builder = WidgetBuilder(hub, choices)
    backend = {"name": "github", "repo": github_repo(hub, repo_url), "branch": admin.branch,
               "open_authoring": bool(admin.open_authoring), "squash_merges": True,
               "commit_messages": {"create": "New {{collection}}: {{slug}} (via /admin/)",
                                   "update": "Edit {{collection}}: {{slug}} (via /admin/)"}}
    if admin.auth_url:
        backend["base_url"] = admin.auth_url
    if admin.auth_endpoint:
        backend["auth_endpoint"] = admin.auth_endpoint
    content = _rel(hub.content_dir, hub.root)
    config = {
        "backend": backend,
        # Drafts are branches and pull requests: approval stays in code review.
        "publish_mode": "editorial_workflow",
        "media_folder": f"{content}/images",
        "public_folder": "images",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [],
    }
    if local_backend:
        config["local_backend"] = {"url": local_backend}
    common = {"extension": "md", "format": "frontmatter", "media_folder": "images",
              "public_folder": "images", "summary": "{{title}}"}
    suggestions = _rel(hub.suggestions_dir, hub.root)
    config["collections"].append({
        "name": "suggestions", "label": "Suggestions", "label_singular": "Suggestion",
        "description": "New items start here and reach content/ when a reviewer promotes them.",
        "folder": suggestions, "create": True, "delete": False,
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}", **common,
        # Images go where the item will live once promoted (content/posts/,
        # sharehub.workflow.promote), so `image: images/...` stays right.
        "media_folder": f"/{content}/{PROMOTED_TO}/images",
        "fields": builder.fields("item", suggestion=True)})
    for page_type in ("policy", "training"):  # the sections every hub has, even empty
        if not any(page_type in types for types in folders.values()):
            folders[f"{content}/{page_type}"] = Counter({page_type: 1})
    for folder, types in sorted(folders.items()):
        page_type = types.most_common(1)[0][0]
        name = folder.removeprefix(f"{content}/").replace("/", "-") or "pages"
        label = name.replace("-", " ").capitalize()
        collection = {"name": name, "label": label, "folder": folder, "delete": False, **common,
                      "fields": builder.fields(page_type)}
        if page_type == "item":
            # New items are suggestions; here people edit what is published.
            collection.update(create=False, description="Published items; new ones start as suggestions.")
        else:
            collection.update(create=True, slug="{{slug}}")
        config["collections"].append(collection)
    return config


def field_names(config: dict) -> set[str]:
    """Every top-level field name that some collection of ``config`` offers."""
    return {f["name"] for c in config["collections"] for f in c["fields"]}
