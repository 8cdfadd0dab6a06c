"""The history report: one value, laid out once, printed by the CLI and styled by the screen."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from unknot.cli import main
from unknot.core.history.layout import overview_lines, report_text, session_cells
from unknot.core.history.report import NO_SESSIONS, RowStatus, build_report, report_from_store, session_json
from unknot.core.history.store import HistoryStore
from unknot.core.session.events import Outcome, SessionRecord

T0 = 1_767_225_600.0  # 2026-01-01T00:00:00Z
TODAY = dt.date(2026, 1, 1)


def finished(started: float, outcome: Outcome = Outcome.COMPLETED, before: int | None = None) -> SessionRecord:
    return SessionRecord("desk-break", "Five-minute desk break", started, started + 300, 290, 5, 0, outcome, before)


def gone_pid() -> int:
    return int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True).stdout)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    store = HistoryStore(tmp_path)
    store.add_session(finished(T0 - 86400, before=6))
    store.add_session(finished(T0 - 3600, Outcome.LEFT))
    state = {"active_seconds": 42.0, "steps_done": [0], "steps_skipped": []}
    store.save_checkpoint("cut", "floor-stretches", "Gentle floor stretches", T0 - 600, state, 5, pid=gone_pid())
    store.save_checkpoint("live", "acupressure-mat", "Acupressure mat", T0 - 60, state)  # this process: playing
    return store


def test_open_sessions_are_rows_newest_first(store: HistoryStore) -> None:
    report = report_from_store(store, TODAY)
    statuses = [(row.record.title, row.status) for row in report.rows]
    assert statuses == [
        ("Acupressure mat", RowStatus.IN_PROGRESS),
        ("Gentle floor stretches", RowStatus.RESUMABLE),
        ("Five-minute desk break", RowStatus.LEFT),
        ("Five-minute desk break", RowStatus.COMPLETED),
    ]
    cut = report.rows[1].record
    assert (cut.active_seconds, cut.steps_done, cut.pain_before) == (42.0, 1, 5)


def test_text_and_screen_share_the_words(store: HistoryStore) -> None:
    report = report_from_store(store, TODAY)
    text = report_text(report, width=120)
    assert "interrupted (can resume)" in text and "in progress" in text and "left early" in text
    table = text.splitlines()[-len(report.recent) :]
    for row, line in zip(report.recent, table, strict=True):
        assert all(cell in line for cell in session_cells(row))
    overview = ["".join(span for span, _ in line) for line in overview_lines(report)]
    assert overview[0].startswith("Streak: ") and all(line.rstrip() in text for line in overview)


def test_json_marks_resumable_and_in_progress_sessions(store: HistoryStore) -> None:
    rows = [session_json(row) for row in report_from_store(store, TODAY).rows]
    assert [(row["outcome"], row["resumable"]) for row in rows] == [
        ("in-progress", False),
        ("interrupted", True),
        ("left", False),
        ("completed", False),
    ]
    assert rows[1]["id"] is None and isinstance(rows[3]["id"], int)
    assert rows[1]["started_at"] == time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(T0 - 600))


def test_cli_lists_a_session_cut_off_by_a_dropped_link(
    store: HistoryStore, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["history", "--json", "--data-dir", str(tmp_path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert any(row["resumable"] and row["routine_id"] == "floor-stretches" for row in rows)
    monkeypatch.setenv("COLUMNS", "120")
    assert main(["history", "--data-dir", str(tmp_path)]) == 0
    assert "interrupted (can resume)" in capsys.readouterr().out
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["history", "--data-dir", str(tmp_path)]) == 0
    assert "  can resume  " in capsys.readouterr().out


def test_empty_history_says_so_in_one_sentence() -> None:
    report = build_report([], [], TODAY)
    assert report_text(report) == NO_SESSIONS + "\n"
    assert overview_lines(report) == [[(NO_SESSIONS, "")]]


def rated(started: float, before: int, after: int, routine_id: str = "floor-stretches") -> SessionRecord:
    return SessionRecord(
        routine_id, "Gentle floor stretches", started, started + 300, 280, 5, 0, Outcome.COMPLETED, before, after
    )


def test_pain_evidence_is_weekly_and_modest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        # Thursday 1 Jan 2026: its ISO week began on Monday 29 Dec; Sunday 28 Dec 23:30 local is the week before.
        sunday_night = dt.datetime(2025, 12, 28, 23, 30).timestamp()
        monday = dt.datetime(2025, 12, 29, 0, 30).timestamp()
        sessions = [rated(sunday_night, 6, 6), rated(monday, 7, 3), rated(monday + 3600, 7, 5)]
        sessions.append(rated(dt.datetime(2025, 10, 1, 12).timestamp(), 9, 1))  # before the 8 weeks
        (summary,) = build_report(sessions, [], TODAY).pain
        assert summary.weekly_drops == (None, None, None, None, None, None, 0.0, 3.0)
        assert summary.enough and summary.sessions == 4
        assert summary.verdict() == "7.2 → 3.8, 3.4 lower (4 sessions)"
        few = build_report(sessions[:2], [], TODAY).pain[0]
        assert not few.enough and few.verdict() == "not enough to tell yet (2 sessions)"
        worse = build_report([rated(monday, 2, 4)] * 3, [], TODAY).pain[0]
        assert worse.verdict() == "2.0 → 4.0, 2.0 higher (3 sessions)"
        text = report_text(build_report(sessions, [], TODAY))
        assert "Pain before → after  how you rated it; not medical advice" in text
        assert "Gentle floor stretches  ······▁▆  7.2 → 3.8" in text
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
