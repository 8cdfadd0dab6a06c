"""What is due, read from history: the sessions that count towards each routine's standing.

Sessions that reached the end count, with or without skipped steps; left or interrupted ones do
not. Reading never writes: the database is opened read-only, and any failure reads as "unknown".
The standings themselves (statuses, counts against limits) are worked out by `core.standings`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING

from ..standings import (
    DueRow,
    Limits,
    PlainLimits,
    due_rows,
    is_kit_name,
    missing_kit,
    short_line,
    week_start,
)
from .rows import starts_since

if TYPE_CHECKING:  # none of these at run time: `unknot due --short` must start fast, the app without sqlite3
    from pathlib import Path

    from ..library.library import LibraryEntry
    from .store import HistoryStore


def read_standings(
    store: HistoryStore, entries: Iterable[LibraryEntry], today: dt.date, owned: Collection[str] | None = None
) -> dict[str, DueRow]:
    """Return each routine's standing today and this week, by id, from the sessions in `store`.

    `owned` is the kit the person has (None: not said); a routine needing other kit is never due.
    """
    from ..library.library import routine_limits, routines_missing_kit  # `due --short` must not load msgspec

    entries = list(entries)
    starts = store.counted_starts(week_start(today))
    missing = routines_missing_kit(entries, owned)
    return {row.id: row for row in due_rows(routine_limits(entries), starts, today, missing)}


def counted_starts(database: Path, since: dt.date) -> list[tuple[str, float]] | None:
    """Return (routine id, start time) of counted sessions since `since`, read-only; None when unreadable."""
    import sqlite3

    if not database.is_file():
        return [] if not database.exists() else None
    # With no write-ahead log beside it, everything is in the file: read it as immutable, which
    # creates no -wal or -shm file. With one (the app is open), read through it, as it exists already.
    has_log = database.with_name(database.name + "-wal").exists()
    mode = "mode=ro" if has_log else "immutable=1"
    try:
        # An SQLite URI needs only %, ? and # escaped (Path.as_uri would import urllib: slower at a prompt).
        where = str(database.resolve()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
        connection = sqlite3.connect(f"file:{where}?{mode}", uri=True, timeout=0.2)
        try:
            return starts_since(connection, since)
        finally:
            connection.close()
    except (sqlite3.Error, OSError, ValueError):
        return None


def prompt_text(
    routines: Iterable[tuple[str, str, Limits | None]],
    database: Path,
    today: dt.date,
    missing: Mapping[str, tuple[str, ...]] | None = None,
) -> str:
    """Return `unknot due --short`'s line for these routines (empty when history cannot be read).

    `missing` is the kit each routine needs that the person lacks: those are not due.
    """
    starts = counted_starts(database, week_start(today))
    return "" if starts is None else short_line(due_rows(routines, starts, today, missing))


def prompt_line() -> str | None:
    """Return `unknot due --short`'s line the fast way: no routine files, no schema, nothing written.

    It reads the routines' frequencies from the file kept beside the library copy and counts
    sessions in a read-only history. None when that file is missing or not current (the caller
    then loads the library); an empty line when history cannot be read.
    """
    from ..library.fingerprint import library_fingerprint
    from ..library.frequencies import read_frequencies, read_kit
    from ..paths import DATABASE_NAME, data_dir, routine_folders, user_cache_dir, user_config_dir

    fingerprint = library_fingerprint(routine_folders())
    limits = read_frequencies(user_cache_dir(), fingerprint)
    kit = read_kit(user_cache_dir(), fingerprint)
    if limits is None or kit is None:
        return None
    owned = owned_kit_quickly(user_config_dir() / "settings.json")
    missing = {routine_id: lacking for routine_id, needed in kit.items() if (lacking := missing_kit(needed, owned))}
    routines = [(routine_id, routine_id, PlainLimits(**given)) for routine_id, given in limits.items()]
    return prompt_text(routines, data_dir() / DATABASE_NAME, dt.date.today(), missing)


def owned_kit_quickly(settings_file: Path) -> tuple[str, ...] | None:
    """The settings' `equipment` (the kit the person has) read without msgspec, for the prompt; None when not said.

    Anything odd (no file, not JSON, a name that is not an id) reads as not said, as it would in the
    app after its notice; `core.settings` is the full reader, and a test keeps the two agreeing.
    """
    import json

    try:
        with settings_file.open("rb") as file:
            data = json.loads(file.read(64 * 1024 + 1))
    except (OSError, ValueError, RecursionError):
        return None
    owned = data.get("equipment") if isinstance(data, dict) else None
    if not isinstance(owned, list) or not all(isinstance(name, str) and is_kit_name(name) for name in owned):
        return None
    return tuple(owned)
