"""When and what a session in play writes to history: checkpoints while it plays, the record when it ends.

The player screen hands every batch of engine events to `SessionRecorder.observe` and never
talks to the store itself. A checkpoint is written at every segment change, pause and resume,
and at least every `CHECKPOINT_SECONDS` while running, so a killed process loses less than
that; the session is written once, when it finishes or is left, and its checkpoint goes in the
same transaction. Writes run on the history thread (service.py); each says whether it worked,
so nobody is told "saved" when it was not, and a session that could not be stored says where
it was kept instead.
"""

from __future__ import annotations

import dataclasses
import math
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..session.clock import Clock
from ..session.events import Finished, Paused, Resumed, SegmentStarted, SessionEvent, SessionRecord
from ..session.player import Player, PlayerState
from .notes import clean_note
from .service import HistoryService

if TYPE_CHECKING:
    from .store import Checkpoint, HistoryStore

#: While playing, progress is saved at least this often (and at every segment change).
CHECKPOINT_SECONDS = 4.0
HISTORY_OFF = "history is off"


@dataclass(frozen=True)
class SaveResult:
    """Whether a write reached history; if not, why, and where the session was kept instead."""

    saved: bool
    problem: str | None = None
    session_id: int | None = None
    kept_at: Path | None = None


def finished_future(result: SaveResult) -> Future[SaveResult]:
    """Return a Future that already holds `result`."""
    future: Future[SaveResult] = Future()
    future.set_result(result)
    return future


class SessionRecorder:
    """Writes one session's checkpoints and record to history (or nothing, when the app keeps none)."""

    def __init__(
        self,
        history: HistoryService | None,
        player: Player,
        clock: Clock,
        *,
        token: str | None = None,
        pain_before: int | None = None,
    ) -> None:
        self.history = history
        self.player = player
        self.clock = clock
        self.token = token or uuid.uuid4().hex
        self.pain_before = pain_before
        self.saved: Future[SaveResult] | None = None
        """How writing the finished session went; None until it finishes."""
        self.record: SessionRecord | None = None
        """The finished session as it was written (None until it finishes)."""
        self.checkpoint_problem: str | None = None
        """Why the latest checkpoint could not be written (None while they are)."""
        self._last_checkpoint = -math.inf

    @classmethod
    def resuming(
        cls, history: HistoryService | None, player: Player, clock: Clock, checkpoint: Checkpoint
    ) -> SessionRecorder:
        """Return a recorder that carries on the session saved in `checkpoint` (same token, same pain rating)."""
        return cls(history, player, clock, token=checkpoint.token, pain_before=checkpoint.pain_before)

    @property
    def keeps_history(self) -> bool:
        """Whether there is history to write to (as far as is known yet)."""
        return self.history is not None and self.history.available is not False

    def observe(self, events: Iterable[SessionEvent]) -> None:
        """Write what these events call for: a checkpoint, or at the end the session itself."""
        events = list(events)
        for event in events:
            if isinstance(event, Finished):
                self.saved = self._write_session(event.record)
                return
        if any(isinstance(event, SegmentStarted | Paused | Resumed) for event in events):
            self.checkpoint(force=True)
        elif self.player.state is PlayerState.RUNNING:
            self.checkpoint()

    def checkpoint(self, force: bool = False) -> Future[bool] | None:
        """Save the player's state: always when `force`, else when the last save is old enough."""
        if self.history is None or self.player.finished or self.player.wall_started is None:
            return None
        now = self.clock.monotonic()
        if not force and now - self._last_checkpoint < CHECKPOINT_SECONDS:
            return None
        self._last_checkpoint = now
        routine = self.player.timeline.routine
        # Everything the write needs is taken now, on the caller's side; the thread only stores it.
        values = (self.token, routine.id or "", routine.title, self.player.wall_started, self.player.snapshot())
        pain_before = self.pain_before

        def save(store: HistoryStore) -> bool:
            saved = store.save_checkpoint(*values, pain_before)
            self.checkpoint_problem = None if saved else (store.problem or HISTORY_OFF)
            return saved

        return self.history.run(save)

    def set_pain_after(self, rating: int) -> Future[SaveResult]:
        """Record how the back felt after the session; it is added to the stored session once that is saved."""
        return self._update_saved(lambda store, session_id: store.set_pain_after(session_id, rating))

    def set_note(self, note: str | None, pain_after: int | None = None) -> Future[SaveResult]:
        """Record the note written after the session; if it cannot be stored, keep it in the journal.

        A note that cannot reach the database goes to the journal with its session (and the pain
        rating given after it, `pain_after`), and is added at the next start: `kept_at` says where.
        """
        if self.history is None or self.saved is None or self.record is None:
            return finished_future(SaveResult(False, HISTORY_OFF))
        session, record = self.saved, self.record
        kept = dataclasses.replace(record, note=clean_note(note), pain_after=pain_after)

        def save(store: HistoryStore) -> SaveResult:
            result = session.result()
            if result.session_id is not None and store.set_note(result.session_id, note):
                return SaveResult(True, session_id=result.session_id)
            problem = store.problem or result.problem or HISTORY_OFF
            return SaveResult(False, problem, kept_at=store.journal.keep(kept) if kept.note else None)

        return self.history.run(save)

    def set_rating(self, rating: str) -> Future[SaveResult]:
        """Record how a plan session felt ("too-easy", "about-right", "too-much") once the session is saved."""
        return self._update_saved(lambda store, session_id: store.set_rating(session_id, rating))

    def _update_saved(self, write: Callable[[HistoryStore, int], bool]) -> Future[SaveResult]:
        """Run `write` on the history thread for the stored session, once it is stored."""
        if self.history is None or self.saved is None:
            return finished_future(SaveResult(False, HISTORY_OFF))
        session = self.saved

        def save(store: HistoryStore) -> SaveResult:
            result = session.result()
            if result.session_id is None:
                return SaveResult(False, result.problem)
            if write(store, result.session_id):
                return SaveResult(True, session_id=result.session_id)
            return SaveResult(False, store.problem)

        return self.history.run(save)

    def _write_session(self, record: SessionRecord) -> Future[SaveResult]:
        if self.history is None:
            return finished_future(SaveResult(False, HISTORY_OFF))
        record = dataclasses.replace(record, pain_before=self.pain_before)
        self.record = record
        token = self.token

        def save(store: HistoryStore) -> SaveResult:
            session_id = store.add_session(record, checkpoint_token=token)
            if session_id is None:
                return SaveResult(False, store.problem or HISTORY_OFF, kept_at=store.kept_at)
            return SaveResult(True, session_id=session_id)

        return self.history.run(save)
