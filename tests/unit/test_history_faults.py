"""History under faults: a full disk, a read-only disk, a damaged file, a deleted file, a held lock, two creators.

Each test reproduces a way history used to be lost or misreported. The disk tests mount a small
tmpfs (they are skipped, saying why, where mounting is impossible); the rest use real SQLite.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from unknot.cli import main
from unknot.core.history.database import Patience
from unknot.core.history.store import HistoryStore
from unknot.core.paths import DATABASE_NAME
from unknot.core.session.events import Outcome, SessionRecord

T0 = 1_767_225_600.0


def record(number: int = 0) -> SessionRecord:
    started = T0 + number * 600
    return SessionRecord("desk-break", "Five-minute desk break", started, started + 300, 290, 5, 0, Outcome.COMPLETED)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A small filesystem of its own (8 MiB: room for a WAL file), to fill up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here ({result.stderr.strip() or result.returncode})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(disk: Path) -> Path:
    """Fill `disk` to the last byte; return the filler file (delete it to free the space)."""
    filler = disk / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(descriptor, b"\0" * size)
    finally:
        os.close(descriptor)
    return filler


def history_with(folder: Path, sessions: int, journal: Path) -> None:
    store = HistoryStore(folder, journal_folders=[folder, journal])
    for number in range(sessions):
        assert store.add_session(record(number)) is not None
    store.close()


def test_a_full_disk_never_moves_history_aside_or_loses_it(small_disk: Path, tmp_path: Path) -> None:
    data = small_disk / "data"
    history_with(data, 150, tmp_path / "cache")
    filler = fill(small_disk)
    for _ in range(3):  # several runs in the same second: nothing may be renamed onto anything
        store = HistoryStore(data, journal_folders=[data, tmp_path / "cache"])
        assert store.add_session(record(999)) is None  # it cannot be stored...
        assert store.kept_at == tmp_path / "cache" / "unsaved-sessions.jsonl"  # ...so it is kept elsewhere
        store.close()
    assert sorted(path.name for path in data.iterdir() if "damaged" in path.name or "corrupt" in path.name) == []
    filler.unlink()
    store = HistoryStore(data, journal_folders=[data, tmp_path / "cache"])
    sessions = store.recent_sessions(limit=None)
    assert len(sessions) == 151  # all 150, and the one kept while the disk was full (added once, not three times)
    assert store.notice is not None and "now in history" in store.notice


def test_a_full_disk_mid_session_says_not_saved(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = small_disk / "data"
    store = HistoryStore(data, journal_folders=[data, tmp_path / "cache"])
    store.add_session(record(0))
    filler = fill(small_disk)
    with contextlib.suppress(OSError):  # the WAL may still take a page or two; use them up
        for number in range(1, 200):
            if store.add_session(record(number)) is None:
                break
    assert store.add_session(record(500)) is None and store.problem is not None
    assert "full" in store.problem or "disk" in store.problem
    filler.unlink()
    store.close()
    assert main(["history", "--json", "--data-dir", str(data)]) == 0  # the next start merges the kept ones


def test_a_read_only_disk_shows_history_and_says_new_sessions_cannot_be_saved(small_disk: Path) -> None:
    data = small_disk / "data"
    history_with(data, 3, small_disk / "cache")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    store = HistoryStore(data, journal_folders=[data])
    assert store.available and not store.writable
    assert len(store.recent_sessions()) == 3
    assert store.problem is not None and "cannot be saved" in store.problem
    assert store.add_session(record(9)) is None


def damage(path: Path) -> None:
    """Write junk over the pages after the header, as a failing disk or a stray write would."""
    with path.open("r+b") as stream:
        stream.seek(4096)
        stream.write(b"\xde\xad\xbe\xef" * 2048)


def test_damaged_pages_move_the_file_aside_keep_what_can_be_read_and_never_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    history_with(data, 40, tmp_path / "cache")
    connection = sqlite3.connect(data / DATABASE_NAME)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    damage(data / DATABASE_NAME)
    assert main(["history", "--data-dir", str(data)]) == 0  # no traceback
    err = capsys.readouterr().err
    assert "damaged" in err and "moved aside" in err
    (aside,) = [
        path for path in data.iterdir() if ".damaged-" in path.name and not path.name.endswith(("-wal", "-shm"))
    ]
    assert str(aside) in err
    assert HistoryStore(data).available


def test_a_file_that_is_not_a_database_is_moved_aside_to_a_new_name_each_time(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for _ in range(3):
        (data / DATABASE_NAME).write_bytes(b"not a database at all" * 200)
        for extra in ("-wal", "-shm"):
            (data / f"{DATABASE_NAME}{extra}").unlink(missing_ok=True)
        store = HistoryStore(data)
        assert store.available and store.notice and "moved aside" in store.notice
        store.close()
    asides = [path for path in data.iterdir() if ".damaged-" in path.name and not path.name.endswith(("-wal", "-shm"))]
    assert len(asides) == 3  # three names, none overwritten


def test_a_locked_database_is_not_moved_aside(tmp_path: Path) -> None:
    data = tmp_path / "data"
    history_with(data, 2, tmp_path / "cache")
    holder = sqlite3.connect(data / DATABASE_NAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store = HistoryStore(data, journal_folders=[tmp_path / "cache"], patience=Patience(50, 0.2))
        assert len(store.recent_sessions()) == 2  # WAL: reading goes on while another process writes
        assert store.add_session(record(7)) is None  # a write cannot get the lock...
        assert store.kept_at is not None  # ...so the session is kept for the next start
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [path.name for path in data.iterdir() if "damaged" in path.name] == []
    assert len(HistoryStore(data, journal_folders=[tmp_path / "cache"]).recent_sessions()) == 3


def test_a_newer_schema_turns_history_off_and_leaves_the_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    history_with(data, 1, tmp_path / "cache")
    connection = sqlite3.connect(data / DATABASE_NAME)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()
    before = (data / DATABASE_NAME).read_bytes()
    store = HistoryStore(data)
    assert not store.available and store.problem is not None and "newer Unknot" in store.problem
    assert (data / DATABASE_NAME).read_bytes() == before


def test_a_database_deleted_while_running_is_made_again_not_written_into_the_void(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.add_session(record(0))
    for name in (DATABASE_NAME, f"{DATABASE_NAME}-wal", f"{DATABASE_NAME}-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    session_id = store.add_session(record(1))
    assert session_id is not None
    assert [session.started_at for session in HistoryStore(tmp_path).recent_sessions()] == [record(1).started_at]
    assert store.notice is not None and "deleted" in store.notice


def _create_at_once(
    folder: str, barrier: multiprocessing.synchronize.Barrier, results: multiprocessing.Queue[tuple[bool, str | None]]
) -> None:
    barrier.wait()
    store = HistoryStore(Path(folder))
    results.put((store.available, store.problem))
    store.close()


@pytest.mark.parametrize("attempt", range(5))
def test_two_first_launches_at_once_both_keep_history(tmp_path: Path, attempt: int) -> None:
    barrier = multiprocessing.Barrier(2)
    results: multiprocessing.Queue[tuple[bool, str | None]] = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=_create_at_once, args=(str(tmp_path / "data"), barrier, results))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert [results.get(timeout=5) for _ in workers] == [(True, None), (True, None)]


def test_a_symlinked_database_file_is_not_followed_when_created(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    target = tmp_path / "elsewhere"
    os.symlink(target, data / DATABASE_NAME)
    store = HistoryStore(data)
    assert not target.exists() or store.available


def test_a_data_folder_others_can_write_is_refused(tmp_path: Path) -> None:
    """Someone who can write there could plant a link that sends the history into their own file."""
    data = tmp_path / "shared"
    data.mkdir()
    data.chmod(0o777)
    store = HistoryStore(data, journal_folders=[tmp_path / "cache"])
    assert not store.available
    assert store.problem is not None and "other users can write to" in store.problem
    assert list(data.iterdir()) == []  # nothing was created there
    assert store.add_session(record(1)) is None and store.kept_at is not None  # the session is kept elsewhere


@pytest.mark.parametrize("name", [DATABASE_NAME, f"{DATABASE_NAME}-wal"])
def test_a_history_file_that_is_a_symbolic_link_is_never_followed(tmp_path: Path, name: str) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    elsewhere = tmp_path / "theirs.sqlite3"
    (data / name).symlink_to(elsewhere)
    store = HistoryStore(data, journal_folders=[tmp_path / "cache"])
    assert not store.available and "symbolic link" in (store.problem or "")
    assert not elsewhere.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root (CI runs as root)")
def test_a_data_folder_of_another_user_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "theirs"
    data.mkdir(mode=0o700)
    os.chown(data, 65534, 65534)
    store = HistoryStore(data, journal_folders=[tmp_path / "cache"])
    assert not store.available and "belongs to another user" in (store.problem or "")
