"""Buttons a finger can hit, under the floor view when the session plays in a browser on a phone or tablet.

Next, Pause (Resume while paused) and Done (on steps that wait for the person): the same commands
as the keys, each asked for with a message the player screen answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.widgets import Button

from ...core.session.player import PlayerState, Position


class TouchControls(Horizontal):
    """A row of large buttons, each always in its place; Done shows only when the step waits, Resume
    while paused."""

    position: var[Position | None] = var(None)
    """Where the session is; handed down by the player screen."""

    @dataclass
    class Chosen(Message):
        """A button was pressed: `command` is the player action to run (`next`, `pause`, `done`)."""

        command: str

    def compose(self) -> ComposeResult:
        """Lay out the three buttons (Done hidden until a step waits for it)."""
        yield Button("Next", id="touch-next")
        yield Button("Pause", id="touch-pause", variant="primary")
        yield Button("Done", id="touch-done", variant="success")

    def watch_position(self, position: Position | None) -> None:
        """Show Done on steps that wait for it, and Resume in place of Pause while paused."""
        if position is None:
            return
        paused = position.state is PlayerState.PAUSED
        pause = self.query_one("#touch-pause", Button)
        label = "Resume" if paused else "Pause"
        if str(pause.label) != label:
            pause.label = label
        # Hidden, not removed: every button keeps its place, so a tap from memory never lands on Done.
        done = self.query_one("#touch-done", Button)
        waits = position.segment.until_done and position.lead_in_left is None
        done.visible = waits
        done.disabled = not waits

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        event.stop()
        command = (event.button.id or "").removeprefix("touch-")
        self.post_message(self.Chosen(command))
