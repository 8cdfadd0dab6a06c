"""Where each routine stands against how often it is meant to be done: today's and this week's counts.

A week runs Monday to Sunday (ISO weeks); a session counts for the local day it started on. This is
the vocabulary and the arithmetic only, from (routine id, start time) pairs: reading them from
history is `core.history.due`'s job, so the library, the reminder and the browser use standings
without importing the history package (and `unknot due --short` stays fast).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple, Protocol


class Limits(Protocol):
    """How often a routine is meant to be done (a routine's `frequency`, or the same read from a file)."""

    @property
    def min_per_day(self) -> int | None: ...
    @property
    def max_per_day(self) -> int | None: ...
    @property
    def min_per_week(self) -> int | None: ...
    @property
    def max_per_week(self) -> int | None: ...


class PlainLimits(NamedTuple):
    """Limits as plain numbers, for when the routine files are not loaded."""

    min_per_day: int | None = None
    max_per_day: int | None = None
    min_per_week: int | None = None
    max_per_week: int | None = None


LIMIT_NAMES = ("min_per_day", "max_per_day", "min_per_week", "max_per_week")


class DueStatus(StrEnum):
    """Where a routine stands for the current day and week."""

    DUE = "due"
    """A minimum for the current period is not met yet."""
    DONE = "done"
    """The minimum is met (or there is none and it was done in the period); no maximum reached."""
    AT_LIMIT = "at-limit"
    """A maximum for the current period is reached."""
    ANYTIME = "anytime"
    """No minimum, and not done in the period."""
    NO_KIT = "no-kit"
    """A minimum is not met, but the routine needs kit the person said they do not have: left out of "due"."""


class DueRow(NamedTuple):
    """One routine's standing: its counts and status."""

    id: str
    title: str
    status: DueStatus
    count_today: int
    count_week: int
    frequency: Limits | None
    missing_kit: tuple[str, ...] = ()
    """The kit the routine needs that the person said they do not have (settings' `equipment`)."""
    plan_sessions: int = 0
    """Sessions of this routine on the followed plan's day that are not done yet (and may be done today)."""

    def limit_text(self) -> str:
        """Return the count against the nearest limit or target, worded as what it is, or empty.

        A target reads as one (`1/2 today`: two to do); a maximum as a limit (`1 today, up to 5 a
        day`), and once reached as a rest (`done today; next tomorrow`): `0/5 today` for a maximum
        of five read as five still to do.
        """
        often = self.frequency
        if often is None:
            return ""
        if often.min_per_day:
            return f"{self.count_today}/{often.min_per_day} today"
        if often.max_per_day:
            if self.count_today >= often.max_per_day:
                return "done today; next tomorrow"
            return f"{self.count_today} today, up to {often.max_per_day} a day"
        if often.min_per_week:
            return f"{self.count_week}/{often.min_per_week} this week"
        if often.max_per_week:
            if self.count_week >= often.max_per_week:
                return "done this week; next on Monday"
            return f"{self.count_week} this week, up to {often.max_per_week} a week"
        return ""

    def as_json(self) -> dict[str, object]:
        """Return the row as `unknot due --json` prints it."""
        often = self.frequency
        limits = {} if often is None else {name: getattr(often, name) for name in LIMIT_NAMES}
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status.value,
            "count_today": self.count_today,
            "count_week": self.count_week,
            "frequency": {name: value for name, value in limits.items() if value is not None},
            "missing_kit": list(self.missing_kit),
            "plan_sessions": self.plan_sessions,
        }

    def plan_text(self) -> str:
        """`plan` when the followed plan's day has a session of this routine to do (`plan ×2` for two), or empty."""
        if not self.plan_sessions:
            return ""
        return "plan" if self.plan_sessions == 1 else f"plan ×{self.plan_sessions}"


