"""Runs the break reminder in the app: a timer armed for when it is due, the bell, a notification, the prompt."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.timer import Timer

from ...core.reminder import BreakReminder, break_suggestion, parse_remind_every
from ...core.routines.describe import total_text
from ..messages import AppState, PlayRequested
from .moments import MomentEffects
from .services import Services

if TYPE_CHECKING:
    from ...core.settings import Settings


class BreakReminders:
    """Shows the break prompt when `BreakReminder` says so, as often as the settings in force ask (or never);
    told when sessions start and end. With a plan followed it offers the day's next session first."""

    def __init__(
        self,
        app: App[Any],
        state: AppState,
        services: Services,
        effects: MomentEffects,
        play_planned: Callable[[str], None],
    ) -> None:
        self._app = app
        self._play_planned = play_planned
        """Plays a session of the followed plan's day (the plan controller's `play`)."""
        self._state = state
        self._clock = services.clock
        self._effects = effects
        self._every: str | None = None
        self.reminder: BreakReminder | None = None
        """When the next reminder is due; None while reminders are off."""
        self._timer: Timer | None = None
        self.follow(state.settings)

    def follow(self, settings: Settings) -> None:
        """Start, change or stop the reminder as `settings` say (`remind_every`); nothing when it is unchanged."""
        if settings.remind_every == self._every:
            return
        self._every = settings.remind_every
        self._stop_timer()
        self.reminder = None
        if self._every:
            self.reminder = BreakReminder(parse_remind_every(self._every), self._clock.monotonic())
            self.arm()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def arm(self) -> None:
        """Wake when the next reminder is due (a late wake-up only checks again)."""
        self._stop_timer()
        if self.reminder is None:
            return
        left = self.reminder.seconds_left(self._clock.monotonic())
        if left != float("inf"):
            self._timer = self._app.set_timer(max(left, 0.5), self.check, name="break reminder")

    def check(self) -> None:
        """Show the reminder if it is due; otherwise wait for it again."""
        now = self._clock.monotonic()
        if self.reminder is None:
            return
        if not self.reminder.due(now):
            self.arm()
            return
        from ..screens.break_prompt import BreakScreen

        self.reminder.shown()
        today = self._state.plan_today
        planned = today.next_item if today is not None else None
        routines = self._state.library.routines.values()
        suggestion = break_suggestion(routines, self._state.due, planned.routine_id if planned else None)
        from_plan = planned is not None and suggestion is not None and suggestion.id == planned.routine_id
        words = None
        if suggestion is not None:
            # A plan's session is as long as its phase wants it, not as the file says.
            seconds = planned.seconds if from_plan and planned and planned.seconds else suggestion.total_seconds
            length = total_text(seconds, suggestion.open_ended)
            words = f"{suggestion.routine.title} ({length})" + (", next in today's plan" if from_plan else "")
        self._effects.notice("Unknot: time for a break", words or "A short break")

        reminder = self.reminder

        def answered(answer: str | None) -> None:
            later = self._clock.monotonic()
            if answer == "snooze":
                reminder.snooze(later)
            else:
                reminder.skip(later)  # starting a routine pauses it until the session ends
            self.arm()
            if answer == "start" and suggestion is not None:
                if from_plan:
                    self._play_planned(suggestion.id)  # with the phase's durations, "How was that?" after
                else:
                    self._app.post_message(PlayRequested(suggestion.id))

        self._app.push_screen(BreakScreen(reminder.idle_seconds(now), words), answered)

    def remind_now(self) -> None:
        """Show the reminder at once (from the palette)."""
        if self.reminder is not None:
            self.reminder.next_at = self._clock.monotonic()
            self.check()

    def session_started(self) -> None:
        """A routine began: no reminder while it plays."""
        if self.reminder is not None:
            self.reminder.session_started()
            self._stop_timer()

    def session_ended(self) -> None:
        """The session ended: the interval starts again."""
        if self.reminder is not None:
            self.reminder.session_ended(self._clock.monotonic())
            self.arm()
