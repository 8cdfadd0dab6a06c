"""Session rows in SQL: writing one, reading them back, which are new, and which count towards `due`.

Plain functions on a connection, shared by the database (salvage, the journal) and the store's
operations. `unknot due --short` imports this module at a prompt, so sqlite3 is never imported here
at run time: the connection is handed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

    from ..session.events import SessionRecord

#: The columns of a stored session, in the order SessionRecord takes them (the id comes last).
SESSION_COLUMNS = (
    "routine_id, title, started_at, ended_at, active_seconds, steps_done, steps_skipped, outcome,"
    " pain_before, pain_after, note"
)
#: One `?` for each of SESSION_COLUMNS.
SESSION_PLACEHOLDERS = ", ".join("?" * len(SESSION_COLUMNS.split(",")))

#: The outcomes that count as having done a routine: events.REACHED_THE_END, written out because
#: importing the session events (and dataclasses with them) would slow a prompt down.
COUNTED_OUTCOMES = ("completed", "partial")
COUNTED_QUERY = "SELECT routine_id, started_at FROM sessions WHERE started_at >= ? AND outcome IN (?, ?)"


def insert_session(connection: sqlite3.Connection, record: SessionRecord) -> int | None:
    """Write one session row; return its id."""
    cursor = connection.execute(
        f"INSERT INTO sessions ({SESSION_COLUMNS}, rating) VALUES ({SESSION_PLACEHOLDERS}, ?)",
        (
            record.routine_id,
            record.title,
            record.started_at,
            record.ended_at,
            record.active_seconds,
            record.steps_done,
            record.steps_skipped,
            record.outcome.value,
            record.pain_before,
            record.pain_after,
            record.note,
            record.rating,
        ),
    )
    return cursor.lastrowid


def read_sessions(connection: sqlite3.Connection, limit: int | None) -> list[SessionRecord]:
    """Return stored sessions, newest first (at most `limit` when given); ValueError for an unknown outcome."""
    return list(each_session(connection, limit))


def each_session(connection: sqlite3.Connection, limit: int | None = None) -> Iterator[SessionRecord]:
    """Yield stored sessions one by one, newest first, read from the database as they are asked for
    (an export of hundreds of thousands never holds them all); ValueError for an unknown outcome."""
    from ..session.events import Outcome, SessionRecord

    query = f"SELECT {SESSION_COLUMNS}, id, rating FROM sessions ORDER BY started_at DESC, id DESC"
    rows = connection.execute(query + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
    for routine_id, title, started, ended, active, done, skipped, out, before, after, note, id_, rating in rows:
        yield SessionRecord(
            routine_id, title, started, ended, active, done, skipped, Outcome(out), before, after, note, id_, rating
        )


def set_note(connection: sqlite3.Connection, session_id: int, note: str | None) -> None:
    """Replace the note of one stored session (None removes it)."""
    connection.execute("UPDATE sessions SET note = ? WHERE id = ?", (note, session_id))


def fill_note(connection: sqlite3.Connection, record: SessionRecord) -> bool:
    """Give the stored copy of `record` (same routine and start) its note, if it has none yet; return whether it did."""
    if record.note is None:
        return False
    cursor = connection.execute(
        "UPDATE sessions SET note = ? WHERE routine_id = ? AND started_at = ? AND note IS NULL",
        (record.note, record.routine_id, record.started_at),
    )
    return cursor.rowcount > 0


def salvage_columns(present: Iterable[str]) -> str:
    """Return SESSION_COLUMNS for a SELECT from a file of an older schema: NULL for each column it lacks."""
    have = set(present)
    return ", ".join(name if name in have else "NULL" for name in (n.strip() for n in SESSION_COLUMNS.split(",")))


def sessions_since(connection: sqlite3.Connection, since: dt.date) -> list[SessionRecord]:
    """Return the sessions begun since the start of `since` (local time), oldest first (what a plan reads)."""
    from ..session.events import Outcome, SessionRecord

    start = dt.datetime.combine(since, dt.time()).timestamp()
    query = f"SELECT {SESSION_COLUMNS}, id, rating FROM sessions WHERE started_at >= ? ORDER BY started_at, id"
    return [
        SessionRecord(
            routine_id, title, started, ended, active, done, skipped, Outcome(out), before, after, note, id_, rating
        )
        for routine_id, title, started, ended, active, done, skipped, out, before, after, note, id_, rating in (
            connection.execute(query, (start,))
        )
    ]


#: A session's identity: its routine, and its start to the millisecond ("ms") or to the second ("s").
SessionKey = tuple[str, str, int]


def session_keys(routine_id: str, started_at: float) -> tuple[SessionKey, SessionKey]:
    """Return a session's identity to the millisecond (as exported now) and to the second (as exported before)."""
    milliseconds = round(started_at * 1000)
    return (routine_id, "ms", milliseconds), (routine_id, "s", int(started_at))


