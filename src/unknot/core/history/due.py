"""What is due, read from history: the sessions that count towards each routine's standing.

Sessions that reached the end count, with or without skipped steps; left or interrupted ones do
not. Reading never writes: the database is opened read-only, and any failure reads as "unknown".
The standings themselves (statuses, counts against limits) are worked out by `core.standings`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from ..standings import DueRow, due_rows, week_start
from .rows import followed_plan, plan_rows_since, starts_since

if TYPE_CHECKING:  # none of these at run time: `unknot due --short` must start fast, the app without sqlite3
    from pathlib import Path

    from ..library.library import LibraryEntry
    from .store import HistoryStore


def read_standings(store: HistoryStore, entries: Iterable[LibraryEntry], today: dt.date) -> dict[str, DueRow]:
    """Return each routine's standing today and this week, by id, from the sessions in `store`."""
    from ..library.library import routine_limits  # not at import: `due --short` must not load msgspec

    starts = store.counted_starts(week_start(today))
    return {row.id: row for row in due_rows(routine_limits(entries), starts, today)}


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
