"""History laid out for a width: no line of `unknot history` or of the screen's words is wider than the columns."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, unknot_command
from unknot.core.history.layout import (
    cut,
    pack_phrases,
    pain_lines,
    report_text,
    session_table,
)
from unknot.core.history.report import HistoryReport, build_report
from unknot.core.history.store import HistoryStore
from unknot.core.routines.text import cell_width
from unknot.core.session.events import Outcome, SessionRecord

TODAY = dt.date(2026, 12, 5)
NOON = dt.datetime(2026, 12, 5, 12).timestamp()
LONG_TITLE = "Foam roller for the upper and mid back"
LONG_NOTE = "left side much tighter than yesterday, eased after the second round on the floor"
WIDTHS = (200, 120, 100, 80, 76, 60, 40)


def session(days_ago: int, title: str = "Gentle floor stretches", note: str | None = None) -> SessionRecord:
    started = NOON - days_ago * 86400 - 3600 * (days_ago % 5)
    before = 5 + days_ago % 5
    return SessionRecord(
        title.lower().replace(" ", "-"),
        title,
        started,
        started + 700,
        671,
        5,
        0,
        Outcome.COMPLETED if days_ago % 7 else Outcome.PARTIAL,
        before,
        before - 2 - days_ago % 3,
        note,
    )


def week_of_use() -> HistoryReport:
    """Fourteen rated sessions over three weeks (one with a long title, one with a long note) and one left early."""
    sessions = [session(days) for days in range(0, 20, 2)]
    sessions += [session(1, LONG_TITLE), session(3, "Acupressure mat", LONG_NOTE), session(5, "Five-minute desk break")]
    sessions += [session(7, "Pressure points with your hands")]
    left = SessionRecord("acupressure-mat", "Acupressure mat", NOON + 60, NOON + 200, 120, 1, 0, Outcome.LEFT)
    return build_report([left, *sessions], [], TODAY)


def widest(text: str) -> int:
    return max(cell_width(line) for line in text.splitlines())


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_is_wider_than_the_columns(width: int) -> None:
    text = report_text(week_of_use(), width)
    assert widest(text) <= width, text


def test_at_80_columns_every_row_keeps_its_weekday_day_and_time() -> None:
    report = week_of_use()
    table = session_table(report.recent, 80)
    assert table.headings[:2] == ("When", "Routine") and "Pain" in table.headings
    for cells, row in zip(table.rows, report.recent, strict=True):
        assert cells[0] == dt.datetime.fromtimestamp(row.record.started_at).strftime("%a %d %b %H:%M")
    titles = [cells[1] for cells in table.rows]
    assert "Gentle floor stretches" in titles  # the usual titles whole; the long one cut, never wrapped
    assert any(title.endswith("…") and LONG_TITLE.startswith(title[:-1]) for title in titles)


def test_a_narrow_table_gives_up_the_least_needed_first() -> None:
    rows = week_of_use().recent
    assert session_table(rows, 200).headings == ("When", "Routine", "Time", "Outcome", "Pain", "Note")
    assert LONG_NOTE[:40] in "".join(cells[-1] for cells in session_table(rows, 200).rows)
    assert "Note" in session_table(rows, 80).headings
    assert session_table(rows, 60).headings == ("When", "Routine", "Time", "Outcome", "Pain")
    assert session_table(rows, 40).headings == ("When", "Routine", "Pain")
    # The short date once the weekday cannot stay.
    assert session_table(rows, 40).rows[0][0] == dt.datetime.fromtimestamp(NOON + 60).strftime("%d %b %H:%M")


def test_words_are_whole_when_there_is_room() -> None:
    record = SessionRecord("mat", "Acupressure mat", NOON, NOON + 60, 60, 1, 0, Outcome.INTERRUPTED)
    wide = session_table(build_report([record], [], TODAY).rows, 200)
    assert wide.rows[0][3] == "interrupted"


def test_the_pain_table_never_breaks_a_phrase() -> None:
    pain = week_of_use().pain
    verdicts = [summary.verdict() for summary in pain]
    for width in WIDTHS:
        lines = ["".join(text for text, _ in line) for line in pain_lines(pain, width)]
        assert all(cell_width(line.rstrip()) <= width for line in lines), (width, lines)
        assert all(any(verdict in line for line in lines) for verdict in verdicts), (width, lines)
        assert any("not medical advice" in line for line in lines)
    at_80 = ["".join(text for text, _ in line) for line in pain_lines(pain, 76)]
    assert any(line.startswith("Foam roller for the upper") and "not enough" in line for line in at_80)


def test_cut_and_pack() -> None:
    assert cut("Gentle floor stretches", 10) == "Gentle fl…"
    assert cut("Gentle floor stretches", 8) == "Gentle…"  # no space before the ellipsis
    assert cut("Gentle", 10) == "Gentle"
    assert cut("日本語のタイトル", 7) == "日本語…"
    assert pack_phrases(("one two", "three", "four five"), 13) == ["one two three", "four five"]


@pytest.fixture
def history_folder(tmp_path: Path) -> Path:
    store = HistoryStore(tmp_path)
    for row in week_of_use().rows:
        store.add_session(row.record)
    store.close()
    return tmp_path


@pytest.mark.parametrize("columns", [80, 120])
def test_history_in_a_terminal_fits_its_width(history_folder: Path, columns: int) -> None:
    terminal = Terminal([unknot_command(), "history", "--data-dir", str(history_folder)], columns=columns, rows=24)
    try:
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    lines = bytes(terminal.raw).decode("utf-8").replace("\r\n", "\n").splitlines()
    assert any(line.startswith("When ") for line in lines)
    assert max(cell_width(line) for line in lines) <= columns
    assert (max(cell_width(line) for line in lines) > 80) == (columns > 80)  # the room there is, used


def test_history_piped_is_laid_out_for_80_columns(history_folder: Path) -> None:
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(history_folder)}
    done = subprocess.run(
        [sys.executable, "-m", "unknot", "history", "--data-dir", str(history_folder)],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    assert "Sat 05 Dec" in done.stdout and widest(done.stdout) <= 80
