"""The break reminder on screen: a suggested routine, with start, snooze ten minutes, or skip."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.routines.durations import format_duration
from .answer_once import AnswerOnce


class BreakScreen(AnswerOnce, ModalScreen[str]):
    """Dismisses with `start` (play the suggested routine), `snooze` or `skip`."""

    HELP_TITLE = "Break reminder"
    BINDINGS = [
        Binding("enter,y", "answer('start')", "Start it", id="break.start"),
        Binding("z", "answer('snooze')", "Snooze 10 min", id="break.snooze"),
        Binding("k,escape,n", "answer('skip')", "Skip", id="break.skip"),
    ]

    def __init__(self, idle_seconds: float, suggestion: str | None) -> None:
        super().__init__()
        self.idle_seconds = idle_seconds
        self.suggestion = suggestion
        """What to play, as words (`Five-minute desk break (5m)`), or None when there is nothing to offer."""

    def compose(self) -> ComposeResult:
        """Lay out the reminder, the suggestion and the keys."""
        minutes = format_duration(round(self.idle_seconds / 60) * 60) if self.idle_seconds >= 60 else "a while"
        with Vertical(id="break-dialog", classes="dialog"):
            yield Static("Time for a break", classes="dialog-title")
            yield Static(f"No session for {minutes}. Stand up, move, breathe.", id="break-text")
            if self.suggestion:
                yield Static(f"Suggested: {self.suggestion}", id="break-suggestion", markup=False)
            hint = "Enter  start it · " if self.suggestion else ""
            yield Static(f"{hint}z  snooze 10 min · k / Esc  skip", classes="dialog-hint")

    def action_answer(self, answer: str) -> None:
        """Close with the answer (there is nothing to start without a suggestion)."""
        if answer == "start" and not self.suggestion:
            return
        self.dismiss(answer)
