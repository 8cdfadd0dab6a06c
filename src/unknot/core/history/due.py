"""What is due, read from history: the sessions that count towards each routine's standing.

Sessions that reached the end count, with or without skipped steps; left or interrupted ones do
not. Reading never writes: the database is opened read-only, and any failure reads as "unknown".
The standings themselves (statuses, counts against limits) are worked out by `core.standings`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from ..standings import DueRow, due_rows, is_kit_name, week_start
from .rows import followed_plan, plan_rows_since, starts_since

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


class DueReading(NamedTuple):
    """What `unknot due` reads of history in one read-only look."""

    starts: list[tuple[str, float]]
    """(routine id, start time) of the counted sessions since the day asked for."""
    plan: tuple[str, dt.date] | None
    """The plan followed and the day it started (None when none is)."""
    plan_rows: list[tuple[Any, ...]]
    """The sessions since the plan's start, as its rules read them (`rows.plan_rows_since`), when asked for."""


def read_for_due(database: Path, since: dt.date, *, plan_rows: bool = False) -> DueReading | None:
    """Read the counted sessions since `since` and the plan followed, read-only; None when unreadable.

    With `plan_rows`, also every session since the followed plan's start (for its day's items).
    """
    import sqlite3

    if not database.is_file():
        return DueReading([], None, []) if not database.exists() else None
    # With no write-ahead log beside it, everything is in the file: read it as immutable, which
    # creates no -wal or -shm file. With one (the app is open), read through it, as it exists already.
    has_log = database.with_name(database.name + "-wal").exists()
    mode = "mode=ro" if has_log else "immutable=1"
    try:
        # An SQLite URI needs only %, ? and # escaped (Path.as_uri would import urllib: slower at a prompt).
        where = str(database.resolve()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
        connection = sqlite3.connect(f"file:{where}?{mode}", uri=True, timeout=0.2)
        try:
            plan = followed_plan(connection)
            records = plan_rows_since(connection, plan[1]) if plan is not None and plan_rows else []
            return DueReading(starts_since(connection, since), plan, records)
        finally:
            connection.close()
    except (sqlite3.Error, OSError, ValueError):
        return None


def counted_starts(database: Path, since: dt.date) -> list[tuple[str, float]] | None:
    """Return (routine id, start time) of counted sessions since `since`, read-only; None when unreadable."""
    reading = read_for_due(database, since)
    return None if reading is None else reading.starts


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
