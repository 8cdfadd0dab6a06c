"""The history database's tables, how a file is moved forward to them, and what its errors mean.

The schema is versioned with `PRAGMA user_version` and migrated forward on open, inside the same
write transaction that checks the version, so two first launches at once cannot both create it.
"""

from __future__ import annotations

import sqlite3

from ..routines.text import clean_text


class HistoryUnavailable(Exception):
    """History cannot be used this run, and no file is to blame (nothing is moved aside)."""


class DamagedDatabase(Exception):
    """SQLite reports the file damaged: the one case where it is moved aside."""


MIGRATIONS = [
    # version 1
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        routine_id TEXT NOT NULL,
        title TEXT NOT NULL,
        started_at REAL NOT NULL,
        ended_at REAL NOT NULL,
        active_seconds REAL NOT NULL,
        steps_done INTEGER NOT NULL,
        steps_skipped INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'left', 'interrupted')),
        pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
        pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10)
    );
    CREATE INDEX sessions_started ON sessions (started_at);
    CREATE TABLE checkpoints (
        token TEXT PRIMARY KEY,
        routine_id TEXT NOT NULL,
        title TEXT NOT NULL,
        started_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        pain_before INTEGER,
        state TEXT NOT NULL
    );
    """,
    # version 2: a session that reached the end with steps skipped is 'partial', not 'completed'
    """
    CREATE TABLE sessions_v2 (
        id INTEGER PRIMARY KEY,
        routine_id TEXT NOT NULL,
        title TEXT NOT NULL,
        started_at REAL NOT NULL,
        ended_at REAL NOT NULL,
        active_seconds REAL NOT NULL,
        steps_done INTEGER NOT NULL,
        steps_skipped INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'partial', 'left', 'interrupted')),
        pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
        pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10)
    );
    INSERT INTO sessions_v2 SELECT * FROM sessions;
    DROP TABLE sessions;
    ALTER TABLE sessions_v2 RENAME TO sessions;
    CREATE INDEX sessions_started ON sessions (started_at);
    """,
    # version 3: which process plays a checkpoint, beyond its pid (a pid is used again after a reboot)
    """
    ALTER TABLE checkpoints ADD COLUMN process TEXT
    """,
    # version 4: a note written after the session (500 characters: notes.MAX_NOTE_LENGTH); every row is kept
    """
    ALTER TABLE sessions ADD COLUMN note TEXT CHECK (note IS NULL OR length(note) <= 500);
    """,
    # version 5: plans. How a plan session felt (rated after it), and which plan is followed from which day.
    """
    ALTER TABLE sessions ADD COLUMN rating TEXT CHECK (rating IN ('too-easy', 'about-right', 'too-much'));
    CREATE TABLE plan_runs (
        id INTEGER PRIMARY KEY,
        plan_id TEXT NOT NULL,
        started_on TEXT NOT NULL,
        chosen_at REAL NOT NULL,
        stopped_at REAL
    )
    """,
]

#: SQLite's own words for a file that is damaged (and nothing else: not full, not locked).
_DAMAGE_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}


def migrate(connection: sqlite3.Connection) -> None:
    """Bring the database to the current schema (creating it when new); refuse one from a newer Unknot."""
    if connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS):
        return
    # The version is read again inside the write transaction: another first launch may
    # have created the tables while this one waited for the lock.
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        refuse_newer(version)
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in script.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def refuse_newer(version: int) -> None:
    """Raise HistoryUnavailable for a schema this Unknot does not know (written by a newer one)."""
    if version > len(MIGRATIONS):
        raise HistoryUnavailable(f"written by a newer Unknot (schema {version})")


def check(connection: sqlite3.Connection) -> None:
    """Raise DamagedDatabase when SQLite's quick check finds the file damaged."""
    result = connection.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise DamagedDatabase(f"quick_check: {result}")


def is_damage(error: BaseException) -> bool:
    """Whether a database error means the file itself is damaged."""
    if isinstance(error, DamagedDatabase):
        return True
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    return (
        name.split("_")[0:2] == ["SQLITE", "CORRUPT"]
        or name in _DAMAGE_CODES
        or (
            isinstance(error, sqlite3.DatabaseError)
            and not isinstance(error, sqlite3.OperationalError)
            and ("file is not a database" in text or "malformed" in text)
        )
    )


def is_busy(error: BaseException) -> bool:
    """Whether a database error means another process holds the lock (worth waiting for)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(error).lower()


def reason(error: BaseException) -> str:
    """Return why an operation failed, as text safe to show."""
    if isinstance(error, OSError) and error.strerror:
        return clean_text(error.strerror)
    return clean_text(str(error) or type(error).__name__)
