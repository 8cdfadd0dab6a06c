"""What a moment in a session sets off beyond the screen: the bell and a desktop notification.

The player screen reports each moment (`PlayerScreen.Cued`); this decides, from the settings in
force, what the person hears or sees elsewhere. New effects at a moment (a spoken cue) go here.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from textual.app import App

from ...core.notify import Notifier, resolve_mode
from ..messages import AppState
from .services import Services

if TYPE_CHECKING:
    from ...core.routines.model import Routine
    from ...core.session.events import SessionEvent


class MomentEffects:
    """Rings the bell and sends notifications for the moments of a session, and for other notices."""

    def __init__(self, app: App[Any], state: AppState, services: Services) -> None:
        self._app = app
        self._state = state
        self._terminal = services.terminal
        self._notify_setting = state.settings.notify
        self._notifier = Notifier(
            resolve_mode(self._notify_setting, os.environ), services.clock, tmux="TMUX" in os.environ
        )

    @property
    def notifier(self) -> Notifier:
        """Desktop notifications, in the mode the settings in force ask for now."""
        if self._state.settings.notify != self._notify_setting:
            self._notify_setting = self._state.settings.notify
            self._notifier.mode = resolve_mode(self._notify_setting, os.environ)
        return self._notifier

    def session_moment(self, event: SessionEvent, routine: Routine) -> None:
        """Mark a moment of a session: the bell when the bell mode says it rings; a notification if wanted."""
        from ...core.session.bell import rings

        if rings(event, self._state.settings.bell):
            self._app.bell()
        sequence = self.notifier.sequence_for(event, routine, focused=self._app.app_focus)
        if sequence:
            self._terminal.write(sequence)

    def notice(self, title: str, body: str) -> None:
        """Ring the bell and, while the terminal is in the background, send a desktop notification."""
        self._app.bell()
        sequence = self.notifier.sequence_for_notice(title, body, focused=self._app.app_focus)
        if sequence:
            self._terminal.write(sequence)