def week_start(day: dt.date) -> dt.date:
    """Return the Monday of `day`'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def status_of(frequency: Limits | None, today: int, week: int) -> DueStatus:
    """Return the status for these counts (see DueStatus)."""
    often = frequency or PlainLimits()
    if (often.max_per_day is not None and today >= often.max_per_day) or (
        often.max_per_week is not None and week >= often.max_per_week
    ):
        return DueStatus.AT_LIMIT
    if (often.min_per_day is not None and today < often.min_per_day) or (
        often.min_per_week is not None and week < often.min_per_week
    ):
        return DueStatus.DUE
    has_minimum = often.min_per_day is not None or often.min_per_week is not None
    # The period of a routine without a minimum: the day, unless it only speaks of weeks.
    weekly = often.max_per_day is None and often.max_per_week is not None
    done_in_period = (week if weekly else today) > 0
    return DueStatus.DONE if has_minimum or done_in_period else DueStatus.ANYTIME


def is_kit_name(name: str) -> bool:
    """Whether `name` can name a piece of kit: an id (lower-case letters, digits and dashes)."""
    return re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", name) is not None


def missing_kit(needed: Iterable[str], owned: Collection[str] | None) -> tuple[str, ...]:
    """The kit of `needed` the person does not have; none when they have not said what they have (None)."""
    return () if owned is None else tuple(item for item in needed if item not in owned)


def due_rows(
    routines: Iterable[tuple[str, str, Limits | None]],
    starts: Iterable[tuple[str, float]],
    today: dt.date,
    missing: Mapping[str, tuple[str, ...]] | None = None,
) -> list[DueRow]:
    """Return each routine's standing from (routine id, start time) of the sessions that count.

    `missing` gives, by routine id, the kit the person lacks: such a routine is never DUE (NO_KIT instead).
    """
    missing = missing or {}
    monday = week_start(today)
    per_day: dict[str, int] = {}
    per_week: dict[str, int] = {}
    for routine_id, started_at in starts:
        day = dt.datetime.fromtimestamp(started_at).date()
        if monday <= day <= today:
            per_week[routine_id] = per_week.get(routine_id, 0) + 1
            if day == today:
                per_day[routine_id] = per_day.get(routine_id, 0) + 1
    rows = []
    for routine_id, title, frequency in routines:
        count_today, count_week = per_day.get(routine_id, 0), per_week.get(routine_id, 0)
        status = status_of(frequency, count_today, count_week)
        lacking = missing.get(routine_id, ())
        if lacking and status is DueStatus.DUE:
            status = DueStatus.NO_KIT
        rows.append(DueRow(routine_id, title, status, count_today, count_week, frequency, lacking))
    return rows


def with_plan(rows: Iterable[DueRow], plan_sessions: Mapping[str, int]) -> list[DueRow]:
    """Return `rows` with the followed plan's sessions still to do today (by routine id) counted in.

    A routine with a plan session to do is due, unless it is at its limit (the plan never asks for
    more than a routine's frequency allows; its day marks such an item and does not count it here)
    or needs kit the person said they lack (then it is `no-kit`, as a routine due by its frequency is).
    """
    marked = []
    for row in rows:
        count = plan_sessions.get(row.id, 0)
        status = row.status
        if count and status is not DueStatus.AT_LIMIT:
            status = DueStatus.NO_KIT if row.missing_kit else DueStatus.DUE
        marked.append(row._replace(plan_sessions=count, status=status))
    return marked


def limit_question(row: DueRow) -> str | None:
    """Return what to ask before starting a routine at its limit (None when it is not at one)."""
    often = row.frequency
    if row.status is not DueStatus.AT_LIMIT or often is None:
        return None
    if often.max_per_day is not None and row.count_today >= often.max_per_day:
        count, most, period = row.count_today, often.max_per_day, ("today", "a day")
    else:
        count, most, period = row.count_week, often.max_per_week or row.count_week, ("this week", "a week")
    times = {1: "once", 2: "twice"}.get(most, f"up to {most} times")
    return f"{row.title}: {count} of {most} {period[0]}. The guidance is {times} {period[1]}. Start anyway?"


def short_line(rows: Sequence[DueRow]) -> str:
    """Return one plain line for a prompt: what is due (`self-massage due · desk-break 1/2 today (plan)`).

    Empty when nothing is due, so the prompt goes quiet once the day's targets (and the plan's
    sessions) are done; counts against a maximum are never shown here (they are not something to do).
    """
    rows = sorted(rows, key=lambda row: row.id)
    return " · ".join(
        f"{row.id} due"
        + (f" {row.limit_text()}" if row.frequency and row.frequency.min_per_day else "")
        + (f" ({row.plan_text()})" if row.plan_sessions else "")
        for row in rows
        if row.status is DueStatus.DUE
    )
