"""The numbers behind the pain chart, and the chart drawn: weeks across DST and year ends, shapes, widths."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from unknot.core.glyphs import CONSOLE, UNICODE, use_glyphs
from unknot.core.history.chart import PERIODS, build_chart, chart_lines, chart_table, chart_text, next_period
from unknot.core.session.events import Outcome, SessionRecord

TODAY = dt.date(2026, 1, 1)  # a Thursday; its ISO week began on Monday 29 Dec 2025
#: The history screen's room at 80 columns: padding on each side and a scroll bar.
SCREEN_WIDTH = 77


@pytest.fixture
def berlin() -> Iterator[None]:
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    try:
        yield
    finally:
        os.environ["TZ"] = "UTC"
        time.tzset()


def session(
    when: dt.datetime, before: int | None = 6, after: int | None = 3, routine_id: str = "floor"
) -> SessionRecord:
    started = when.timestamp()
    return SessionRecord(
        routine_id, routine_id.title(), started, started + 600, 540, 5, 0, Outcome.COMPLETED, before, after
    )


def test_weeks_are_local_iso_weeks_across_a_year_end_and_dst(berlin: None) -> None:
    sessions = [
        session(dt.datetime(2025, 12, 28, 23, 30)),  # Sunday night: the week before the year's last
        session(dt.datetime(2025, 12, 29, 0, 30), 8, 2),  # Monday just after midnight: the last week
        session(dt.datetime(2025, 10, 26, 2, 30)),  # the night clocks went back (Sunday): week of 20 Oct
        session(dt.datetime(2025, 10, 27, 0, 10)),  # the Monday after: a new week, though 25 hours later
        session(dt.datetime(2025, 3, 30, 3, 30)),  # the night clocks went forward: week of 24 Mar
    ]
    chart = build_chart(sessions, TODAY, 52)
    weeks = {week.start: week for week in chart.week_rows if week.sessions}
    assert sorted(weeks) == [
        dt.date(2025, 3, 24),
        dt.date(2025, 10, 20),
        dt.date(2025, 10, 27),
        dt.date(2025, 12, 22),
        dt.date(2025, 12, 29),
    ]
    assert chart.week_rows[0].start == dt.date(2025, 1, 6) and chart.week_rows[-1].start == dt.date(2025, 12, 29)
    last = weeks[dt.date(2025, 12, 29)]
    assert (last.sessions, last.minutes, last.rated, last.average_before, last.average_after) == (1, 9.0, 1, 8.0, 2.0)


def test_empty_weeks_one_session_and_unrated_sessions() -> None:
    empty = build_chart([], TODAY, 4)
    assert [week.sessions for week in empty.week_rows] == [0, 0, 0, 0] and empty.points == ()
    assert "No session in these weeks was rated" in chart_text(empty)
    assert chart_table(empty) == ["No sessions in the last 4 weeks (all routines)."]
    one = build_chart([session(dt.datetime(2025, 12, 30, 18))], TODAY, 4)
    assert [week.sessions for week in one.week_rows] == [0, 0, 0, 1]
    (point,) = one.points
    assert (point.before, point.after) == (6, 3) and point.column == 3 * 13 + int((1 + 0.75) * 13 / 7)
    unrated = build_chart([session(dt.datetime(2025, 12, 30, 18), None, None)], TODAY, 4)
    assert unrated.sessions == 1 and unrated.rated == 0 and unrated.points == ()
    future = build_chart([session(dt.datetime(2026, 1, 2, 9))], TODAY, 4)
    assert future.sessions == 0  # later than today (a clock set wrong) is not drawn


def test_one_routine_or_all() -> None:
    sessions = [session(dt.datetime(2025, 12, 30, 9)), session(dt.datetime(2025, 12, 31, 9), routine_id="desk")]
    assert build_chart(sessions, TODAY).sessions == 2
    only = build_chart(sessions, TODAY, routine_id="desk", title="Desk")
    assert only.sessions == 1 and "Desk" in chart_text(only).splitlines()[0]


def test_before_and_after_differ_in_shape_and_role_not_colour_alone() -> None:
    use_glyphs(UNICODE)
    sessions = [session(dt.datetime(2025, 12, 29, 9), 7, 3), session(dt.datetime(2025, 12, 31, 9), 5, 5)]
    lines = chart_lines(build_chart(sessions, TODAY, 4))
    spans = [span for line in lines for span in line]
    assert ("●", "before") in spans and ("○", "after") in spans and ("◉", "both") in spans
    text = "\n".join("".join(t for t, _ in line) for line in lines)
    drawing = [line for line in text.splitlines() if "│" in line]
    assert "●" in drawing[10 - 7] and "○" in drawing[10 - 3] and "◉" in drawing[10 - 5]
    use_glyphs(CONSOLE)
    console = chart_text(build_chart(sessions, TODAY, 4))
    assert "#" in console and "o" in console and "@" in console and "●" not in console
    use_glyphs(None)


@pytest.mark.parametrize("weeks", PERIODS)
def test_every_period_fits_the_history_screen_at_80_columns(weeks: int) -> None:
    sessions = [
        session(dt.datetime(2025, 1, 6, 9) + dt.timedelta(days=day), day % 11, (day * 3) % 11) for day in range(360)
    ]
    chart = build_chart(sessions, TODAY, weeks, title="A routine with a very long title indeed")
    lines = chart_lines(chart)
    assert max(len("".join(text for text, _ in line)) for line in lines) <= SCREEN_WIDTH
    assert len(lines) <= 17  # with the footer and a line of status, the whole chart is on a 24-line screen
    assert len(chart_table(chart)) == 1 + sum(1 for week in chart.week_rows if week.sessions)


@pytest.mark.parametrize("weeks", [4, 12])
def test_a_narrow_screen_gets_a_narrower_drawing(weeks: int) -> None:
    sessions = [
        session(dt.datetime(2025, 10, 6, 9) + dt.timedelta(days=day), day % 11, (day * 3) % 11) for day in range(80)
    ]
    text = chart_text(build_chart(sessions, TODAY, weeks, width=36), 36)
    drawing = text.split("\n\n")[0].splitlines()
    assert max(len(line) for line in drawing) <= 36
    assert "sessions (max" in text and "today" in text and "last" in drawing[1]  # the period under the shapes


def test_the_periods_go_round() -> None:
    assert [next_period(weeks) for weeks in PERIODS] == [12, 52, 4]


def test_ten_thousand_sessions_take_well_under_a_second() -> None:
    start = dt.datetime(2025, 1, 6, 7)
    sessions = [session(start + dt.timedelta(minutes=50 * n), n % 11, (n * 7) % 11) for n in range(10_000)]
    began = time.perf_counter()
    for weeks in PERIODS:
        chart_text(build_chart(sessions, TODAY, weeks))
    assert time.perf_counter() - began < 1.0


def test_history_chart_prints_the_chart_and_its_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from unknot.cli import main
    from unknot.core.history.store import HistoryStore

    monkeypatch.setenv("COLUMNS", "80")  # the width `unknot history` lays out for (xdist's workers set their own)

    store = HistoryStore(tmp_path)
    store.add_session(session(dt.datetime.now() - dt.timedelta(days=1), 7, 2))
    store.close()
    assert main(["history", "--chart", "--weeks", "4", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "last 4 weeks · all routines" in out and "Week of" in out and "sessions (max 1)" in out
    with pytest.raises(SystemExit):
        main(["history", "--chart", "--weeks", "5", "--data-dir", str(tmp_path)])
