"""Asking how the back feels, 0 to 10, before a session (skippable)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..widgets.pain_scale import PainScale
from .answer_once import AnswerOnce

PAIN_HINT = "A digit (1 then 0 for 10) or ←/→, then Enter · Esc to skip"
TOUCH_HINT = "Tap a number to answer"


class PainScreen(AnswerOnce, ModalScreen[int | None]):
    """Returns the rating (0-10), or None when skipped."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Skip", id="pain.close")]

    def __init__(self, question: str, *, touch: bool = False) -> None:
        super().__init__()
        self.question = question
        self.touch = touch

    def compose(self) -> ComposeResult:
        """Lay out the question, the scale and the keys (or, for a finger, a Skip button)."""
        with Vertical(id="pain-dialog", classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield PainScale(touch=self.touch, id="pain-scale")
            if self.touch:
                yield Static(TOUCH_HINT, classes="dialog-hint", markup=False)
                yield Button("Skip", id="pain-skip")
            else:
                yield Static(PAIN_HINT, classes="dialog-hint", markup=False)

    @on(Button.Pressed, "#pain-skip")
    def skipped(self) -> None:
        """Close without a rating."""
        self.dismiss(None)

    def on_mount(self) -> None:
        """The scale takes the keys."""
        self.query_one(PainScale).focus()

    @on(PainScale.Answered)
    def answered(self, message: PainScale.Answered) -> None:
        """Close with the rating (or None)."""
        self.dismiss(message.value)
