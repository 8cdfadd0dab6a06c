"""Loading routine files and folders into a library of valid routines and located problems."""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from ..paths import DIAGRAM_FOLDER, shipped_routines_dir, yaml_files
from ..routines.model import Diagram, DiagramFile, Routine, decode_hook, known_kit_like
from ..routines.problems import Problem, Severity, format_field
from ..routines.suggestions import Suggestions
from ..routines.text import clean_text, shown_path
from ..routines.validate import check_routine, resolve_diagram, resolve_step_diagrams
from ..routines.yaml_source import DocPath, YamlDocument, YamlError, read_yaml_file
from .library import Library, LibraryEntry, mark_look_alikes
from .references import PendingRoutine, overridden_keys, resolve_pending

_ERROR_PATH = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]|(\[\.\.\.\])")
_StructT = TypeVar("_StructT", bound=msgspec.Struct)


@cache
def _struct_fields(struct: type[msgspec.Struct]) -> dict[str, Any]:
    hints = typing.get_type_hints(struct, include_extras=True)
    return {info.encode_name: hints[info.name] for info in msgspec.structs.fields(struct)}


@cache
def _field_structs(
    struct: type[msgspec.Struct],
) -> dict[str, tuple[type[msgspec.Struct] | None, type[msgspec.Struct] | None]]:
    """For each key of `struct`: the Struct its value may be, and the Struct its items may be."""
    table = {}
    for key, annotation in _struct_fields(struct).items():
        direct, nested = _structs_in(annotation)
        table[key] = (direct[0] if direct else None, nested[0] if nested else None)
    return table


def _structs_in(annotation: Any) -> tuple[list[type[msgspec.Struct]], list[type[msgspec.Struct]]]:
    """Return the Struct types an annotation allows directly, and inside list or dict values."""
    direct: list[type[msgspec.Struct]] = []
    nested: list[type[msgspec.Struct]] = []
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _structs_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(annotation):
            more_direct, more_nested = _structs_in(option)
            direct += more_direct
            nested += more_nested
    elif origin in (list, dict):
        nested += _structs_in(typing.get_args(annotation)[-1])[0]
    elif isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        direct.append(annotation)
    return direct, nested


def unknown_keys(data: Any, struct: type[msgspec.Struct], where: DocPath = ()) -> list[tuple[DocPath, str]]:
    """Return every key in `data` that `struct` (or a Struct inside it) does not declare."""
    if not isinstance(data, dict):
        return []
    fields = _field_structs(struct)
    findings: list[tuple[DocPath, str]] = []
    for key, value in data.items():
        path = (*where, key)
        if key not in fields:
            guess = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
            hint = f"; did you mean {guess[0]!r}?" if guess else f"; known keys: {', '.join(fields)}"
            findings.append((path, f"unknown key {str(key)!r}{hint}"))
            continue
        direct, nested = fields[key]
        if direct is not None and isinstance(value, dict):
            findings += unknown_keys(value, direct, path)
        elif nested is not None and isinstance(value, list):
            for index, item in enumerate(value):
                findings += unknown_keys(item, nested, (*path, index))
        elif nested is not None and isinstance(value, dict):
            for name, item in value.items():
                findings += unknown_keys(item, nested, (*path, name))
    return findings


