"""Validation: documents in, items and problems out.

Every stage that reads content (check, review, promote, the feed writer and
the MkDocs plugin) calls :func:`validate_document` or :func:`check_tree`, so
a file is judged the same way everywhere. Nothing here raises for bad
content: each finding is a :class:`~sharehub.errors.Problem`, and all of a
file's and a tree's findings are reported in one run.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from sharehub.config import Hub
from sharehub.errors import ERROR, WARNING, Problem
from sharehub.content.items import Item
from sharehub.share.lengths import LIMITS, count, network_rules
from sharehub.content.index import HubIndex
from sharehub.content.loader import Document, find_markdown, read_document
from sharehub.content.model import KNOWN_FIELDS, FrontMatter, type_name, closest
from sharehub.content.safety import find_unsafe_markup

_TYPE_MESSAGES = {
    "string_type": "expected text",
    "list_type": "expected a list",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
}


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part).startswith(("function-", "list[", "union[", "lax-", "strict-")):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def _problem_from_pydantic(doc: Document, error: dict) -> Problem:
    loc = tuple(error.get("loc") or ())
    kind = error["type"]
    if not loc and kind in KNOWN_FIELDS:  # cross-field rules name their field as the type
        loc = (kind,)
    field_name = _field_path(loc)
    top = str(loc[0]) if loc else ""
    line = doc.line_of(top)
    value = error.get("input")
    if kind == "missing":
        message = "required field is missing"
        line = 1 if not top else line
    elif kind == "extra_forbidden":
        last = str(loc[-1])
        choices = KNOWN_FIELDS if len(loc) == 1 else ()
        hint = closest(last, choices) if choices else None
        message = f"unknown field{f' (did you mean {hint!r}?)' if hint else ''}"
    elif kind in _TYPE_MESSAGES:
        message = f"{_TYPE_MESSAGES[kind]}, got {type_name(value)}"
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = re.findall(r"'([^']*)'", expected)
        hint = closest(str(value), choices) if isinstance(value, str) else None
        message = (f"unknown value {value!r}" + (f" (did you mean {hint!r}?)" if hint else "")
                   + f"; expected one of {', '.join(choices)}")
    elif kind == "too_short":
        message = f"needs at least {error.get('ctx', {}).get('min_length', 1)} entries"
    else:
        message = error["msg"]
    return Problem(str(doc.path), line, field_name, message)


@dataclass
class Report:
    """The outcome of checking files: valid items and every problem found.

    ``links`` holds ``(canonical URL, path, line)`` of every valid item with a
    url, which is all the duplicate search needs; ``translations`` holds
    ``(translation_key, lang, path, line)`` of every valid item with a key.
    """

    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    links: list[tuple[str, str, int]] = field(default_factory=list)
    translations: list[tuple[str, str, str, int]] = field(default_factory=list)
    #: Files validated in worker processes (0 when validated in this process).
    worker_tasks: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, item: Item | None, problems: list[Problem], keep_item: bool = True) -> None:
        self.problems.extend(problems)
        if item is not None:
            if keep_item:
                self.items.append(item)
            canonical = item.canonical
            if canonical:
                self.links.append((canonical, str(item.path), item.doc.line_of("url")))
            if item.meta.translation_key:
                self.translations.append(translation_entry(item))


def translation_entry(item: Item) -> tuple[str, str, str, int]:
    """``(translation_key, lang, path, line)``: what the one-item-per-language rule needs."""
    return (item.meta.translation_key, item.lang.lower(), str(item.path),
            item.doc.line_of("translation_key"))


@functools.lru_cache(maxsize=64)
def _bases(content_dir: str, suggestions_dir: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each root as written and with links resolved (computed once per hub)."""
    return tuple((where, tuple({os.path.abspath(root), os.path.realpath(root)}))
                 for where, root in (("content", content_dir), ("suggestions", suggestions_dir)))


def _relative(path: Path, hub: Hub) -> tuple[str, PurePosixPath]:
    """Which root a file belongs to (content, suggestions, other) and its path there."""
    absolute = os.path.abspath(path)
    for where, bases in _bases(str(hub.content_dir), str(hub.suggestions_dir)):
        for base in bases:
            if absolute.startswith(base + os.sep):
                return where, PurePosixPath(absolute[len(base) + 1:].replace(os.sep, "/"))
    return "other", PurePosixPath(path.name)


