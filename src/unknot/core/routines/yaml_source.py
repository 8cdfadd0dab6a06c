"""Reading untrusted YAML into plain data with the line and column of every value.

The document is built from PyYAML's event stream in one iterative pass, so no tag can
construct a Python object, nesting depth, aliases and total size are bounded before any
of them can exhaust the stack or memory, and every key and value keeps its location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from .text import clean_text

try:  # libyaml's parser when it is there; the pure-Python one otherwise
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_ALIASES = 100
MAX_NODES = 200_000

#: A path into a document: mapping keys and sequence indexes.
DocPath = tuple[str | int, ...]


#: What to do about the YAML reader's commonest complaints (its words, then ours).
_YAML_ADVICE = {
    "found a tab character that violates indentation": (
        "replace the tabs with spaces: YAML is indented with spaces only"
    ),
    "did not find expected key": (
        "a line is indented less, or more, than the block it belongs to: the keys of one mapping start "
        "in the same column; ASCII art whose first line starts with spaces needs `|2` instead of `|`"
    ),
    "did not find expected '-' indicator": (
        "a list item is out of line: start every item of a list with '- ' at the same indentation, and "
        "indent the text of a block (`|`) further than its key"
    ),
}


def friendlier_yaml_problem(problem: str) -> str:
    """Return the YAML reader's complaint with what to do about it, when it is a common one."""
    advice = _YAML_ADVICE.get(problem.strip())
    return f"{problem.strip()}: {advice}" if advice else problem