def _choices_at(struct: type[msgspec.Struct], where: DocPath) -> list[str]:
    """Return the allowed values of the enum-like field at `where`, if it is one."""
    annotation: Any = struct
    for part in where:
        while typing.get_origin(annotation) in (typing.Annotated, typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = options[0]
        if isinstance(part, int) or typing.get_origin(annotation) is dict:
            annotation = typing.get_args(annotation)[-1] if typing.get_args(annotation) else Any
        elif isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
            annotation = _struct_fields(annotation).get(part, Any)
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is typing.Literal:
        return [str(choice) for choice in typing.get_args(annotation)]
    return []


#: msgspec's word for "some key of this mapping" in an error's path (it does not say which).
_SOME_KEY = "[...]"


def _error_path(text: str) -> tuple[str, DocPath]:
    match = _ERROR_PATH.match(text)
    assert match is not None
    parts: DocPath = tuple(
        _SOME_KEY if some else (name if name else int(number))
        for name, number, some in _PATH_PART.findall(match.group("path") or "")
    )
    return match.group("message"), parts


def _name_map_keys(data: Any, struct: type[msgspec.Struct], where: DocPath, message: str) -> DocPath:
    """Put the key msgspec leaves out (`[...]`) back into an error's path: the one key that gives that error."""
    while _SOME_KEY in where:
        index = where.index(_SOME_KEY)
        mapping = _value_at(data, where[:index])
        found = None
        for key in mapping if isinstance(mapping, dict) else ():
            trial = _replaced_at(data, where[:index], {key: mapping[key]})
            try:
                msgspec.convert(trial, struct, strict=True, dec_hook=decode_hook)
            except msgspec.ValidationError as error:
                if _error_path(str(error))[0] == message:
                    found, data = key, trial
                    break
        if found is None:
            return where[:index]
        where = (*where[:index], found, *where[index + 1 :])
    return where


def _replaced_at(data: Any, where: DocPath, value: Any) -> Any:
    """Return `data` with the value at `where` replaced, copying only the containers on the way."""
    if not where:
        return value
    head, rest = where[0], where[1:]
    copy: Any = list(data) if isinstance(data, list) else dict(data)
    copy[head] = _replaced_at(data[head], rest, value)
    return copy


class Located:
    """Builds Problems for one file from document paths."""

    def __init__(self, path: Path, document: YamlDocument | None = None) -> None:
        self.path = path
        self.document = document

    def problem(self, where: DocPath, message: str, *, key: bool = False) -> Problem:
        line, column = self.document.locate(where, key=key) if self.document else (1, 1)
        return Problem(self.path, message, line, column, format_field(where))


def _convert(
    document: YamlDocument, struct: type[_StructT], located: Located, what: str
) -> tuple[_StructT | None, list[Problem]]:
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__.replace("str", "text").replace("list", "a list")
        return None, [located.problem((), f"expected {what} (a mapping of keys), got {kind}")]
    extra = unknown_keys(document.data, struct)
    if extra:
        return None, [located.problem(where, message, key=True) for where, message in extra]
    try:
        return msgspec.convert(document.data, struct, strict=True, dec_hook=decode_hook), []
    except msgspec.ValidationError as error:
        message, where = _error_path(str(error))
        where = _name_map_keys(document.data, struct, where, message)
        message = message.replace("Object missing required field", "missing required key")
        message = _friendlier(message, where, struct, document)
        return None, [located.problem(where, message[:1].lower() + message[1:])]


def _friendlier(message: str, where: DocPath, struct: type[msgspec.Struct], document: YamlDocument) -> str:
    """Say what to do about msgspec's commonest complaints, in the terms of the file."""
    name = str(where[-1]) if where and isinstance(where[-1], str) else "this"
    if message.startswith("Expected `array`, got `str`"):
        item = _ITEM_WORDS.get(name, "item")
        return f"{name} is a list: write each {item} on its own line starting with '- '"
    if message.startswith("Expected `array` of length >= 1"):
        item = _ITEM_WORDS.get(name, "item")
        return f"{name} needs at least one {item}"
    if message.startswith(("Expected `int`", "Expected `int | null`")) and message.endswith("got `str`"):
        given = _value_at(document.data, where)
        return f"{name} is a whole number (like 5), not {clean_text(str(given))[:40]!r}"
    if message.startswith("Expected `str` matching regex"):
        given = clean_text(str(_value_at(document.data, where)))[:40]
        suggestion = re.sub(r"[^a-z0-9]+", "-", given.lower()).strip("-")[:64]
        like = f", like {suggestion!r}" if suggestion and suggestion != given else ""
        return f"{given!r} is not a name Unknot can use: lower-case letters, digits and dashes{like}"
    if message.startswith("Invalid enum value"):
        choices = _choices_at(struct, where)
        if choices:
            given = _value_at(document.data, where)
            guess = difflib.get_close_matches(str(given), choices, n=1, cutoff=0.4) if given is not None else []
            hint = f"; did you mean {guess[0]!r}?" if guess else ""
            return f"{clean_text(str(given))!r} is not one of {_in_words(choices)}{hint}"
    return message


#: What one item of a list field is called, for messages.
_ITEM_WORDS = {
    "cautions": "caution",
    "steps": "step",
    "phases": "phase",
    "cues": "cue",
    "tags": "tag",
    "areas": "area",
    "equipment": "piece of kit",
    "days": "day",
    "routines": "routine id",
}


def _in_words(choices: list[str]) -> str:
    return ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]


