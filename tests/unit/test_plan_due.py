"""What is due with a plan followed, on a fake calendar: the day's sessions count in, the prompt line, the reminder."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from unknot.cli import main
from unknot.core.history.due import DueReading, read_for_due
from unknot.core.history.store import HistoryStore
from unknot.core.library.fingerprint import library_fingerprint
from unknot.core.library.library import routine_limits
from unknot.core.library.loader import load_library
from unknot.core.paths import DATABASE_NAME, plan_folders, shipped_plans_dir, shipped_routines_dir, user_cache_dir
from unknot.core.plans.due import PlanDue, due_with_plan
from unknot.core.plans.loading import load_plans
from unknot.core.plans.quick import PLANS_FILE, load_and_keep_plans, prompt_line, read_plan_rules
from unknot.core.reminder import break_suggestion
from unknot.core.session.events import Outcome, SessionRecord
from unknot.core.standings import DueStatus, due_rows, short_line, week_start, with_plan

LIBRARY = load_library([shipped_routines_dir()])
BOOK = load_plans([shipped_plans_dir()])
#: A Monday: the desk-back plan's first day, in a week with nothing done before it.
START = dt.date(2026, 11, 16)


def at(day: dt.date, hour: int) -> float:
    return dt.datetime.combine(day, dt.time(hour)).timestamp()  # tests run with TZ=UTC


def record(routine_id: str, day: dt.date, hour: int, outcome: Outcome = Outcome.COMPLETED) -> SessionRecord:
    started = at(day, hour)
    return SessionRecord(routine_id, routine_id, started, started + 300, 300, 5, 0, outcome)


def reading(records: list[SessionRecord], plan: tuple[str, dt.date] | None = ("desk-back", START)) -> DueReading:
    """What history would hold: counted starts this week, the plan followed, its sessions."""
    counted = [(item.routine_id, item.started_at) for item in records if item.outcome is not Outcome.LEFT]
    rows = [
        (item.routine_id, item.started_at, item.outcome.value, item.steps_done, item.steps_skipped, None, None, None)
        for item in records
    ]
    return DueReading(counted, plan, rows)


def standings(
    records: list[SessionRecord], day: dt.date, plan: tuple[str, dt.date] | None = ("desk-back", START)
) -> PlanDue:
    entries = LIBRARY.routines.values()
    return due_with_plan(entries, LIBRARY.routines, reading(records, plan), BOOK, day)


def test_the_plans_sessions_not_done_yet_are_due() -> None:
    due = standings([], START)
    rows = {row.id: row for row in due.rows}
    assert due.today is not None and due.problem is None
    assert rows["desk-break"].plan_sessions == 2 and rows["desk-break"].status is DueStatus.DUE
    assert rows["floor-stretches"].plan_sessions == 0 and rows["floor-stretches"].status is DueStatus.ANYTIME
    assert "desk-break due (plan ×2)" in short_line(due.rows)


def test_a_session_done_that_day_leaves_one_and_two_leave_none() -> None:
    one = {row.id: row for row in standings([record("desk-break", START, 10)], START).rows}
    assert one["desk-break"].plan_sessions == 1 and one["desk-break"].status is DueStatus.DUE
    assert "desk-break due (plan)" in short_line(list(one.values()))
    two = [record("desk-break", START, 10), record("desk-break", START, 15)]
    rows = {row.id: row for row in standings(two, START).rows}
    assert rows["desk-break"].plan_sessions == 0 and rows["desk-break"].status is DueStatus.DONE
    assert "desk-break" not in short_line(list(rows.values()))


def test_a_left_session_does_not_do_a_plan_item() -> None:
    rows = {row.id: row for row in standings([record("desk-break", START, 10, Outcome.LEFT)], START).rows}
    assert rows["desk-break"].plan_sessions == 2


def test_the_next_day_asks_again_and_a_rest_day_asks_nothing() -> None:
    done_monday = [record("desk-break", START, 10), record("desk-break", START, 15)]
    tuesday = {row.id: row for row in standings(done_monday, START + dt.timedelta(days=1)).rows}
    assert tuesday["desk-break"].plan_sessions == 2 and tuesday["pressure-points-hands"].plan_sessions == 1
    # Day 7 of desk-back is its rest day: the plan asks for nothing, and says nothing at the prompt.
    rest = standings([], START + dt.timedelta(days=6))
    assert rest.today is not None and rest.today.standing.rest
    assert all(row.plan_sessions == 0 for row in rest.rows)
    over = standings([], START + dt.timedelta(days=7))
    assert all(row.plan_sessions == 0 for row in over.rows)


def test_a_routine_at_its_limit_stays_at_its_limit() -> None:
    # Tuesday asks for pressure points once; five sessions already that day reach its limit.
    tuesday = START + dt.timedelta(days=1)
    five = [record("pressure-points-hands", tuesday, hour) for hour in range(8, 13)]
    rows = {row.id: row for row in standings(five, tuesday).rows}
    assert rows["pressure-points-hands"].status is DueStatus.AT_LIMIT
    assert rows["pressure-points-hands"].plan_sessions == 0
    marked = with_plan([rows["pressure-points-hands"]], {"pressure-points-hands": 1})
    assert marked[0].status is DueStatus.AT_LIMIT  # the plan never asks past a frequency limit


def test_without_a_plan_or_with_a_plan_gone_the_standings_are_the_frequencies() -> None:
    plain = due_rows(routine_limits(LIBRARY.routines.values()), [], START)
    assert standings([], START, plan=None).rows == plain
    gone = standings([], START, plan=("deleted-plan", START))
    assert gone.rows == plain and gone.today is None
    assert gone.problem is not None and "deleted-plan" in gone.problem


def test_the_json_row_says_how_many_plan_sessions_are_left() -> None:
    rows = {row.id: row for row in standings([], START).rows}
    assert rows["desk-break"].as_json()["plan_sessions"] == 2
    assert rows["floor-stretches"].as_json()["plan_sessions"] == 0


def test_the_break_reminder_suggests_the_plans_next_session() -> None:
    tuesday = START + dt.timedelta(days=1)
    due = standings([record("desk-break", tuesday, 9), record("desk-break", tuesday, 11)], tuesday)
    assert due.today is not None and due.today.next_item is not None
    by_id = {row.id: row for row in due.rows}
    suggestion = break_suggestion(LIBRARY.routines.values(), by_id, due.today.next_item.routine_id)
    assert suggestion is not None and suggestion.id == "pressure-points-hands"
    # Without a plan the desk break (a break routine) is offered, as before.
    plain = break_suggestion(LIBRARY.routines.values(), by_id)
    assert plain is not None and plain.id == "desk-break"
    # A plan's next session at its limit is not offered.
    at_limit = {**by_id, "pressure-points-hands": by_id["pressure-points-hands"]._replace(status=DueStatus.AT_LIMIT)}
    fallback = break_suggestion(LIBRARY.routines.values(), at_limit, "pressure-points-hands")
    assert fallback is not None and fallback.id == "desk-break"


def test_reading_history_finds_the_plan_and_its_sessions_without_writing(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.add_session(record("desk-break", START, 10))
    assert store.start_plan("desk-back", START)
    store.close()
    before = sorted(path.name for path in tmp_path.iterdir())
    found = read_for_due(tmp_path / DATABASE_NAME, START, plan_rows=True)
    assert found is not None and found.plan == ("desk-back", START)
    assert [row[0] for row in found.plan_rows] == ["desk-break"]
    assert found.starts == [("desk-break", at(START, 10))]
    without = read_for_due(tmp_path / DATABASE_NAME, START)
    assert without is not None and without.plan_rows == []
    assert sorted(path.name for path in tmp_path.iterdir()) == before


def test_due_with_a_plan_followed_names_its_sessions_the_quick_way_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("UNKNOT_DATA_DIR", str(data))
    assert main(["list"]) == 0  # the frequencies file for the quick way
    capsys.readouterr()
    quick = prompt_line()
    assert quick is not None and "(plan" not in quick
    store = HistoryStore(data)
    assert store.start_plan("desk-back", dt.date.today())
    store.close()
    assert prompt_line() is None  # a plan is followed and its rules were never kept: the full way answers
    assert main(["due", "--short"]) == 0
    line = capsys.readouterr().out
    assert line.count("\n") == 1 and "desk-break due (plan ×2)" in line
    assert not (user_cache_dir() / PLANS_FILE).exists()  # --short never writes
    assert main(["due"]) == 0  # any command that reads the plans keeps their rules
    table = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "due" in table["desk-break"] and "2 in today's plan" in table["desk-break"]
    assert prompt_line() == line.rstrip("\n")  # the quick way now, the same line
    assert main(["due", "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["desk-break"]["plan_sessions"] == 2 and rows["desk-break"]["status"] == "due"


def test_the_quick_and_full_lines_agree_day_by_day_through_a_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four weeks of a plan followed unevenly (missed days, a worse back, a "too much"): the prompt's
    quick way, from the kept rules, says what the full way says from the plan files, every day."""
    data = tmp_path / "data"
    monkeypatch.setenv("UNKNOT_DATA_DIR", str(data))
    assert main(["list"]) == 0
    book = load_and_keep_plans()
    store = HistoryStore(data)
    assert store.start_plan("back-care", START)
    database = data / DATABASE_NAME
    lines = set()
    for number in range(30):
        day = START + dt.timedelta(days=number)
        found = read_for_due(database, week_start(day), plan_rows=True)
        assert found is not None
        full = short_line(due_with_plan(LIBRARY.routines.values(), LIBRARY.routines, found, book, day).rows)
        assert prompt_line(day) == full, day
        lines.add(full)
        today = due_with_plan(LIBRARY.routines.values(), LIBRARY.routines, found, book, day).today
        if number % 5 == 3 or today is None or today.next_item is None:
            continue  # a missed day
        for index, item in enumerate(today.items[: 1 + number % 2]):
            began = at(day, 9 + index)
            worse = number in (6, 7, 8)
            record = SessionRecord(
                item.routine_id, item.title, began, began + 300, 300, 5, 0, Outcome.COMPLETED, 3, 5 if worse else 2
            )
            session_id = store.add_session(record)
            if session_id is not None and number == 15:
                store.set_rating(session_id, "too-much")
    store.close()
    assert len(lines) > 5  # the days said different things


