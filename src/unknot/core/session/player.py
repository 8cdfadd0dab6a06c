"""The player: a state machine over a routine's timeline, timed by an injected clock.

Time is never counted in ticks. Each segment has a start time; what is left is its length
minus the time since it started. An automatic move to the next segment starts it at the
previous segment's deadline, not at "now", so lateness in waking never accumulates; a pause
shifts the start by the time spent paused.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import msgspec

from ..routines.model import Routine
from ..routines.timeline import Segment, SegmentKind, Timeline, build_timeline
from .clock import Clock
from .events import (
    CueReached,
    FinalSeconds,
    Finished,
    Halfway,
    Outcome,
    Paused,
    RepAdded,
    Resumed,
    SegmentStarted,
    SessionEvent,
    SessionRecord,
    StillWaiting,
)

#: Pressing "previous" later than this into a step restarts it; earlier goes to the step before.
PREVIOUS_RESTARTS_AFTER = 3.0
HALFWAY_MIN_SECONDS = 10
#: How often a step that waits for the person says so again, gently (the bell, the voice).
WAIT_REMINDER_SECONDS = 60
SNAPSHOT_VERSION = 1
#: A resumed session counts down at least this long before it goes on, so the person can get back in place.
MIN_LEAD_IN_SECONDS = 3


class PlayerState(StrEnum):
    """Where the player is in its life."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


def routine_hash(routine: Routine) -> str:
    """Return a short fingerprint of a routine's content, to tell whether a saved state still fits."""
    return hashlib.sha256(msgspec.json.encode(routine, enc_hook=int)).hexdigest()[:16]


@dataclass(frozen=True)
class Position:
    """Everything the UI shows about where a session is, computed at one instant."""

    state: PlayerState
    segment: Segment
    step_number: int
    step_count: int
    remaining: float
    elapsed: float
    length: float | None
    shown_seconds: int
    side_elapsed: float
    session_elapsed: float
    session_total: float
    next_segment: Segment | None
    lead_in_left: float | None = None
    """While a resumed session counts down before going on: the seconds left of that countdown."""

    @property
    def segment_fraction(self) -> float:
        """How much of the current segment has passed, 0 to 1 (0 for until-done)."""
        if not self.length:
            return 0.0
        return min(1.0, max(0.0, self.elapsed / self.length))


