"""The plan schema: one declaration that validates plan files and generates their JSON Schema.

A plan is phases; each phase repeats its days in order until it advances, and may set how long
a routine lasts in it (a step's duration by its step id, or a factor for the whole routine).
Unknown keys are errors, as in routine files.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from ..routines.model import Caution, Count, LongText, RoutineId, ShortText, StepId, StepSeconds, Strict, Title

#: The answers to "How was that?" after a plan session, as stored in history.
Rating = Literal["too-easy", "about-right", "too-much"]
RATINGS: tuple[Rating, ...] = ("too-easy", "about-right", "too-much")

Factor = Annotated[
    float,
    Meta(ge=0.1, le=4.0, description="Every timed step's duration (and repetitions) times this, e.g. 0.5 or 1.5."),
]


class Advance(Strict):
    """When a phase gives way to the next: after so many done sessions, or so many days."""

    after_sessions: Count | None = None
    """Sessions of the plan done (on their day) while in this phase."""
    after_days: Count | None = None
    """Days since the phase began, rest days and missed days included."""


class Durations(Strict):
    """How long one routine lasts in a phase: a factor for all of it, and steps set by their id."""

    factor: Factor | None = None
    steps: Annotated[dict[StepId, StepSeconds], Meta(max_length=50)] = {}
    """A step's whole time (for a step of phases or repetitions: as many repetitions as fit, at least one)."""


class Day(Strict):
    """One day of a phase: the routines to do, in order, or a rest day."""

    routines: Annotated[list[RoutineId], Meta(max_length=10)] = []
    rest: bool = False
    note: ShortText = ""


class PlanPhase(Strict):
    """A stage of a plan: its days (repeated in order while it lasts), durations and when it ends."""

    title: Title
    days: Annotated[list[Day], Meta(min_length=1, max_length=14)]
    summary: ShortText = ""
    advance: Advance | None = None
    """Required on every phase but the last (the last lasts until the plan's days are over)."""
    durations: Annotated[dict[RoutineId, Durations], Meta(max_length=30)] = {}


class HoldWhenWorse(Strict):
    """Hold progress when so many of the latest rated sessions left the back worse than before."""

    worse: Count = 2
    of_last: Count = 3


class Rules(Strict):
    """How the plan listens: holding when sessions leave the back worse, stepping back on "too much"."""

    hold_when_worse: HoldWhenWorse | None = None
    step_back_on_too_much: bool = True


class Plan(Strict):
    """A whole plan as written in one YAML file."""

    title: Title
    days: Annotated[int, Meta(ge=1, le=366, description="How many days the plan runs, counted from its start.")]
    phases: Annotated[list[PlanPhase], Meta(min_length=1, max_length=20)]
    id: RoutineId | None = None
    summary: ShortText = ""
    description: LongText = ""
    credits: ShortText = ""
    cautions: Annotated[list[Caution], Meta(max_length=10)] = []
    rules: Rules = msgspec.field(default_factory=Rules)
