"""The step detail pane: title, instructions, cautions, and the current ASCII diagram frame."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Static

from ...core.routines.describe import art_box, diagram_art
from ...core.routines.model import Routine, Step
from ...core.routines.timeline import SegmentKind
from ...core.session.player import Position
from ...core.session.wording import shown_frame, side_name
from .plain import set_plain
from .scaled_art import ScaledArt

#: (step index, second side, frame, heading, show routine cautions)
DetailKey = tuple[int, bool, str | None, str, bool]


def detail_key(routine: Routine, position: Position) -> DetailKey:
    """Return what the pane shows for a position: the step to describe, and how."""
    segment = position.segment
    step_count = len(routine.steps)
    if segment.kind is SegmentKind.GET_READY:
        return (0, False, None, "First", True)
    if segment.kind is SegmentKind.REST:
        return (min(segment.step_index + 1, step_count - 1), False, None, "Next", False)
    if segment.kind is SegmentKind.SWITCH_SIDES:
        return (segment.step_index, True, None, f"Switch to the {segment.side} side", False)
    heading = side_name(segment.side)
    if position.lead_in_left is not None:
        heading = f"Back to · {heading}" if heading else "Back to"
    return (segment.step_index, segment.mirrored, shown_frame(routine, position), heading, False)


class StepDetail(Vertical):
    """Describes the step in play (or the one coming up during get-ready and rest)."""

    position: var[Position | None] = var(None)
    """Where the session is; handed down by the player screen."""

    def __init__(self, routine: Routine, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.routine = routine
        self._shown: DetailKey | None = None

    def compose(self) -> ComposeResult:
        """Lay out heading, title, instructions, cautions and diagram."""
        yield Static(id="step-heading", markup=False)
        yield Static(id="step-title", markup=False)
        yield Static(id="step-instructions", markup=False)
        # The cautions go with the words, before the drawing: on a tall screen the drawing takes
        # the rest of the pane, and a caution under it would be far from what it qualifies.
        yield Static(id="step-cautions", markup=False)
        # Up to three times its size where the pane has room (on a tall screen, in the middle of
        # what the words leave; else at most half the pane, so the words stay in view).
        yield ScaledArt(share=0.5, id="diagram")

    def watch_position(self, position: Position | None) -> None:
        """Re-render only when the step, side or frame on show changes."""
        if position is None:
            return
        key = detail_key(self.routine, position)
        if key == self._shown:
            return
        self._shown = key
        step_index, second_side, frame, heading, routine_cautions = key
        step: Step = self.routine.steps[step_index]
        set_plain(self.query_one("#step-heading", Static), heading)
        set_plain(self.query_one("#step-title", Static), step.title)
        set_plain(self.query_one("#step-instructions", Static), " ".join(step.instructions.split()))
        diagram = self.query_one("#diagram", ScaledArt)
        diagram.box = art_box(step)
        diagram.art = diagram_art(step, frame, second_side)
        cautions = list(self.routine.cautions) if routine_cautions else []
        cautions += step.cautions
        set_plain(self.query_one("#step-cautions", Static), "\n".join(f"! {caution}" for caution in cautions))
        self.query_one("#step-cautions").set_class(not cautions, "-empty")
        self.query_one("#step-heading").set_class(not heading, "-empty")
