"""After a plan session: "How was that?" too easy · about right · too much (optional; Esc skips)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

#: (answer stored in history, words on the button)
ANSWERS = (("too-easy", "Too easy"), ("about-right", "About right"), ("too-much", "Too much"))


class RatingScreen(ModalScreen[str | None]):
    """Asks how a plan session felt; dismisses with the answer, or None when skipped."""

    HELP_TITLE = "How was that?"
    BINDINGS = [
        Binding("1,e", "answer('too-easy')", "Too easy", id="rating.too_easy"),
        Binding("2,a,enter", "answer('about-right')", "About right", id="rating.about_right"),
        Binding("3,m", "answer('too-much')", "Too much", id="rating.too_much"),
        Binding("escape,q", "answer('')", "Skip", id="rating.skip"),
    ]

    def compose(self) -> ComposeResult:
        """The question, the keys, and a button for each answer (they take a tap too)."""
        with Vertical(id="rating-dialog", classes="dialog"):
            yield Static("How was that?", classes="dialog-title", markup=False)
            yield Static("1 too easy · 2 about right · 3 too much · Esc skip", classes="dialog-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for answer, words in ANSWERS:
                    yield Button(words, id=f"rating-{answer}", compact=True)

    @on(Button.Pressed)
    def _tapped(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("rating-") or None)

    def action_answer(self, answer: str) -> None:
        """Close with the answer ('' is a skip)."""
        self.dismiss(answer or None)