def _value_at(data: Any, where: DocPath) -> Any:
    for part in where:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _file_id(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:64] or "routine"


def read_struct_file(path: Path, struct: type[_StructT], what: str) -> tuple[_StructT | None, list[Problem], Located]:
    """Read one YAML file into `struct` (a plan, say) with located problems, and the means to locate more."""
    located = Located(path)
    try:
        document = read_yaml_file(path)
    except YamlError as error:
        return None, [Problem(path, error.message, error.line, error.column)], located
    located.document = document
    value, problems = _convert(document, struct, located, what)
    return value, problems, located


def file_id(path: Path) -> str:
    """Return the id a file without an `id:` gets: its name, made into an id."""
    return _file_id(path)


def load_routine_file(path: Path, diagrams: Mapping[str, Diagram]) -> tuple[Routine | None, list[Problem]]:
    """Read, validate and resolve one routine file; return it, or None and its problems.

    Its `use:` steps, if any, are left for `resolve_pending` (they need the rest of the library).
    """
    routine, problems, _ = _read_routine_file(path, diagrams)
    return routine, problems


def _read_routine_file(
    path: Path, diagrams: Mapping[str, Diagram], suggestions: Suggestions | None = None
) -> tuple[Routine | None, list[Problem], YamlDocument | None]:
    located = Located(path)
    try:
        document = read_yaml_file(path)
    except YamlError as error:
        return None, [Problem(path, error.message, error.line, error.column)], None
    located.document = document
    routine, problems = _convert(document, Routine, located, "a routine")
    if routine is None:
        return None, problems, document
    findings = check_routine(routine) + resolve_step_diagrams(routine, diagrams, suggestions)
    if findings:
        return None, [located.problem(where, message) for where, message in findings], document
    if routine.id is None:
        routine.id = _file_id(path)
    return routine, [], document


def _kit_notices(routine: Routine, located: Located) -> list[Problem]:
    """A notice for each piece of kit named a little differently from one Unknot knows (any name is allowed)."""
    notices = []
    for index, name in enumerate(routine.equipment):
        guess = known_kit_like(name)
        if guess is not None:
            problem = located.problem(
                ("equipment", index), f"{name!r} is not kit Unknot knows; did you mean {guess!r}? (any name is allowed)"
            )
            notices.append(dataclasses.replace(problem, severity=Severity.NOTICE))
    return notices


def _claimed_id(path: Path, document: YamlDocument | None) -> str:
    """The id a file that did not load meant to have (to say why a `use:` of it fails)."""
    if document is not None and isinstance(document.data, dict) and isinstance(document.data.get("id"), str):
        return str(document.data["id"])
    return _file_id(path)


def load_diagram_file(path: Path) -> tuple[Diagram | None, list[Problem]]:
    """Read one shared diagram file; return it tidied, or None and its problems."""
    try:
        document = read_yaml_file(path)
    except YamlError as error:
        return None, [Problem(path, error.message, error.line, error.column)]
    located = Located(path, document)
    diagram, problems = _convert(document, DiagramFile, located, "a diagram")
    if diagram is None:
        return None, problems
    tidied, findings = resolve_diagram(diagram, {}, ())
    if findings or tidied is None:
        return None, [located.problem(where, message) for where, message in findings]
    return tidied, []


