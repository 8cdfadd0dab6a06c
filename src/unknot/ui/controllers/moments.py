"""What a moment in a session sets off beyond the screen: the bell, a desktop notification, the voice.

The player screen reports each moment (`PlayerScreen.Cued`); this decides, from the settings in
force, what the person hears or sees elsewhere. The voice speaks here, or (served to a browser)
on the page beside the mat.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

from textual.app import App

from ...core.notify import Notifier, resolve_mode
from ...core.speech.guide import VoiceGuide
from ..messages import AppState
from .services import Services

if TYPE_CHECKING:
    from ...core.routines.model import Routine
    from ...core.session.events import SessionEvent
    from ...core.speech.narrator import Utterance


class MomentEffects:
    """Rings the bell and sends notifications for the moments of a session, and for other notices."""

    def __init__(self, app: App[Any], state: AppState, services: Services) -> None:
        self._app = app
        self._state = state
        self._terminal = services.terminal
        self._say = services.say
        self._notify_setting = state.settings.notify
        self._notifier = Notifier(
            resolve_mode(self._notify_setting, os.environ), services.clock, tmux="TMUX" in os.environ
        )
        self.voice = VoiceGuide(self._voice_failed, to_page=self._speak_on_page if app.is_web else None)
        """The spoken guide (a test may hand it a recording speaker)."""

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
        self.voice.moment(event, routine, self._state.settings)

    def _speak_on_page(self, utterance: Utterance) -> None:
        from ...core.page_messages import speak_meta

        self._terminal.send_to_page(speak_meta(utterance.text, utterance.priority))

    def _voice_failed(self, reason: str) -> None:
        """Say (once, from the speaking thread) why the voice went quiet; the bell goes on."""
        with contextlib.suppress(RuntimeError):  # the app has already stopped
            self._app.call_from_thread(self._say, f"{reason.capitalize()}. The bell goes on.", severity="warning")

    def notice(self, title: str, body: str) -> None:
        """Ring the bell and, while the terminal is in the background, send a desktop notification."""
        self._app.bell()
        sequence = self.notifier.sequence_for_notice(title, body, focused=self._app.app_focus)
        if sequence:
            self._terminal.write(sequence)
