"""Where a plan stands on a day: its phase, whether progress is held, and the day's sessions.

Pure arithmetic on dates and sessions (no clock, no files): the same answer for the same start,
day and history, however the sessions were recorded (from Today, the browser, `unknot play`, or
`unknot history import`). The walk goes day by day from the start:

- At the start of each day the phase advances when its `advance` is met (so many sessions done in
  it, or so many days since it began) unless the hold rule fires on the sessions before that day.
- A plan session rated "too much" steps back one phase that day (with `step_back_on_too_much`);
  the phase it steps back to begins again.
- A day's item is done when a session of that routine that counts was recorded that day: one that
  reached the end with more than half of its steps played. Two items of one routine need two.
- Missed days never punish: the calendar goes on, the phase waits for the sessions it needs.

`unknot due --short` runs this at a prompt (`plans/prompt.py`), so it imports neither msgspec nor
dataclasses at run time: the plan is read through its attributes only, and the values here are
NamedTuples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .model import Day, Plan, Rating

#: The answers to "How was that?" (model.RATINGS, written out: importing the model loads msgspec).
RATING_WORDS = ("too-easy", "about-right", "too-much")

#: A stored session as the rules read it: routine id, start time, outcome, steps done and skipped,
#: pain before and after, rating (`rows.plan_rows_since`).
SessionRow = tuple[str, float, str, int, int, int | None, int | None, str | None]


class PlanSession(NamedTuple):
    """What the rules need of one recorded session."""

    routine_id: str
    day: dt.date
    counts: bool
    """It reached the end with more than half of its steps played (see `session_counts`)."""
    pain_before: int | None = None
    pain_after: int | None = None
    rating: Rating | None = None

    @property
    def worse(self) -> bool | None:
        """Whether the back was rated worse after than before (None when either rating is missing)."""
        if self.pain_before is None or self.pain_after is None:
            return None
        return self.pain_after > self.pain_before


def session_counts(outcome: str, steps_done: int, steps_skipped: int) -> bool:
    """Whether a session counts as doing a plan's item: it reached the end, and most of it was played."""
    return outcome == "completed" or (outcome == "partial" and steps_done > steps_skipped)


def session_from_row(row: SessionRow) -> PlanSession:
    """Return what the rules need of a stored session, on the local day it began."""
    routine_id, started_at, outcome, steps_done, steps_skipped, pain_before, pain_after, rating = row
    answer: Rating | None = rating if rating in RATING_WORDS else None  # type: ignore[assignment]
    day = dt.datetime.fromtimestamp(started_at).date()
    return PlanSession(
        routine_id, day, session_counts(outcome, steps_done, steps_skipped), pain_before, pain_after, answer
    )


class Item(NamedTuple):
    """One session of a day: its routine, and whether it is done or its routine is at its limit."""

    routine_id: str
    done: bool
    at_limit: bool = False


class Standing(NamedTuple):
    """A plan on one day: what `unknot plan status`, `unknot today` and the app's Today show."""

    day: int
    """The day of the plan, from 1 (0 or less: it has not started; more than `days`: it is over)."""
    days: int
    phase: int
    """The index of the phase in force."""
    phase_title: str
    items: tuple[Item, ...]
    rest: bool
    note: str
    held: bool
    reason: str | None
    missed: int
    """Days of the plan before today with sessions to do and none done."""
    stepped_back: dt.date | None = None
    """The latest day a "too much" stepped the plan back, if one did."""
    done_in_phase: int = 0

    @property
    def started(self) -> bool:
        """Whether the plan's first day has come."""
        return self.day >= 1

    @property
    def finished(self) -> bool:
        """Whether the plan's days are over."""
        return self.day > self.days

    @property
    def week(self) -> int:
        """The week of the plan the day falls in, from 1."""
        return (max(1, self.day) - 1) // 7 + 1

    @property
    def next_item(self) -> Item | None:
        """The first item not done and not at its limit: the one to play next."""
        return next((item for item in self.items if not item.done and not item.at_limit), None)


class _Walk:
    """The state carried from day to day."""

    def __init__(self, phase_start: dt.date) -> None:
        self.phase = 0
        self.phase_start = phase_start
        self.done_in_phase = 0
        self.rated: list[bool] = []
        self.stepped_back: dt.date | None = None


