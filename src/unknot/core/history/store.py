"""Session history and checkpoints in SQLite, so no session, finished or not, is lost.

One file in the user data folder (`~/.local/share/unknot/history.sqlite3` on Linux), created
0600, in WAL mode with a busy timeout so several Unknot processes can share it. The schema is
versioned with `PRAGMA user_version` and migrated forward on open, inside the same write
transaction that checks the version, so two first launches at once cannot both create it.

What happens on each failure (docs/security.md, "Data safety", says the same for users):
- Only a file SQLite itself reports as damaged (`PRAGMA quick_check` failing, "file is not a
  database", "malformed") is moved aside, to a name no other file has, and what can still be
  read from it is copied into a new database. The notice names where it went.
- Anything else at open (disk full, locked, read-only, cannot open, written by a newer Unknot,
  an unreadable WAL file) turns history off for this run and leaves every file untouched.
- A data folder that cannot be written opens the database read-only: history is shown, and
  the problem says new sessions cannot be saved.
- Any database error later (a write, a read, a page found damaged) is caught and kept in
  `problem`; a session that could not be written goes to the journal (journal.py) and is
  added at the next start.
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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..paths import DATABASE_NAME, user_cache_dir
from ..routines.text import clean_text, shown_path
from ..session.events import Outcome, SessionRecord
from .journal import Journal

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
]


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
    except (PermissionError, OverflowError):
        return pid > 0
    # A killed process that nobody has reaped yet still answers kill(0): on Linux, ask its state.
    with contextlib.suppress(OSError, IndexError):
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


class HistoryUnavailable(Exception):
    """History cannot be used this run, and no file is to blame (nothing is moved aside)."""


class DamagedDatabase(Exception):
    """SQLite reports the file damaged: the one case where it is moved aside."""


#: SQLite's own words for a file that is damaged (and nothing else: not full, not locked).
_DAMAGE_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
#: How long opening keeps retrying while another process holds the lock (first launches at once).
OPEN_RETRY_SECONDS = 10.0


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


def _is_busy(error: BaseException) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(error).lower()


class HistoryStore:
    """Reads and writes sessions and checkpoints; every method is safe to call when history is off."""

    def __init__(self, folder: Path, journal_folders: Sequence[Path] | None = None) -> None:
        self.folder = folder
        self.path = folder / DATABASE_NAME
        self.problem: str | None = None
        """Why history is off, or what the latest failed read or write was."""
        self.notice: str | None = None
        """Something to say once: a damaged file moved aside, journaled sessions added."""
        self.read_only = False
        self.kept_at: Path | None = None
        """Where the latest session that could not be stored was kept instead (the journal)."""
        self.journal = Journal(journal_folders if journal_folders is not None else [folder, user_cache_dir()])
        self._connection: sqlite3.Connection | None = None
        self._identity: tuple[int, int] | None = None
        try:
            self._connection = self._open()
            self._identity = self._file_identity()
        except (OSError, sqlite3.Error, HistoryUnavailable, DamagedDatabase, ValueError) as error:
            # ValueError: a path that is not UTF-8 text, which SQLite cannot open.
            self.problem = f"history is off: cannot use {self.shown_path} ({_reason(error)})"
        if self._connection is not None and not self.read_only:
            self._merge_journal()

    @property
    def shown_path(self) -> str:
        """The database path as text that is safe to show (no control characters)."""
        return shown_path(self.path)

    @property
    def available(self) -> bool:
        """Whether history can be read."""
        return self._connection is not None

    @property
    def writable(self) -> bool:
        """Whether new sessions can be stored (reopening the file if it was deleted or replaced meanwhile)."""
        if self._connection is None or self.read_only:
            return False
        if self._file_identity() != self._identity:
            # SQLite would go on writing to the deleted file, and every session would vanish with it.
            self.close()
            try:
                self._connection = self._connect_with_retry()
                self._identity = self._file_identity()
            except (OSError, sqlite3.Error, HistoryUnavailable, DamagedDatabase) as error:
                self.problem = (
                    f"history is off: {self.shown_path} went away and cannot be made again ({_reason(error)})"
                )
                return False
            self.notice = f"{self.shown_path} was deleted or replaced while Unknot ran; a new one was started"
        return True

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return (stat.st_dev, stat.st_ino)

    # ----- opening -------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            if not self.folder.is_dir():
                raise
        if not os.access(self.folder, os.W_OK):
            if not self.path.is_file():
                raise PermissionError(f"{clean_text(str(self.folder))} is not writable")
            self.read_only = True
            self.problem = f"new sessions cannot be saved: {clean_text(str(self.folder))} is read-only"
            return self._connect_read_only(self.path)
        try:
            return self._connect_with_retry()
        except (sqlite3.DatabaseError, DamagedDatabase) as error:
            if not is_damage(error):
                raise
        aside = self._move_aside()
        connection = self._connect_with_retry()
        kept = self._salvage(aside, connection)
        self.notice = (
            f"the history file was damaged; it was moved aside to {clean_text(str(aside))} "
            f"and {kept} session{'s' if kept != 1 else ''} that could still be read were kept"
        )
        return connection

    def _connect_with_retry(self) -> sqlite3.Connection:
        deadline = time.monotonic() + OPEN_RETRY_SECONDS
        while True:
            try:
                return self._connect()
            except sqlite3.OperationalError as error:
                if not _is_busy(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _connect(self) -> sqlite3.Connection:
        with contextlib.suppress(FileExistsError):
            os.close(os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600))
        # One thread at a time uses a store (the history thread; tests after the app has stopped).
        connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            self._migrate(connection)
            self._check(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    @staticmethod
    def _connect_read_only(path: Path) -> sqlite3.Connection:
        uri = path.resolve().as_uri()
        try:
            connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA user_version").fetchone()
        except sqlite3.OperationalError:
            # A WAL database on a read-only disk cannot make its shared-memory file: read it as a
            # file nobody is changing (nothing can write there anyway).
            connection = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None, check_same_thread=False)
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise HistoryUnavailable(f"written by a newer Unknot (schema {version})")
            HistoryStore._check(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    @staticmethod
    def _check(connection: sqlite3.Connection) -> None:
        result = connection.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise DamagedDatabase(f"quick_check: {result}")

    @staticmethod
    def _migrate(connection: sqlite3.Connection) -> None:
        if connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS):
            return
        # The version is read again inside the write transaction: another first launch may
        # have created the tables while this one waited for the lock.
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise HistoryUnavailable(f"written by a newer Unknot (schema {version})")
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {number}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def _move_aside(self) -> Path:
        """Move the damaged database (and its WAL and shared-memory files) to a name no file has."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for attempt in range(1, 1000):
            suffix = "" if attempt == 1 else f"-{attempt}"
            aside = self.path.with_name(f"{DATABASE_NAME}.damaged-{stamp}{suffix}")
            try:
                os.link(self.path, aside)  # fails if the name is taken: nothing is ever overwritten
            except FileExistsError:
                continue
            os.unlink(self.path)
            for extra in ("-wal", "-shm"):
                source = Path(f"{self.path}{extra}")
                if source.exists() and not Path(f"{aside}{extra}").exists():
                    os.replace(source, Path(f"{aside}{extra}"))
            return aside
        raise HistoryUnavailable("too many damaged history files moved aside already")

    @staticmethod
    def _salvage(aside: Path, connection: sqlite3.Connection) -> int:
        """Copy the sessions that can still be read from a damaged file; return how many."""
        kept = 0
        try:
            damaged = sqlite3.connect(f"{aside.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            return 0
        columns = (
            "routine_id, title, started_at, ended_at, active_seconds, steps_done, steps_skipped, outcome,"
            " pain_before, pain_after"
        )
        try:
            cursor = damaged.execute(f"SELECT {columns} FROM sessions")
            while True:
                try:
                    row = cursor.fetchone()
                except sqlite3.Error:
                    break
                if row is None:
                    break
                with contextlib.suppress(sqlite3.Error):
                    connection.execute(f"INSERT INTO sessions ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
                    kept += 1
        except sqlite3.Error:
            pass
        finally:
            damaged.close()
        return kept

    def _merge_journal(self) -> None:
        records, taken = self.journal.take()
        if not taken:
            return
        added = 0
        try:
            with self._transaction() as connection:
                for record in records:
                    exists = connection.execute(
                        "SELECT 1 FROM sessions WHERE routine_id = ? AND started_at = ?",
                        (record.routine_id, record.started_at),
                    ).fetchone()
                    if not exists:
                        self._insert(connection, record)
                        added += 1
        except sqlite3.Error as error:
            self.journal.give_back(taken)
            self.problem = f"could not add the sessions kept in {clean_text(str(taken[0]))}: {_reason(error)}"
            return
        self.journal.done(taken)
        if added:
            self.notice = f"{added} session{'s' if added != 1 else ''} that could not be saved earlier now in history"

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        assert self._connection is not None
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield self._connection
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self._connection.execute("ROLLBACK")
            raise
        self._connection.execute("COMMIT")

    def close(self) -> None:
        """Close the database."""
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None

    def _failed(self, action: str, error: BaseException) -> None:
        """Note a failed read or write; a file found damaged is left alone until the next start."""
        self.problem = f"could not {action}: {_reason(error)}"
        if is_damage(error):
            self.problem += " (the history file is damaged; it will be repaired at the next start)"
            self.close()

    # ----- sessions ------------------------------------------------------------------------

    @staticmethod
    def _insert(connection: sqlite3.Connection, record: SessionRecord) -> int | None:
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
        return cursor.lastrowid

    def add_session(self, record: SessionRecord, checkpoint_token: str | None = None) -> int | None:
        """Store a finished session (dropping its checkpoint in the same transaction); return its id.

        When it cannot be stored it is kept in the journal (`kept_at` says where) and None is returned.
        """
        self.kept_at = None
        if self.writable:
            try:
                with self._transaction() as connection:
                    session_id = self._insert(connection, record)
                    if checkpoint_token is not None:
                        connection.execute("DELETE FROM checkpoints WHERE token = ?", (checkpoint_token,))
                return session_id
            except sqlite3.Error as error:
                self._failed("save the session", error)
        self.kept_at = self.journal.keep(record)
        return None

    def set_pain_after(self, session_id: int, pain: int) -> bool:
        """Record how the back felt after a session; return whether it was saved."""
        if not self.writable:
            return False
        try:
            with self._transaction() as connection:
                connection.execute("UPDATE sessions SET pain_after = ? WHERE id = ?", (pain, session_id))
        except sqlite3.Error as error:
            self._failed("save the pain rating", error)
            return False
        return True

    def recent_sessions(self, limit: int | None = 50) -> list[SessionRecord]:
        """Return stored sessions, newest first (none when they cannot be read)."""
        if self._connection is None:
            return []
        query = (
            "SELECT routine_id, title, started_at, ended_at, active_seconds, steps_done, steps_skipped, outcome,"
            " pain_before, pain_after, id FROM sessions ORDER BY started_at DESC, id DESC"
        )
        try:
            rows = self._connection.execute(query + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
            return [
                SessionRecord(
                    routine_id, title, started, ended, active, done, skipped, Outcome(out), before, after, id_
                )
                for routine_id, title, started, ended, active, done, skipped, out, before, after, id_ in rows
            ]
        except (sqlite3.Error, ValueError) as error:
            self._failed("read history", error)
            return []

    def import_sessions(self, sessions: Sequence[SessionRecord]) -> int | None:
        """Add the sessions history does not have yet, all in one transaction; return how many were added.

        A session is already there when one with the same routine and start second is stored.
        None (with `problem` saying why) when nothing could be added.
        """
        from .exchange import new_sessions, same_session_key

        if not self.writable:
            self.problem = self.problem or "history cannot be written"
            return None
        try:
            with self._transaction() as connection:
                known = {
                    same_session_key(routine_id, started_at)
                    for routine_id, started_at in connection.execute("SELECT routine_id, started_at FROM sessions")
                }
                fresh = new_sessions(sessions, known)
                for record in fresh:
                    self._insert(connection, record)
        except sqlite3.Error as error:
            self._failed("import the sessions", error)
            return None
        return len(fresh)

    def counted_starts(self, since: dt.date) -> list[tuple[str, float]]:
        """Return (routine id, start time) of the sessions that count towards `unknot due`, since `since`."""
        from .due import starts_since

        if self._connection is None:
            return []
        try:
            return starts_since(self._connection, since)
        except sqlite3.Error as error:
            self._failed("read history", error)
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
            with self._transaction() as connection:
                connection.execute(
                    "INSERT INTO checkpoints (token, routine_id, title, started_at, updated_at, host, pid,"
                    " pain_before, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (token) DO UPDATE SET"
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
        except sqlite3.Error as error:
            self._failed("save progress", error)
            return False
        return True

    def drop_checkpoint(self, token: str) -> None:
        """Forget a checkpoint (after it was resumed into a new one, or discarded)."""
        if not self.writable:
            return
        try:
            with self._transaction() as connection:
                connection.execute("DELETE FROM checkpoints WHERE token = ?", (token,))
        except sqlite3.Error as error:
            self._failed("forget a checkpoint", error)

    def checkpoints(self) -> list[Checkpoint]:
        """Return every saved session in progress, newest first, each marked live or cut off."""
        if self._connection is None:
            return []
        try:
            rows = self._connection.execute(
                "SELECT token, routine_id, title, started_at, updated_at, host, pid, pain_before, state"
                " FROM checkpoints ORDER BY updated_at DESC"
            ).fetchall()
        except sqlite3.Error as error:
            self._failed("read sessions in progress", error)
            return []
        here = socket.gethostname()
        found = []
        for token, routine_id, title, started_at, updated_at, host, pid, pain_before, state in rows:
            live = host == here and (pid == os.getpid() or _process_alive(pid))
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


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return clean_text(error.strerror)
    return clean_text(str(error) or type(error).__name__)
