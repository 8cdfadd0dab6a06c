"""When the terminal bell rings: the person's bell mode against what just happened in the session."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .events import SessionEvent

# The modes are read with the settings at launch; what rings is needed only during a session.


class BellMode(StrEnum):
    """The `bell` setting."""

    OFF = "off"
    STEPS = "steps"
    """At each new step, each change of side, and the end (the default)."""
    COUNTDOWN = "steps+countdown"
    """As `steps`, and a short ring in each of the last three seconds of a hold, for eyes closed."""


BELL_MODE_WORDS = {
    BellMode.OFF: "off",
    BellMode.STEPS: "at each step, side and the end",
    BellMode.COUNTDOWN: "at each step, side, the end and the last 3 seconds",
}


def rings(event: SessionEvent, mode: BellMode) -> bool:
    """Whether `event` rings the bell in `mode`."""
    if mode is BellMode.OFF:
        return False
    from ..routines.timeline import SegmentKind
    from .events import REACHED_THE_END, FinalSeconds, Finished, SegmentStarted, StillWaiting

    if isinstance(event, SegmentStarted):
        segment = event.segment
        return segment.index > 0 and (segment.starts_step or segment.kind is SegmentKind.SWITCH_SIDES)
    if isinstance(event, Finished):
        return event.record.outcome in REACHED_THE_END
    if isinstance(event, StillWaiting):
        return True  # a step that waits for the person reminds them, once a minute
    if isinstance(event, FinalSeconds):
        segment = event.segment
        return mode is BellMode.COUNTDOWN and segment.kind is SegmentKind.WORK and not segment.movement_phase
    return False


def next_mode(mode: BellMode) -> BellMode:
    """Return the mode after `mode`, for a key that goes round them: steps, steps+countdown, off."""
    order = [BellMode.STEPS, BellMode.COUNTDOWN, BellMode.OFF]
    return order[(order.index(mode) + 1) % len(order)]
