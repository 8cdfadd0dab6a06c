"""What history says: minutes per day, the current streak, and pain before and after per routine."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .store import StoredSession

#: A day counts toward the streak when at least this much was practised.
STREAK_MIN_SECONDS = 60


def local_day(seconds: float) -> dt.date:
    """Return the local calendar day of a Unix time."""
    return dt.datetime.fromtimestamp(seconds).date()


def minutes_per_day(sessions: Sequence[StoredSession], today: dt.date, days: int = 28) -> list[tuple[dt.date, float]]:
    """Return (day, active minutes) for each of the last `days` days, oldest first."""
    totals: dict[dt.date, float] = defaultdict(float)
    for session in sessions:
        totals[local_day(session.started_at)] += session.active_seconds / 60
    first = today - dt.timedelta(days=days - 1)
    return [
        (first + dt.timedelta(days=offset), round(totals[first + dt.timedelta(days=offset)], 1))
        for offset in range(days)
    ]


def current_streak(sessions: Sequence[StoredSession], today: dt.date) -> int:
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


@dataclass(frozen=True)
class PainSummary:
    """Average pain before and after one routine, over the sessions that rated both."""

    routine_id: str
    title: str
    sessions: int
    average_before: float
    average_after: float

    @property
    def change(self) -> float:
        """After minus before: negative means the routine tends to help."""
        return round(self.average_after - self.average_before, 1)


def pain_by_routine(sessions: Sequence[StoredSession]) -> list[PainSummary]:
    """Return per-routine pain averages for sessions rated before and after, most used first."""
    rated: dict[str, list[StoredSession]] = defaultdict(list)
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
        )
        for routine_id, group in rated.items()
    ]
    return sorted(summaries, key=lambda summary: (-summary.sessions, summary.title))


_EIGHTHS = " ▁▂▃▄▅▆▇█"


def bar_chart(values: Sequence[float], rows: int = 4, column_width: int = 2) -> list[str]:
    """Return a vertical bar chart of `values` as `rows` lines of block characters, tallest on top."""
    peak = max(values, default=0) or 1
    lines = []
    for row in range(rows - 1, -1, -1):
        cells = []
        for value in values:
            eighths = round(value / peak * rows * 8)
            fill = max(0, min(8, eighths - row * 8))
            if value > 0 and row == 0 and fill == 0:
                fill = 1  # any practice at all shows
            cells.append(_EIGHTHS[fill] * (column_width - 1) + " ")
        lines.append("".join(cells).rstrip())
    return lines


def history_text(sessions: Sequence[StoredSession], today: dt.date) -> str:
    """Return history as plain text: the streak, the four-week chart, pain averages, recent sessions."""
    if not sessions:
        return "No sessions yet.\n"
    days = minutes_per_day(sessions, today)
    streak = current_streak(sessions, today)
    lines = [
        f"Streak: {streak} day{'s' if streak != 1 else ''}    "
        f"Last 4 weeks: {round(sum(minutes for _, minutes in days))} min",
        "",
    ]
    lines += bar_chart([minutes for _, minutes in days])
    lines.append(f"{days[0][0]:%d %b}".ljust(len(days) * 2 - 5) + "today")
    summaries = pain_by_routine(sessions)
    if summaries:
        lines += ["", "Pain before -> after (average):"]
        lines += [
            f"  {s.title[:36]:<37}{s.average_before:>4} -> {s.average_after:<4} ({s.sessions})" for s in summaries
        ]
    lines += ["", "Recent sessions:"]
    for session in sessions[:20]:
        when = dt.datetime.fromtimestamp(session.started_at).strftime("%Y-%m-%d %H:%M")
        minutes = f"{session.active_seconds / 60:.1f} min"
        pain = (
            ""
            if session.pain_before is None and session.pain_after is None
            else (
                f"  pain {session.pain_before if session.pain_before is not None else '?'}"
                f" -> {session.pain_after if session.pain_after is not None else '?'}"
            )
        )
        lines.append(f"  {when}  {session.title[:32]:<33}{minutes:>9}  {session.outcome}{pain}")
    return "\n".join(lines) + "\n"