def validate_document(doc: Document, hub: Hub, *, rules: bool = True
                      ) -> tuple[Item | None, list[Problem]]:
    """Validate one loaded document against the model and the hub's rules.

    Args:
        rules: also apply :func:`item_rules` (body markup, banned phrases,
            lengths per network). The site build may run them later, in a
            worker, and report their problems at the end of the build.

    Returns:
        The item (``None`` when the front matter is invalid) and every
        problem found in the file.
    """
    if doc.problems:
        return None, list(doc.problems)
    if doc.plain:  # a plain Markdown page, as in MkDocs: titled by its first heading
        if _relative(doc.path, hub)[0] != "content":
            return None, [Problem(str(doc.path), 1, "", "no front matter: start the file with "
                                  "a '---' line, a 'title:' and a closing '---'")]
        heading = re.search(r"^#[ \t]+(.+?)[ \t#]*$", doc.body, re.M)
        doc.meta = {"type": "page", "title": heading.group(1) if heading else doc.path.stem}
    try:
        meta = FrontMatter.model_validate(doc.meta)
    except ValidationError as exc:
        problems = [_problem_from_pydantic(doc, err) for err in exc.errors(include_url=False)]
        return None, sorted(set(problems))
    where, rel = _relative(doc.path, hub)
    item = Item(doc=doc, meta=meta, hub=hub, rel_path=rel)
    return item, (_item_rules(item, where) if rules else [])


def item_rules(item: Item) -> list[Problem]:
    """The rules beyond the schema for one valid item (see :func:`validate_document`)."""
    return _item_rules(item, _relative(item.path, item.hub)[0])


def _item_rules(item: Item, where: str) -> list[Problem]:
    doc, meta, options = item.doc, item.meta, item.hub.options
    name = str(doc.path)
    problems: list[Problem] = []

    for line, message in find_unsafe_markup(doc.body):
        problems.append(Problem(name, doc.body_line + line - 1, "body", message))

    if not item.is_shareable:
        return problems
    problems += _image_problems(item, where)
    if where == "content" and meta.status is not None:
        problems.append(Problem(name, doc.line_of("status"), "status",
                                "status belongs to suggestions; promote drops it", WARNING))
    if not meta.url and not item.hub.site_url:
        problems.append(Problem(name, 1, "url", "no url: the item shares its own hub page, "
                                "which needs site_url in mkdocs.yml", WARNING))

    rules = _hub_rules(options)
    texts = [("title", meta.title)] + ([("summary", meta.summary)] if meta.summary else [])
    for key, variants in meta.share.items():
        texts += [(f"share.{key}" + (f"[{i}]" if len(variants) > 1 else ""), text)
                  for i, text in enumerate(variants)]
    for field_name, text in texts:
        lowered = text.lower()
        for phrase in rules.banned:
            if phrase.lower() in lowered:
                problems.append(Problem(name, doc.line_of(field_name.split(".")[0]), field_name,
                                        f"contains the banned phrase {phrase!r}"))

    if item.target_url and rules.limited_networks:
        # Most texts fit by far: a bound on the landing text (text, every hashtag,
        # the disclosure, the longest tracked link) settles them without
        # composing the text, building the link or counting; the rest are counted.
        first = rules.limited_networks[0]
        first_link = item.link_for(first)
        extras = [*meta.hashtags, rules.disclosure]
        extra_length = sum(len(tag) + 2 for tag in meta.hashtags) + len(rules.disclosure) + 4
        extra_marks = sum(part.count(".") + part.count(":") for part in [first_link, *extras])
        extra_ascii = first_link.isascii() and all(part.isascii() for part in extras)
        for network in rules.limited_networks:
            variants = item.texts(network)
            link_length = len(first_link) + max(0, len(network) - len(first))
            for i, raw in enumerate(variants):
                bound = _Bound(len(raw) + extra_length + link_length,
                               raw.count(".") + raw.count(":") + extra_marks,
                               extra_ascii and raw.isascii())
                if _fits_for_sure(network, bound, rules.counting[network]):
                    continue
                counted = count(network, item.landing(network, i), rules.counting)
                if not counted.fits:
                    key = network if network in meta.share else "default"
                    field_name = f"share.{key}" + (f"[{i}]" if len(variants) > 1 else "")
                    problems.append(Problem(
                        name, doc.line_of("share") if meta.share else doc.line_of("title"),
                        field_name, counted.describe(" with link, hashtags and disclosure")))
    return problems


