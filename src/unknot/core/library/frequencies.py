"""The routines' ids and frequencies in a small JSON file beside the library copy, for the fast paths.

A prompt runs `unknot due --short` before every command line, and a shell's completion runs `unknot
list --ids` at a Tab, so both must answer in a few milliseconds: they cannot import msgspec and the
routine schema to decode the library copy. Whenever the library is loaded for any other command,
every routine's id, and the frequency and the kit of each routine that has one, are written here with the
library's fingerprint; the fast paths read them back while the fingerprint still matches. Everything
read is checked again (ids `a-z0-9-`, whole numbers 1–100), so a tampered file can neither print
control characters nor fail loudly.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..safe_files import read_regular_file, write_private_file
from ..standings import LIMIT_NAMES
from .fingerprint import Fingerprint

if TYPE_CHECKING:
    from .library import LibraryEntry

FREQUENCIES_FILE = "frequencies.json"
MAX_FREQUENCIES_BYTES = 4 * 1024 * 1024
ROUTINE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def fingerprint_json(fingerprint: Fingerprint) -> list[list[object]]:
    """Return the fingerprint as it reads back from JSON (stored whole: hashing would import hashlib)."""
    return [list(row) for row in fingerprint]


def frequencies_json(fingerprint: Fingerprint, entries: Iterable[LibraryEntry]) -> bytes:
    """Return the file's content for these routines: every id, and the frequencies of those with one."""
    routines = {}
    kit = {}
    ids = []
    for entry in entries:
        ids.append(entry.id)
        often = entry.card.frequency
        if often is not None:
            routines[entry.id] = {name: getattr(often, name) for name in LIMIT_NAMES if getattr(often, name)}
        if entry.card.equipment:  # every routine's: a plan can make one without a frequency due
            kit[entry.id] = list(entry.card.equipment)
    data = {"fingerprint": fingerprint_json(fingerprint), "routines": routines, "ids": ids, "kit": kit}
    return json.dumps(data).encode()


def write_frequencies(folder: Path, fingerprint: Fingerprint, entries: Iterable[LibraryEntry]) -> None:
    """Write the file; a failure only costs `--short` its fast way."""
    with contextlib.suppress(OSError):
        write_private_file(folder / FREQUENCIES_FILE, frequencies_json(fingerprint, entries))


def _current_file(folder: Path, fingerprint: Fingerprint) -> dict[str, object] | None:
    """Return the file's data when it is current (written for this fingerprint), else None."""
    try:
        data = json.loads(read_regular_file(folder / FREQUENCIES_FILE, MAX_FREQUENCIES_BYTES))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint_json(fingerprint):
        return None
    return data


def read_ids(folder: Path, fingerprint: Fingerprint) -> list[str] | None:
    """Return every routine's id, sorted, when the file is current and sound, else None."""
    data = _current_file(folder, fingerprint)
    ids = None if data is None else data.get("ids")
    if not isinstance(ids, list) or not all(isinstance(one, str) and ROUTINE_ID.fullmatch(one) for one in ids):
        return None
    return sorted(ids)


def read_frequencies(folder: Path, fingerprint: Fingerprint) -> dict[str, dict[str, int]] | None:
    """Return {routine id: {limit name: number}} when the file is current and sound, else None."""
    data = _current_file(folder, fingerprint)
    if data is None:
        return None
    routines = data.get("routines")
    if not isinstance(routines, dict):
        return None
    checked: dict[str, dict[str, int]] = {}
    for routine_id, limits in routines.items():
        if not isinstance(routine_id, str) or not ROUTINE_ID.fullmatch(routine_id) or not isinstance(limits, dict):
            return None
        good = {
            name: value
            for name, value in limits.items()
            if name in LIMIT_NAMES and isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100
        }
        if len(good) != len(limits):
            return None
        checked[routine_id] = good
    return checked


def read_kit(folder: Path, fingerprint: Fingerprint) -> dict[str, list[str]] | None:
    """Return {routine id: the kit it needs} for routines that need some, when the file is current and sound."""
    data = _current_file(folder, fingerprint)
    kit = None if data is None else data.get("kit")
    if not isinstance(kit, dict):
        return None
    for routine_id, names in kit.items():
        if not ROUTINE_ID.fullmatch(routine_id) or not isinstance(names, list):
            return None
        if not all(isinstance(name, str) and ROUTINE_ID.fullmatch(name) for name in names):
            return None
    return kit


def current_routine_ids() -> list[str] | None:
    """Return `unknot list --ids` the fast way (no routine file, no schema, nothing written), or None.

    None when the file is missing or not current: the caller then loads the library, which writes it.
    """
    from ..paths import routine_folders, user_cache_dir
    from .fingerprint import library_fingerprint

    return read_ids(user_cache_dir(), library_fingerprint(routine_folders()))
