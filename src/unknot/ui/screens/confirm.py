"""Asking first: before a session is left half-way, and before a routine at its limit starts."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from .answer_once import AnswerOnce


class YesNoScreen(AnswerOnce, ModalScreen[bool]):
    """A question answered with y / Enter (True) or n / Esc / q (False); subclasses word it."""

    HINT: ClassVar[str] = ""
    """The keys and what they do, under the question."""
    ANSWERS: ClassVar[tuple[str, str]] = ("Yes", "No")
    """The buttons' words, yes then no (shown for a finger, in a browser)."""

    def __init__(self, question: str, *, touch: bool = False) -> None:
        super().__init__()
        self.question = question
        self.touch = touch

    def compose(self) -> ComposeResult:
        """Lay out the question and the keys (and buttons, for a finger)."""
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield Static(self.HINT, classes="dialog-hint")
            if self.touch:
                with Horizontal(classes="dialog-buttons"):
                    yield Button(self.ANSWERS[0], id="answer-yes", variant="primary")
                    yield Button(self.ANSWERS[1], id="answer-no")

    @on(Button.Pressed)
    def _tapped(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "answer-yes")

    def action_answer(self, answer: bool) -> None:
        """Close with the answer."""
        self.dismiss(answer)


class ConfirmLeaveScreen(YesNoScreen):
    """Returns True when the person confirms leaving (y or Enter), False otherwise."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Leave", id="confirm.yes"),
        Binding("n,escape,q", "answer(False)", "Stay", id="confirm.no"),
    ]
    HINT = "y / Enter  leave · n / Esc  stay"
    ANSWERS = ("Leave", "Stay")

    def __init__(self, *, touch: bool = False) -> None:
        super().__init__("Leave this session?", touch=touch)


class ConfirmDiscardScreen(YesNoScreen):
    """Asks before a cut-off session is given up for good; True (y) discards it. Enter and Esc keep it."""

    BINDINGS = [
        Binding("y", "answer(True)", "Discard", id="confirm_discard.yes"),
        Binding("n,escape,q,enter", "answer(False)", "Keep it", id="confirm_discard.no"),
    ]
    HINT = "y  discard · n / Esc / Enter  keep it to resume"
    ANSWERS = ("Discard", "Keep it")

    def __init__(self, title: str, *, touch: bool = False) -> None:
        super().__init__(
            f"Discard {title}? It stays in history as interrupted, but can no longer be resumed.", touch=touch
        )


class ConfirmStartScreen(YesNoScreen):
    """Asks before starting a routine that is at its limit; True (y or Enter) starts it anyway."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Start anyway", id="confirm_start.yes"),
        Binding("n,escape,q", "answer(False)", "Not now", id="confirm_start.no"),
    ]
    HINT = "y / Enter  start anyway · n / Esc  not now"
    ANSWERS = ("Start anyway", "Not now")
