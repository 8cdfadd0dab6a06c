"""A compiled copy of the loaded library, so launching skips YAML when no routine file changed.

Reading the library means importing PyYAML and parsing and validating every file: about a
quarter of Unknot's own start-up with the shipped routines, and most of it with a big library.
After a full load the result (routines, diagrams and every located problem) is written to the
user cache folder as msgpack, with a fingerprint of what it came from: each routine and
diagram file's path, size, modification time and inode, the folders searched, this version
of Unknot and the loader's own source files. The next launch rebuilds the fingerprint (a
`stat` per file) and, when it matches, decodes the copy into typed Structs (msgspec checks the
schema again while decoding, and no code runs from the file). Anything else — no copy, another
fingerprint, a copy that does not decode, a folder that cannot be written — means a normal
load; the cache never changes what is loaded, only how fast.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import msgspec

from ... import __version__
from ..paths import DIAGRAM_FOLDER, yaml_files
from ..routines.model import Diagram, Routine, decode_hook
from ..routines.problems import Problem, Severity
from .library import Library, LibraryEntry

CACHE_FILE = "library.msgpack"
FORMAT = 1

Fingerprint = list[tuple[str, int, int, int]]
"""(path, size, modification time in ns, inode) of every input, in search order."""


class _CachedEntry(msgspec.Struct, array_like=True):
    path: str
    routine: Routine


class _CachedProblem(msgspec.Struct, array_like=True):
    path: str
    message: str
    line: int
    column: int
    field: str
    severity: Severity


class _CachedLibrary(msgspec.Struct):
    format: int
    version: str
    fingerprint: Fingerprint
    routines: list[_CachedEntry]
    diagrams: dict[str, Diagram]
    problems: list[_CachedProblem]


class _Header(msgspec.Struct):
    """The leading fields only: checked before the (larger) rest is decoded."""

    format: int
    version: str
    fingerprint: Fingerprint


def _stat_row(path: str) -> tuple[str, int, int, int]:
    try:
        stat = os.stat(path)
    except OSError:
        return (path, -1, -1, -1)
    return (path, stat.st_size, stat.st_mtime_ns, stat.st_ino)


def library_fingerprint(folders: Iterable[Path]) -> Fingerprint:
    """Describe every input of `load_library(folders)`, cheaply: one `stat` per file and folder."""
    # The whole core, subfolders too: a change to the schema, the YAML reader or validation
    # changes what loading gives, so it must invalidate the copy.
    core = Path(__file__).resolve().parent.parent
    rows: Fingerprint = [_stat_row(str(path)) for path in sorted(core.rglob("*.py"))]
    for folder in folders:
        for where in (folder, folder / DIAGRAM_FOLDER):
            rows.append(_stat_row(str(where)))  # a file added or removed changes the folder's time
            rows += [_stat_row(str(path)) for path in yaml_files(where)]  # exactly the files the loader reads
    return rows


def read_cached_library(cache_path: Path, fingerprint: Fingerprint) -> Library | None:
    """Return the library saved at `cache_path` if it was built from exactly `fingerprint`, else None."""
    try:
        data = cache_path.read_bytes()
        header = msgspec.msgpack.decode(data, type=_Header)
        if header.format != FORMAT or header.version != __version__ or header.fingerprint != fingerprint:
            return None
        cached = msgspec.msgpack.decode(data, type=_CachedLibrary, dec_hook=decode_hook)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    library = Library(diagrams=cached.diagrams)
    for item in cached.routines:
        if item.routine.id is None:
            return None
        library.routines[item.routine.id] = LibraryEntry(item.routine, Path(item.path))
    library.problems = [
        Problem(Path(problem.path), problem.message, problem.line, problem.column, problem.field, problem.severity)
        for problem in cached.problems
    ]
    return library


def write_cached_library(cache_path: Path, fingerprint: Fingerprint, library: Library) -> bool:
    """Save `library` with the fingerprint it was built from; return False when it cannot be written."""
    cached = _CachedLibrary(
        format=FORMAT,
        version=__version__,
        fingerprint=fingerprint,
        routines=[_CachedEntry(str(entry.path), entry.routine) for entry in library.routines.values()],
        diagrams=library.diagrams,
        problems=[
            _CachedProblem(
                str(problem.path), problem.message, problem.line, problem.column, problem.field, problem.severity
            )
            for problem in library.problems
        ],
    )
    temporary = cache_path.with_name(f".{cache_path.name}.{os.getpid()}")
    try:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(msgspec.msgpack.encode(cached, enc_hook=int))
        os.replace(temporary, cache_path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    return True


def load_library_cached(folders: Sequence[Path], cache_path: Path | None) -> Library:
    """Load the library from `folders`, through the compiled copy at `cache_path` when it is current."""
    if cache_path is None:
        from .loader import load_library

        return load_library(folders)
    fingerprint = library_fingerprint(folders)
    library = read_cached_library(cache_path, fingerprint)
    if library is None:
        from .loader import load_library

        library = load_library(folders)
        write_cached_library(cache_path, fingerprint, library)
    return library