def test_kept_plan_rules_that_are_stale_or_tampered_send_the_prompt_the_full_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("UNKNOT_DATA_DIR", str(data))
    assert main(["list"]) == 0
    store = HistoryStore(data)
    assert store.start_plan("desk-back", dt.date.today())
    store.close()
    assert main(["today"]) == 0  # keeps the rules
    capsys.readouterr()
    kept = user_cache_dir() / PLANS_FILE
    fingerprint = library_fingerprint(plan_folders())
    assert read_plan_rules(user_cache_dir(), fingerprint) is not None
    assert read_plan_rules(user_cache_dir(), fingerprint[:-1]) is None  # other plan files
    full = prompt_line()
    assert full is not None and "desk-break due (plan ×2)" in full
    original = kept.read_text()
    data_now = json.loads(original)
    data_now["plans"][1][1]["phases"] = 5  # the followed plan's rules broken
    kept.write_text(json.dumps(data_now))
    with pytest.raises(TypeError):
        prompt_line()
    assert main(["due", "--short"]) == 0  # the prompt goes the full way and says the same
    assert capsys.readouterr().out == full + "\n"
    kept.write_text("[" * 100_000)
    assert read_plan_rules(user_cache_dir(), fingerprint) is None
    assert main(["due", "--short"]) == 0
    assert capsys.readouterr().out == full + "\n"