def _image_problems(item: Item, where: str) -> list[Problem]:
    """A remote image is a third-party request for every employee (a warning); a local
    one is a path relative to the item's file that must exist (an error in content/,
    a warning in suggestions/, whose images may arrive with the promotion)."""
    image = item.meta.image
    if not image:
        return []
    name, line = str(item.doc.path), item.doc.line_of("image")
    if image.startswith(("http://", "https://")):
        return [Problem(name, line, "image", "a remote image: every employee's browser will "
                        "fetch it from another site; put the file in content/ next to the item",
                        WARNING)]
    if (item.doc.path.parent / image).is_file():
        return []
    return [Problem(name, line, "image", f"{image!r} does not exist next to this file (a "
                    "local image is relative to the item's file)",
                    WARNING if where == "suggestions" else ERROR)]


@dataclass(frozen=True)
class _HubRules:
    banned: tuple[str, ...]
    limited_networks: tuple[str, ...]
    counting: dict
    disclosure: str


@dataclass(frozen=True)
class _Bound:
    """At least the length of a landing text, its '.'/':' count, and whether it is ASCII."""

    length: int
    marks: int
    ascii: bool


_RULES_CACHE: dict[int, tuple[object, _HubRules]] = {}


def _hub_rules(options) -> _HubRules:
    """The hub's banned phrases and counting rules, read once per hub (not per item)."""
    cached = _RULES_CACHE.get(id(options))
    if cached is not None and cached[0] is options:
        return cached[1]
    rules = _HubRules(banned=tuple(p for p in options.banned_phrases if p.strip()),
                      limited_networks=tuple(n for n in options.networks if n in LIMITS),
                      counting=network_rules(options), disclosure=options.disclosure.strip())
    _RULES_CACHE.clear()
    _RULES_CACHE[id(options)] = (options, rules)
    return rules


def _fits_for_sure(network: str, bound: _Bound, rules: dict) -> bool:
    """Whether a text fits ``network``'s limit by a bound cheaper than counting it.

    Every way of counting is bounded by the text's length: a URL counts
    ``url_length`` (X, Mastodon) however long it is, and every URL has a '.'
    or a ':'; X weighs ASCII by its first range; Bluesky counts graphemes (at
    most one per code point) of a text whose links only get shorter, and at
    most four bytes each. When the bound says "maybe not",
    :func:`~sharehub.share.lengths.count` decides.
    """
    limit = rules.get("limit")
    if limit is None:
        return True
    if network == "x":
        if not bound.ascii:
            return False  # X refuses some invisible characters: count it
        scale = rules.get("scale", 1)
        weight = next((w for start, end, w in rules.get("ranges", ()) if start <= 0 and end >= 127),
                      rules.get("default_weight", scale))
        return bound.length * weight / scale + bound.marks * rules.get("url_length", 0) <= limit
    if network == "mastodon":
        return bound.length + bound.marks * rules.get("url_length", 0) <= limit
    if network == "bluesky":
        return bound.length <= limit and 4 * bound.length <= rules.get("byte_limit", 4 * limit)
    if network in ("threads", "linkedin", "teams"):  # counted in code points
        return bound.length <= limit
    return False


def check_documents(docs: list[Document], hub: Hub, *, rules: bool = True) -> Report:
    """Validate documents one by one, then the rules that span files."""
    report = Report(files=len(docs))
    for doc in docs:
        report.add(*validate_document(doc, hub, rules=rules))
    return _finish(report)


def _finish(report: Report) -> Report:
    report.problems.extend(duplicate_problems(report.links))
    report.problems.extend(translation_problems(report.translations))
    report.problems.sort(key=lambda p: (p.path, p.line, p.field, p.message))
    return report


def duplicate_problems(links: list[tuple[str, str, int]]) -> list[Problem]:
    """Items that share one canonical URL (tracking parameters ignored).

    Args:
        links: ``(canonical URL, path, line of url)`` per item, in file order.
    """
    first: dict[str, str] = {}
    problems = []
    for canonical, path, line in links:
        seen = first.setdefault(canonical, path)
        if seen != path:
            problems.append(Problem(path, line, "url", f"same link as {seen} (duplicate item)"))
    return problems


