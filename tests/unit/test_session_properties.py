"""Hypothesis: any sequence of commands and clock advances keeps the player's invariants."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from unknot.core.routines.model import Routine, decode_hook
from unknot.core.routines.timeline import build_timeline
from unknot.core.session.clock import FakeClock
from unknot.core.session.events import Finished
from unknot.core.session.player import Player, PlayerState

ROUTINE = msgspec.convert(
    {
        "id": "p",
        "title": "P",
        "get_ready": 3,
        "rest": 2,
        "switch_sides": 1,
        "steps": [
            {"title": "hold", "duration": 5, "cues": [{"at": 2, "text": "x"}]},
            {"title": "sided", "duration": 3, "sides": ["left", "right"]},
            {"title": "find", "until_done": True},
            {"title": "reps", "reps": 2, "phases": [{"label": "in", "duration": 2}, {"label": "out", "duration": 1}]},
        ],
    },
    Routine,
    dec_hook=decode_hook,
)


class PlayerMachine(RuleBasedStateMachine):
    """Drives one player with random commands and time."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.player = Player(build_timeline(ROUTINE), self.clock)
        self.wall_start = self.clock.monotonic()
        self.last_active = 0.0
        self.finished_events = 0
        self.cue_counts: dict[int, int] = {}

    def _apply(self, events: Sequence[object]) -> None:
        self.finished_events += sum(isinstance(event, Finished) for event in events)

    @rule(seconds=st.floats(min_value=0, max_value=8, allow_nan=False))
    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self._apply(self.player.update())

    @rule(
        command=st.sampled_from(
            ["start", "pause", "resume", "toggle_pause", "next", "previous", "restart_step", "done", "leave"]
        )
    )
    def command(self, command: str) -> None:
        self._apply(getattr(self.player, command)())

    @rule(seconds=st.sampled_from([10, -10]))
    def adjust(self, seconds: int) -> None:
        self._apply(self.player.adjust(seconds))

    @rule()
    def save_and_restore(self) -> None:
        if self.player.state in (PlayerState.RUNNING, PlayerState.PAUSED):
            restored = Player.restore(self.player.timeline, self.clock, self.player.snapshot())
            assert abs(restored.remaining() - self.player.remaining()) < 0.01
            assert restored.index == self.player.index

    @invariant()
    def always_consistent(self) -> None:
        player = self.player
        assert player.remaining() >= 0
        active = player.active_seconds()
        assert active >= self.last_active - 1e-9
        assert active <= self.clock.monotonic() - self.wall_start + 1e-9
        self.last_active = active
        assert 0 <= player.index < len(player.timeline.segments)
        if player.state is PlayerState.RUNNING and not player.segment.until_done:
            assert player.remaining() > 0
            assert player.position().shown_seconds >= 1
        assert self.finished_events == (1 if player.finished else 0)


PlayerMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
TestPlayerMachine = PlayerMachine.TestCase
