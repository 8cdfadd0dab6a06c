"""Runs the break reminder in the app: a timer armed for when it is due, the bell, a notification, the prompt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.timer import Timer

from ..core.reminder import BreakReminder, break_suggestion
from ..core.routines.describe import total_text

if TYPE_CHECKING:
    from .app import UnknotApp


class BreakReminders:
    """Shows the break prompt when `BreakReminder` says so; the app tells it when sessions start and end."""

    def __init__(self, app: UnknotApp, every: float) -> None:
        self.app = app
        self.reminder = BreakReminder(every, app.clock.monotonic())
        self._timer: Timer | None = None
        self.arm()

    def stop(self) -> None:
        """Turn the reminder off."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def arm(self) -> None:
        """Wake when the next reminder is due (a late wake-up only checks again)."""
        self.stop()
        left = self.reminder.seconds_left(self.app.clock.monotonic())
        if left != float("inf"):
            self._timer = self.app.set_timer(max(left, 0.5), self.check, name="break reminder")

    def check(self) -> None:
        """Show the reminder if it is due; otherwise wait for it again."""
        now = self.app.clock.monotonic()
        if not self.reminder.due(now):
            self.arm()
            return
        from .screens.break_prompt import BreakScreen

        self.reminder.shown()
        suggestion = break_suggestion(self.app.library.routines.values(), self.app.due)
        words = None
        if suggestion is not None:
            length = total_text(suggestion.total_seconds, suggestion.open_ended)
            words = f"{suggestion.routine.title} ({length})"
        self.app.bell()
        sequence = self.app.notifier.sequence_for_notice(
            "Unknot: time for a break", words or "A short break", focused=self.app.app_focus
        )
        if sequence:
            self.app.write_to_terminal(sequence)

        def answered(answer: str | None) -> None:
            later = self.app.clock.monotonic()
            if answer == "snooze":
                self.reminder.snooze(later)
            else:
                self.reminder.skip(later)  # starting a routine pauses it until the session ends
            self.arm()
            if answer == "start" and suggestion is not None:
                self.app.action_play(suggestion.id)

        self.app.push_screen(BreakScreen(self.reminder.idle_seconds(now), words), answered)

    def remind_now(self) -> None:
        """Show the reminder at once (from the palette)."""
        self.reminder.next_at = self.app.clock.monotonic()
        self.check()

    def session_started(self) -> None:
        """A routine began: no reminder while it plays."""
        self.reminder.session_started()
        self.stop()

    def session_ended(self) -> None:
        """The session ended: the interval starts again."""
        self.reminder.session_ended(self.app.clock.monotonic())
        self.arm()
