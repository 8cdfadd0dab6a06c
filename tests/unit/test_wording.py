"""The words a session screen shows, from the core: status, next up, time left, phase, breathing."""

from __future__ import annotations

from pathlib import Path

from unknot.core.library.loader import load_library
from unknot.core.routines.model import Breathing, StepSeconds
from unknot.core.session.clock import FakeClock
from unknot.core.session.player import Player
from unknot.core.session.wording import (
    breath_text,
    clock_text,
    next_up_text,
    phase_name,
    session_left_text,
    side_name,
    state_text,
    status_text,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "routines"


def quick_player() -> tuple[Player, FakeClock]:
    clock = FakeClock()
    entry = load_library([FIXTURES]).routines["quick-test"]
    player = Player(entry.timeline, clock)
    player.start()
    return player, clock


def test_words_through_a_session() -> None:
    player, clock = quick_player()
    routine = player.timeline.routine
    position = player.position()
    assert phase_name(position) == "Get ready" and clock_text(position) == "0:02"
    assert status_text(routine, position) == "4 steps · Quick test routine"
    assert next_up_text(routine, position) == "Next: Short hold"
    clock.advance(2)
    player.update()
    position = player.position()
    assert phase_name(position) == "Hold" and clock_text(position) == "0:03"
    assert status_text(routine, position) == "Step 1 of 4 · Quick test routine"
    assert next_up_text(routine, position).startswith("Next: Rest")
    clock.advance(3 + 1 + 1)  # the hold, the rest, into the first side
    player.update()
    position = player.position()
    assert "Right side (1 of 2)" in status_text(routine, position)
    assert next_up_text(routine, position) == "Next: switch to the left side"


def test_time_left_in_the_session_is_whole_minutes_then_seconds() -> None:
    player, clock = quick_player()
    total = player.timeline.total_seconds
    assert session_left_text(player.position()) == f"{total}s left"  # the fixture is under a minute
    clock.advance(2.5)
    player.update()
    assert session_left_text(player.position()) == f"{total - 2}s left"


def test_side_names_and_breathing() -> None:
    assert side_name("left") == "Left side" and side_name(None) == ""
    breathing = Breathing(inhale=StepSeconds(2), exhale=StepSeconds(3))
    assert breath_text(breathing, 0.5) == "Breathe in  ▰▱  2"
    assert breath_text(breathing, 2.5) == "Breathe out ▰▱▱  3"
    assert breath_text(breathing, 5.5).startswith("Breathe in")


def test_the_state_line_names_the_key_or_in_a_browser_the_tap() -> None:
    player, _clock = quick_player()
    assert state_text(player.position()) == "" == state_text(player.position(), touch=True)
    player.pause()
    assert state_text(player.position()) == "Paused · space to resume"
    assert state_text(player.position(), touch=True) == "Paused · tap the clock to resume"
