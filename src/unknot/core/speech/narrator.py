"""What the voice says at each moment of a session: session events in, short utterances with a priority out.

A `Narrator` follows one session's events (it remembers the segment before, to tell a new side or a
new rep from the next phase of the same one) and returns at most one `Utterance` for each. The words
are written for the ear; a routine's `say:` (on a step, or on a cue) replaces the generated ones.
Whoever speaks keeps one utterance at a time: a new one replaces one still speaking when its
priority is at least as high, and an empty utterance means "stop speaking" (leaving a session).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from ..routines.model import Routine, Step
from ..routines.timeline import Segment, SegmentKind, build_timeline
from ..session.events import (
    REACHED_THE_END,
    CueReached,
    FinalSeconds,
    Finished,
    Halfway,
    Paused,
    RepAdded,
    Resumed,
    SegmentStarted,
    SessionEvent,
)
from .modes import VoiceDetail
from .words import DEFAULT_WORDS_PER_MINUTE, fits, rounded_duration, speakable, spoken_duration

#: A hold shorter than this has no "Halfway": the countdown is news enough.
HALFWAY_FROM_SECONDS = 20
#: A rep at least this long hears its count every time; faster ones only now and then.
SLOW_REP_SECONDS = 6
#: With fast reps, the count is said at every this many reps (and at the last).
FAST_REP_EVERY = 5


class Priority(IntEnum):
    """How much an utterance matters: a higher one cuts off a lower one still speaking."""

    HALFWAY = 1
    COUNT = 2
    """3, 2, 1; reps and phases."""
    CUE = 3
    STEP = 4
    """A step starting, get ready, a rest naming the next step, switching sides."""
    CONTROL = 5
    """Paused, resumed, the session's end."""


@dataclass(frozen=True)
class Utterance:
    """One thing to say; empty `text` means stop speaking and say nothing."""

    text: str
    priority: Priority


@dataclass(frozen=True)
class SpeechStyle:
    """How the narrator words things: detail, the 3-2-1 countdown, the surface, the speaking rate."""

    detail: VoiceDetail = VoiceDetail.BRIEF
    countdown: bool = False
    """Say 3, 2, 1 at the end of holds (the bell's `steps+countdown` mode)."""
    touch: bool = False
    """Served to a browser: "Tap done" rather than "Press done"."""
    words_per_minute: int = DEFAULT_WORDS_PER_MINUTE