def same_session_key(routine_id: str, started_at: float) -> SessionKey:
    """Return what makes an imported session the same as a stored one: the routine and the start.

    A start with milliseconds (today's exports) must match to the millisecond, so two sessions begun
    in the same second stay two; a start in whole seconds (an export written before milliseconds
    were kept) matches any stored session begun in that second.
    """
    exact, second = session_keys(routine_id, started_at)
    return exact if exact[2] % 1000 else second


def stored_keys(connection: sqlite3.Connection) -> set[SessionKey]:
    """Return both keys of every stored session."""
    rows = connection.execute("SELECT routine_id, started_at FROM sessions")
    return {key for routine_id, started in rows for key in session_keys(routine_id, started)}


def new_sessions(sessions: Iterable[SessionRecord], known: set[SessionKey]) -> list[SessionRecord]:
    """Return the sessions whose key is not in `known` (nor earlier in `sessions`), adding theirs to it."""
    fresh = []
    for record in sessions:
        if same_session_key(record.routine_id, record.started_at) not in known:
            known.update(session_keys(record.routine_id, record.started_at))
            fresh.append(record)
    return fresh


def starts_since(connection: sqlite3.Connection, since: dt.date) -> list[tuple[str, float]]:
    """Return (routine id, start time) of the counted sessions since the start of `since` (local time)."""
    start = dt.datetime.combine(since, dt.time()).timestamp()
    rows = connection.execute(COUNTED_QUERY, (start, *COUNTED_OUTCOMES)).fetchall()
    return [(str(routine_id), float(started)) for routine_id, started in rows]


def plan_rows_since(connection: sqlite3.Connection, since: dt.date) -> list[tuple[Any, ...]]:
    """Return what a plan's rules read of each session begun since `since` (local time), oldest first:
    routine id, start, outcome, steps done and skipped, pain before and after, rating."""
    start = dt.datetime.combine(since, dt.time()).timestamp()
    query = (
        "SELECT routine_id, started_at, outcome, steps_done, steps_skipped, pain_before, pain_after, rating"
        " FROM sessions WHERE started_at >= ? ORDER BY started_at, id"
    )
    return [tuple(row) for row in connection.execute(query, (start,))]


def followed_plan(connection: sqlite3.Connection) -> tuple[str, dt.date] | None:
    """Return the plan being followed and the day it started (None when none is, or the file predates plans).

    ValueError for a start that is not a date; sqlite3.Error as any read.
    """
    has_table = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'plan_runs'")
    if has_table.fetchone() is None:
        return None
    row = connection.execute(
        "SELECT plan_id, started_on FROM plan_runs WHERE stopped_at IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return None if row is None else (str(row[0]), dt.date.fromisoformat(row[1]))


def insert_new(connection: sqlite3.Connection, sessions: Sequence[SessionRecord]) -> int:
    """Write the sessions not stored yet (same routine and start second); return how many were written."""
    fresh = new_sessions(sessions, stored_keys(connection))
    for record in fresh:
        insert_session(connection, record)
    return len(fresh)
