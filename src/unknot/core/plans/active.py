"""The plan a person follows, read from history: its day today, or why it cannot be shown.

Which plan is followed, and from which day, is kept in history (`plan_runs`), so it survives
restarts and no settings file written by another process can drop it; where it stands is worked
out afresh from the sessions each time (`progress.standing`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..standings import DueStatus
from .loading import PlanBook
from .today import Today, build_today

if TYPE_CHECKING:
    from ..history.store import HistoryStore
    from ..library.library import LibraryEntry


def gone_plan_problem(plan_id: str) -> str:
    """What to say when the followed plan's file is gone or no longer valid."""
    return (
        f"the plan {plan_id!r} you follow is not in any plans folder now (or has a problem: "
        "`unknot validate` says which); `unknot plan stop` stops following it"
    )


def active_today(
    store: HistoryStore, book: PlanBook, routines: Mapping[str, LibraryEntry], today: dt.date
) -> tuple[Today | None, str | None]:
    """Return the followed plan's day (None when no plan is followed), or None and why it cannot be shown."""
    from ..history.due import read_standings

    active = store.active_plan()
    if active is None:
        return None, store.problem if not store.available else None
    plan_id, start = active
    entry = book.plans.get(plan_id)
    if entry is None:
        return None, gone_plan_problem(plan_id)
    standings = read_standings(store, routines.values(), today)
    at_limit = [routine_id for routine_id, row in standings.items() if row.status is DueStatus.AT_LIMIT]
    return build_today(entry, start, today, store.sessions_since(start), routines, at_limit), None