def test_a_plan_session_needing_kit_you_lack_is_no_kit_the_quick_way_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from unknot.core.paths import user_config_dir

    row = due_rows([("floor-stretches", "Stretches", None)], [], START, {"floor-stretches": ("yoga-mat",)})[0]
    assert with_plan([row], {"floor-stretches": 1})[0].status is DueStatus.NO_KIT
    data = tmp_path / "data"
    monkeypatch.setenv("UNKNOT_DATA_DIR", str(data))
    user_config_dir().mkdir(parents=True, exist_ok=True)
    (user_config_dir() / "settings.json").write_text(json.dumps({"equipment": ["towel"]}))
    store = HistoryStore(data)
    assert store.start_plan("back-care", dt.date.today())  # day 1: the mat and the floor stretches
    store.close()
    assert main(["today"]) == 0  # keeps the library's small files and the plans' rules
    capsys.readouterr()
    quick = prompt_line()
    assert main(["due", "--short"]) == 0
    slow = capsys.readouterr().out
    assert quick is not None and slow == (quick + "\n" if quick else "")  # the two ways agree
    assert "floor-stretches" not in quick and "acupressure-mat" not in quick
    assert main(["due", "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["floor-stretches"]["status"] == "no-kit" and rows["floor-stretches"]["plan_sessions"] == 1
