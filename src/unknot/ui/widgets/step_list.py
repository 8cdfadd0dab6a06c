"""The routine's steps with the current one marked and the finished ones ticked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from ...core.glyphs import glyphs
from ...core.routines.describe import step_timing_text
from ...core.routines.model import Routine
from ...core.session.player import Position
from .plain import set_content


class StepList(VerticalScroll, can_focus=False):
    """Every step of the routine; re-rendered only when the current step changes."""

    position: var[Position | None] = var(None)
    """Where the session is; handed down by the player screen."""

    def __init__(self, routine: Routine, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.routine = routine
        self._current: int | None = None
        self._text = Static(id="step-list-text")

    def compose(self) -> ComposeResult:
        """Lay out the single text block."""
        yield self._text

    def watch_position(self, position: Position | None) -> None:
        """Mark the current step when it changes."""
        if position is None or position.segment.step_index == self._current:
            return
        current = position.segment.step_index
        self._current = current
        parts: list[str | tuple[str, str]] = []
        shapes = glyphs()
        for index, step in enumerate(self.routine.steps):
            if index < current:
                parts += [(f"{shapes.done} ", "$text-success"), (f"{index + 1}. {step.title}", "dim")]
            elif index == current:
                parts += [(f"{shapes.current} ", "$text-accent"), (f"{index + 1}. {step.title}", "bold")]
            else:
                parts += ["  ", f"{index + 1}. {step.title}"]
            parts += [("  " + step_timing_text(step), "dim"), "\n"]
        set_content(self._text, Content.assemble(*parts).rstrip())
        self.scroll_to(y=max(0, current - 2), animate=False)