def readable_name(path: Path, library: Library) -> bool:
    """Whether a file's name is text; one that is not (bytes that are not UTF-8) is reported and skipped."""
    name = path.name  # a folder named on the command line may be anything; its files are read all the same
    if name.isprintable() or not any("\udc80" <= char <= "\udcff" for char in name):
        return True
    library.problems.append(Problem(Path(shown_path(path)), "the file name is not UTF-8 text; rename it to use it"))
    return False


def load_diagrams(folders: Iterable[Path], library: Library) -> None:
    """Add the shared diagrams of each folder's `diagrams/` to `library`, later ones winning."""
    for folder in folders:
        for path in yaml_files(folder / DIAGRAM_FOLDER):
            if not readable_name(path, library):
                continue
            diagram, problems = load_diagram_file(path)
            library.problems += problems
            if diagram is None:
                continue
            name = path.stem
            if name in library.diagrams:
                library.problems.append(
                    Problem(path, f"replaces the diagram {name!r} loaded earlier", severity=Severity.NOTICE)
                )
            library.diagrams[name] = diagram


@dataclass
class Unresolved:
    """What loading leaves for `resolve_pending`: routines with `use:` steps, and the files that failed."""

    pending: list[PendingRoutine] = field(default_factory=list)
    failed: dict[str, Path] = field(default_factory=dict)

    def resolve(self, library: Library, context: Mapping[str, LibraryEntry] | None = None) -> None:
        """Resolve the `use:` steps against `library` (and `context`)."""
        resolve_pending(self.pending, library, self.failed, context)
        self.pending.clear()


def add_routine_files(paths: Iterable[Path], library: Library, unresolved: Unresolved | None = None) -> None:
    """Load routine files into `library`, reporting duplicate ids within one batch as errors.

    Routines with `use:` steps are resolved at the end, or left in `unresolved` when it is given
    (to resolve once more folders are loaded).
    """
    batch = unresolved if unresolved is not None else Unresolved()
    seen_here: dict[str, Path] = {}
    diagram_names = Suggestions(list(library.diagrams))
    for path in paths:
        if not readable_name(path, library):
            continue
        routine, problems, document = _read_routine_file(path, library.diagrams, diagram_names)
        library.problems += problems
        if routine is not None and document is not None:
            library.problems += _kit_notices(routine, Located(path, document))
        if routine is None or routine.id is None:
            batch.failed.setdefault(_claimed_id(path, document), path)
            continue
        if document is not None and any(step.use is not None for step in routine.steps):
            batch.pending.append(PendingRoutine(routine, path, document, overridden_keys(document, routine)))
        if routine.id in seen_here:
            library.problems.append(
                Problem(path, f"duplicate id {routine.id!r}: {seen_here[routine.id]} has it too", field="id")
            )
            continue
        seen_here[routine.id] = path
        earlier = library.routines.get(routine.id)
        if earlier is not None:
            library.problems.append(
                Problem(path, f"replaces the routine {routine.id!r} from {earlier.path}", severity=Severity.NOTICE)
            )
        library.routines[routine.id] = LibraryEntry(routine, path)
    if unresolved is None:
        batch.resolve(library)


def load_library(folders: Iterable[Path]) -> Library:
    """Load every routine in `folders`, in order; a later id replaces an earlier one with a notice.

    `use:` steps are resolved once every folder is loaded, so they may name any routine.
    """
    folders = list(folders)
    library = Library()
    load_diagrams(folders, library)
    unresolved = Unresolved()
    for folder in folders:
        add_routine_files(yaml_files(folder), library, unresolved)
    unresolved.resolve(library)
    mark_look_alikes(library, shipped_routines_dir())
    return library
