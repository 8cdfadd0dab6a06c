"""When and what a session in play writes to history: checkpoints while it plays, the record when it ends.

The player screen hands every batch of engine events to `SessionRecorder.observe` and never
talks to the store itself. A checkpoint is written at every segment change, pause and resume,
and at least every `CHECKPOINT_SECONDS` while running, so a killed process loses less than
that; the session is written once, when it finishes or is left, and its checkpoint goes in the
same transaction. Every write says whether it worked, so nobody is told "saved" when it was not.
"""

from __future__ import annotations

import dataclasses
import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from ..session.clock import Clock
from ..session.events import Finished, Paused, Resumed, SegmentStarted, SessionEvent, SessionRecord
from ..session.player import Player, PlayerState
from .store import Checkpoint, HistoryStore

#: While playing, progress is saved at least this often (and at every segment change).
CHECKPOINT_SECONDS = 4.0


@dataclass(frozen=True)
class SaveResult:
    """Whether a write reached history, and if not, why."""

    saved: bool
    problem: str | None = None
    session_id: int | None = None


class SessionRecorder:
    """Writes one session's checkpoints and record to a history store (or nothing, when history is off)."""

    def __init__(
        self,
        store: HistoryStore | None,
        player: Player,
        clock: Clock,
        *,
        token: str | None = None,
        pain_before: int | None = None,
    ) -> None:
        self.store = store
        self.player = player
        self.clock = clock
        self.token = token or uuid.uuid4().hex
        self.pain_before = pain_before
        self.result: SaveResult | None = None
        """How writing the finished session went; None until it finishes."""
        self._last_checkpoint = -math.inf

    @classmethod
    def resuming(
        cls, store: HistoryStore | None, player: Player, clock: Clock, checkpoint: Checkpoint
    ) -> SessionRecorder:
        """Return a recorder that carries on the session saved in `checkpoint` (same token, same pain rating)."""
        return cls(store, player, clock, token=checkpoint.token, pain_before=checkpoint.pain_before)

    @property
    def keeps_history(self) -> bool:
        """Whether there is a store to write to."""
        return self.store is not None and self.store.available

    def observe(self, events: Iterable[SessionEvent]) -> SaveResult | None:
        """Write what these events call for; return the result when they include the session's end."""
        events = list(events)
        for event in events:
            if isinstance(event, Finished):
                return self._write_session(event.record)
        if any(isinstance(event, SegmentStarted | Paused | Resumed) for event in events):
            self.checkpoint(force=True)
        elif self.player.state is PlayerState.RUNNING:
            self.checkpoint()
        return None

    def checkpoint(self, force: bool = False) -> None:
        """Save the player's state: always when `force`, else when the last save is old enough."""
        if self.store is None or self.player.finished or self.player.wall_started is None:
            return
        now = self.clock.monotonic()
        if not force and now - self._last_checkpoint < CHECKPOINT_SECONDS:
            return
        self._last_checkpoint = now
        routine = self.player.timeline.routine
        self.store.save_checkpoint(
            self.token,
            routine.id or "",
            routine.title,
            self.player.wall_started,
            self.player.snapshot(),
            self.pain_before,
        )

    def set_pain_after(self, rating: int) -> SaveResult:
        """Record how the back felt after the session; only once it was saved."""
        if self.store is None or self.result is None or self.result.session_id is None:
            return SaveResult(False, "the session is not in history")
        if self.store.set_pain_after(self.result.session_id, rating):
            return SaveResult(True, session_id=self.result.session_id)
        return SaveResult(False, self.store.problem)

    def _write_session(self, record: SessionRecord) -> SaveResult:
        if self.store is None:
            self.result = SaveResult(False, "history is off")
            return self.result
        session_id = self.store.add_session(
            dataclasses.replace(record, pain_before=self.pain_before), checkpoint_token=self.token
        )
        if session_id is None:
            self.result = SaveResult(False, self.store.problem or "history is off")
        else:
            self.result = SaveResult(True, session_id=session_id)
        return self.result
