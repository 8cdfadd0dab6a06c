"""Asking before a session is left half-way."""

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
