"""The live countdown: the phase, big m:ss digits (one line when space is short), a step bar."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.widgets import Label

from ...core.routines.durations import format_clock as clock_text_for
from ...core.session.player import PlayerState, Position
from ...core.session.wording import clock_text, in_final_seconds, phase_name, state_text
from .big_text import BigText
from .meter import Meter
from .plain import set_plain


def clock_template(position: Position) -> str:
    """Return the widest clock this segment will show, all digits zero (`0:00`, `00:00`, `0:00:00`)."""
    longest = int(max(position.length or 0, position.shown_seconds))
    return "".join("0" if char.isdigit() else char for char in clock_text_for(longest))


class ClockTapped(Message):
    """The clock was tapped or clicked: pause, or resume when paused."""


class Countdown(Vertical):
    """Renders the engine's position; it keeps no counter of its own. A tap on it pauses or resumes."""

    position: var[Position | None] = var(None)
    """Where the session is; handed down by the player screen."""

    def __init__(self, *, touch: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.touch = touch
        """Whether the state line names taps rather than keys (in a browser)."""

    def compose(self) -> ComposeResult:
        """Lay out phase, digits, the one-line fallback, the state line and the step bar."""
        yield Label(id="phase", markup=False)
        yield BigText(id="digits", centred=False)
        yield Label(id="clock-line", markup=False)
        yield Label(id="state-line", markup=False)
        yield Meter(id="step-bar")

    def on_click(self, event: events.Click) -> None:
        """A tap on the clock is a press of space."""
        event.stop()
        self.post_message(ClockTapped())

    def watch_position(self, position: Position | None) -> None:
        """Update only the parts whose text changed, so each second repaints little."""
        if position is None:
            return
        phase = phase_name(position)
        clock = clock_text(position)
        leading_in = position.lead_in_left is not None
        paused = position.state is PlayerState.PAUSED and not leading_in
        final = in_final_seconds(position)
        self.set_class(paused, "-paused")
        self.set_class(final, "-final")
        self.set_class(position.segment.until_done and not leading_in, "-until-done")
        set_plain(self.query_one("#phase", Label), phase.upper())
        digits = self.query_one("#digits", BigText)
        digits.template = clock_template(position)
        digits.text = clock
        set_plain(self.query_one("#clock-line", Label), f"{phase}  {clock}")
        state = state_text(position, touch=self.touch)
        set_plain(self.query_one("#state-line", Label), state)
        self.query_one("#state-line").set_class(not state, "-empty")
        self.query_one("#step-bar", Meter).fraction = position.segment_fraction
