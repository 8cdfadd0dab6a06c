"""What the session engine reports: events the UI renders, and the record of a finished session."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..routines.timeline import Segment


class Outcome(StrEnum):
    """How a session ended."""

    COMPLETED = "completed"
    PARTIAL = "partial"
    """Reached the end with one or more steps skipped."""
    LEFT = "left"
    INTERRUPTED = "interrupted"


#: The answers to "How was that?" after a plan session (core.plans.model.Rating spells the same).
RATINGS = ("too-easy", "about-right", "too-much")

#: The outcomes of a session that reached the end: they count as having done the routine.
REACHED_THE_END = (Outcome.COMPLETED, Outcome.PARTIAL)


@dataclass(frozen=True)
class SessionRecord:
    """The facts of one session: what the player reports when it ends, and a row of history.

    The player fills in what it knows; history adds the pain ratings, the note and, once stored, the id.
    """

    routine_id: str
    title: str
    started_at: float
    ended_at: float
    active_seconds: float
    steps_done: int
    steps_skipped: int
    outcome: Outcome
    pain_before: int | None = None
    pain_after: int | None = None
    note: str | None = None
    """What the person wrote after the session (`notes.clean_note`: one line, bounded), or None."""
    id: int | None = None
    rating: str | None = None
    """After a plan session: one of RATINGS, or None when not asked or not answered."""


@dataclass(frozen=True)
class SegmentStarted:
    """A new segment began (automatically or by a command)."""

    segment: Segment


@dataclass(frozen=True)
class CueReached:
    """A step's timed cue came due; each cue fires once per segment visit."""

    segment: Segment
    text: str


@dataclass(frozen=True)
class Halfway:
    """Half of a work segment of 10 s or more has passed."""

    segment: Segment


@dataclass(frozen=True)
class FinalSeconds:
    """The shown countdown reached 3, 2 or 1."""

    segment: Segment
    seconds: int


@dataclass(frozen=True)
class RepAdded:
    """The person asked for one more rep of the current step (on this side)."""

    segment: Segment


@dataclass(frozen=True)
class Paused:
    """The session was paused."""


@dataclass(frozen=True)
class Resumed:
    """The session was resumed after a pause."""


@dataclass(frozen=True)
class StillWaiting:
    """An until-done step has waited another while for the person (a gentle reminder, not an alarm)."""

    segment: Segment
    seconds: int
    """How long it has waited so far."""


@dataclass(frozen=True)
class Finished:
    """The session ended; `record` says how."""

    record: SessionRecord


SessionEvent = (
    SegmentStarted | CueReached | Halfway | FinalSeconds | RepAdded | Paused | Resumed | StillWaiting | Finished
)
