"""What is due with the followed plan's day counted in: `unknot due`, `unknot due --short` when a plan is followed.

The standings come from the frequencies (`core.standings`); the plan adds its day's sessions not
done yet (`Today.sessions_to_do`), so a routine the plan asks for today reads as due, and the prompt
line goes quiet only once the plan's day is done too. The app counts them in the same way
(`ui/controllers/standings.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from ..history.due import DueReading
from ..library.library import LibraryEntry, routine_limits, routines_missing_kit
from ..standings import DueRow, DueStatus, due_rows, with_plan

if TYPE_CHECKING:  # the plan modules (timelines, the plan format) load only when a plan is followed
    from .loading import PlanBook
    from .today import Today


class PlanDue(NamedTuple):
    """Each routine's standing with the plan counted in, the plan's day, and why the plan could not be read."""

    rows: list[DueRow]
    today: Today | None
    problem: str | None


def due_with_plan(
    entries: Iterable[LibraryEntry],
    routines: Mapping[str, LibraryEntry],
    reading: DueReading,
    book: PlanBook,
    today: dt.date,
    owned: Collection[str] | None = None,
) -> PlanDue:
    """Return the standings of `entries` (in their order) on `today`, with the followed plan's day counted in.

    A followed plan that is gone (or no longer valid) leaves the standings as the frequencies make
    them, with the problem said; `reading` must hold the plan's sessions (`plan_rows=True`). `owned`
    is the kit the person has (None: not said): a routine needing other kit is `no-kit`, never due.
    """
    entries = list(entries)
    rows = due_rows(routine_limits(entries), reading.starts, today, routines_missing_kit(entries, owned))
    if reading.plan is None:
        return PlanDue(rows, None, None)
    from .active import gone_plan_problem
    from .progress import session_from_row
    from .today import day_of

    plan_id, start = reading.plan
    entry = book.plans.get(plan_id)
    if entry is None:
        return PlanDue(rows, None, gone_plan_problem(plan_id))
    at_limit = [row.id for row in rows if row.status is DueStatus.AT_LIMIT]
    sessions = [session_from_row(row) for row in reading.plan_rows]
    day = day_of(entry, start, today, sessions, routines, at_limit)
    return PlanDue(with_plan(rows, day.sessions_to_do()), day, None)
