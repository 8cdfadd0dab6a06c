"""Progression on a fake calendar: advance, hold on worse ratings, step back on "too much", missed days, limits."""

from __future__ import annotations

import datetime as dt

import msgspec

from unknot.core.plans.model import Plan, Rating
from unknot.core.plans.progress import PlanSession, session_counts, standing

START = dt.date(2025, 3, 3)


def make_plan(*, advance: dict[str, int] | None = None, hold: bool = True, days: int = 28) -> Plan:
    """Three phases: mat and stretches daily, then longer, then longest; a rest day in the middle one."""
    data = {
        "title": "Test plan",
        "days": days,
        "rules": {"hold_when_worse": {"worse": 2, "of_last": 3}} if hold else {},
        "phases": [
            {"title": "One", "advance": advance or {"after_sessions": 4}, "days": [{"routines": ["mat", "stretch"]}]},
            {
                "title": "Two",
                "advance": advance or {"after_sessions": 4},
                "days": [{"routines": ["mat"]}, {"rest": True}],
            },
            {"title": "Three", "days": [{"routines": ["mat", "stretch", "mat"]}]},
        ],
    }
    return msgspec.convert(data, Plan)


def on(
    day: int,
    routine_id: str = "mat",
    *,
    before: int | None = None,
    after: int | None = None,
    rating: Rating | None = None,
    counts: bool = True,
) -> PlanSession:
    """A session on the plan's day `day` (1 is the start)."""
    return PlanSession(routine_id, START + dt.timedelta(days=day - 1), counts, before, after, rating)


def both(day: int) -> list[PlanSession]:
    return [on(day, "mat"), on(day, "stretch")]


def today(day: int) -> dt.date:
    return START + dt.timedelta(days=day - 1)


def test_day_one_lists_the_first_phases_sessions_none_done() -> None:
    where = standing(make_plan(), START, START, [])
    assert (where.day, where.days, where.week, where.phase, where.phase_title) == (1, 28, 1, 0, "One")
    assert [(item.routine_id, item.done) for item in where.items] == [("mat", False), ("stretch", False)]
    assert where.next_item is not None and where.next_item.routine_id == "mat"
    assert not where.held and where.reason is None and where.missed == 0


def test_a_session_that_day_marks_its_item_done_whatever_started_it() -> None:
    where = standing(make_plan(), START, START, [on(1, "stretch")])
    assert [item.done for item in where.items] == [False, True]
    assert where.next_item is not None and where.next_item.routine_id == "mat"


def test_a_partial_session_counts_only_when_most_of_it_was_played() -> None:
    assert session_counts("completed", 3, 0) and session_counts("partial", 3, 2)
    assert not session_counts("partial", 2, 2) and not session_counts("left", 5, 0)


def test_the_phase_advances_the_day_after_enough_sessions() -> None:
    sessions = both(1) + both(2)
    assert standing(make_plan(), START, today(2), sessions).phase == 0
    where = standing(make_plan(), START, today(3), sessions)
    assert (where.phase, where.phase_title, [item.routine_id for item in where.items]) == (1, "Two", ["mat"])


def test_after_days_advances_on_the_calendar() -> None:
    plan = make_plan(advance={"after_days": 3})
    assert standing(plan, START, today(3), []).phase == 0
    assert standing(plan, START, today(4), []).phase == 1
    assert standing(plan, START, today(7), []).phase == 2


def test_missed_days_never_punish_they_are_counted_and_the_phase_waits() -> None:
    sessions = [on(1), on(6)]
    where = standing(make_plan(), START, today(8), sessions)
    assert where.phase == 0 and where.missed == 5 and where.day == 8
    assert standing(make_plan(), START, today(9), [*sessions, *both(8)]).phase == 1


def test_progress_is_held_when_two_of_the_last_three_left_the_back_worse() -> None:
    sessions = [on(1, "mat", before=3, after=5), on(1, "stretch", before=3, after=4), *both(2)]
    sessions[2] = on(2, "mat", before=3, after=3)
    where = standing(make_plan(), START, today(3), sessions)
    assert where.phase == 0 and where.held
    assert where.reason is not None and "2 of your last 3" in where.reason
    # Better sessions release the hold: the next morning the phase moves on.
    better = [*sessions, on(3, "mat", before=4, after=2), on(3, "stretch", before=3, after=2)]
    released = standing(make_plan(), START, today(4), better)
    assert released.phase == 1 and not released.held


def test_without_the_rule_worse_ratings_do_not_hold() -> None:
    sessions = [on(1, "mat", before=3, after=5), on(1, "stretch", before=3, after=4), *both(2)]
    assert standing(make_plan(hold=False), START, today(3), sessions).phase == 1


def test_too_much_steps_back_one_phase_at_once_and_the_phase_begins_again() -> None:
    # Phase two (mat, then a rest day) begins on day 3 and needs four mat sessions: days 3, 5, 7, 9.
    sessions = both(1) + both(2) + [on(3), on(5), on(7), on(9)]
    assert standing(make_plan(), START, today(10), sessions).phase == 2
    rated = [*sessions, on(10, "mat", rating="too-much")]
    where = standing(make_plan(), START, today(10), rated)
    assert where.phase == 1 and where.stepped_back == today(10) and where.done_in_phase == 1
    assert [item.routine_id for item in where.items] == ["mat"]
    assert standing(make_plan(), START, today(11), rated).phase == 1


def test_too_much_in_the_first_phase_starts_it_again() -> None:
    sessions = [*both(1), on(2, "mat"), on(2, "stretch", rating="too-much")]
    where = standing(make_plan(), START, today(3), sessions)
    assert where.phase == 0 and where.done_in_phase == 2


def test_a_routine_at_its_limit_is_never_offered() -> None:
    where = standing(make_plan(), START, START, [], at_limit={"mat"})
    assert [(item.routine_id, item.at_limit) for item in where.items] == [("mat", True), ("stretch", False)]
    assert where.next_item is not None and where.next_item.routine_id == "stretch"


def test_two_items_of_one_routine_need_two_sessions() -> None:
    plan = make_plan(advance={"after_days": 1})
    where = standing(plan, START, today(3), [on(3, "mat")])
    assert [item.done for item in where.items] == [True, False, False]


def test_rest_days_and_the_end_of_the_plan() -> None:
    plan = make_plan(advance={"after_days": 2})
    rest = standing(plan, START, today(4), [])
    assert rest.phase == 1 and rest.items == () and rest.rest
    over = standing(plan, START, today(29), [])
    assert over.finished and over.items == ()
    before = standing(plan, START, START - dt.timedelta(days=2), [])
    assert not before.started and before.day == -1


def test_sessions_of_other_routines_and_other_days_are_left_out() -> None:
    where = standing(make_plan(), START, today(2), [on(0, "mat"), on(2, "other"), on(2, "mat", counts=False)])
    assert [item.done for item in where.items] == [False, False] and where.missed == 1