class Narrator:
    """Turns one session's events into utterances (see the module's docstring)."""

    def __init__(self, routine: Routine, style: SpeechStyle | None = None) -> None:
        self.routine = routine
        self.style = style or SpeechStyle()
        self._previous: Segment | None = None

    def utterance_for(self, event: SessionEvent) -> Utterance | None:
        """Return what to say for `event`, or None to say nothing (and leave what is speaking alone)."""
        said = self._words(event)
        if said is None:
            return None
        text, priority = said
        return Utterance(speakable(text), priority)

    def _words(self, event: SessionEvent) -> tuple[str, Priority] | None:
        if isinstance(event, SegmentStarted):
            previous, self._previous = self._previous, event.segment
            # Nothing to say still cuts off a stale count or halfway mark (a skip mid "3, 2, 1").
            return self._segment_words(event.segment, previous) or ("", Priority.COUNT)
        if isinstance(event, CueReached):
            return self._cue_words(event), Priority.CUE
        if isinstance(event, Halfway):
            segment = event.segment
            long_hold = (segment.seconds or 0) >= HALFWAY_FROM_SECONDS and not segment.movement_phase
            return ("Halfway.", Priority.HALFWAY) if long_hold else None
        if isinstance(event, FinalSeconds):
            segment = event.segment
            counted = self.style.countdown and segment.kind is SegmentKind.WORK and not segment.movement_phase
            return (f"{event.seconds}", Priority.COUNT) if counted else None
        if isinstance(event, RepAdded):
            return "One more.", Priority.COUNT
        if isinstance(event, Paused):
            return "Paused.", Priority.CONTROL
        if isinstance(event, Resumed):
            return "Resumed.", Priority.CONTROL
        if isinstance(event, Finished):
            record = event.record
            if record.outcome in REACHED_THE_END:
                return (
                    f"Session finished: {spoken_duration(round(record.active_seconds))}. Well done.",
                    Priority.CONTROL,
                )
            return "", Priority.CONTROL
        return None

    # ----- segments ------------------------------------------------------------------------

    def _step(self, segment: Segment) -> Step:
        return self.routine.steps[segment.step_index]

    def _segment_words(self, segment: Segment, previous: Segment | None) -> tuple[str, Priority] | None:
        opening = ""
        if segment.index == 0:
            timeline = build_timeline(self.routine)
            length = rounded_duration(timeline.total_seconds)
            opening = f"{self.routine.title}, {'at least ' if timeline.has_until_done else ''}{length}. "
        if segment.kind is SegmentKind.GET_READY:
            first = self.routine.steps[0]
            return f"{opening}Get ready: {first.title}, {self._length(first)}.", Priority.STEP
        if segment.kind is SegmentKind.REST:
            following = segment.step_index + 1
            rest = f"Rest, {spoken_duration(segment.seconds or 0)}."
            if following < len(self.routine.steps):
                rest += f" Next: {self.routine.steps[following].title}."
            return rest, Priority.STEP
        if segment.kind is SegmentKind.SWITCH_SIDES:
            return f"Switch sides: {segment.side} side now.", Priority.STEP
        if segment.starts_step:
            return opening + self._step_start(segment), Priority.STEP
        return self._within_step(segment, previous)

    def _length(self, step: Step) -> str:
        """The length of a step as said when it starts: `30 seconds each side`, `10 reps`, `until you are done`."""
        if step.until_done:
            return "until you are done"
        if step.phases or (step.reps or 1) > 1:
            reps = step.reps or 1
            each = f" of {spoken_duration(int(step.duration))}" if step.duration and not step.phases else ""
            length = (
                f"{reps} reps{each}" if reps > 1 else spoken_duration(sum(int(p.duration) for p in step.phases or []))
            )
        else:
            length = spoken_duration(int(step.duration or 0))
        return f"{length} each side" if step.sides else length

    def _step_start(self, segment: Segment) -> str:
        step = self._step(segment)
        if step.say:
            words = step.say
        else:
            words = f"{step.title}, {self._length(step)}."
            if step.sides:
                words += f" {str(step.sides[0]).capitalize()} side first."
            if step.phases:
                words += f" {segment.label}."
        if self.style.detail is VoiceDetail.DETAILED and step.instructions:
            words += f" {step.instructions}"
        if step.until_done:
            words += f" {'Tap' if self.style.touch else 'Press'} done when you are ready."
        return words

    def _within_step(self, segment: Segment, previous: Segment | None) -> tuple[str, Priority] | None:
        """A later part of a step: a new side, a new rep, or the next phase of a movement."""
        step = self._step(segment)
        after_pause = previous is not None and previous.kind is SegmentKind.SWITCH_SIDES
        new_side = (
            previous is None
            or after_pause
            or (previous.step_index, previous.side_index) != (segment.step_index, segment.side_index)
        )
        phase = f"{segment.label}." if step.phases else ""
        wpm = self.style.words_per_minute
        if new_side and segment.rep_index == 0:
            if not after_pause:
                return f"Switch sides: {segment.side} side now. {phase}".strip(), Priority.STEP
            return (phase or f"Hold, {spoken_duration(segment.seconds or 0)}."), Priority.COUNT
        new_rep = previous is None or previous.rep_index != segment.rep_index or new_side
        if not new_rep:
            return (phase, Priority.COUNT) if phase and fits(phase, segment.seconds, wpm) else None
        number, count = segment.rep_index + 1, segment.rep_count
        rep = "Last one." if number == count else f"Rep {number} of {count}."
        rep_seconds = sum(int(p.duration) for p in step.phases) if step.phases else segment.seconds
        # Fast reps hear their count only now and then; slow ones at every rep.
        slow = rep_seconds is None or rep_seconds >= SLOW_REP_SECONDS
        if slow or number == count or number % FAST_REP_EVERY == 0:
            both = f"{rep} {phase}".strip()
            if fits(both, segment.seconds, wpm):
                return both, Priority.COUNT
            if fits(rep, rep_seconds, wpm):
                return rep, Priority.COUNT
        if phase and fits(phase, segment.seconds, wpm):
            return phase, Priority.COUNT
        return None

    def _cue_words(self, event: CueReached) -> str:
        for cue in self._step(event.segment).cues:
            if cue.text == event.text and cue.say:
                return cue.say
        return event.text
