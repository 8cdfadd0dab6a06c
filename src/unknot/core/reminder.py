"""The break reminder: after a while with the app open and no session playing, suggest a break.

Time is read from a monotonic clock, so changing the wall clock never fires it or holds it back.
A reminder comes due once: after it is shown, the next one is counted from the answer (snooze:
ten minutes; skip: a whole interval), never from when the last one was due, so a laptop woken
after hours shows one reminder, not the many it slept through. Playing a routine pauses it, and
the interval starts again when the session ends.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from .library.library import LibraryEntry
from .routines.durations import DurationError, parse_duration
from .standings import DueRow, DueStatus

#: The shortest and longest interval a person may choose.
REMIND_MINIMUM_SECONDS = 60
REMIND_MAXIMUM_SECONDS = 24 * 60 * 60
#: How long "snooze" puts the reminder off.
SNOOZE_SECONDS = 10 * 60
#: Routines with this tag are the ones a break reminder suggests first (content decides, not code).
BREAK_TAG = "break"


def parse_remind_every(value: object) -> int:
    """Return the interval in seconds for `50m`, `1h30m` or `1m`; DurationError says what is wrong."""
    try:
        return parse_duration(value, minimum=REMIND_MINIMUM_SECONDS, maximum=REMIND_MAXIMUM_SECONDS)
    except DurationError as error:
        raise DurationError(f"remind every: {error}") from None


class BreakReminder:
    """When the next break reminder is due, on a monotonic clock (seconds)."""

    def __init__(self, every: float, now: float) -> None:
        self.every = every
        self.next_at = now + every
        self.idle_since = now
        """When the last session ended (or the app started): how long the person has gone without one."""
        self.waiting = False
        """A reminder is on screen, waiting for an answer: no other comes until it is answered."""
        self.paused = False
        """A session is playing."""

    def due(self, now: float) -> bool:
        """Whether a reminder should show now."""
        return not self.paused and not self.waiting and now >= self.next_at

    def seconds_left(self, now: float) -> float:
        """How long until the next reminder (infinite while paused or waiting)."""
        if self.paused or self.waiting:
            return math.inf
        return max(0.0, self.next_at - now)

    def idle_seconds(self, now: float) -> float:
        """How long since the last session ended (or the app started)."""
        return max(0.0, now - self.idle_since)

    def shown(self) -> None:
        """A reminder went on screen."""
        self.waiting = True

    def snooze(self, now: float) -> None:
        """Remind again in ten minutes."""
        self.waiting = False
        self.next_at = now + SNOOZE_SECONDS

    def skip(self, now: float) -> None:
        """Skip this break: the next reminder is a whole interval away."""
        self.waiting = False
        self.next_at = now + self.every

    def session_started(self) -> None:
        """A routine is playing: no reminder meanwhile (an open reminder is answered by it)."""
        self.paused = True
        self.waiting = False

    def session_ended(self, now: float) -> None:
        """The session is over: the interval starts again."""
        self.paused = False
        self.next_at = now + self.every
        self.idle_since = now


def break_suggestion(
    entries: Iterable[LibraryEntry], due: Mapping[str, DueRow], plan_next: str | None = None
) -> LibraryEntry | None:
    """Return the routine a break reminder offers.

    The followed plan's next session of the day (`plan_next`, a routine id) comes first when there
    is one and its routine is not at its limit; then a break routine (tagged `break`) that is due,
    then the shortest break routine not at its limit, then any routine that is due, then the
    shortest routine not at its limit; never a routine needing kit the person said they do not have.
    """

    def status(entry: LibraryEntry) -> DueStatus | None:
        row = due.get(entry.id)
        return row.status if row is not None else None

    def lacks_kit(entry: LibraryEntry) -> bool:
        row = due.get(entry.id)
        return row is not None and bool(row.missing_kit)

    usable = sorted(
        (entry for entry in entries if status(entry) is not DueStatus.AT_LIMIT and not lacks_kit(entry)),
        key=lambda entry: (entry.total_seconds, entry.id),
    )
    planned = [entry for entry in usable if entry.id == plan_next]
    if planned:
        return planned[0]
    breaks = [entry for entry in usable if BREAK_TAG in entry.routine.tags]
    for group in (breaks, usable):
        due_now = [entry for entry in group if status(entry) is DueStatus.DUE]
        if due_now or group:
            return (due_now or group)[0]
    return None
