"""What history says, built once and drawn twice: `unknot history` prints it, the history screen styles it.

`build_report` turns stored sessions and open checkpoints into a `HistoryReport`: the streak,
minutes a day over four weeks, pain before and after per routine, and every session newest
first (including one cut off that can still be resumed, and one being played elsewhere).
`layout.py` lays it out as words for a width; each front end only decides how a role looks.
`session_json` is the `--json` form of one row.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..session.events import Outcome, SessionRecord
from .notes import clean_note
from .store import Checkpoint, HistoryStore

#: A day counts toward the streak when at least this much was practised.
STREAK_MIN_SECONDS = 60
#: How many days the minutes chart covers.
CHART_DAYS = 28
#: How many sessions the table lists, on screen and on the command line alike.
RECENT_ROWS = 100
NO_SESSIONS = "No sessions yet. Play a routine and it will show here."


class RowStatus(StrEnum):
    """Where a session in history stands; stored sessions take their outcome, open ones say if they are live."""

    COMPLETED = "completed"
    PARTIAL = "partial"
    LEFT = "left"
    INTERRUPTED = "interrupted"
    RESUMABLE = "resumable"
    IN_PROGRESS = "in-progress"


STATUS_WORDS = {
    RowStatus.COMPLETED: "done",
    RowStatus.PARTIAL: "partly done",
    RowStatus.LEFT: "left early",
    RowStatus.INTERRUPTED: "interrupted",
    RowStatus.RESUMABLE: "interrupted (can resume)",
    RowStatus.IN_PROGRESS: "in progress",
}


@dataclass(frozen=True)
class HistoryRow:
    """One session in history and where it stands."""

    record: SessionRecord
    status: RowStatus


#: How many rated sessions it takes before history says anything about whether a routine helps.
ENOUGH_RATED = 3
#: How many weeks the pain chart of each routine covers.
PAIN_WEEKS = 8


@dataclass(frozen=True)
class PainSummary:
    """Pain before and after one routine, over the sessions that rated both."""

    routine_id: str
    title: str
    sessions: int
    average_before: float
    average_after: float
    weekly_drops: tuple[float | None, ...]
    """The average drop (before minus after) in each of the last PAIN_WEEKS ISO weeks, oldest first;
    None for a week with no rated session."""

    @property
    def change(self) -> float:
        """After minus before: negative means the routine tends to help."""
        return round(self.average_after - self.average_before, 1)

    @property
    def enough(self) -> bool:
        """Whether there are enough rated sessions to say anything."""
        return self.sessions >= ENOUGH_RATED

    def verdict(self) -> str:
        """Say modestly what the ratings show on average (`6.0 → 4.0, 2.0 lower (4 sessions)`), or that it is early."""
        count = f"({self.sessions} session{'s' if self.sessions != 1 else ''})"
        if not self.enough:
            return f"not enough to tell yet {count}"
        change = self.change
        if change < 0:
            trend = f"{-change} lower"
        elif change > 0:
            trend = f"{change} higher"
        else:
            trend = "no change"
        return f"{self.average_before} → {self.average_after}, {trend} {count}"


@dataclass(frozen=True)
class HistoryReport:
    """Everything history shows, computed once."""

    today: dt.date
    streak_days: int
    minutes_by_day: list[tuple[dt.date, float]]
    pain: list[PainSummary]
    rows: list[HistoryRow]

    @property
    def total_minutes(self) -> float:
        """Minutes practised over the chart's days."""
        return sum(minutes for _, minutes in self.minutes_by_day)

    @property
    def recent(self) -> list[HistoryRow]:
        """The rows the table lists."""
        return self.rows[:RECENT_ROWS]


def local_day(seconds: float) -> dt.date:
    """Return the local calendar day of a Unix time."""
    return dt.datetime.fromtimestamp(seconds).date()


def minutes_per_day(
    sessions: Sequence[SessionRecord], today: dt.date, days: int = CHART_DAYS
) -> list[tuple[dt.date, float]]:
    """Return (day, active minutes) for each of the last `days` days, oldest first."""
    totals: dict[dt.date, float] = defaultdict(float)
    for session in sessions:
        totals[local_day(session.started_at)] += session.active_seconds / 60
    first = today - dt.timedelta(days=days - 1)
    return [
        (first + dt.timedelta(days=offset), round(totals[first + dt.timedelta(days=offset)], 1))
        for offset in range(days)
    ]


def current_streak(sessions: Sequence[SessionRecord], today: dt.date) -> int:
    """Return how many days in a row, ending today (or yesterday), had a minute or more of practice."""
    seconds: dict[dt.date, float] = defaultdict(float)
    for session in sessions:
        seconds[local_day(session.started_at)] += session.active_seconds
    practised = {day for day, total in seconds.items() if total >= STREAK_MIN_SECONDS}
    day = today if today in practised else today - dt.timedelta(days=1)
    streak = 0
    while day in practised:
        streak += 1
        day -= dt.timedelta(days=1)
    return streak


