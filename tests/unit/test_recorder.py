"""The history recorder on a fake clock: when checkpoints are written, the session once, and honest results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from unknot.core.history.recorder import CHECKPOINT_SECONDS, SessionRecorder
from unknot.core.history.service import HistoryService
from unknot.core.history.store import HistoryStore
from unknot.core.library.loader import load_library
from unknot.core.routines.timeline import Timeline
from unknot.core.session.clock import FakeClock
from unknot.core.session.events import Outcome
from unknot.core.session.player import Player

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "routines"


@pytest.fixture
def timeline() -> Timeline:
    return load_library([FIXTURES]).routines["quick-test"].timeline


class CountingStore(HistoryStore):
    """A real store that also counts checkpoint writes."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.checkpoint_writes = 0

    def save_checkpoint(self, *args: Any, **kwargs: Any) -> bool:
        self.checkpoint_writes += 1
        return super().save_checkpoint(*args, **kwargs)


def recording(store: HistoryStore, timeline: Timeline, **options: Any) -> tuple[SessionRecorder, Player, FakeClock]:
    """A player on a fake clock, and a recorder writing to `store` on the history thread."""
    clock = FakeClock()
    player = Player(timeline, clock)
    return SessionRecorder(HistoryService(lambda: store), player, clock, **options), player, clock


def settled(recorder: SessionRecorder) -> None:
    assert recorder.history is not None and recorder.history.drain(5)


def test_checkpoints_at_each_change_and_at_least_every_few_seconds(tmp_path: Path, timeline: Timeline) -> None:
    store = CountingStore(tmp_path)
    recorder, player, clock = recording(store, timeline, pain_before=4)
    recorder.observe(player.start())  # get-ready starts: a change
    settled(recorder)
    assert store.checkpoint_writes == 1
    clock.advance(1)
    recorder.observe(player.update())  # 1 s later, nothing changed: too soon
    settled(recorder)
    assert store.checkpoint_writes == 1
    clock.advance(CHECKPOINT_SECONDS)
    recorder.observe(player.update())  # into the hold: a change
    settled(recorder)
    assert store.checkpoint_writes == 2
    (saved,) = store.checkpoints()
    assert saved.token == recorder.token and saved.pain_before == 4
    assert saved.state["segment_index"] == player.index
    recorder.observe(player.pause())
    settled(recorder)
    assert store.checkpoint_writes == 3


def test_the_session_is_written_once_with_its_pain_and_the_checkpoint_goes(tmp_path: Path, timeline: Timeline) -> None:
    store = HistoryStore(tmp_path)
    recorder, player, clock = recording(store, timeline, pain_before=6)
    recorder.observe(player.start())
    clock.advance(3)
    recorder.observe(player.update())
    recorder.observe(player.leave())
    assert recorder.saved is not None
    result = recorder.saved.result(5)
    assert result.saved and result.session_id is not None
    assert store.checkpoints() == []
    (session,) = store.recent_sessions()
    assert (session.outcome, session.pain_before, session.id) == (Outcome.LEFT, 6, result.session_id)
    assert recorder.set_pain_after(3).result(5).saved
    assert store.recent_sessions()[0].pain_after == 3


def test_a_failed_write_is_reported_and_the_session_kept(tmp_path: Path, timeline: Timeline) -> None:
    store = HistoryStore(tmp_path / "data", journal_folders=[tmp_path / "journal"])
    recorder, player, _ = recording(store, timeline)
    recorder.observe(player.start())
    settled(recorder)
    store.close()  # the database went away under the session
    recorder.observe(player.leave())
    assert recorder.saved is not None
    result = recorder.saved.result(5)
    assert not result.saved and result.problem and result.kept_at == tmp_path / "journal" / "unsaved-sessions.jsonl"
    assert not recorder.set_pain_after(2).result(5).saved
    again = HistoryStore(tmp_path / "data", journal_folders=[tmp_path / "journal"])  # the next start adds it
    assert [session.outcome for session in again.recent_sessions()] == [Outcome.LEFT]
    assert again.notice is not None and "now in history" in again.notice


def test_a_checkpoint_that_cannot_be_written_is_said(tmp_path: Path, timeline: Timeline) -> None:
    store = HistoryStore(tmp_path)
    recorder, player, _ = recording(store, timeline)
    store.close()
    recorder.observe(player.start())
    settled(recorder)
    assert recorder.checkpoint_problem is not None


def test_without_history_nothing_is_written_and_the_result_says_so(timeline: Timeline) -> None:
    clock = FakeClock()
    player = Player(timeline, clock)
    recorder = SessionRecorder(None, player, clock)
    assert not recorder.keeps_history
    recorder.observe(player.start())
    recorder.observe(player.leave())
    assert recorder.saved is not None
    result = recorder.saved.result(0)
    assert not result.saved and result.problem == "history is off"


def test_resuming_carries_on_the_same_session(tmp_path: Path, timeline: Timeline) -> None:
    store = HistoryStore(tmp_path)
    first, player, clock = recording(store, timeline, pain_before=5)
    first.observe(player.start())
    settled(first)
    (checkpoint,) = store.checkpoints()
    again = SessionRecorder.resuming(
        first.history, Player.restore(timeline, clock, checkpoint.state), clock, checkpoint
    )
    assert (again.token, again.pain_before) == (first.token, 5)
