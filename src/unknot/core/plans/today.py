"""The active plan's day as `unknot today`, `unknot plan status` and the app's Today show it.

Built from a plan's standing (`progress.standing`) and the library: each item's title and its length
as it is today (the phase's durations applied). A plan edited while it is followed never fails here:
an item whose routine is gone says so, and a plan that is gone is a `problem`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..library.library import LibraryEntry
from ..routines.model import Routine
from ..routines.timeline import build_timeline
from ..session.events import SessionRecord
from .model import Plan
from .progress import PlanSession, Standing, session_from_row, sessions_to_do, standing
from .tuning import tuned_routine

if TYPE_CHECKING:
    from .loading import PlanEntry


@dataclass(frozen=True)
class TodayItem:
    """One session of the day: its routine, its length today, and where it stands."""

    routine_id: str
    title: str
    seconds: int | None
    """The length with the phase's durations applied; None when the routine is not in the library."""
    done: bool
    at_limit: bool = False

    @property
    def missing(self) -> bool:
        """Whether the routine is no longer in the library (the plan or the library changed)."""
        return self.seconds is None

    def as_json(self) -> dict[str, object]:
        """The item as `unknot today --json` prints it (the field names are a contract)."""
        return {"routine_id": self.routine_id, "title": self.title, "seconds": self.seconds, "done": self.done}


@dataclass(frozen=True)
class Today:
    """The active plan on one day, ready to show."""

    plan_id: str
    plan: Plan
    standing: Standing
    items: tuple[TodayItem, ...]

    @property
    def heading(self) -> str:
        """`Day 9 of 28 · week 2`, or where a plan not started or over stands."""
        where = self.standing
        if not where.started:
            return f"Starts in {1 - where.day} day{'s' if 1 - where.day != 1 else ''}"
        if where.finished:
            return f"Finished: all {where.days} days are over"
        return f"Day {where.day} of {where.days} · week {where.week}"

    @property
    def next_item(self) -> TodayItem | None:
        """The first session not done, not at its limit and still in the library: the one Enter plays."""
        return next((item for item in self.items if not item.done and not item.at_limit and not item.missing), None)

    def sessions_to_do(self) -> dict[str, int]:
        """How many sessions of each routine the day still asks for: not done, not at its limit, in the library.

        What `unknot due` and the app's standings count in (`standings.with_plan`).
        """
        known = {item.routine_id for item in self.items if not item.missing}
        return sessions_to_do(self.standing.items, known)

    def as_json(self) -> dict[str, object]:
        """The day as `unknot today --json` prints it (the field names are a contract)."""
        where = self.standing
        phase = self.plan.phases[where.phase]
        return {
            "plan": self.plan_id,
            "title": self.plan.title,
            "day": where.day,
            "days": where.days,
            "week": where.week,
            "phase": phase.title,
            "phase_number": where.phase + 1,
            "phases": len(self.plan.phases),
            "held": where.held,
            "reason": where.reason,
            "missed": where.missed,
            "rest": where.rest and where.started and not where.finished,
            "note": where.note or None,
            "items": [item.as_json() for item in self.items],
        }

    def lines(self) -> list[str]:
        """The day as plain lines for the terminal (`unknot today`, `unknot plan status`)."""
        where = self.standing
        phase = self.plan.phases[where.phase]
        out = [
            f"{self.plan.title} ({self.plan_id})",
            f"{self.heading} · {phase.title} ({where.phase + 1} of {len(self.plan.phases)})",
        ]
        if where.finished:
            out.append(f"Begin again with `unknot plan start {self.plan_id}`, or choose another plan.")
        elif where.missed:
            out.append(f"{where.missed} day{'s' if where.missed != 1 else ''} missed; the plan simply goes on.")
        if where.stepped_back is not None:
            out.append(f'Stepped back a phase after "too much" on {where.stepped_back.isoformat()}.')
        if where.held and where.reason:
            out.append(f"Progress held: {where.reason}.")
        if where.started and not where.finished and where.rest:
            out.append("A rest day." + (f" {where.note}" if where.note else ""))
        elif where.note:
            out.append(where.note)
        for item in self.items:
            out.append("  " + item_line(item))
        return out


def item_line(item: TodayItem) -> str:
    """One item as a line: a mark, the title, its length, and why it is not offered."""
    from ..routines.durations import format_duration

    mark = "✓" if item.done else "·"
    if item.missing:
        return f"{mark} {item.routine_id}: not in the library any more (edit the plan, or restore the routine)"
    text = f"{mark} {item.title}  {format_duration(item.seconds or 0)}"
    if item.at_limit:
        text += "  (at its limit today)"
    return text


def plan_sessions(records: Iterable[SessionRecord]) -> list[PlanSession]:
    """Return what the plan rules need of recorded sessions, oldest first, each on its local day."""
    return [
        session_from_row(
            (
                record.routine_id,
                record.started_at,
                record.outcome.value,
                record.steps_done,
                record.steps_skipped,
                record.pain_before,
                record.pain_after,
                record.rating,
            )
        )
        for record in sorted(records, key=lambda record: record.started_at)
    ]


def routine_for_today(plan: Plan, phase: int, routine: Routine) -> Routine:
    """Return `routine` as long as the plan's phase wants it."""
    routine_id = routine.id or ""
    return tuned_routine(routine, plan.phases[phase].durations.get(routine_id))


def build_today(
    entry: PlanEntry,
    start: dt.date,
    today: dt.date,
    records: Iterable[SessionRecord],
    routines: Mapping[str, LibraryEntry],
    at_limit: Iterable[str] = (),
) -> Today:
    """Return the active plan's day from its start, history and the library."""
    return day_of(entry, start, today, plan_sessions(records), routines, at_limit)


def day_of(
    entry: PlanEntry,
    start: dt.date,
    today: dt.date,
    sessions: Iterable[PlanSession],
    routines: Mapping[str, LibraryEntry],
    at_limit: Iterable[str] = (),
) -> Today:
    """Return the active plan's day from its start, the sessions as the rules read them, and the library."""
    where = standing(entry.plan, start, today, sessions, at_limit)
    return Today(entry.id, entry.plan, where, shown_items(entry.plan, where, routines))


def shown_items(plan: Plan, where: Standing, routines: Mapping[str, LibraryEntry]) -> tuple[TodayItem, ...]:
    """Return the day's items with their titles and lengths in the standing's phase (a missing routine said so)."""
    items = []
    for item in where.items:
        found = routines.get(item.routine_id)
        if found is None:
            items.append(TodayItem(item.routine_id, item.routine_id, None, item.done))
            continue
        routine = routine_for_today(plan, where.phase, found.routine)
        seconds = build_timeline(routine).total_seconds
        items.append(TodayItem(item.routine_id, found.card.title, seconds, item.done, item.at_limit))
    return tuple(items)
