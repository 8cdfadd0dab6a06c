"""The history store: sessions, checkpoints, and every fault it must survive."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from unknot.core.history.report import current_streak, minutes_per_day, pain_by_routine
from unknot.core.history.store import HistoryStore
from unknot.core.paths import DATABASE_NAME, data_dir
from unknot.core.session.events import Outcome, SessionRecord

T0 = 1_767_225_600.0  # 2026-01-01T00:00:00Z


def record(
    started: float = T0,
    active: float = 300,
    outcome: Outcome = Outcome.COMPLETED,
    routine_id: str = "floor-stretches",
    pain_before: int | None = None,
) -> SessionRecord:
    return SessionRecord(
        routine_id,
        routine_id.replace("-", " ").title(),
        started,
        started + active + 20,
        active,
        5,
        0,
        outcome,
        pain_before=pain_before,
    )


def test_data_dir_precedence(tmp_path: Path) -> None:
    assert data_dir(tmp_path / "flag", {"UNKNOT_DATA_DIR": "/env"}) == tmp_path / "flag"
    assert data_dir(None, {"UNKNOT_DATA_DIR": str(tmp_path / "env")}) == tmp_path / "env"
    assert data_dir(None, {}).name == "unknot"


def test_sessions_round_trip_and_file_is_private(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    assert store.available and store.problem is None
    first = store.add_session(record(T0, pain_before=6))
    store.add_session(record(T0 + 86400, outcome=Outcome.LEFT))
    assert first is not None
    store.set_pain_after(first, 3)
    sessions = store.recent_sessions()
    assert [s.outcome for s in sessions] == ["left", "completed"]
    assert (sessions[1].pain_before, sessions[1].pain_after) == (6, 3)
    assert stat.S_IMODE((tmp_path / "data" / DATABASE_NAME).stat().st_mode) == 0o600
    connection = sqlite3.connect(tmp_path / "data" / DATABASE_NAME)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 3
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_corrupt_database_is_moved_aside_and_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DATABASE_NAME).write_bytes(b"this is not a database" * 100)
    store = HistoryStore(folder)
    assert store.available
    assert store.notice is not None and "moved aside" in store.notice
    assert [p.name for p in folder.glob(f"{DATABASE_NAME}.damaged-*")]
    assert store.add_session(record()) is not None


def test_unwritable_data_dir_turns_history_off(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    store = HistoryStore(blocker / "data")
    assert not store.available
    assert store.problem is not None and store.problem.startswith("history is off")
    assert store.add_session(record()) is None
    assert store.recent_sessions() == [] and store.interrupted() == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_read_only_data_dir_turns_history_off(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        store = HistoryStore(folder)
        assert not store.available and "history is off" in (store.problem or "")
    finally:
        folder.chmod(0o700)


def test_checkpoints_of_dead_processes_are_interrupted(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.save_checkpoint("mine", "floor-stretches", "Floor", T0, {"segment_index": 2})
    assert store.interrupted() == []  # our own, still playing
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    store.save_checkpoint("mine", "floor-stretches", "Floor", T0, {"segment_index": 2}, pid=int(dead.stdout))
    (checkpoint,) = store.interrupted()
    assert checkpoint.state == {"segment_index": 2}
    store.discard_checkpoint(checkpoint)
    assert store.interrupted() == []
    assert [s.outcome for s in store.recent_sessions()] == ["interrupted"]


def test_finishing_drops_the_checkpoint_in_the_same_transaction(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.save_checkpoint("t", "r", "R", T0, {})
    store.add_session(record(), checkpoint_token="t")
    count = sqlite3.connect(tmp_path / DATABASE_NAME).execute("SELECT count(*) FROM checkpoints").fetchone()[0]
    assert count == 0


def _finish_at_once(folder: str, barrier: multiprocessing.synchronize.Barrier, number: int) -> None:
    store = HistoryStore(Path(folder))
    barrier.wait()
    for index in range(20):
        store.add_session(record(T0 + number * 1000 + index))
    store.close()


def test_two_instances_finishing_at_the_same_moment_keep_both_rows(tmp_path: Path) -> None:
    HistoryStore(tmp_path).close()
    barrier = multiprocessing.Barrier(2)
    workers = [multiprocessing.Process(target=_finish_at_once, args=(str(tmp_path), barrier, n)) for n in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert len(HistoryStore(tmp_path).recent_sessions(limit=None)) == 40


def test_report_minutes_streak_and_pain(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    today = dt.date(2026, 1, 10)
    noon = dt.datetime(2026, 1, 10, 12).timestamp()
    for days_ago in (0, 1, 2, 4):
        store.add_session(record(noon - days_ago * 86400, active=600, pain_before=6))
    store.add_session(record(noon, active=30, routine_id="desk-break"))
    for session in store.recent_sessions():
        if session.routine_id == "floor-stretches":
            assert session.id is not None
            store.set_pain_after(session.id, 4)
    sessions = store.recent_sessions(limit=None)
    days = minutes_per_day(sessions, today)
    assert len(days) == 28 and days[-1] == (today, 10.5) and days[-4][1] == 0
    assert current_streak(sessions, today) == 3
    assert current_streak(sessions, today + dt.timedelta(days=1)) == 3
    assert current_streak(sessions, today + dt.timedelta(days=2)) == 0
    (summary,) = pain_by_routine(sessions, today)
    assert (summary.sessions, summary.average_before, summary.average_after, summary.change) == (4, 6.0, 4.0, -2.0)


def test_a_killed_process_not_yet_reaped_counts_as_gone(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        store.save_checkpoint("z", "floor-stretches", "Floor", T0, {}, pid=process.pid)
        assert store.interrupted() == []  # still playing
        process.kill()
        for _ in range(100):  # killed, but its parent (this test) has not reaped it: a zombie
            if store.interrupted():
                break
            time.sleep(0.01)
        assert [checkpoint.token for checkpoint in store.interrupted()] == ["z"]
    finally:
        process.wait()


def test_a_version_1_database_migrates_keeping_every_row_and_takes_partial_sessions(tmp_path: Path) -> None:
    from unknot.core.history.schema import MIGRATIONS

    connection = sqlite3.connect(tmp_path / DATABASE_NAME)
    connection.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    connection.execute(
        "INSERT INTO sessions (routine_id, title, started_at, ended_at, active_seconds, steps_done, steps_skipped,"
        " outcome, pain_before, pain_after) VALUES ('r', 'R', 1, 2, 1, 1, 0, 'completed', 5, 3)"
    )
    connection.commit()
    connection.close()
    store = HistoryStore(tmp_path)
    assert store.add_session(record(outcome=Outcome.PARTIAL)) is not None
    assert sorted(session.outcome for session in store.recent_sessions()) == [Outcome.COMPLETED, Outcome.PARTIAL]
    assert store.recent_sessions()[-1].pain_after == 3
