"""What is due: each routine's count today and this week against how often it is meant to be done.

A week runs Monday to Sunday (ISO weeks); a session counts for the local day it started on.
Sessions that reached the end count, with or without skipped steps; left or interrupted ones do
not. Reading never writes: the database is opened read-only, and any failure reads as "unknown".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:  # none of these at run time: `unknot due --short` must start fast, the app without sqlite3
    import sqlite3
    from pathlib import Path

    from ..library.library import LibraryEntry
    from .store import HistoryStore


class Limits(Protocol):
    """How often a routine is meant to be done (a routine's `frequency`, or the same read from a file)."""

    @property
    def min_per_day(self) -> int | None: ...
    @property
    def max_per_day(self) -> int | None: ...
    @property
    def min_per_week(self) -> int | None: ...
    @property
    def max_per_week(self) -> int | None: ...


class PlainLimits(NamedTuple):
    """Limits as plain numbers, for when the routine files are not loaded."""

    min_per_day: int | None = None
    max_per_day: int | None = None
    min_per_week: int | None = None
    max_per_week: int | None = None


LIMIT_NAMES = ("min_per_day", "max_per_day", "min_per_week", "max_per_week")

#: The outcomes that count as having done a routine: Outcome.COMPLETED and Outcome.PARTIAL, written
#: out because importing the session events (and dataclasses with them) would slow a prompt down.
COUNTED_OUTCOMES = ("completed", "partial")


class DueStatus(StrEnum):
    """Where a routine stands for the current day and week."""

    DUE = "due"
    """A minimum for the current period is not met yet."""
    DONE = "done"
    """The minimum is met (or there is none and it was done in the period); no maximum reached."""
    AT_LIMIT = "at-limit"
    """A maximum for the current period is reached."""
    ANYTIME = "anytime"
    """No minimum, and not done in the period."""


class DueRow(NamedTuple):
    """One routine's standing: its counts and status."""

    id: str
    title: str
    status: DueStatus
    count_today: int
    count_week: int
    frequency: Limits | None

    def limit_text(self) -> str:
        """Return the count against the nearest limit (`2/5 today`, `1/2 this week`), or empty."""
        often = self.frequency
        if often is None:
            return ""
        if often.max_per_day or often.min_per_day:
            return f"{self.count_today}/{often.max_per_day or often.min_per_day} today"
        if often.max_per_week or often.min_per_week:
            return f"{self.count_week}/{often.max_per_week or often.min_per_week} this week"
        return ""

    def as_json(self) -> dict[str, object]:
        """Return the row as `unknot due --json` prints it."""
        often = self.frequency
        limits = {} if often is None else {name: getattr(often, name) for name in LIMIT_NAMES}
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status.value,
            "count_today": self.count_today,
            "count_week": self.count_week,
            "frequency": {name: value for name, value in limits.items() if value is not None},
        }


def week_start(day: dt.date) -> dt.date:
    """Return the Monday of `day`'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def status_of(frequency: Limits | None, today: int, week: int) -> DueStatus:
    """Return the status for these counts (see DueStatus)."""
    often = frequency or PlainLimits()
    if (often.max_per_day is not None and today >= often.max_per_day) or (
        often.max_per_week is not None and week >= often.max_per_week
    ):
        return DueStatus.AT_LIMIT
    if (often.min_per_day is not None and today < often.min_per_day) or (
        often.min_per_week is not None and week < often.min_per_week
    ):
        return DueStatus.DUE
    has_minimum = often.min_per_day is not None or often.min_per_week is not None
    # The period of a routine without a minimum: the day, unless it only speaks of weeks.
    weekly = often.max_per_day is None and often.max_per_week is not None
    done_in_period = (week if weekly else today) > 0
    return DueStatus.DONE if has_minimum or done_in_period else DueStatus.ANYTIME


def routine_limits(entries: Iterable[LibraryEntry]) -> list[tuple[str, str, Limits | None]]:
    """Return (id, title, frequency) of each routine, for `due_rows`."""
    return [(entry.id, entry.card.title, entry.card.frequency) for entry in entries]


def read_standings(store: HistoryStore, entries: Iterable[LibraryEntry], today: dt.date) -> dict[str, DueRow]:
    """Return each routine's standing today and this week, by id, from the sessions in `store`."""
    starts = store.counted_starts(week_start(today))
    return {row.id: row for row in due_rows(routine_limits(entries), starts, today)}


