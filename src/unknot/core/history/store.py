"""Session history and checkpoints in SQLite, so no session, finished or not, is lost.

One file in the user data folder (`~/.local/share/unknot/history.sqlite3` on Linux), created
0600, in WAL mode with a busy timeout so several Unknot processes can share it. The schema is
versioned with `PRAGMA user_version` and migrated forward on open. A database that cannot be
read is moved aside and replaced; a folder that cannot be written turns history off, and the
reason is kept in `problem` for the UI to show.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from ..paths import APP_NAME
from ..session.events import Outcome, SessionRecord

DATA_DIR_ENV = "UNKNOT_DATA_DIR"
DATABASE_NAME = "history.sqlite3"
BUSY_TIMEOUT_MS = 5000

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
]


def data_dir(override: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """Return the folder for history: `--data-dir`, else `UNKNOT_DATA_DIR`, else the platform's user data folder."""
    environ = os.environ if environ is None else environ
    if override is not None:
        return override.expanduser()
    if environ.get(DATA_DIR_ENV):
        return Path(environ[DATA_DIR_ENV]).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


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


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class HistoryStore:
    """Reads and writes sessions and checkpoints; every method is safe to call when history is off."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / DATABASE_NAME
        self.problem: str | None = None
        self.notice: str | None = None
        self._connection: sqlite3.Connection | None = None
        try:
            self._connection = self._open()
        except (OSError, sqlite3.Error) as error:
            self.problem = f"history is off: cannot use {self.path} ({_reason(error)})"

    @property
    def available(self) -> bool:
        """Whether history is being kept."""
        return self._connection is not None

    # ----- opening -------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not os.access(self.folder, os.W_OK):
            raise PermissionError(f"{self.folder} is not writable")
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
                raise
            aside = self.path.with_name(f"{DATABASE_NAME}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
            for suffix in ("", "-wal", "-shm"):
                source = Path(str(self.path) + suffix)
                if source.exists():
                    source.replace(Path(str(aside) + suffix))
            self.notice = f"the history file could not be read and was moved aside to {aside}; a new one was started"
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            self._migrate(connection)
            connection.execute("SELECT count(*) FROM sessions").fetchone()
        except sqlite3.Error:
            connection.close()
            raise
        return connection

    @staticmethod
    def _migrate(connection: sqlite3.Connection) -> None:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise sqlite3.DatabaseError(f"written by a newer Unknot (schema {version})")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            connection.execute("BEGIN IMMEDIATE")
            try:
                for statement in script.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {number}")
                connection.execute("COMMIT")
            except sqlite3.Error:
                connection.execute("ROLLBACK")
                raise

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        assert self._connection is not None
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield self._connection
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        self._connection.execute("COMMIT")

    def close(self) -> None:
        """Close the database."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # ----- sessions ------------------------------------------------------------------------

    def add_session(self, record: SessionRecord, checkpoint_token: str | None = None) -> int | None:
        """Store a finished session (dropping its checkpoint in the same transaction); return its id."""
        if self._connection is None:
            return None
        with _Guard(self, "save the session"), self._transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO sessions (routine_id, title, started_at, ended_at, active_seconds, steps_done,"
                " steps_skipped, outcome, pain_before, pain_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                ),
            )
            if checkpoint_token is not None:
                connection.execute("DELETE FROM checkpoints WHERE token = ?", (checkpoint_token,))
            return cursor.lastrowid
        return None

    def set_pain_after(self, session_id: int, pain: int) -> bool:
        """Record how the back felt after a session; return whether it was saved."""
        if self._connection is None:
            return False
        with _Guard(self, "save the pain rating"), self._transaction() as connection:
            connection.execute("UPDATE sessions SET pain_after = ? WHERE id = ?", (pain, session_id))
            return True
        return False

    def recent_sessions(self, limit: int | None = 50) -> list[SessionRecord]:
        """Return stored sessions, newest first."""
        if self._connection is None:
            return []
        query = (
            "SELECT routine_id, title, started_at, ended_at, active_seconds, steps_done, steps_skipped, outcome,"
            " pain_before, pain_after, id FROM sessions ORDER BY started_at DESC, id DESC"
        )
        rows = self._connection.execute(query + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
        return [
            SessionRecord(
                routine_id, title, started, ended, active, done, skipped, Outcome(outcome), before, after, id_
            )
            for routine_id, title, started, ended, active, done, skipped, outcome, before, after, id_ in rows
        ]

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
    ) -> None:
        """Write (or overwrite) the saved state of a session in progress, played by `pid` (this process)."""
        if self._connection is None:
            return
        with _Guard(self, "save progress"), self._transaction() as connection:
            connection.execute(
                "INSERT INTO checkpoints (token, routine_id, title, started_at, updated_at, host, pid, pain_before,"
                " state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (token) DO UPDATE SET"
                " updated_at = excluded.updated_at, state = excluded.state, pid = excluded.pid,"
                " host = excluded.host, pain_before = excluded.pain_before",
                (
                    token,
                    routine_id,
                    title,
                    started_at,
                    time.time(),
                    socket.gethostname(),
                    os.getpid() if pid is None else pid,
                    pain_before,
                    json.dumps(state),
                ),
            )

    def drop_checkpoint(self, token: str) -> None:
        """Forget a checkpoint (after it was resumed into a new one, or discarded)."""
        if self._connection is None:
            return
        with _Guard(self, "forget a checkpoint"), self._transaction() as connection:
            connection.execute("DELETE FROM checkpoints WHERE token = ?", (token,))

    def checkpoints(self) -> list[Checkpoint]:
        """Return every saved session in progress, newest first, each marked live or cut off."""
        if self._connection is None:
            return []
        rows = self._connection.execute(
            "SELECT token, routine_id, title, started_at, updated_at, host, pid, pain_before, state"
            " FROM checkpoints ORDER BY updated_at DESC"
        ).fetchall()
        here = socket.gethostname()
        found = []
        for token, routine_id, title, started_at, updated_at, host, pid, pain_before, state in rows:
            live = host == here and (pid == os.getpid() or _process_alive(pid))
            found.append(
                Checkpoint(
                    token, routine_id, title, started_at, updated_at, host, pid, pain_before, json.loads(state), live
                )
            )
        return found

    def interrupted(self) -> list[Checkpoint]:
        """Return checkpoints whose process is gone (cut off, not still playing elsewhere), newest first."""
        return [checkpoint for checkpoint in self.checkpoints() if not checkpoint.live]

    def discard_checkpoint(self, checkpoint: Checkpoint) -> None:
        """Give up on resuming: keep the session in history as interrupted, and drop the checkpoint."""
        self.add_session(checkpoint.record(), checkpoint_token=checkpoint.token)


class _Guard:
    """Turns a database failure during one write into a problem note instead of a crash."""

    def __init__(self, store: HistoryStore, action: str) -> None:
        self.store = store
        self.action = action

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> bool:
        if isinstance(error, (sqlite3.Error, OSError)):
            self.store.problem = f"could not {self.action}: {_reason(error)}"
            return True
        return False


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
