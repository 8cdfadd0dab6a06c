"""A routine as long as a plan's phase wants it: steps set by their id, or every timed step scaled.

A held step (one hold of `duration`) takes the new time as its duration; a step of repetitions or
phases keeps the length of one repetition and does as many as fit the new time (at least one). A
factor scales a hold's duration (to the nearest 5 s from 10 s up) or a step's repetitions. A cue
that would come after the new end of its step is dropped. Steps that wait for a key are unchanged.
"""

from __future__ import annotations

import msgspec

from ..routines.durations import MAX_DURATION_SECONDS
from ..routines.model import Routine, Step, StepSeconds
from ..routines.step_ids import step_ids
from .model import Durations


def _repeats(step: Step) -> bool:
    """Whether a step's time is made of repetitions (phases, or more than one rep) rather than one hold."""
    return step.phases is not None or (step.reps or 1) > 1


def _rep_seconds(step: Step) -> int:
    if step.phases is not None:
        return sum(int(phase.duration) for phase in step.phases)
    return int(step.duration or 1)


def _scaled_hold(seconds: int, factor: float) -> int:
    """A hold's duration times `factor`: whole seconds below 10 s, the nearest 5 s above."""
    scaled = seconds * factor
    if seconds < 10:
        return max(1, round(scaled))
    return min(MAX_DURATION_SECONDS, max(5, 5 * round(scaled / 5)))


def _with_seconds(step: Step, seconds: int) -> Step:
    """Return `step` lasting about `seconds` (per side), as the module docstring says."""
    if _repeats(step):
        reps = max(1, min(100, round(seconds / max(1, _rep_seconds(step)))))
        return msgspec.structs.replace(step, reps=reps)
    return _dropping_late_cues(msgspec.structs.replace(step, duration=StepSeconds(max(1, seconds))))


def _with_factor(step: Step, factor: float) -> Step:
    if _repeats(step):
        reps = max(1, min(100, round((step.reps or 1) * factor)))
        return msgspec.structs.replace(step, reps=reps)
    return _dropping_late_cues(
        msgspec.structs.replace(step, duration=StepSeconds(_scaled_hold(int(step.duration or 1), factor)))
    )


def _dropping_late_cues(step: Step) -> Step:
    length = int(step.duration or 0)
    cues = [cue for cue in step.cues if int(cue.at) < length]
    return step if len(cues) == len(step.cues) else msgspec.structs.replace(step, cues=cues)


def tuned_routine(routine: Routine, durations: Durations | None) -> Routine:
    """Return `routine` with a phase's durations applied (the routine itself when there are none).

    Step ids the routine does not have are ignored here; `unknot validate` reports them.
    """
    if durations is None or (durations.factor is None and not durations.steps):
        return routine
    steps = []
    for step_id, step in zip(step_ids(routine.steps), routine.steps, strict=True):
        if step.until_done or (step.duration is None and step.phases is None):
            steps.append(step)
        elif step_id in durations.steps:
            steps.append(_with_seconds(step, int(durations.steps[step_id])))
        elif durations.factor is not None:
            steps.append(_with_factor(step, durations.factor))
        else:
            steps.append(step)
    return msgspec.structs.replace(routine, steps=steps)
