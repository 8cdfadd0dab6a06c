"""The breathing pacer: in and out in time with the session clock."""

from __future__ import annotations

import math

from textual.reactive import var
from textual.widgets import Static

from ...core.model import Breathing, Routine
from ...core.session import PlayerState, Position
from ...core.timeline import SegmentKind
from .plain import set_plain


def breath_text(breathing: Breathing, elapsed: float) -> str:
    """Return the pacer line at `elapsed` seconds into a step: `Breathe in  ▰▰▱▱  2`."""
    parts = [("in", int(breathing.inhale)), ("hold", int(breathing.hold)), ("out", int(breathing.exhale))]
    parts = [(name, seconds) for name, seconds in parts if seconds > 0]
    cycle = sum(seconds for _, seconds in parts)
    moment = elapsed % cycle
    for name, seconds in parts:
        if moment < seconds:
            passed = math.floor(moment) + 1
            bar = "▰" * passed + "▱" * (seconds - passed)
            verb = "Hold" if name == "hold" else f"Breathe {name}"
            return f"{verb:<11}{bar}  {seconds - passed + 1}"
        moment -= seconds
    return ""


class BreathPacer(Static):
    """Shows the breathing rhythm of the current step; hidden when the step has none."""

    position: var[Position | None] = var(None)
    """Where the session is; handed down by the player screen."""

    def __init__(self, routine: Routine, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.routine = routine

    def watch_position(self, position: Position | None) -> None:
        """Pace the breath from the time spent on this side of the step."""
        breathing = None
        if position is not None and position.segment.kind is SegmentKind.WORK:
            breathing = self.routine.steps[position.segment.step_index].breathing
        self.set_class(breathing is None, "-hidden")
        if breathing is None or position is None:
            return
        text = breath_text(breathing, position.side_elapsed)
        if position.state is PlayerState.PAUSED:
            text = "Breathe slowly"
        set_plain(self, text)