def due_rows(
    routines: Iterable[tuple[str, str, Limits | None]], starts: Iterable[tuple[str, float]], today: dt.date
) -> list[DueRow]:
    """Return each routine's standing from (routine id, start time) of the sessions that count."""
    monday = week_start(today)
    per_day: dict[str, int] = {}
    per_week: dict[str, int] = {}
    for routine_id, started_at in starts:
        day = dt.datetime.fromtimestamp(started_at).date()
        if monday <= day <= today:
            per_week[routine_id] = per_week.get(routine_id, 0) + 1
            if day == today:
                per_day[routine_id] = per_day.get(routine_id, 0) + 1
    rows = []
    for routine_id, title, frequency in routines:
        count_today, count_week = per_day.get(routine_id, 0), per_week.get(routine_id, 0)
        rows.append(
            DueRow(routine_id, title, status_of(frequency, count_today, count_week), count_today, count_week, frequency)
        )
    return rows


COUNTED_QUERY = "SELECT routine_id, started_at FROM sessions WHERE started_at >= ? AND outcome IN (?, ?)"


def starts_since(connection: sqlite3.Connection, since: dt.date) -> list[tuple[str, float]]:
    """Return (routine id, start time) of the counted sessions since the start of `since` (local time)."""
    start = dt.datetime.combine(since, dt.time()).timestamp()
    rows = connection.execute(COUNTED_QUERY, (start, *COUNTED_OUTCOMES)).fetchall()
    return [(str(routine_id), float(started)) for routine_id, started in rows]


def limit_question(row: DueRow) -> str | None:
    """Return what to ask before starting a routine at its limit (None when it is not at one)."""
    often = row.frequency
    if row.status is not DueStatus.AT_LIMIT or often is None:
        return None
    if often.max_per_day is not None and row.count_today >= often.max_per_day:
        count, most, period = row.count_today, often.max_per_day, ("today", "a day")
    else:
        count, most, period = row.count_week, often.max_per_week or row.count_week, ("this week", "a week")
    times = {1: "once", 2: "twice"}.get(most, f"up to {most} times")
    return f"{row.title}: {count} of {most} {period[0]}. The guidance is {times} {period[1]}. Start anyway?"


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


def short_line(rows: Sequence[DueRow]) -> str:
    """Return one plain line for a prompt: what is due, and what has a daily count going.

    For example `self-massage due · desk break 2/5 today`; empty when there is nothing to say.
    """
    rows = sorted(rows, key=lambda row: row.id)
    parts = [f"{row.id} due" for row in rows if row.status is DueStatus.DUE]
    parts += [
        f"{row.id} {row.limit_text()}" + (" (limit)" if row.status is DueStatus.AT_LIMIT else "")
        for row in rows
        if row.status is not DueStatus.DUE and row.count_today and row.limit_text().endswith("today")
    ]
    return " · ".join(parts)


def prompt_text(routines: Iterable[tuple[str, str, Limits | None]], database: Path, today: dt.date) -> str:
    """Return `unknot due --short`'s line for these routines (empty when history cannot be read)."""
    starts = counted_starts(database, week_start(today))
    return "" if starts is None else short_line(due_rows(routines, starts, today))


def prompt_line() -> str | None:
    """Return `unknot due --short`'s line the fast way: no routine files, no schema, nothing written.

    It reads the routines' frequencies from the file kept beside the library copy and counts
    sessions in a read-only history. None when that file is missing or not current (the caller
    then loads the library); an empty line when history cannot be read.
    """
    from ..library.fingerprint import library_fingerprint
    from ..library.frequencies import read_frequencies
    from ..paths import DATABASE_NAME, data_dir, routine_folders, user_cache_dir

    limits = read_frequencies(user_cache_dir(), library_fingerprint(routine_folders()))
    if limits is None:
        return None
    routines = [(routine_id, routine_id, PlainLimits(**given)) for routine_id, given in limits.items()]
    return prompt_text(routines, data_dir() / DATABASE_NAME, dt.date.today())
