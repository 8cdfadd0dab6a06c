"""Asking how the back feels, 0 to 10, with one key press (skippable)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Static

#: The key for each rating: 0-9, and x for 10.
RATING_KEYS = {str(number): number for number in range(10)} | {"x": 10}


class PainScreen(ModalScreen[int | None]):
    """Returns the rating (0-10), or None when skipped with Enter or Esc."""

    BINDINGS = [Binding("enter,escape,s", "dismiss(None)", "Skip", id="pain.skip")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """Lay out the question and the keys."""
        with Vertical(id="pain-dialog", classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield Static("0 no pain … 9, x = 10 worst pain", markup=False)
            yield Static("Press one key · Enter or Esc to skip", classes="dialog-hint", markup=False)

    def on_key(self, event: Key) -> None:
        """A rating key answers at once."""
        if event.character in RATING_KEYS:
            event.stop()
            self.dismiss(RATING_KEYS[event.character])
