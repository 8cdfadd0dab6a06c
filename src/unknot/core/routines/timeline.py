"""Expanding a routine into the flat list of timed segments a session plays through."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

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

    @property
    def until_done(self) -> bool:
        """Whether this segment waits for the person instead of a clock."""
        return self.seconds is None

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


def _step_work(step: Step) -> list[tuple[str, int | None, str | None, int, int]]:
    """Return (label, seconds, frame, rep index, rep count) for one side of a step."""
    if step.until_done:
        return [("Until done", None, None, 0, 1)]
    reps = step.reps or 1
    if step.phases:
        return [
            (phase.label, int(phase.duration), phase.frame, rep, reps) for rep in range(reps) for phase in step.phases
        ]
    seconds = int(step.duration or 0)
    return [("Hold" if reps == 1 else "Rep", seconds, None, rep, reps) for rep in range(reps)]


def _place_cues(
    step: Step, pieces: list[tuple[str, int | None, str | None, int, int]]
) -> list[tuple[tuple[int, str], ...]]:
    """Distribute a step's cues over its pieces by offset from the start of the side."""
    placed: list[list[tuple[int, str]]] = [[] for _ in pieces]
    for cue in step.cues:
        offset = int(cue.at)
        start = 0
        for number, (_, seconds, _, _, _) in enumerate(pieces):
            if seconds is None or offset < start + seconds or number == len(pieces) - 1:
                placed[number].append((max(0, offset - start), cue.text))
                break
            start += seconds
    return [tuple(sorted(cues)) for cues in placed]


def build_timeline(routine: Routine) -> Timeline:
    """Expand `routine` into segments: get-ready, each step side by side, rests between steps."""
    timeline = Timeline(routine)
    elapsed = 0
    side_start = 0

    def add(segment: Segment) -> None:
        nonlocal elapsed, side_start
        segment = replace(segment, index=len(timeline.segments))
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
        add(Segment(0, SegmentKind.GET_READY, "Get ready", int(routine.get_ready), step_index=0))
    last = len(routine.steps) - 1
    for step_index, step in enumerate(routine.steps):
        sides: list[str | None] = [*step.sides] if step.sides else [None]
        pieces = _step_work(step)
        cues = _place_cues(step, pieces)
        for side_index, side in enumerate(sides):
            if side_index > 0 and routine.switch_sides:
                add(
                    Segment(
                        index=0,
                        kind=SegmentKind.SWITCH_SIDES,
                        label="Switch sides",
                        seconds=int(routine.switch_sides),
                        step_index=step_index,
                        side_index=side_index,
                        side_count=len(sides),
                        side=side,
                    )
                )
            for number, (label, seconds, frame, rep, reps) in enumerate(pieces):
                add(
                    Segment(
                        index=0,
                        kind=SegmentKind.WORK,
                        label=label,
                        seconds=seconds,
                        step_index=step_index,
                        side_index=side_index,
                        side_count=len(sides),
                        side=side,
                        rep_index=rep,
                        rep_count=reps,
                        frame=frame,
                        cues=cues[number],
                        starts_step=side_index == 0 and number == 0,
                    )
                )
        rest = routine.rest if step.rest_after is None else step.rest_after
        if step_index < last and rest:
            add(Segment(0, SegmentKind.REST, "Rest", int(rest), step_index=step_index))
    return timeline