class Player:
    """Plays a timeline: start, pause, resume, next, previous, restart, ±10 s, done, finish, leave."""

    def __init__(self, timeline: Timeline, clock: Clock) -> None:
        self.timeline = timeline
        self.clock = clock
        self.state = PlayerState.READY
        self.index = 0
        self._started_at = 0.0  # monotonic start of the current segment, shifted by pauses
        self._paused_elapsed = 0.0
        self._extra = 0.0  # seconds added (or taken) by + and - on the current segment
        self._cues_fired = 0
        self._halfway_fired = False
        self._final_fired: set[int] = set()
        self._reminded_at = 0  # the last whole WAIT_REMINDER_SECONDS an until-done segment said it waits
        self._active_before = 0.0  # active seconds banked before the current running stretch
        self._running_since: float | None = None
        self._done_steps: set[int] = set()
        self._skipped_steps: set[int] = set()
        self.wall_started: float | None = None
        self.record: SessionRecord | None = None
        self.extra_reps: dict[tuple[int, int], int] = {}
        """Reps added with `add_rep`, by (step index, side index)."""
        self.lead_in_until: float | None = None
        """When a paused (resumed) session goes on by itself, after its lead-in countdown."""

    # ----- reading the state -------------------------------------------------------------

    @property
    def segment(self) -> Segment:
        """The current segment."""
        return self.timeline.segments[self.index]

    @property
    def finished(self) -> bool:
        """Whether the session has ended."""
        return self.state is PlayerState.FINISHED

    def length(self) -> float | None:
        """The current segment's length with any ±10 s applied; None when until-done."""
        seconds = self.segment.seconds
        return None if seconds is None else seconds + self._extra

    def elapsed(self) -> float:
        """Seconds spent in the current segment, not counting pauses."""
        if self.state is PlayerState.RUNNING:
            return max(0.0, self.clock.monotonic() - self._started_at)
        return self._paused_elapsed

    def remaining(self) -> float:
        """Seconds left in the current segment (0 for until-done segments)."""
        length = self.length()
        return 0.0 if length is None else max(0.0, length - self.elapsed())

    def active_seconds(self) -> float:
        """Seconds the session has been running, not counting pauses."""
        if self._running_since is None:
            return self._active_before
        return self._active_before + max(0.0, self.clock.monotonic() - self._running_since)

    def deadline(self) -> float | None:
        """The monotonic time the current segment ends, when running and timed."""
        length = self.length()
        if self.state is not PlayerState.RUNNING or length is None:
            return None
        return self._started_at + length

    def position(self) -> Position:
        """Return a consistent picture of the session for display."""
        length = self.length()
        elapsed = min(self.elapsed(), length) if length is not None else self.elapsed()
        remaining = 0.0 if length is None else max(0.0, length - elapsed)
        shown = math.floor(elapsed) if length is None else max(1, math.ceil(remaining - 1e-9))
        lead_in_left = None
        if self.lead_in_until is not None and self.state is PlayerState.PAUSED:
            lead_in_left = max(0.0, self.lead_in_until - self.clock.monotonic())
            shown = max(1, math.ceil(lead_in_left - 1e-9))
        if self.finished:
            shown = 0
        segments = self.timeline.segments
        done_before = self.timeline.starts[self.index]
        return Position(
            state=self.state,
            segment=self.segment,
            step_number=self.segment.step_index + 1,
            step_count=len(self.timeline.routine.steps),
            remaining=remaining,
            elapsed=elapsed,
            length=length,
            shown_seconds=shown,
            side_elapsed=done_before - self.timeline.side_starts[self.index] + elapsed,
            session_elapsed=done_before + (elapsed if length is not None else 0.0),
            session_total=self.timeline.total_seconds,
            next_segment=segments[self.index + 1] if self.index + 1 < len(segments) else None,
            lead_in_left=lead_in_left,
        )

    # ----- commands ------------------------------------------------------------------------

    def start(self) -> list[SessionEvent]:
        """Begin the session at its first segment."""
        if self.state is not PlayerState.READY:
            return []
        now = self.clock.monotonic()
        self.wall_started = self.clock.wall()
        self.state = PlayerState.RUNNING
        self._running_since = now
        return self._enter(0, now) + self.update()

    def pause(self) -> list[SessionEvent]:
        """Stop the clock; nothing moves until `resume`."""
        if self.state is not PlayerState.RUNNING:
            return []
        self.update()
        now = self.clock.monotonic()
        self._paused_elapsed = max(0.0, now - self._started_at)
        self._bank_active(now)
        self.state = PlayerState.PAUSED
        return [Paused()]

    def lead_in(self, seconds: float) -> list[SessionEvent]:
        """Go on by itself after a `seconds` countdown (a resumed session, while the person gets back in place)."""
        if self.state is not PlayerState.PAUSED:
            return []
        self.lead_in_until = self.clock.monotonic() + max(seconds, MIN_LEAD_IN_SECONDS)
        return []

    def resume(self, at: float | None = None) -> list[SessionEvent]:
        """Start the clock again where it stopped (now, or at the monotonic time `at` a lead-in ended)."""
        if self.state is not PlayerState.PAUSED:
            return []
        now = self.clock.monotonic() if at is None else at
        self.lead_in_until = None
        self._started_at = now - self._paused_elapsed
        self._running_since = now
        self.state = PlayerState.RUNNING
        return [Resumed(), *self.update()]

    def toggle_pause(self) -> list[SessionEvent]:
        """Pause when running, resume when paused, start when ready."""
        if self.state is PlayerState.READY:
            return self.start()
        return self.pause() if self.state is PlayerState.RUNNING else self.resume()

    def skip_part(self) -> list[SessionEvent]:
        """Go to the next part of this step: the other side (by way of switching sides) or the next rep.

        Where the step has no next part (one side, last rep, or not in a step), go to the next step.
        """
        if self.state not in (PlayerState.RUNNING, PlayerState.PAUSED):
            return []
        self.update()
        if self.finished:
            return []
        current = self.segment
        if current.kind in (SegmentKind.WORK, SegmentKind.SWITCH_SIDES):
            segments = self.timeline.segments
            for index in range(self.index + 1, len(segments)):
                candidate = segments[index]
                if candidate.step_index != current.step_index or candidate.kind is SegmentKind.REST:
                    break
                if candidate.kind is SegmentKind.SWITCH_SIDES:
                    return self._jump(index)
                before = segments[index - 1]
                starts_part = before.kind is not SegmentKind.WORK or (before.side_index, before.rep_index) != (
                    candidate.side_index,
                    candidate.rep_index,
                )
                if starts_part:
                    return self._jump(index)
        return self.next()

    def add_rep(self) -> list[SessionEvent]:
        """Add one more rep to this side of the current step ("3–4 times": the fourth when it feels right)."""
        segment = self.segment
        if self.state not in (PlayerState.RUNNING, PlayerState.PAUSED) or not self.can_add_rep:
            return []
        key = (segment.step_index, segment.side_index)
        self.extra_reps[key] = self.extra_reps.get(key, 0) + 1
        self.timeline = build_timeline(self.timeline.routine, self.extra_reps)
        return [RepAdded(self.segment)]

    @property
    def can_add_rep(self) -> bool:
        """Whether `add_rep` applies now: in a timed step that is done in reps or phases."""
        segment = self.segment
        if segment.kind is not SegmentKind.WORK or segment.until_done or self.finished:
            return False
        step = self.timeline.routine.steps[segment.step_index]
        return step.reps is not None or bool(step.phases)

    def next(self) -> list[SessionEvent]:
        """Go to the start of the next step; past the last step the session finishes."""
        if self.state not in (PlayerState.RUNNING, PlayerState.PAUSED):
            return []
        self.update()
        if self.finished:
            return []
        current = self.segment
        if current.kind is SegmentKind.GET_READY:
            return self._jump(self._step_start_index(0))
        in_step = current.kind in (SegmentKind.WORK, SegmentKind.SWITCH_SIDES)
        if in_step and current.step_index not in self._done_steps:
            self._skipped_steps.add(current.step_index)
        for index in range(self.index + 1, len(self.timeline.segments)):
            candidate = self.timeline.segments[index]
            if candidate.starts_step and candidate.step_index > self._current_step():
                return self._jump(index)
        return self._finish(Outcome.COMPLETED)

    def previous(self) -> list[SessionEvent]:
        """Restart the current step, or go to the previous one when barely into this one."""
        if self.state not in (PlayerState.RUNNING, PlayerState.PAUSED):
            return []
        self.update()
        if self.finished:
            return []
        step = self._current_step()
        start = self._step_start_index(step)
        into_step = self.timeline.starts[self.index] - self.timeline.starts[start] + self.elapsed()
        if self.segment.kind is SegmentKind.GET_READY:
            return self._jump(0)
        if into_step > PREVIOUS_RESTARTS_AFTER or step == 0:
            return self._jump(start)
        return self._jump(self._step_start_index(step - 1))

    def restart_step(self) -> list[SessionEvent]:
        """Go back to the start of the current step."""
        if self.state not in (PlayerState.RUNNING, PlayerState.PAUSED):
            return []
        self.update()
        if self.finished:
            return []
        if self.segment.kind is SegmentKind.GET_READY:
            return self._jump(0)
        return self._jump(self._step_start_index(self._current_step()))

    def adjust(self, seconds: float) -> list[SessionEvent]:
        """Lengthen (positive) or shorten (negative) the current timed segment, never below 1 s left."""
        if self.state not in (PlayerState.RUNNING, PlayerState.PAUSED) or self.segment.until_done:
            return []
        self.update()
        if self.finished:
            return []
        remaining = self.remaining()
        change = max(seconds, min(0.0, 1.0 - remaining))
        self._extra += change
        if change > 0:
            self._final_fired = {second for second in self._final_fired if second >= math.ceil(self.remaining())}
        return self.update()

    def done(self) -> list[SessionEvent]:
        """End an until-done segment and move on."""
        if self.state not in (PlayerState.RUNNING, PlayerState.PAUSED) or not self.segment.until_done:
            return []
        now = self.clock.monotonic()
        self._mark_done_if_last()
        return self._advance(now)

    def leave(self, outcome: Outcome = Outcome.LEFT) -> list[SessionEvent]:
        """End the session early (left by the person, or interrupted)."""
        if self.state is PlayerState.FINISHED:
            return []
        if self.state is PlayerState.READY:
            self.wall_started = self.clock.wall()
        return self._finish(outcome)

    # ----- time passing --------------------------------------------------------------------

    def update(self) -> list[SessionEvent]:
        """Bring the state up to the clock: fire due cues and move past ended segments."""
        events: list[SessionEvent] = []
        lead_in_until = self.lead_in_until
        if self.state is PlayerState.PAUSED and lead_in_until is not None and self.clock.monotonic() >= lead_in_until:
            events += self.resume(at=lead_in_until)
        while self.state is PlayerState.RUNNING:
            now = self.clock.monotonic()
            segment = self.segment
            length = self.length()
            elapsed = now - self._started_at
            horizon = elapsed if length is None else min(elapsed, length)
            while self._cues_fired < len(segment.cues) and segment.cues[self._cues_fired][0] <= horizon:
                events.append(CueReached(segment, segment.cues[self._cues_fired][1]))
                self._cues_fired += 1
            if length is None:
                waited = int(elapsed // WAIT_REMINDER_SECONDS) * WAIT_REMINDER_SECONDS
                if waited > self._reminded_at:
                    self._reminded_at = waited
                    events.append(StillWaiting(segment, waited))
                if segment.continue_after is not None and elapsed >= segment.continue_after:
                    self._mark_done_if_last()
                    events += self._advance(self._started_at + segment.continue_after)
                    continue
                break
            if (
                not self._halfway_fired
                and segment.kind is SegmentKind.WORK
                and length >= HALFWAY_MIN_SECONDS
                and horizon >= length / 2
            ):
                self._halfway_fired = True
                events.append(Halfway(segment))
            shown = math.ceil(length - horizon - 1e-9)
            if elapsed < length:
                if 1 <= shown <= 3 and shown not in self._final_fired:
                    self._final_fired.add(shown)
                    events.append(FinalSeconds(segment, shown))
                break
            self._mark_done_if_last()
            events += self._advance(self._started_at + length)
        return events

    # ----- saving ----------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Return the state as a small plain dict that `restore` turns back into the same future."""
        return {
            "version": SNAPSHOT_VERSION,
            "routine_id": self.timeline.routine.id,
            "routine_hash": routine_hash(self.timeline.routine),
            "segment_index": self.index,
            "elapsed": round(min(self.elapsed(), self.length() or math.inf), 3),
            "extra": self._extra,
            "active_seconds": round(self.active_seconds(), 3),
            "cues_fired": self._cues_fired,
            "steps_done": sorted(self._done_steps),
            "steps_skipped": sorted(self._skipped_steps),
            "wall_started": self.wall_started,
            "extra_reps": [[step, side, count] for (step, side), count in sorted(self.extra_reps.items())],
        }

    @classmethod
    def restore(cls, timeline: Timeline, clock: Clock, saved: dict[str, Any]) -> Player:
        """Rebuild a paused player from `snapshot()` output; raise ValueError if it does not fit."""
        if saved.get("version") != SNAPSHOT_VERSION or saved.get("routine_hash") != routine_hash(timeline.routine):
            raise ValueError("the saved session belongs to another version of this routine")
        extra_reps = {(int(step), int(side)): int(count) for step, side, count in saved.get("extra_reps", [])}
        if extra_reps:
            timeline = build_timeline(timeline.routine, extra_reps)
        index = int(saved["segment_index"])
        if not 0 <= index < len(timeline.segments):
            raise ValueError("the saved session points past the end of the routine")
        player = cls(timeline, clock)
        player.extra_reps = extra_reps
        player.state = PlayerState.PAUSED
        player.index = index
        player._extra = float(saved.get("extra", 0.0))
        player._paused_elapsed = max(0.0, float(saved["elapsed"]))
        player._cues_fired = int(saved.get("cues_fired", 0))
        player._active_before = max(0.0, float(saved["active_seconds"]))
        player._done_steps = set(saved.get("steps_done", []))
        player._skipped_steps = set(saved.get("steps_skipped", []))
        player.wall_started = saved.get("wall_started")
        elapsed = player._paused_elapsed
        length = player.length()
        player._halfway_fired = length is not None and elapsed >= length / 2
        if length is not None:
            player._final_fired = {s for s in (1, 2, 3) if s >= math.ceil(length - elapsed - 1e-9)}
        return player

    # ----- internals ---------------------------------------------------------------------------

    def _current_step(self) -> int:
        return self.segment.step_index

    def _step_start_index(self, step: int) -> int:
        for segment in self.timeline.segments:
            if segment.starts_step and segment.step_index == step:
                return segment.index
        return 0

    def _mark_done_if_last(self) -> None:
        segment = self.segment
        if segment.kind is not SegmentKind.WORK:
            return
        following = self.timeline.segments[self.index + 1 :]
        if not any(other.kind is SegmentKind.WORK and other.step_index == segment.step_index for other in following):
            self._done_steps.add(segment.step_index)
            self._skipped_steps.discard(segment.step_index)

    def _enter(self, index: int, started_at: float) -> list[SessionEvent]:
        self.index = index
        self._started_at = started_at
        self._paused_elapsed = 0.0
        self._extra = 0.0
        self._cues_fired = 0
        self._halfway_fired = False
        self._final_fired = set()
        self._reminded_at = 0
        return [SegmentStarted(self.segment)]

    def _advance(self, started_at: float) -> list[SessionEvent]:
        if self.index + 1 >= len(self.timeline.segments):
            return self._finish(Outcome.COMPLETED, ended_at=started_at)
        return self._enter(self.index + 1, started_at)

    def _jump(self, index: int) -> list[SessionEvent]:
        return self._enter(index, self.clock.monotonic()) + self.update()

    def _bank_active(self, now: float) -> None:
        if self._running_since is not None:
            self._active_before += max(0.0, now - self._running_since)
            self._running_since = None

    def _finish(self, outcome: Outcome, ended_at: float | None = None) -> list[SessionEvent]:
        now = self.clock.monotonic()
        # A session that ran past its end while unattended counts only up to the end.
        end = now if ended_at is None else min(ended_at, now)
        if self.state is PlayerState.RUNNING:
            self._paused_elapsed = max(0.0, end - self._started_at)
        self._bank_active(end)
        self.state = PlayerState.FINISHED
        step_count = len(self.timeline.routine.steps)
        skipped = self._skipped_steps | (
            set(range(step_count)) - self._done_steps if outcome is Outcome.COMPLETED else set()
        )
        if outcome is Outcome.COMPLETED and skipped - self._done_steps:
            outcome = Outcome.PARTIAL
        self.record = SessionRecord(
            routine_id=self.timeline.routine.id or "",
            title=self.timeline.routine.title,
            started_at=self.wall_started if self.wall_started is not None else self.clock.wall(),
            ended_at=self.clock.wall() - (now - end),
            active_seconds=round(self._active_before, 3),
            steps_done=len(self._done_steps),
            steps_skipped=len(skipped - self._done_steps),
            outcome=outcome,
        )
        return [Finished(self.record)]
