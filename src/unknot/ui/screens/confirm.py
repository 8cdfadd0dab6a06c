"""Asking first: before a session is left half-way, and before a routine at its limit starts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmLeaveScreen(ModalScreen[bool]):
    """Returns True when the person confirms leaving (y or Enter), False otherwise."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Leave", id="confirm.yes"),
        Binding("n,escape,q", "answer(False)", "Stay", id="confirm.no"),
    ]

    def compose(self) -> ComposeResult:
        """Lay out the question and the keys."""
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static("Leave this session?", classes="dialog-title")
            yield Static("y / Enter  leave · n / Esc  stay", classes="dialog-hint")

    def action_answer(self, leave: bool) -> None:
        """Close with the answer."""
        self.dismiss(leave)


class ConfirmStartScreen(ModalScreen[bool]):
    """Asks before starting a routine that is at its limit; True (y or Enter) starts it anyway."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Start anyway", id="confirm_start.yes"),
        Binding("n,escape,q", "answer(False)", "Not now", id="confirm_start.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """Lay out the question and the keys."""
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield Static("y / Enter  start anyway · n / Esc  not now", classes="dialog-hint")

    def action_answer(self, start: bool) -> None:
        """Close with the answer."""
        self.dismiss(start)
