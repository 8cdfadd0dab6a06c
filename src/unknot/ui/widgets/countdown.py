"""The live countdown: the phase, big m:ss digits (one line when space is short), a step bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.widgets import Label

from ...core.session.player import PlayerState, Position
from ...core.session.wording import clock_text, phase_name, state_text
from .big_digit import BigDigit
from .meter import Meter
from .plain import set_plain

#: Enough places for h:mm:ss.
DIGIT_SLOTS = 7


class Countdown(Vertical):
    """Renders the engine's position; it keeps no counter of its own."""

    position: var[Position | None] = var(None)
    """Where the session is; handed down by the player screen."""

    def compose(self) -> ComposeResult:
        """Lay out phase, digits, the one-line fallback, the state line and the step bar."""
        yield Label(id="phase", markup=False)
        # One Digits per character, so each second repaints only the digit that changed.
        with Horizontal(id="digits"):
            for index in range(DIGIT_SLOTS):
                yield BigDigit(classes="digit", id=f"digit-{index}")
        yield Label(id="clock-line", markup=False)
        yield Label(id="state-line", markup=False)
        yield Meter(id="step-bar")

    def watch_position(self, position: Position | None) -> None:
        """Update only the parts whose text changed, so each second repaints little."""
        if position is None:
            return
        phase = phase_name(position)
        clock = clock_text(position)
        leading_in = position.lead_in_left is not None
        paused = position.state is PlayerState.PAUSED and not leading_in
        final = (position.length is not None or leading_in) and position.shown_seconds <= 3 and not paused
        self.set_class(paused, "-paused")
        self.set_class(final, "-final")
        self.set_class(position.segment.until_done and not leading_in, "-until-done")
        set_plain(self.query_one("#phase", Label), phase.upper())
        self._show_digits(clock)
        set_plain(self.query_one("#clock-line", Label), f"{phase}  {clock}")
        state = state_text(position)
        set_plain(self.query_one("#state-line", Label), state)
        self.query_one("#state-line").set_class(not state, "-empty")
        self.query_one("#step-bar", Meter).fraction = position.segment_fraction

    def _show_digits(self, clock: str) -> None:
        slots = clock.rjust(DIGIT_SLOTS)[-DIGIT_SLOTS:]
        for index, char in enumerate(slots):
            digit = self.query_one(f"#digit-{index}", BigDigit)
            digit.char = char
            digit.set_class(char == " ", "-empty")
