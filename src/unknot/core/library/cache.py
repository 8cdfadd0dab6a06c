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

import hashlib
import hmac
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

import msgspec

from ... import __version__
from ..paths import shipped_routines_dir
from ..routines.model import Diagram, decode_hook
from ..routines.problems import Problem, Severity
from ..safe_files import read_regular_file, write_private_file
from .card import RoutineCard
from .fingerprint import Fingerprint, library_fingerprint
from .frequencies import FREQUENCIES_FILE, write_frequencies
from .library import Library, LibraryEntry, encode_routine, mark_look_alikes

CACHE_FILE = "library.msgpack"
FORMAT = 2


class _CachedEntry(msgspec.Struct, array_like=True):
    path: str
    id: str
    card: RoutineCard
    routine: msgspec.Raw
    """Left encoded until the routine is first used: launching decodes only the cards."""


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


KEY_FILE = "library.key"
#: The copy starts with this, then a MAC of the rest under the user's key, then msgpack.
MAGIC = b"UNKNOTL1"
MAC_SIZE = 32
MAX_CACHE_BYTES = 512 * 1024 * 1024


def _mac(key: bytes, payload: bytes) -> bytes:
    return hashlib.blake2b(payload, key=key, digest_size=MAC_SIZE).digest()


def library_key(cache_folder: Path, create: bool) -> bytes | None:
    """Return this user's key for the library copy (made once, 0600, beside it), or None when there is none."""
    path = cache_folder / KEY_FILE
    try:
        key = read_regular_file(path, 64)
        return key if len(key) == 32 else None
    except FileNotFoundError:
        if not create:
            return None
    except OSError:
        return None
    key = secrets.token_bytes(32)
    try:
        cache_folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(key)
    except FileExistsError:  # another Unknot made it first: use that one
        return library_key(cache_folder, create=False)
    except OSError:
        return None
    return key


def read_cached_library(cache_path: Path, fingerprint: Fingerprint) -> Library | None:
    """Return the library saved at `cache_path` if it was built from exactly `fingerprint`, else None.

    The copy is used only if its MAC checks out under this user's key: a copy edited by hand (to
    put escape sequences in a title, say) is rebuilt from the routine files instead.
    """
    key = library_key(cache_path.parent, create=False)
    if key is None:
        return None
    try:
        data = read_regular_file(cache_path, MAX_CACHE_BYTES)
        if not data.startswith(MAGIC):
            return None
        mac, payload = data[len(MAGIC) : len(MAGIC) + MAC_SIZE], data[len(MAGIC) + MAC_SIZE :]
        if not hmac.compare_digest(mac, _mac(key, payload)):
            return None
        header = msgspec.msgpack.decode(payload, type=_Header)
        if header.format != FORMAT or header.version != __version__ or header.fingerprint != fingerprint:
            return None
        cached = msgspec.msgpack.decode(payload, type=_CachedLibrary, dec_hook=decode_hook)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    library = Library(diagrams=cached.diagrams)
    for item in cached.routines:
        library.routines[item.id] = LibraryEntry.encoded(
            item.id, item.path, item.card, bytes(item.routine), cached.diagrams
        )
    library.problems = [
        Problem(Path(problem.path), problem.message, problem.line, problem.column, problem.field, problem.severity)
        for problem in cached.problems
    ]
    mark_look_alikes(library, shipped_routines_dir())
    return library


def write_cached_library(cache_path: Path, fingerprint: Fingerprint, library: Library) -> bool:
    """Save `library` with the fingerprint it was built from (0600, with its MAC); False when it cannot be."""
    cached = _CachedLibrary(
        format=FORMAT,
        version=__version__,
        fingerprint=fingerprint,
        routines=[
            _CachedEntry(
                str(entry.path), entry.id, entry.card, msgspec.Raw(encode_routine(entry.routine, library.diagrams))
            )
            for entry in library.routines.values()
        ],
        diagrams=library.diagrams,
        problems=[
            _CachedProblem(
                str(problem.path), problem.message, problem.line, problem.column, problem.field, problem.severity
            )
            for problem in library.problems
        ],
    )
    try:
        key = library_key(cache_path.parent, create=True)
        if key is None:
            return False
        payload = msgspec.msgpack.encode(cached, enc_hook=int)
        write_private_file(cache_path, MAGIC + _mac(key, payload) + payload)
    except (OSError, ValueError):  # ValueError: a path that is not UTF-8 cannot be stored
        return False
    return True


def load_library_cached(folders: Sequence[Path], cache_path: Path | None, *, write: bool = True) -> Library:
    """Load the library from `folders`, through the compiled copy at `cache_path` when it is current.

    A stale or missing copy is rewritten, unless `write` is False (for commands that must never write).
    """
    if cache_path is None:
        from .loader import load_library

        return load_library(folders)
    fingerprint = library_fingerprint(folders)
    library = read_cached_library(cache_path, fingerprint)
    if library is None:
        from .loader import load_library

        library = load_library(folders)
        if write:
            write_cached_library(cache_path, fingerprint, library)
            write_frequencies(cache_path.parent, fingerprint, library.routines.values())
    elif write and not (cache_path.parent / FREQUENCIES_FILE).exists():  # written with every new copy
        write_frequencies(cache_path.parent, fingerprint, library.routines.values())
    return library
