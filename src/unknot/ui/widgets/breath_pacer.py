"""The breathing pacer: in and out in time with the session clock."""

from __future__ import annotations

from textual.reactive import var
from textual.widgets import Static

from ...core.routines.model import Routine
from ...core.routines.timeline import SegmentKind
from ...core.session.player import PlayerState, Position
from ...core.session.wording import breath_text
from .plain import set_plain


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