def translation_problems(entries, others=()) -> list[Problem]:
    """Two items with one ``translation_key`` in one language (a key links one item per language).

    Args:
        entries: ``(key, lang, path, line)`` of the checked items, in file order.
        others: the same of items elsewhere in the hub, compared but not reported.
    """
    first: dict[tuple[str, str], str] = {(key, lang): path for key, lang, path, _ in others}
    problems = []
    for key, lang, path, line in entries:
        seen = first.setdefault((key, lang), path)
        if seen != path:
            problems.append(Problem(path, line, "translation_key",
                                    f"{seen} already has translation_key {key!r} in {lang!r} "
                                    f"(one item per language per key)"))
    return problems


#: From this many files on, ``check`` validates in several processes.
CHECK_PARALLEL_FROM = 2000


def _check_files(hub: Hub, files: list[Path]) -> tuple[list[Problem], list, list]:
    report = Report()
    for path in files:
        report.add(*validate_document(read_document(path), hub), keep_item=False)
    return report.problems, report.links, report.translations


def check_files_parallel(files: list[Path], hub: Hub, workers: int) -> Report:
    """Validate in forked workers; only problems and links come back (no items)."""
    from sharehub.parallel import ForkPool

    chunks = [(files[i::workers * 4],) for i in range(workers * 4)]
    report = Report(files=len(files))
    with ForkPool(hub, workers, name="check") as pool:
        for problems, links, translations in pool.map(_check_files, chunks):
            report.problems.extend(problems)
            report.links.extend(links)
            report.translations.extend(translations)
        report.worker_tasks = pool.worker_tasks
    report.links.sort(key=lambda link: link[1])  # file order, as the serial run sees it
    report.translations.sort(key=lambda entry: entry[2])
    return _finish(report)


def display_path(path: Path) -> Path:
    """``path`` relative to the working directory when it is inside it.

    Messages and GitHub annotations then name files the way the repository does.
    """
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def default_paths(hub: Hub) -> list[Path]:
    """``content/`` and ``suggestions/`` of the hub, where they exist."""
    return [display_path(p) for p in (hub.content_dir, hub.suggestions_dir) if p.is_dir()]


def check_paths(paths, hub: Hub, *, keep_items: bool = True) -> Report:
    """Load and validate every Markdown file under ``paths``.

    Duplicates are looked for against the whole hub, so checking one new
    suggestion still finds the published item it repeats.

    Args:
        keep_items: return the valid items too. Without them (``sharehub
            check``), large trees are validated in parallel processes.
    """
    from sharehub.parallel import can_fork, default_workers

    given = [Path(p) for p in paths] if paths else default_paths(hub)
    missing = [p for p in given if not p.exists()]
    files = find_markdown([p for p in given if p.exists()])
    workers = default_workers()
    if not keep_items and len(files) >= CHECK_PARALLEL_FROM and workers > 1 and can_fork():
        report = check_files_parallel(files, hub, workers)
    else:
        report = check_documents([read_document(f) for f in files], hub)
    report.problems.extend(Problem(str(p), 1, "", "no such file or folder") for p in missing)
    if paths:
        _add_duplicates_against_hub(report, hub, set(files))
        _add_translation_clashes_against_hub(report, hub, set(files))
    return report


def _add_duplicates_against_hub(report: Report, hub: Hub, checked: set[Path]) -> None:
    if not report.links:
        return
    index = HubIndex.from_hub(hub)
    for canonical, path, line in report.links:
        for other in index.files_with_url(canonical, exclude=checked):
            report.problems.append(Problem(path, line, "url",
                                           f"same link as {other} (duplicate item)"))


def _add_translation_clashes_against_hub(report: Report, hub: Hub, checked: set[Path]) -> None:
    """A checked item whose key and language an item elsewhere in the hub already has."""
    if not report.translations:
        return
    checked_real = {os.path.realpath(p) for p in checked}
    others = Report()
    for path in find_markdown(default_paths(hub)):
        if os.path.realpath(path) in checked_real or b"translation_key" not in path.read_bytes():
            continue
        others.add(*validate_document(read_document(path), hub, rules=False), keep_item=False)
    report.problems.extend(translation_problems(report.translations, others.translations))