def weekly_drops(
    sessions: Sequence[SessionRecord], today: dt.date, weeks: int = PAIN_WEEKS
) -> tuple[float | None, ...]:
    """Return the average drop in pain (before minus after) in each of the last `weeks` ISO weeks, oldest first.

    Every session given must be rated before and after; a week without one is None.
    """
    from ..standings import week_start

    first = week_start(today) - dt.timedelta(weeks=weeks - 1)
    drops: dict[int, list[int]] = defaultdict(list)
    for session in sessions:
        week = (local_day(session.started_at) - first).days // 7
        if 0 <= week < weeks:
            drops[week].append((session.pain_before or 0) - (session.pain_after or 0))
    return tuple(round(sum(drops[week]) / len(drops[week]), 1) if drops[week] else None for week in range(weeks))


def pain_by_routine(sessions: Sequence[SessionRecord], today: dt.date) -> list[PainSummary]:
    """Return per-routine pain of the sessions rated before and after (weekly up to `today`), most used first."""
    rated: dict[str, list[SessionRecord]] = defaultdict(list)
    for session in sessions:
        if session.pain_before is not None and session.pain_after is not None:
            rated[session.routine_id].append(session)
    summaries = [
        PainSummary(
            routine_id=routine_id,
            title=group[0].title,
            sessions=len(group),
            average_before=round(sum(s.pain_before or 0 for s in group) / len(group), 1),
            average_after=round(sum(s.pain_after or 0 for s in group) / len(group), 1),
            weekly_drops=weekly_drops(group, today),
        )
        for routine_id, group in rated.items()
    ]
    return sorted(summaries, key=lambda summary: (-summary.sessions, summary.title))


def history_rows(sessions: Sequence[SessionRecord], checkpoints: Sequence[Checkpoint]) -> list[HistoryRow]:
    """Return stored sessions and open checkpoints as one list, newest first."""
    rows = [HistoryRow(session, RowStatus(session.outcome.value)) for session in sessions]
    for checkpoint in checkpoints:
        if checkpoint.live:
            rows.append(HistoryRow(checkpoint.record(), RowStatus.IN_PROGRESS))
        else:
            rows.append(HistoryRow(checkpoint.record(), RowStatus.RESUMABLE))
    return sorted(rows, key=lambda row: (row.record.started_at, row.record.id or 0), reverse=True)


def each_history_row(sessions: Iterable[SessionRecord], checkpoints: Sequence[Checkpoint]) -> Iterator[HistoryRow]:
    """Yield what `history_rows` returns, from sessions that come newest first, one at a time."""
    import heapq

    open_rows = history_rows((), checkpoints)
    stored = (HistoryRow(session, RowStatus(session.outcome.value)) for session in sessions)
    yield from heapq.merge(stored, open_rows, key=lambda row: (row.record.started_at, row.record.id or 0), reverse=True)


def build_report(sessions: Sequence[SessionRecord], checkpoints: Sequence[Checkpoint], today: dt.date) -> HistoryReport:
    """Return the report of these sessions as seen on `today`."""
    rows = history_rows(sessions, checkpoints)
    records = [row.record for row in rows]
    return HistoryReport(
        today=today,
        streak_days=current_streak(records, today),
        minutes_by_day=minutes_per_day(records, today),
        pain=pain_by_routine(records, today),
        rows=rows,
    )


def report_from_store(store: HistoryStore, today: dt.date) -> HistoryReport:
    """Return the report of everything `store` holds, as seen on `today`."""
    return build_report(store.recent_sessions(limit=None), store.checkpoints(), today)


# ----- JSON ------------------------------------------------------------------------------------------


def iso_time(seconds: float) -> str:
    """Return a Unix time as ISO 8601 in UTC: to the second, with milliseconds when it has them.

    Two sessions started in the same second stay two through an export and an import.
    """
    whole_seconds, milliseconds = divmod(round(seconds * 1000), 1000)
    whole = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole_seconds))
    return f"{whole}.{milliseconds:03d}Z" if milliseconds else f"{whole}Z"


def session_json(row: HistoryRow) -> dict[str, Any]:
    """Return one row as `unknot history --json` prints it (times in ISO 8601, UTC).

    `outcome` is completed, partial (steps skipped), left or interrupted for a stored session; a
    session cut off that can still be resumed is interrupted with `resumable` true, and one still
    playing is `in-progress`.
    """
    record = row.record
    outcome = Outcome.INTERRUPTED.value if row.status is RowStatus.RESUMABLE else row.status.value
    return {
        "id": record.id,
        "routine_id": record.routine_id,
        "title": record.title,
        "started_at": iso_time(record.started_at),
        "ended_at": iso_time(record.ended_at),
        "active_seconds": round(record.active_seconds, 1),
        "steps_done": record.steps_done,
        "steps_skipped": record.steps_skipped,
        "outcome": outcome,
        "resumable": row.status is RowStatus.RESUMABLE,
        "pain_before": record.pain_before,
        "pain_after": record.pain_after,
        "rating": record.rating,
        "note": clean_note(record.note),
    }
