"""The break reminder's clock: due once however late, snooze, skip, paused while a session plays."""

from __future__ import annotations

import pytest

from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir
from unknot.core.reminder import SNOOZE_SECONDS, BreakReminder, break_suggestion, parse_remind_every
from unknot.core.routines.durations import DurationError
from unknot.core.standings import DueRow, DueStatus


def test_intervals_are_at_least_a_minute() -> None:
    assert parse_remind_every("50m") == 3000
    assert parse_remind_every("1m") == 60
    assert parse_remind_every("1h30m") == 5400
    for bad, message in [("30s", "at least 1m"), ("25h", "at most 24h"), ("soon", "expected a duration")]:
        with pytest.raises(DurationError, match=message):
            parse_remind_every(bad)


def test_due_after_the_interval_and_once_however_late() -> None:
    reminder = BreakReminder(3000, now=100)
    assert not reminder.due(3099) and reminder.due(3100)
    assert reminder.seconds_left(3000) == 100
    # A laptop asleep for hours: one reminder, not one per interval missed.
    assert reminder.due(100 + 5 * 3600)
    reminder.shown()
    assert not reminder.due(100 + 5 * 3600) and reminder.seconds_left(0) == float("inf")
    reminder.skip(100 + 5 * 3600)
    assert reminder.next_at == 100 + 5 * 3600 + 3000
    assert reminder.idle_seconds(100 + 5 * 3600) == 5 * 3600


def test_snooze_is_ten_minutes_and_a_session_restarts_the_interval() -> None:
    reminder = BreakReminder(60, now=0)
    reminder.shown()
    reminder.snooze(60)
    assert not reminder.due(60 + SNOOZE_SECONDS - 1) and reminder.due(60 + SNOOZE_SECONDS)
    reminder.session_started()
    assert not reminder.due(10_000)
    reminder.session_ended(10_000)
    assert reminder.idle_seconds(10_030) == 30
    assert not reminder.due(10_059) and reminder.due(10_060)


def row(routine_id: str, status: DueStatus) -> DueRow:
    return DueRow(routine_id, routine_id, status, 0, 0, None)


def test_the_suggestion_is_a_break_routine_unless_another_is_due() -> None:
    library = load_library([shipped_routines_dir()])
    entries = list(library.routines.values())
    suggestion = break_suggestion(entries, {})
    assert suggestion is not None and suggestion.id == "desk-break"  # tagged `break` in its file
    due = {
        "desk-break": row("desk-break", DueStatus.AT_LIMIT),
        "acupressure-mat": row("acupressure-mat", DueStatus.DUE),
    }
    suggestion = break_suggestion(entries, due)
    assert suggestion is not None and suggestion.id == "acupressure-mat"
    assert break_suggestion([], {}) is None


def test_the_suggestion_is_never_a_routine_needing_kit_one_lacks() -> None:
    library = load_library([shipped_routines_dir()])
    entries = list(library.routines.values())
    due = {
        "desk-break": row("desk-break", DueStatus.AT_LIMIT),
        "acupressure-mat": row("acupressure-mat", DueStatus.NO_KIT)._replace(missing_kit=("acupressure-mat",)),
    }
    suggestion = break_suggestion(entries, due)
    assert suggestion is not None and suggestion.id not in ("acupressure-mat", "desk-break")
