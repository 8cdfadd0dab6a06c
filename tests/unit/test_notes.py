"""Notes written after a session: cleaned and bounded, stored, migrated, kept when a write fails, exchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from unknot.cli import main
from unknot.core.history.exchange import CSV_FIELDS, read_import, session_from_row
from unknot.core.history.notes import MAX_NOTE_LENGTH, clean_note
from unknot.core.history.recorder import SessionRecorder
from unknot.core.history.schema import MIGRATIONS
from unknot.core.history.service import HistoryService
from unknot.core.history.store import HistoryStore
from unknot.core.library.loader import load_library
from unknot.core.paths import DATABASE_NAME
from unknot.core.session.clock import FakeClock
from unknot.core.session.events import Outcome, SessionRecord
from unknot.core.session.player import Player

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "routines"
T0 = 1_767_225_600.0  # 2026-01-01T00:00:00Z


def record(started: float = T0, note: str | None = None) -> SessionRecord:
    return SessionRecord("desk-break", "Desk break", started, started + 300, 290, 5, 0, Outcome.COMPLETED, 6, 3, note)


def test_a_note_is_one_bounded_line_with_no_control_character() -> None:
    assert clean_note("  left side\ntighter\ttoday  ") == "left side tighter today"
    assert clean_note("\x1b[2J\x1b]0;pwned\x07") == "␛[2J␛]0;pwned␇"
    assert clean_note("   \n ") is None and clean_note(None) is None
    assert len(clean_note("x" * 10_000) or "") == MAX_NOTE_LENGTH
    assert clean_note("a\u202eb") == "ab"  # a bidirectional override would reorder what is read


def test_a_note_is_stored_replaced_and_removed(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    session_id = store.add_session(record())
    assert session_id is not None
    assert store.set_note(session_id, "left side\x1b[31m tighter")
    assert store.recent_sessions()[0].note == "left side␛[31m tighter"
    assert store.set_note(session_id, None)
    assert store.recent_sessions()[0].note is None


def test_the_database_refuses_a_note_longer_than_the_bound(tmp_path: Path) -> None:
    HistoryStore(tmp_path).add_session(record())
    connection = sqlite3.connect(tmp_path / DATABASE_NAME)
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("UPDATE sessions SET note = ?", ("x" * (MAX_NOTE_LENGTH + 1),))
    connection.close()


def test_a_version_2_database_migrates_keeping_every_session(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / DATABASE_NAME)
    connection.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1] + "; PRAGMA user_version = 2;")
    for started in range(1, 4):
        connection.execute(
            "INSERT INTO sessions (routine_id, title, started_at, ended_at, active_seconds, steps_done,"
            " steps_skipped, outcome, pain_before, pain_after) VALUES ('r', 'R', ?, ?, 1, 1, 0, 'partial', 5, 3)",
            (started, started + 1),
        )
    connection.commit()
    connection.close()
    store = HistoryStore(tmp_path)
    sessions = store.recent_sessions()
    assert [(s.started_at, s.outcome, s.pain_after, s.note) for s in sessions] == [
        (started, Outcome.PARTIAL, 3, None) for started in (3, 2, 1)
    ]
    assert sessions[0].id is not None and store.set_note(sessions[0].id, "fine")


def test_a_damaged_file_of_the_older_schema_is_salvaged_with_empty_notes(tmp_path: Path) -> None:
    from unknot.core.history.database import _salvage

    old = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(old)
    connection.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1] + "; PRAGMA user_version = 2;")
    connection.execute(
        "INSERT INTO sessions (routine_id, title, started_at, ended_at, active_seconds, steps_done,"
        " steps_skipped, outcome) VALUES ('r', 'R', 1, 2, 1, 1, 0, 'completed')"
    )
    connection.commit()
    connection.close()
    store = HistoryStore(tmp_path / "new")
    assert store.database.connection is not None
    assert _salvage(old, store.database.connection) == 1
    assert [(s.routine_id, s.note) for s in store.recent_sessions()] == [("r", None)]


def _recorder(store: HistoryStore) -> tuple[SessionRecorder, Player]:
    clock = FakeClock()
    player = Player(load_library([FIXTURES]).routines["quick-test"].timeline, clock)
    return SessionRecorder(HistoryService(lambda: store), player, clock), player


def test_the_recorder_saves_a_note_for_the_session_just_written(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    recorder, player = _recorder(store)
    recorder.observe(player.start())
    recorder.observe(player.leave())
    result = recorder.set_note("left side tighter today").result(5)
    assert result.saved and result.kept_at is None
    assert store.recent_sessions()[0].note == "left side tighter today"


def test_a_note_that_cannot_be_written_is_said_and_kept_until_the_next_start(tmp_path: Path) -> None:
    journal = [tmp_path / "journal"]
    store = HistoryStore(tmp_path / "data", journal_folders=journal)
    recorder, player = _recorder(store)
    recorder.observe(player.start())
    recorder.observe(player.leave())
    assert recorder.saved is not None and recorder.saved.result(5).saved
    assert recorder.history is not None and recorder.history.drain(5)
    store.close()  # the database went away after the session was stored
    result = recorder.set_note("left side tighter today", pain_after=2).result(5)
    assert not result.saved and result.problem
    assert result.kept_at == tmp_path / "journal" / "unsaved-sessions.jsonl"
    again = HistoryStore(tmp_path / "data", journal_folders=journal)  # the next start fills the note in
    (session,) = again.recent_sessions()
    assert session.note == "left side tighter today"


def test_a_note_for_a_session_that_was_not_stored_either_goes_in_with_it(tmp_path: Path) -> None:
    journal = [tmp_path / "journal"]
    store = HistoryStore(tmp_path / "data", journal_folders=journal)
    recorder, player = _recorder(store)
    recorder.observe(player.start())
    assert recorder.history is not None and recorder.history.drain(5)  # the store is closed on its own thread only
    store.close()
    recorder.observe(player.leave())
    assert recorder.saved is not None and not recorder.saved.result(5).saved
    result = recorder.set_note("kept too").result(5)
    assert not result.saved and result.kept_at is not None
    (session,) = HistoryStore(tmp_path / "data", journal_folders=journal).recent_sessions()
    assert session.note == "kept too"


def test_notes_travel_in_both_exports_as_the_last_csv_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = HistoryStore(tmp_path / "laptop")
    store.add_session(record(T0, note='left, "tighter"\x1b[31m'))
    store.add_session(record(T0 + 3600))
    store.close()
    assert CSV_FIELDS[-1] == "note"
    for form in ("--json", "--csv"):
        assert main(["history", form, "--data-dir", str(tmp_path / "laptop")]) == 0
        exported = tmp_path / f"h{form}"
        exported.write_text(capsys.readouterr().out)
        assert "\x1b" not in exported.read_text()
        remote = tmp_path / f"remote{form}"
        assert main(["history", "import", str(exported), "--data-dir", str(remote)]) == 0
        assert capsys.readouterr().out == "2 sessions added\n"
        notes = [s.note for s in HistoryStore(remote).recent_sessions()]
        assert notes == [None, 'left, "tighter"␛[31m']


def test_an_export_from_before_notes_still_imports() -> None:
    old_csv = (
        "id,routine_id,title,started_at,ended_at,active_seconds,steps_done,steps_skipped,outcome,resumable,"
        "pain_before,pain_after\n1,desk-break,Desk,2026-01-01T10:00:00Z,2026-01-01T10:05:00Z,290,5,0,completed,false,6,3\n"
    )
    found = read_import(old_csv)
    assert found.bad == [] and [s.note for s in found.sessions] == [None]
    old_json = json.dumps([{k: v for k, v in json.loads(_json_row()).items() if k != "note"}])
    assert [s.note for s in read_import(old_json).sessions] == [None]


def _json_row() -> str:
    return json.dumps(
        {
            "routine_id": "desk-break",
            "title": "Desk",
            "started_at": "2026-01-01T10:00:00Z",
            "ended_at": "2026-01-01T10:05:00Z",
            "active_seconds": 290,
            "steps_done": 5,
            "steps_skipped": 0,
            "outcome": "completed",
            "note": "fine",
        }
    )


def test_an_imported_note_is_checked_and_cleaned() -> None:
    row = json.loads(_json_row())
    assert session_from_row({**row, "note": "a\nb\x07"}).note == "a b␇"
    assert session_from_row({**row, "note": ""}).note is None
    with pytest.raises(ValueError, match="note must be at most 500 characters"):
        session_from_row({**row, "note": "x" * 501})
    with pytest.raises(ValueError, match="note must be text"):
        session_from_row({**row, "note": 5})
