"""Expanding a routine into the flat list of timed segments a session plays through."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .model import Routine, Step


class SegmentKind(StrEnum):
    """What a segment is for; the UI names each one."""

    GET_READY = "get_ready"
    WORK = "work"
    SWITCH_SIDES = "switch_sides"
    REST = "rest"


@dataclass(frozen=True)
class Segment:
    """One stretch of time in a session, with where it sits in the routine.

    `seconds` is None for an until-done segment, which lasts until the person says so.
    `cues` are (offset into this segment, text) pairs.
    """

    index: int
    kind: SegmentKind
    label: str
    seconds: int | None
    step_index: int
    side_index: int = 0
    side_count: int = 1
    side: str | None = None
    rep_index: int = 0
    rep_count: int = 1
    frame: str | None = None
    cues: tuple[tuple[int, str], ...] = ()
    starts_step: bool = False
    continue_after: int | None = None
    """For an until-done segment: it goes on by itself after this many seconds (None: it waits)."""

    @property
    def until_done(self) -> bool:
        """Whether this segment waits for the person instead of a clock."""
        return self.seconds is None

    @property
    def movement_phase(self) -> bool:
        """A phase of a repeated movement (cat, then cow): a few seconds each, never counted down."""
        return self.kind is SegmentKind.WORK and self.label not in ("Hold", "Rep")

    @property
    def mirrored(self) -> bool:
        """Whether the diagram is shown mirrored (the second side of a two-sided step)."""
        return self.side_index == 1


@dataclass
class Timeline:
    """The segments of one routine in playing order, with their start offsets."""

    routine: Routine
    segments: list[Segment] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    #: For each segment, the start offset of the step side it belongs to (for breath pacing).
    side_starts: list[int] = field(default_factory=list)

    @property
    def total_seconds(self) -> int:
        """The planned length in seconds (until-done segments count as zero)."""
        return sum(segment.seconds or 0 for segment in self.segments)

    @property
    def has_until_done(self) -> bool:
        """Whether any segment waits for the person, so the total is a minimum."""
        return any(segment.until_done for segment in self.segments)


#: (label, seconds, frame, cues) of one timed piece of a rep; seconds is None for until-done.
Piece = tuple[str, int | None, str | None, tuple[tuple[int, str], ...]]


def _rep_pieces(step: Step) -> list[Piece]:
    """Return the pieces of one rep of a step (one hold, or one pass through its phases), with the cues.

    A cue's offset counts from the start of each rep (and so of each side), so it comes in every rep.
    """
    if step.until_done:
        shape: list[tuple[str, int | None, str | None]] = [("Until done", None, None)]
    elif step.phases:
        shape = [(phase.label, int(phase.duration), phase.frame) for phase in step.phases]
    else:
        shape = [("Hold" if (step.reps or 1) == 1 else "Rep", int(step.duration or 0), None)]
    placed: list[list[tuple[int, str]]] = [[] for _ in shape]
    for cue in step.cues:
        offset = int(cue.at)
        start = 0
        for number, (_, seconds, _) in enumerate(shape):
            if seconds is None or offset < start + seconds or number == len(shape) - 1:
                placed[number].append((max(0, offset - start), cue.text))
                break
            start += seconds
    return [
        (label, seconds, frame, tuple(sorted(cues)))
        for (label, seconds, frame), cues in zip(shape, placed, strict=True)
    ]


def rep_count(step: Step, extra: int = 0) -> int:
    """Return how many reps one side of a step has, with `extra` added by the person."""
    return 1 if step.until_done else (step.reps or 1) + extra


def build_timeline(routine: Routine, extra_reps: Mapping[tuple[int, int], int] | None = None) -> Timeline:
    """Expand `routine` into segments: get-ready, each step side by side, rests between steps.

    `extra_reps` adds reps to one side of a step, keyed by (step index, side index): the person
    pressed `a` for "one more".
    """
    extra_reps = extra_reps or {}
    timeline = Timeline(routine)
    elapsed = 0
    side_start = 0

    def add(kind: SegmentKind, label: str, seconds: int | None, **where: Any) -> None:
        nonlocal elapsed, side_start
        segment = Segment(len(timeline.segments), kind, label, seconds, **where)
        previous = timeline.segments[-1] if timeline.segments else None
        same_side = (
            previous is not None
            and previous.kind is SegmentKind.WORK
            and segment.kind is SegmentKind.WORK
            and (previous.step_index, previous.side_index) == (segment.step_index, segment.side_index)
        )
        if not same_side:
            side_start = elapsed
        timeline.starts.append(elapsed)
        timeline.side_starts.append(side_start)
        timeline.segments.append(segment)
        elapsed += segment.seconds or 0

    if routine.get_ready:
        add(SegmentKind.GET_READY, "Get ready", int(routine.get_ready), step_index=0)
    last = len(routine.steps) - 1
    for step_index, step in enumerate(routine.steps):
        sides: list[str | None] = [*step.sides] if step.sides else [None]
        pieces = _rep_pieces(step)
        for side_index, side in enumerate(sides):
            if side_index > 0 and routine.switch_sides:
                add(
                    SegmentKind.SWITCH_SIDES,
                    "Switch sides",
                    int(routine.switch_sides),
                    step_index=step_index,
                    side_index=side_index,
                    side_count=len(sides),
                    side=side,
                )
            reps = rep_count(step, extra_reps.get((step_index, side_index), 0))
            for rep in range(reps):
                for number, (label, seconds, frame, cues) in enumerate(pieces):
                    add(
                        SegmentKind.WORK,
                        "Rep" if reps > 1 and step.duration is not None and not step.phases else label,
                        seconds,
                        step_index=step_index,
                        side_index=side_index,
                        side_count=len(sides),
                        side=side,
                        rep_index=rep,
                        rep_count=reps,
                        frame=frame,
                        cues=cues,
                        starts_step=side_index == 0 and rep == 0 and number == 0,
                        continue_after=int(step.continue_after) if step.until_done and step.continue_after else None,
                    )
        rest = routine.rest if step.rest_after is None else step.rest_after
        if step_index < last and rest:
            add(SegmentKind.REST, "Rest", int(rest), step_index=step_index)
    return timeline
