"""Session history and checkpoints, so no session, finished or not, is lost.

The operations a person's history needs: storing a finished session (or keeping it in the journal
when it cannot be stored), reading sessions back, importing, counting, and checkpoints of sessions
in progress. Opening the file, and what each failure does, is `database.py`'s job; every method
here is safe to call when history is off.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..paths import user_cache_dir
from ..session.events import Outcome, SessionRecord
from .database import PATIENCE, HistoryDatabase, Patience
from .journal import Journal
from .notes import clean_note
from .rows import (
    each_session,
    followed_plan,
    insert_new,
    insert_session,
    read_sessions,
    sessions_since,
    set_note,
    starts_since,
)


@dataclass(frozen=True)
class Checkpoint:
    """A session in progress (or cut off): enough to resume it exactly."""

    token: str
    routine_id: str
    title: str
    started_at: float
    updated_at: float
    host: str
    pid: int
    pain_before: int | None
    state: dict[str, Any]
    live: bool = False
    """Whether the process playing it is still running (on this machine): in progress, not cut off."""

    def record(self, outcome: Outcome = Outcome.INTERRUPTED) -> SessionRecord:
        """Return what is known of this session as a history row (it ended, for now, when last saved)."""
        return SessionRecord(
            routine_id=self.routine_id,
            title=self.title,
            started_at=self.started_at,
            ended_at=self.updated_at,
            active_seconds=float(self.state.get("active_seconds", 0.0)),
            steps_done=len(self.state.get("steps_done", [])),
            steps_skipped=len(self.state.get("steps_skipped", [])),
            outcome=outcome,
            pain_before=self.pain_before,
        )


def process_identity(pid: int) -> str | None:
    """Return what tells this process from a later one given the same pid: the boot and its start time.

    Read from Linux's /proc; None where that cannot be read (another system: the pid alone decides).
    """
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        # Field 22 of /proc/PID/stat, counted after the command name (which may hold spaces and parentheses).
        started = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None
    return f"{boot}/{started}"


def _still_playing(pid: int, identity: str | None) -> bool:
    """Whether the process that saved a checkpoint is still running: its pid, and the same process behind it."""
    if pid == os.getpid():
        return True
    if not _process_alive(pid):
        return False
    return identity is None or process_identity(pid) in (identity, None)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid > 0
    # A killed process that nobody has reaped yet still answers kill(0): on Linux, ask its state.
    with contextlib.suppress(OSError, IndexError):
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


class HistoryStore:
    """Reads and writes sessions and checkpoints; every method is safe to call when history is off."""

    def __init__(
        self, folder: Path, journal_folders: Sequence[Path] | None = None, *, patience: Patience = PATIENCE
    ) -> None:
        journal = Journal(journal_folders if journal_folders is not None else [folder, user_cache_dir()])
        self.database = HistoryDatabase(folder, journal, patience)
        self.journal = journal
        self.kept_at: Path | None = None
        """Where the latest session that could not be stored was kept instead (the journal)."""

    @property
    def path(self) -> Path:
        """The database file."""
        return self.database.path

    @property
    def shown_path(self) -> str:
        """The database path as text that is safe to show (no control characters)."""
        return self.database.shown_path

    @property
    def problem(self) -> str | None:
        """Why history is off, or what the latest failed read or write was."""
        return self.database.problem

    @problem.setter
    def problem(self, problem: str | None) -> None:
        self.database.problem = problem

    @property
    def notice(self) -> str | None:
        """Something to say once: a damaged file moved aside, journaled sessions added."""
        return self.database.notice

    @notice.setter
    def notice(self, notice: str | None) -> None:
        self.database.notice = notice

    @property
    def available(self) -> bool:
        """Whether history can be read."""
        return self.database.connection is not None

    @property
    def writable(self) -> bool:
        """Whether new sessions can be stored."""
        return self.database.writable

    def close(self) -> None:
        """Close the database."""
        self.database.close()

    # ----- sessions ------------------------------------------------------------------------

    def add_session(self, record: SessionRecord, checkpoint_token: str | None = None) -> int | None:
        """Store a finished session (dropping its checkpoint in the same transaction); return its id.

        When it cannot be stored it is kept in the journal (`kept_at` says where) and None is returned.
        """
        self.kept_at = None
        if record.note is not None:
            record = replace(record, note=clean_note(record.note))
        if self.writable:
            try:
                with self.database.transaction() as connection:
                    session_id = insert_session(connection, record)
                    if checkpoint_token is not None:
                        connection.execute("DELETE FROM checkpoints WHERE token = ?", (checkpoint_token,))
                return session_id
            except sqlite3.Error as error:
                self.database.failed("save the session", error)
        self.kept_at = self.journal.keep(record)
        return None

    def set_pain_after(self, session_id: int, pain: int) -> bool:
        """Record how the back felt after a session; return whether it was saved."""
        if not self.writable:
            return False
        try:
            with self.database.transaction() as connection:
                connection.execute("UPDATE sessions SET pain_after = ? WHERE id = ?", (pain, session_id))
        except sqlite3.Error as error:
            self.database.failed("save the pain rating", error)
            return False
        return True

    def set_note(self, session_id: int, note: str | None) -> bool:
        """Record the note written after a session (one bounded line; None removes it); return whether it was saved."""
        if not self.writable:
            self.problem = self.problem or "history cannot be written"
            return False
        try:
            with self.database.transaction() as connection:
                set_note(connection, session_id, clean_note(note))
        except sqlite3.Error as error:
            self.database.failed("save the note", error)
            return False
        return True

    def set_rating(self, session_id: int, rating: str) -> bool:
        """Record how a plan session felt ("too-easy", "about-right", "too-much"); return whether it was saved."""
        if not self.writable:
            return False
        try:
            with self.database.transaction() as connection:
                connection.execute("UPDATE sessions SET rating = ? WHERE id = ?", (rating, session_id))
        except sqlite3.Error as error:
            self.database.failed("save the rating", error)
            return False
        return True

    def sessions_since(self, since: dt.date) -> list[SessionRecord]:
        """Return the sessions begun since `since`, oldest first (none when they cannot be read)."""
        connection = self.database.connection
        if connection is None:
            return []
        try:
            return sessions_since(connection, since)
        except (sqlite3.Error, ValueError) as error:
            self.database.failed("read history", error)
            return []

    # ----- the plan followed ------------------------------------------------------------------

    def active_plan(self) -> tuple[str, dt.date] | None:
        """Return the plan being followed and the day it started, or None when none is."""
        connection = self.database.connection
        if connection is None:
            return None
        try:
            return followed_plan(connection)
        except (sqlite3.Error, ValueError) as error:
            self.database.failed("read the plan followed", error)
            return None

    def start_plan(self, plan_id: str, start: dt.date) -> bool:
        """Follow `plan_id` from `start`, stopping any plan followed before; return whether it was saved."""
        if not self.writable:
            self.problem = self.problem or "history cannot be written"
            return False
        try:
            with self.database.transaction() as connection:
                now = time.time()
                connection.execute("UPDATE plan_runs SET stopped_at = ? WHERE stopped_at IS NULL", (now,))
                connection.execute(
                    "INSERT INTO plan_runs (plan_id, started_on, chosen_at) VALUES (?, ?, ?)",
                    (plan_id, start.isoformat(), now),
                )
        except sqlite3.Error as error:
            self.database.failed("save the plan", error)
            return False
        return True

    def stop_plan(self) -> bool:
        """Stop following the plan (kept in history as stopped); return whether it was saved."""
        if not self.writable:
            self.problem = self.problem or "history cannot be written"
            return False
        try:
            with self.database.transaction() as connection:
                connection.execute("UPDATE plan_runs SET stopped_at = ? WHERE stopped_at IS NULL", (time.time(),))
        except sqlite3.Error as error:
            self.database.failed("stop the plan", error)
            return False
        return True

    def recent_sessions(self, limit: int | None = 50) -> list[SessionRecord]:
        """Return stored sessions, newest first (none when they cannot be read)."""
        connection = self.database.connection
        if connection is None:
            return []
        try:
            return read_sessions(connection, limit)
        except (sqlite3.Error, ValueError) as error:
            self.database.failed("read history", error)
            return []

    def each_session(self) -> Iterator[SessionRecord]:
        """Yield every stored session, newest first, without holding them all; on a failure stop, with
        `problem` saying why (check it after the last one)."""
        connection = self.database.connection
        if connection is None:
            return
        try:
            yield from each_session(connection)
        except (sqlite3.Error, ValueError) as error:
            self.database.failed("read history", error)

    def import_sessions(self, sessions: Sequence[SessionRecord]) -> int | None:
        """Add the sessions history does not have yet, all in one transaction; return how many were added.

        A session is already there when one with the same routine and start second is stored.
        None (with `problem` saying why) when nothing could be added.
        """
        if not self.writable:
            self.problem = self.problem or "history cannot be written"
            return None
        try:
            with self.database.transaction() as connection:
                return insert_new(connection, sessions)
        except sqlite3.Error as error:
            self.database.failed("import the sessions", error)
            return None

    def counted_starts(self, since: dt.date) -> list[tuple[str, float]]:
        """Return (routine id, start time) of the sessions that count towards `unknot due`, since `since`."""
        connection = self.database.connection
        if connection is None:
            return []
        try:
            return starts_since(connection, since)
        except sqlite3.Error as error:
            self.database.failed("read history", error)
            return []

    # ----- checkpoints ---------------------------------------------------------------------------

    def save_checkpoint(
        self,
        token: str,
        routine_id: str,
        title: str,
        started_at: float,
        state: dict[str, Any],
        pain_before: int | None = None,
        *,
        pid: int | None = None,
    ) -> bool:
        """Write (or overwrite) the saved state of a session in progress, played by `pid` (this process)."""
        if not self.writable:
            return False
        try:
            with self.database.transaction() as connection:
                player = os.getpid() if pid is None else pid
                connection.execute(
                    "INSERT INTO checkpoints (token, routine_id, title, started_at, updated_at, host, pid,"
                    " pain_before, state, process) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (token) DO"
                    " UPDATE SET updated_at = excluded.updated_at, state = excluded.state, pid = excluded.pid,"
                    " host = excluded.host, pain_before = excluded.pain_before, process = excluded.process",
                    (
                        token,
                        routine_id,
                        title,
                        started_at,
                        time.time(),
                        socket.gethostname(),
                        player,
                        pain_before,
                        json.dumps(state),
                        process_identity(player),
                    ),
                )
        except sqlite3.Error as error:
            self.database.failed("save progress", error)
            return False
        return True

    def checkpoints(self) -> list[Checkpoint]:
        """Return every saved session in progress, newest first, each marked live or cut off."""
        connection = self.database.connection
        if connection is None:
            return []
        try:
            rows = connection.execute(
                "SELECT token, routine_id, title, started_at, updated_at, host, pid, pain_before, state, process"
                " FROM checkpoints ORDER BY updated_at DESC"
            ).fetchall()
        except sqlite3.Error as error:
            self.database.failed("read sessions in progress", error)
            return []
        here = socket.gethostname()
        found = []
        for token, routine_id, title, started_at, updated_at, host, pid, pain_before, state, process in rows:
            live = host == here and _still_playing(pid, process)
            try:
                saved = json.loads(state)
            except ValueError:
                saved = {}
            found.append(
                Checkpoint(token, routine_id, title, started_at, updated_at, host, pid, pain_before, saved, live)
            )
        return found

    def interrupted(self) -> list[Checkpoint]:
        """Return checkpoints whose process is gone (cut off, not still playing elsewhere), newest first."""
        return [checkpoint for checkpoint in self.checkpoints() if not checkpoint.live]

    def discard_checkpoint(self, checkpoint: Checkpoint) -> None:
        """Give up on resuming: keep the session in history as interrupted, and drop the checkpoint."""
        self.add_session(checkpoint.record(), checkpoint_token=checkpoint.token)