def hold_reason(plan: Plan, rated: Sequence[bool]) -> str | None:
    """Why progress is held, from the worse-or-not of the rated plan sessions (oldest first); None if it is not."""
    rule = plan.rules.hold_when_worse
    if rule is None:
        return None
    latest = list(rated)[-rule.of_last :]
    worse = sum(latest)
    if worse < rule.worse:
        return None
    return (
        f"{worse} of your last {len(latest)} rated sessions left your back worse than before; "
        "the plan stays in this phase until sessions leave it no worse"
    )


def _day_of_phase(plan: Plan, walk: _Walk, day: dt.date) -> Day:
    days = plan.phases[walk.phase].days
    return days[(day - walk.phase_start).days % len(days)]


def _items(day: Day, sessions: Sequence[PlanSession], at_limit: frozenset[str]) -> tuple[Item, ...]:
    done_counts: dict[str, int] = {}
    for session in sessions:
        if session.counts:
            done_counts[session.routine_id] = done_counts.get(session.routine_id, 0) + 1
    items = []
    seen: dict[str, int] = {}
    for routine_id in day.routines:
        seen[routine_id] = seen.get(routine_id, 0) + 1
        done = done_counts.get(routine_id, 0) >= seen[routine_id]
        items.append(Item(routine_id, done, at_limit=not done and routine_id in at_limit))
    return tuple(items)


def _advance_due(plan: Plan, walk: _Walk, day: dt.date) -> bool:
    if walk.phase >= len(plan.phases) - 1:
        return False
    advance = plan.phases[walk.phase].advance
    if advance is None:
        return False
    if advance.after_sessions is not None:
        return walk.done_in_phase >= advance.after_sessions
    return advance.after_days is not None and (day - walk.phase_start).days >= advance.after_days


def standing(
    plan: Plan,
    start: dt.date,
    today: dt.date,
    sessions: Iterable[PlanSession],
    at_limit: Iterable[str] = (),
) -> Standing:
    """Return where `plan`, started on `start`, stands on `today` given the recorded sessions.

    `at_limit` names the routines at their frequency limit today: an item of one that is not done
    yet is marked so and never offered as the next session.
    """
    plan_routines = {routine_id for phase in plan.phases for day in phase.days for routine_id in day.routines}
    by_day: dict[dt.date, list[PlanSession]] = {}
    for session in sessions:
        if start <= session.day <= today and session.routine_id in plan_routines:
            by_day.setdefault(session.day, []).append(session)
    walk = _Walk(phase_start=start)
    last_day = min(today, start + dt.timedelta(days=plan.days - 1))
    missed = 0
    items: tuple[Item, ...] = ()
    day = start
    while day <= last_day:
        if _advance_due(plan, walk, day) and hold_reason(plan, walk.rated) is None:
            walk.phase, walk.phase_start, walk.done_in_phase = walk.phase + 1, day, 0
        todays = by_day.get(day, [])
        for session in todays:
            if session.rating == "too-much" and plan.rules.step_back_on_too_much:
                walk.phase, walk.phase_start, walk.done_in_phase = max(0, walk.phase - 1), day, 0
                walk.stepped_back = day
        plan_day = _day_of_phase(plan, walk, day)
        items = _items(plan_day, todays, frozenset(at_limit) if day == today else frozenset())
        walk.done_in_phase += sum(item.done for item in items)
        walk.rated += [worse for session in todays if session.counts and (worse := session.worse) is not None]
        if day < today and plan_day.routines and not any(item.done for item in items):
            missed += 1
        day += dt.timedelta(days=1)
    number = (today - start).days + 1
    phase = plan.phases[walk.phase]
    within = 1 <= number <= plan.days
    current = _day_of_phase(plan, walk, today) if within else None
    # In the last phase there is nothing to hold back from.
    reason = hold_reason(plan, walk.rated) if walk.phase < len(plan.phases) - 1 else None
    return Standing(
        day=number,
        days=plan.days,
        phase=walk.phase,
        phase_title=phase.title,
        items=items if within else (),
        rest=current.rest if current is not None else True,
        note=current.note if current is not None else "",
        held=reason is not None,
        reason=reason,
        missed=missed,
        stepped_back=walk.stepped_back,
        done_in_phase=walk.done_in_phase,
    )


def sessions_to_do(items: Iterable[Item], known: Collection[str]) -> dict[str, int]:
    """How many sessions of each routine the day still asks for: not done, not at its limit, `known`
    (in the library). What `unknot due` counts in with the frequencies (`standings.with_plan`)."""
    counts: dict[str, int] = {}
    for item in items:
        if not item.done and not item.at_limit and item.routine_id in known:
            counts[item.routine_id] = counts.get(item.routine_id, 0) + 1
    return counts
