"""Opening the history database, and what each failure to open or use it does.

One file in the user data folder (`~/.local/share/unknot/history.sqlite3` on Linux), created
0600, in WAL mode with a busy timeout so several Unknot processes can share it.

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
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from ..paths import DATABASE_NAME
from ..routines.text import clean_text, shown_path
from .journal import Journal
from .rows import SESSION_COLUMNS, SESSION_PLACEHOLDERS, fill_note, insert_session, salvage_columns
from .schema import DamagedDatabase, HistoryUnavailable, check, is_busy, is_damage, migrate, reason, refuse_newer


class Patience(NamedTuple):
    """How long to wait for another process that holds the database's lock."""

    busy_timeout_ms: int = 5000
    """How long one statement waits for the lock."""
    open_retry_seconds: float = 10.0
    """How long opening keeps retrying while another process holds the lock (first launches at once)."""


#: The patience of an ordinary run.
PATIENCE = Patience()


class HistoryDatabase:
    """The open history file: a connection, or the reason there is none; `problem` and `notice` say what happened."""

    def __init__(self, folder: Path, journal: Journal, patience: Patience = PATIENCE) -> None:
        self.folder = folder
        self.path = folder / DATABASE_NAME
        self.journal = journal
        self.patience = patience
        self.problem: str | None = None
        """Why history is off, or what the latest failed read or write was."""
        self.notice: str | None = None
        """Something to say once: a damaged file moved aside, journaled sessions added."""
        self.read_only = False
        self.connection: sqlite3.Connection | None = None
        """The open connection; None when history is off (or was closed)."""
        self._identity: tuple[int, int] | None = None
        try:
            self.connection = self._open()
            self._identity = self._file_identity()
        except (OSError, sqlite3.Error, HistoryUnavailable, DamagedDatabase, ValueError) as error:
            # ValueError: a path that is not UTF-8 text, which SQLite cannot open.
            self.problem = f"history is off: cannot use {self.shown_path} ({reason(error)})"
        if self.connection is not None and not self.read_only:
            self._merge_journal()

    @property
    def shown_path(self) -> str:
        """The database path as text that is safe to show (no control characters)."""
        return shown_path(self.path)

    @property
    def writable(self) -> bool:
        """Whether new sessions can be stored (reopening the file if it was deleted or replaced meanwhile)."""
        if self.connection is None or self.read_only:
            return False
        if self._file_identity() != self._identity:
            # SQLite would go on writing to the deleted file, and every session would vanish with it.
            self.close()
            try:
                self.connection = self._connect_with_retry()
                self._identity = self._file_identity()
            except (OSError, sqlite3.Error, HistoryUnavailable, DamagedDatabase) as error:
                self.problem = f"history is off: {self.shown_path} went away and cannot be made again ({reason(error)})"
                return False
            self.notice = f"{self.shown_path} was deleted or replaced while Unknot ran; a new one was started"
        return True

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one write transaction: all of it is stored, or none of it."""
        assert self.connection is not None
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def failed(self, action: str, error: BaseException) -> None:
        """Note a failed read or write; a file found damaged is left alone until the next start."""
        self.problem = f"could not {action}: {reason(error)}"
        if is_damage(error):
            self.problem += " (the history file is damaged; it will be repaired at the next start)"
            self.close()

    def close(self) -> None:
        """Close the database."""
        if self.connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self.connection.close()
            self.connection = None

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return (stat.st_dev, stat.st_ino)

    def _open(self) -> sqlite3.Connection:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            if not self.folder.is_dir():
                raise
        refuse_shared_files(self.path)
        if not os.access(self.folder, os.W_OK):
            if not self.path.is_file():
                raise PermissionError(f"{clean_text(str(self.folder))} is not writable")
            self.read_only = True
            self.problem = f"new sessions cannot be saved: {clean_text(str(self.folder))} is read-only"
            return _connect_read_only(self.path)
        try:
            return self._connect_with_retry()
        except (sqlite3.DatabaseError, DamagedDatabase) as error:
            if not is_damage(error):
                raise
        aside = self._move_aside()
        connection = self._connect_with_retry()
        kept = _salvage(aside, connection)
        self.notice = (
            f"the history file was damaged; it was moved aside to {clean_text(str(aside))} "
            f"and {kept} session{'s' if kept != 1 else ''} that could still be read were kept"
        )
        return connection

    def _connect_with_retry(self) -> sqlite3.Connection:
        deadline = time.monotonic() + self.patience.open_retry_seconds
        while True:
            try:
                return self._connect()
            except sqlite3.OperationalError as error:
                if not is_busy(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _connect(self) -> sqlite3.Connection:
        with contextlib.suppress(FileExistsError):
            os.close(os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600))
        busy_ms = self.patience.busy_timeout_ms
        # One thread at a time uses a store (the history thread; tests after the app has stopped).
        connection = sqlite3.connect(self.path, timeout=busy_ms / 1000, isolation_level=None, check_same_thread=False)
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            migrate(connection)
            check(connection)
        except BaseException:
            connection.close()
            raise
        return connection

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

    def _merge_journal(self) -> None:
        records, taken = self.journal.take()
        if not taken:
            return
        added = 0
        try:
            with self.transaction() as connection:
                for record in records:
                    exists = connection.execute(
                        "SELECT 1 FROM sessions WHERE routine_id = ? AND started_at = ?",
                        (record.routine_id, record.started_at),
                    ).fetchone()
                    if not exists:
                        insert_session(connection, record)
                        added += 1
                    else:
                        fill_note(connection, record)  # a note that could not be saved after the session
        except sqlite3.Error as error:
            self.journal.give_back(taken)
            self.problem = f"could not add the sessions kept in {clean_text(str(taken[0]))}: {reason(error)}"
            return
        self.journal.done(taken)
        if added:
            self.notice = f"{added} session{'s' if added != 1 else ''} that could not be saved earlier now in history"


def refuse_shared_files(path: Path) -> None:
    """Raise HistoryUnavailable when someone else could read or redirect the history at `path`.

    A folder another user owns or can write lets them plant a symbolic link that sends the person's
    history (pain ratings included) into a file they can read; a database file that is a link, or
    is not the person's, is refused for the same reason. A group-writable folder is accepted when the
    group is the person's own (the user-private groups of a umask 002).
    """
    folder = path.parent
    status = os.stat(folder)
    where = clean_text(str(folder))
    if status.st_uid != os.geteuid():
        raise HistoryUnavailable(f"{where} belongs to another user; choose a data folder of your own")
    if status.st_mode & 0o002 or (status.st_mode & 0o020 and status.st_gid != os.getegid()):
        raise HistoryUnavailable(
            f"other users can write to {where}; make it private (chmod 700) or choose another data folder"
        )
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        try:
            entry = os.lstat(folder / name)
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(entry.st_mode):
            raise HistoryUnavailable(
                f"{clean_text(name)} in {where} is a symbolic link; history files are never followed"
            )
        if entry.st_uid != os.geteuid():
            raise HistoryUnavailable(f"{clean_text(name)} in {where} belongs to another user")


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
        refuse_newer(connection.execute("PRAGMA user_version").fetchone()[0])
        check(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _salvage(aside: Path, connection: sqlite3.Connection) -> int:
    """Copy the sessions that can still be read from a damaged file; return how many."""
    kept = 0
    try:
        damaged = sqlite3.connect(f"{aside.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0
    try:
        try:  # a file of an older schema lacks the newer columns (the note): they come back empty
            present = [row[1] for row in damaged.execute("PRAGMA table_info(sessions)")]
        except sqlite3.Error:
            present = [name.strip() for name in SESSION_COLUMNS.split(",")]
        cursor = damaged.execute(f"SELECT {salvage_columns(present)} FROM sessions")
        while True:
            try:
                row = cursor.fetchone()
            except sqlite3.Error:
                break
            if row is None:
                break
            with contextlib.suppress(sqlite3.Error):
                connection.execute(f"INSERT INTO sessions ({SESSION_COLUMNS}) VALUES ({SESSION_PLACEHOLDERS})", row)
                kept += 1
    except sqlite3.Error:
        pass
    finally:
        damaged.close()
    return kept