class YamlError(Exception):
    """A file that cannot be read as one YAML mapping; carries where it went wrong."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class YamlDocument:
    """Plain data read from a YAML file, with the 1-based location of each value and key."""

    data: Any
    value_locations: dict[DocPath, tuple[int, int]] = field(default_factory=dict)
    key_locations: dict[DocPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: DocPath, *, key: bool = False) -> tuple[int, int]:
        """Return the location of `path`, or of its nearest located ancestor."""
        table = self.key_locations if key else self.value_locations
        while path:
            if path in table:
                return table[path]
            if path in self.value_locations:
                return self.value_locations[path]
            path = path[:-1]
        return self.value_locations.get((), (1, 1))


_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
_STR_TAG = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
}
# Dates and times stay as the text the author wrote; nothing in a routine is a date.
_TEXT_TAGS = {_STR_TAG, "tag:yaml.org,2002:timestamp"}


def _line_without_colon(text: str, line: int) -> tuple[int, int, str] | None:
    """Where a key lost its colon (`- title Lying twist`), which the reader only notices a line later.

    Returns (line, column, what to do) for the nearest line above `line` that holds words but no
    `:`, or None when there is no such line (then the reader's own place and words stand).
    """
    lines = text.split("\n")
    for number in range(min(line, len(lines)) - 1, 0, -1):
        candidate = lines[number - 1]
        stripped = candidate.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if ":" in stripped or stripped in ("-", "|", ">"):
            return None
        words = stripped.removeprefix("- ").split(maxsplit=1)
        column = len(candidate) - len(candidate.lstrip()) + (2 if stripped.startswith("- ") else 0) + 1
        key = clean_text(words[0])[:40]
        example = f"{key}: {clean_text(words[1])[:40]}" if len(words) > 1 else f"{key}: ..."
        return number, column, f"a ':' is missing after the key here: write `{example}`"
    return None


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _tag_name(tag: str) -> str:
    return clean_text(tag.replace("tag:yaml.org,2002:", "!!"))


def _scalar_value(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    if tag in _TEXT_TAGS:
        return clean_text(event.value)
    construct = _SCALAR_TAGS.get(tag)
    if construct is None:
        line, column = _mark(event)
        raise YamlError(f"the tag {_tag_name(tag)!r} is not allowed in a routine file", line, column)
    node = yaml.ScalarNode(tag, event.value, style=event.style)
    try:
        return construct(node)
    except (ConstructorError, ValueError) as error:
        line, column = _mark(event)
        raise YamlError(f"cannot read {clean_text(event.value)!r}: {error}", line, column) from None


class _Collection:
    """A mapping or sequence under construction."""

    __slots__ = ("anchor", "path", "pending_key", "value", "weight")

    def __init__(self, value: Any, path: DocPath, anchor: str | None) -> None:
        self.value = value
        self.path = path
        self.pending_key: Any = _NO_KEY
        self.weight = 1
        self.anchor = anchor


_NO_KEY = object()


def _hashable_key(key: Any, event: yaml.Event) -> str | int | float | bool | None:
    if key is None or isinstance(key, (str, int, float, bool)):
        return key
    line, column = _mark(event)
    raise YamlError("a mapping key must be plain text, not a list or mapping", line, column)


def parse_yaml(text: str) -> YamlDocument:
    """Read one YAML document from `text` into plain data with locations.

    Raises YamlError, located, for anything that is not exactly one document within limits.
    """
    document = YamlDocument(data=None)
    stack: list[_Collection] = []
    anchors: dict[str, tuple[Any, int]] = {}
    documents = 0
    aliases = 0
    total_weight = 0
    root_seen = False

    def child_path(parent: _Collection) -> DocPath:
        if isinstance(parent.value, list):
            return (*parent.path, len(parent.value))
        return (*parent.path, parent.pending_key)

    def attach(value: Any, weight: int, event: yaml.Event, path: DocPath) -> None:
        nonlocal root_seen, total_weight
        total_weight += weight
        if total_weight > MAX_NODES:
            line, column = _mark(event)
            raise YamlError(f"the document expands to more than {MAX_NODES:,} values", line, column)
        if not stack:
            document.data = value
            root_seen = True
            return
        parent = stack[-1]
        parent.weight += weight
        if isinstance(parent.value, list):
            parent.value.append(value)
            document.value_locations.setdefault(path, _mark(event))
        elif parent.pending_key is _NO_KEY:
            key = _hashable_key(value, event)
            if key in parent.value:
                line, column = _mark(event)
                raise YamlError(f"duplicate key {key!r}", line, column)
            parent.pending_key = key
            parent.value[key] = None
            key_part = key if isinstance(key, (str, int)) else str(key)
            document.key_locations[(*parent.path, key_part)] = _mark(event)
        else:
            parent.value[parent.pending_key] = value
            document.value_locations.setdefault(path, _mark(event))
            parent.pending_key = _NO_KEY

    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    line, column = _mark(event)
                    raise YamlError("a routine file holds one document; found a second", line, column)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    line, column = _mark(event)
                    raise YamlError(f"nested deeper than {MAX_DEPTH} levels", line, column)
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    line, column = _mark(event)
                    raise YamlError(f"the tag {_tag_name(event.tag)!r} is not allowed in a routine file", line, column)
                path = child_path(stack[-1]) if stack else ()
                is_key = bool(stack) and isinstance(stack[-1].value, dict) and stack[-1].pending_key is _NO_KEY
                if is_key:
                    line, column = _mark(event)
                    raise YamlError("a mapping key must be plain text, not a list or mapping", line, column)
                document.value_locations[path] = _mark(event)
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                stack.append(_Collection(container, path, event.anchor))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop()
                if done.anchor is not None:
                    anchors[done.anchor] = (done.value, done.weight)
                total_weight -= done.weight - 1  # children were counted as they arrived
                attach(done.value, done.weight, event, done.path)
            elif isinstance(event, yaml.ScalarEvent):
                value = _scalar_value(event)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                attach(value, 1, event, child_path(stack[-1]) if stack else ())
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    line, column = _mark(event)
                    raise YamlError(f"more than {MAX_ALIASES} aliases", line, column)
                if event.anchor not in anchors:
                    line, column = _mark(event)
                    raise YamlError(f"unknown alias {clean_text(event.anchor or '')!r}", line, column)
                value, weight = anchors[event.anchor]
                attach(value, weight, event, child_path(stack[-1]) if stack else ())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = error.problem or error.context or "not valid YAML"
        if "maximum nesting depth" in problem:  # libyaml (PyYAML >= 6.0.3) counts depth before we see events
            problem = f"nested deeper than {MAX_DEPTH} levels"
        if "cannot start any token" in problem and "\t" in text.split("\n")[line - 1][:column]:
            problem = "a tab cannot indent YAML; use spaces"
        if problem.startswith(("mapping values are not allowed", "could not find expected ':'")):
            found = _line_without_colon(text, line)
            if found is not None:
                line, column, problem = found
        raise YamlError(clean_text(friendlier_yaml_problem(problem)), line, column) from None
    except yaml.YAMLError as error:
        raise YamlError(clean_text(str(error).splitlines()[0] if str(error) else "not valid YAML")) from None
    if not root_seen or document.data is None:
        raise YamlError("the file is empty; a routine is a mapping with at least a title and steps")
    document.value_locations.setdefault((), (1, 1))
    return document


def read_yaml_file(path: Path) -> YamlDocument:
    """Read and parse one file, refusing directories, huge files and text that is not UTF-8."""
    try:
        if not path.is_file():
            if path.is_symlink() and not path.exists():
                raise YamlError("a symbolic link to a file that does not exist")
            if path.is_dir():
                raise YamlError("a folder, not a file")
            raise YamlError("not a regular file")
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise YamlError(f"cannot read the file: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(f"larger than {MAX_FILE_BYTES // 1024} KiB; a routine file is small text")
    return parse_yaml(decode_text(raw))


def decode_text(raw: bytes) -> str:
    """Decode a routine file's bytes as UTF-8, with a located error for anything else."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise YamlError("binary data (a NUL byte), not text", line, 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise YamlError(f"not UTF-8 text (byte 0x{raw[error.start]:02x})", line, column) from None
    return text.removeprefix("\ufeff")
