"""YAML reading and writing that cannot be turned against us.

* Anchors and aliases are refused: an alias bomb is cheap to load and
  explodes when traversed or dumped, and content has no use for them.
* Scalars resolve like YAML 1.2's core schema: only ``true``/``false`` are
  booleans (so ``lang: no`` stays Norwegian) and ``12:30`` stays a string
  rather than becoming 750. ISO dates and timestamps still become
  ``date``/``datetime`` objects; the model accepts both those and strings.
* Nesting is bounded before the document is composed: libyaml's composer
  recurses once per level and a few kilobytes of ``[[[[…`` crash the process.
* Writing uses the safe dumper, block style, keys in the order given.
"""

from __future__ import annotations

import re

import yaml

try:  # the C parser is 5-10x faster; fall back for platforms without libyaml
    from yaml.cyaml import CParser as _Parser
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on the platform's PyYAML
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


class YamlError(ValueError):
    """YAML that cannot be read, with the 1-based line it is about."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line


#: Deepest nesting of lists and mappings allowed in front matter.
MAX_DEPTH = 32
# Characters that can open a nesting level: flow '[' '{', block '-' and '?', and
# ':' (a block mapping nested by indentation has one per level).
_NESTING_CHARS = "[{-?:"


def check_depth(text: str, first_line: int = 1) -> None:
    """Refuse YAML nested deeper than :data:`MAX_DEPTH`, before it is composed.

    libyaml's parser is a state machine (no recursion): its events are
    counted. Text with at most twice as many possible openers as the limit
    (the front matter of almost every item) is not parsed twice: it cannot
    nest deep enough to harm.

    Raises:
        YamlError: the nesting is too deep (or the YAML is invalid where the
            depth was being counted).
    """
    if sum(text.count(ch) for ch in _NESTING_CHARS) <= 2 * MAX_DEPTH:
        return
    parser = _Parser(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(f"lists and mappings are nested more than {MAX_DEPTH} "
                                    f"levels deep", event.start_mark.line + first_line)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # the real parse reports it, with its line
    finally:
        parser.dispose()


class _CoreResolver(yaml.resolver.BaseResolver):
    """Implicit tags of YAML 1.2's core schema (plus ISO timestamps)."""

    def resolve(self, kind, value, implicit):
        # Most scalars are text that starts with a letter no implicit type
        # starts with: settle them without trying the patterns.
        if kind is yaml.ScalarNode:
            if implicit[0] and (not value or value[0] in _IMPLICIT_FIRST):
                return super().resolve(kind, value, implicit)
            return "tag:yaml.org,2002:str"
        return super().resolve(kind, value, implicit)


_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null",
    re.compile(r"^(?:~|null|Null|NULL|)$"),
    ["~", "n", "N", ""],
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(r"""^(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}
                (?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
                (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?)$""", re.X),
    list("0123456789"),
)


#: First characters of every implicit (non-text) scalar the resolver knows.
_IMPLICIT_FIRST = frozenset(ch for ch in _CoreResolver.yaml_implicit_resolvers if ch)


class _NoAliasConstructor(yaml.constructor.SafeConstructor):
    """Safe constructor that refuses any node used twice (an alias)."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise YamlError("anchors and aliases (&name / *name) are not allowed",
                            node.start_mark.line + 1)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            keys = [k.value for k, _v in node.value if isinstance(k, yaml.ScalarNode)]
            if len(set(keys)) != len(keys):
                seen = set()
                for key_node, _value in node.value:
                    if key_node.value in seen:
                        raise YamlError(f"{key_node.value!r} appears twice; keep one",
                                        key_node.start_mark.line + 1)
                    seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_float(self, node):
        value = self.construct_scalar(node)
        return float(value.replace("_", "").lower())


_NoAliasConstructor.add_constructor("tag:yaml.org,2002:float",
                                    _NoAliasConstructor.construct_yaml_float)


class _SafeLoader(_Parser, _NoAliasConstructor, _CoreResolver):
    def __init__(self, stream):
        _Parser.__init__(self, stream)
        _NoAliasConstructor.__init__(self)
        _CoreResolver.__init__(self)


class _FastLoader(_SafeLoader):
    """For text with no '&' or '*' at all, where no anchor or alias can hide."""

    construct_object = yaml.constructor.SafeConstructor.construct_object

    def construct_document(self, node):
        return _construct(self, node)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_BOOL, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"


def _construct(loader: _FastLoader, node):
    """Build the data of an alias-free document directly from its nodes.

    The same result as PyYAML's constructor (which handles every other tag
    here: numbers, timestamps, explicit tags), without its generic machinery:
    strings, mappings and lists, most of any front matter, cost a dict
    lookup each. Duplicate keys are refused as :class:`_NoAliasConstructor` does.
    """
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _MAP and isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _construct(loader, key_node)
            if key in out:
                raise YamlError(f"{key_node.value!r} appears twice; keep one",
                                key_node.start_mark.line + 1)
            out[key] = _construct(loader, value_node)
        return out
    if tag == _SEQ and isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item) for item in node.value]
    if tag == _BOOL:
        return node.value.lower() == "true"
    if tag == _NULL:
        return None
    return loader.construct_object(node, deep=True)


def load_mapping_with_lines(text: str, first_line: int = 1) -> tuple[object, dict[str, int]]:
    """Parse one YAML document.

    Args:
        first_line: the line number of ``text``'s first line in its file, so
            that every line reported (errors, keys) is a line of the file.

    Returns:
        The data, and for a top-level mapping the line of each key.

    Raises:
        YamlError: the YAML is invalid, uses aliases, or has more than one
            document.
    """
    check_depth(text, first_line)
    loader = _SafeLoader(text) if ("&" in text or "*" in text) else _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        key_lines: dict[str, int] = {}
        if isinstance(node, yaml.MappingNode):
            for key_node, _value in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key_lines.setdefault(str(key_node.value),
                                         key_node.start_mark.line + first_line)
        return loader.construct_document(node), key_lines
    except YamlError as exc:
        raise YamlError(exc.message, exc.line + first_line - 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line if mark is not None else 0) + first_line
        message = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark is not None:
            context_line = exc.context_mark.line + first_line
            if context_line != line:
                # Where the open bracket or quote started is usually the real mistake.
                message += f" ({exc.context} that starts on line {context_line})"
        raise YamlError(f"invalid YAML: {message}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", first_line) from None
    except (RecursionError, TypeError, ValueError, OverflowError) as exc:
        # TypeError: unhashable keys such as `? [a, b]`; ValueError: bad dates.
        raise YamlError(f"invalid YAML: {exc}", first_line) from None
    finally:
        loader.dispose()


def dump(data: object) -> str:
    """Serialise ``data`` as block-style YAML with the safe dumper."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=1000)
