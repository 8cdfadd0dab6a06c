"""`unknot plan export --ics`: a plan's days as calendar events (RFC 5545), one a day, with a reminder.

The days ahead are projected: the phases stand as history has them today, and from then on as if
each day's sessions were done (the plan's rules cannot know ratings not given yet; exporting again
after a hold or a step back brings the calendar up to date, each day's event keeping its UID).
Events are at a fixed local time ("floating": 18:00 wherever the calendar is), as long as the day's
sessions together, with a display alarm ten minutes before. `icalendar` is imported only when a
file is written (it costs tens of milliseconds; no other command needs it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..library.library import LibraryEntry
from ..routines.durations import format_duration
from .loading import PlanEntry
from .progress import PlanSession, standing
from .today import TodayItem, shown_items

#: How long before each day's event its reminder shows.
ALARM_BEFORE = dt.timedelta(minutes=10)
#: The shortest event written: a day of very short sessions still gets a visible slot.
SHORTEST_EVENT = dt.timedelta(minutes=5)
PRODUCT_ID = "-//Unknot//plan export//EN"


@dataclass(frozen=True)
class PlannedDay:
    """One day of the plan with sessions to do, as the calendar shows it."""

    date: dt.date
    number: int
    """The day of the plan, from 1."""
    week: int
    phase_title: str
    items: tuple[TodayItem, ...]
    note: str

    @property
    def seconds(self) -> int:
        """The day's sessions together (those whose routine is in the library)."""
        return sum(item.seconds or 0 for item in self.items)


def planned_days(
    entry: PlanEntry,
    start: dt.date,
    first: dt.date,
    recorded: Iterable[PlanSession],
    routines: Mapping[str, LibraryEntry],
) -> list[PlannedDay]:
    """Return the plan's days with sessions from `first` to its last day (rest days have none).

    `recorded` are the sessions since the plan's start as its rules read them (none for a plan not
    followed): those before `first` place the phases; from `first` on, every session is taken as done.
    """
    plan = entry.plan
    sessions = [session for session in recorded if session.day < first]
    days = []
    day = max(first, start)
    last = start + dt.timedelta(days=plan.days - 1)
    while day <= last:
        where = standing(plan, start, day, sessions)
        items = shown_items(plan, where, routines)
        if items:
            days.append(PlannedDay(day, where.day, where.week, where.phase_title, items, where.note))
        sessions += [PlanSession(item.routine_id, day, True) for item in where.items]
        day += dt.timedelta(days=1)
    return days


def calendar_text(text: str) -> str:
    """Return untrusted text fit for a calendar field: no control, format or bidirectional characters.

    The library escapes what RFC 5545 gives a meaning (`,` `;` `\\` and newlines); this removes what
    a calendar would show as garbage or could be made to reorder. Lines are joined by the caller.
    """
    return "".join(char for char in text if char.isprintable() or char == " ").strip()


def day_summary(plan_title: str, day: PlannedDay, days: int) -> str:
    """The event's title: the plan and the day (`Four weeks of back care: day 3 of 28`)."""
    return f"{calendar_text(plan_title)}: day {day.number} of {days}"


def day_description(day: PlannedDay) -> str:
    """The event's text: the phase, then each session with its length, then the day's note."""
    lines = [f"Week {day.week} · {calendar_text(day.phase_title)}"]
    for item in day.items:
        if item.seconds is None:
            lines.append(f"- {calendar_text(item.routine_id)}: not in the library any more")
        else:
            lines.append(f"- {calendar_text(item.title)} ({format_duration(item.seconds)})")
    if day.note:
        lines.append(calendar_text(day.note))
    lines.append("Play them in Unknot (Today); how each one felt steers the plan.")
    return "\n".join(lines)


def plan_calendar(entry: PlanEntry, days: Iterable[PlannedDay], at: dt.time, stamp: dt.datetime) -> bytes:
    """Return the calendar file: one event a day at `at` (local time), each with a display alarm.

    `stamp` (UTC) is when the file was made (DTSTAMP); each event's UID is the plan and the date,
    so importing a newer export replaces the days instead of doubling them.
    """
    from icalendar import Alarm, Calendar, Event  # not at import: only the export needs it

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_text(entry.plan.title))
    for day in days:
        event = Event()
        summary = day_summary(entry.plan.title, day, entry.plan.days)
        begins = dt.datetime.combine(day.date, at)
        length = max(SHORTEST_EVENT, dt.timedelta(minutes=-(-day.seconds // 60)))
        event.add("uid", f"{entry.id}-{day.date.isoformat()}@unknot")
        event.add("dtstamp", stamp)
        event.add("dtstart", begins)
        event.add("dtend", begins + length)
        event.add("summary", summary)
        event.add("description", day_description(day))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", -ALARM_BEFORE)
        event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
