"""One-line session context: routine, step n of N, side, rep; and the "next up" line."""

from __future__ import annotations

import math

from ...core.durations import format_duration
from ...core.model import Routine
from ...core.session import Position
from ...core.timeline import SegmentKind
from .step_detail import side_name


def status_text(routine: Routine, position: Position) -> str:
    """Return `Title · Step 3 of 5 · Left side · Rep 4 of 10`."""
    segment = position.segment
    parts = [routine.title, f"Step {position.step_number} of {position.step_count}"]
    if segment.kind is SegmentKind.GET_READY:
        parts[1] = f"{position.step_count} steps"
    if segment.side_count > 1 and segment.kind is not SegmentKind.REST:
        parts.append(f"{side_name(segment.side)} ({segment.side_index + 1} of {segment.side_count})")
    if segment.rep_count > 1 and segment.kind is SegmentKind.WORK:
        parts.append(f"Rep {segment.rep_index + 1} of {segment.rep_count}")
    return " · ".join(parts)


def next_up_text(routine: Routine, position: Position) -> str:
    """Return what comes after the current segment, e.g. `Next: Rest 10s, then Cobra`."""
    upcoming = position.next_segment
    if upcoming is None:
        return "Next: the end"
    if upcoming.kind is SegmentKind.REST:
        following = routine.steps[min(upcoming.step_index + 1, len(routine.steps) - 1)].title
        return f"Next: Rest {format_duration(upcoming.seconds or 0)}, then {following}"
    if upcoming.kind is SegmentKind.SWITCH_SIDES:
        return f"Next: switch to the {upcoming.side} side"
    step = routine.steps[upcoming.step_index]
    if upcoming.step_index == position.segment.step_index and position.segment.kind is SegmentKind.WORK:
        detail = side_name(upcoming.side) if upcoming.side != position.segment.side else upcoming.label
        return f"Next: {detail}"
    return f"Next: {step.title}"


def session_left_text(position: Position) -> str:
    """Return the time left in the whole session: whole minutes (`4m left`), seconds in the last minute.

    Minutes are precise enough for the whole session and change rarely, which keeps repaints small.
    """
    left = math.ceil(max(0.0, position.session_total - position.session_elapsed) - 1e-6)
    if left > 60:
        return f"{math.ceil(left / 60)}m left"
    return f"{format_duration(left)} left"
