"""The plain words a session screen shows: phase, side, status line, what comes next, time left, breathing.

Every screen (and any other front end) draws these strings; none of them depends on Textual.
"""

from __future__ import annotations

import math

from ..glyphs import glyphs
from ..routines.durations import format_clock, format_duration
from ..routines.frames import breath_part, frame_at
from ..routines.model import Breathing, Routine
from ..routines.timeline import SegmentKind
from .player import PlayerState, Position

PHASE_NAMES = {
    SegmentKind.GET_READY: "Get ready",
    SegmentKind.SWITCH_SIDES: "Switch sides",
    SegmentKind.REST: "Rest",
}


def side_name(side: str | None) -> str:
    """Return `Left side` or `Right side` (empty for one-sided steps)."""
    return f"{side.capitalize()} side" if side else ""


def phase_name(position: Position) -> str:
    """Return what the person is doing now: Get ready, Hold, Rest, Switch sides, a phase label, Until done."""
    segment = position.segment
    if position.lead_in_left is not None:
        return "Get ready"
    if segment.kind in PHASE_NAMES:
        return PHASE_NAMES[segment.kind]
    if segment.until_done:
        return "Until done"
    return "Hold" if segment.label == "Rep" else segment.label


def clock_text(position: Position) -> str:
    """Return the time to show: what is left, or for an until-done step the time taken so far."""
    return format_clock(position.shown_seconds)


def in_final_seconds(position: Position) -> bool:
    """Whether the clock is in a hold's (or a get-ready's, or a rest's) last three running seconds.

    The phases of a repeated movement last a few seconds each; they are never flagged, or a
    minute of cat/cow would be one long warning.
    """
    leading_in = position.lead_in_left is not None
    if position.state is PlayerState.PAUSED and not leading_in:
        return False
    counted = leading_in or (position.length is not None and not position.segment.movement_phase)
    return counted and position.shown_seconds <= 3


def state_text(position: Position, *, touch: bool = False) -> str:
    """Return the line under the clock: paused, waiting for `d`, or a resumed session about to go on.

    With `touch` (in a browser, on a phone or tablet) it names the tap instead of the key.
    """
    if position.lead_in_left is not None:
        return "Back to where you were · " + ("tap the clock to go now" if touch else "space to go now")
    if position.state is PlayerState.PAUSED:
        return "Paused · " + ("tap the clock to resume" if touch else "space to resume")
    if position.segment.until_done:
        # The clock of a waiting step counts up: "so far" keeps it from reading as a countdown.
        later = position.segment.continue_after
        if later:  # the Done key is in the footer (a button in a browser): the line says what happens
            return f"{format_clock(position.shown_seconds)} so far · on its own at {format_clock(later)}"
        done = "tap Done when done" if touch else "press d when done"
        return f"{format_clock(position.shown_seconds)} so far · {done}"
    return ""


def status_text(routine: Routine, position: Position) -> str:
    """Return `Step 3 of 5 · Left side (1 of 2) · Rep 4 of 10 · Title`.

    Where the person is comes first and the routine's title last, so a narrow screen cuts the title.
    """
    segment = position.segment
    parts = [f"Step {position.step_number} of {position.step_count}"]
    if segment.kind is SegmentKind.GET_READY:
        parts[0] = f"{position.step_count} steps"
    if segment.side_count > 1 and segment.kind is not SegmentKind.REST:
        parts.append(f"{side_name(segment.side)} ({segment.side_index + 1} of {segment.side_count})")
    if segment.rep_count > 1 and segment.kind is SegmentKind.WORK:
        parts.append(f"Rep {segment.rep_index + 1} of {segment.rep_count}")
    return " · ".join([*parts, routine.title])


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

    Minutes round down, so the time left is never overstated (4m15s reads `4m left`); they are
    precise enough for the whole session and change rarely, which keeps repaints small.
    """
    left = math.ceil(max(0.0, position.session_total - position.session_elapsed) - 1e-6)
    if left >= 60:
        return f"{left // 60}m left"
    return f"{format_duration(left)} left"


def breath_moment(breathing: Breathing, elapsed: float) -> tuple[str, int, int]:
    """Return where the breath is at `elapsed` seconds: (`Breathe in`, seconds passed, seconds in all)."""
    part, passed, seconds = breath_part(breathing, elapsed)
    if not part:
        return "Breathe slowly", 0, 0
    return ("Hold" if part == "hold" else f"Breathe {part}"), passed, seconds


def shown_frame(routine: Routine, position: Position) -> str | None:
    """Return the diagram frame for now: the phase's, or the breath's while a paced step runs."""
    segment = position.segment
    breathing = paced_breathing(routine, position)
    elapsed = position.side_elapsed if breathing is not None and position.state is PlayerState.RUNNING else None
    return frame_at(routine.steps[segment.step_index], segment.frame, elapsed)


def breath_text(breathing: Breathing, elapsed: float) -> str:
    """Return the pacer line at `elapsed` seconds into a step: `Breathe in  ▰▰▱▱  2`."""
    verb, passed, seconds = breath_moment(breathing, elapsed)
    if seconds == 0:
        return ""
    shapes = glyphs()
    bar = shapes.pace_full * passed + shapes.pace_empty * (seconds - passed)
    return f"{verb:<12}{bar}  {seconds - passed + 1}"


def paced_breathing(routine: Routine, position: Position) -> Breathing | None:
    """Return the breathing rhythm to pace now: in a running step that has one, else None."""
    segment = position.segment
    if segment.kind is not SegmentKind.WORK or position.lead_in_left is not None:
        return None
    return routine.steps[segment.step_index].breathing


def floor_phase_text(routine: Routine, position: Position, cue: str = "") -> str:
    """Return the floor view's big line: a cue while it shows, the breath in a paced step, else the phase."""
    if cue:
        return cue
    breathing = paced_breathing(routine, position)
    if breathing is not None and position.state is PlayerState.RUNNING:
        return breath_moment(breathing, position.side_elapsed)[0]
    return phase_name(position)


def floor_title_text(routine: Routine, position: Position) -> str:
    """Return the step the floor view names: the one in play, or the one coming (`Next: Cobra`)."""
    segment = position.segment
    steps = routine.steps
    if segment.kind is SegmentKind.GET_READY:
        return f"First: {steps[0].title}"
    if segment.kind is SegmentKind.REST:
        return f"Next: {steps[min(segment.step_index + 1, len(steps) - 1)].title}"
    title = steps[segment.step_index].title
    if segment.kind is SegmentKind.SWITCH_SIDES:
        return f"{title} · now the {segment.side} side"
    side = side_name(segment.side)
    return f"{title} · {side}" if side else title
