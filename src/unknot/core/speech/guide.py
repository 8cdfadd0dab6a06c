"""The spoken guide of one app: a narrator for each session, and where its words go.

In a terminal the words go to a `Speaker` with the engine the settings choose (chosen again only
when `voice`, `voice_command` or `voice_rate` change); served to a browser they go to the page,
which speaks them itself, and nothing is said on the server's machine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol

from .engines import Engine, EngineChoice, choose_engine
from .modes import VoiceMode
from .narrator import Narrator, SpeechStyle, Utterance
from .words import DEFAULT_WORDS_PER_MINUTE

if TYPE_CHECKING:
    from ..routines.model import Routine
    from ..session.events import SessionEvent
    from ..settings import Settings


class Voice(Protocol):
    """What says utterances: a `Speaker`, or a recording one in tests."""

    def say(self, utterance: Utterance) -> None:
        """Say `utterance` (or, when its text is empty, stop speaking)."""

    def close(self) -> None:
        """Stop speaking for good."""


def _speaker(engine: Engine, report: Callable[[str], None]) -> Voice:
    from .speaker import Speaker

    return Speaker(engine, report)


class VoiceGuide:
    """Speaks the moments of each session as the settings in force say (see the module's docstring)."""

    def __init__(
        self,
        report: Callable[[str], None],
        *,
        to_page: Callable[[Utterance], None] | None = None,
        env: Mapping[str, str] | None = None,
        speaker_for: Callable[[Engine, Callable[[str], None]], Voice] = _speaker,
    ) -> None:
        self._report = report
        self._to_page = to_page
        self._env = os.environ if env is None else env
        self._speaker_for = speaker_for
        self._key: tuple[object, ...] | None = None
        self._choice = EngineChoice(None, "the voice is off")
        self._voice: Voice | None = None
        self._narrator: Narrator | None = None

    def choice(self, settings: Settings) -> EngineChoice:
        """Return the engine the settings choose here (and why), choosing again only when they changed."""
        key = (settings.voice, settings.voice_command, settings.voice_rate)
        if key != self._key:
            self._key = key
            if self._voice is not None:
                self._voice.close()
                self._voice = None
            self._choice = choose_engine(
                settings.voice, command=settings.voice_command, rate=settings.voice_rate, env=self._env
            )
        return self._choice

    def note(self, settings: Settings) -> str:
        """Return what the settings screen says under the voice: which engine speaks, or why none can."""
        if settings.voice is VoiceMode.OFF:
            return ""
        if self._to_page is not None:
            return "spoken by the browser, after a tap on the page"
        return self.choice(settings).reason

    def moment(self, event: SessionEvent, routine: Routine, settings: Settings) -> None:
        """Say what `event` of a session of `routine` calls for, if the voice is on."""
        from ..session.bell import BellMode

        if settings.voice is VoiceMode.OFF:
            self.hush()
            return
        style = SpeechStyle(
            detail=settings.voice_detail,
            countdown=settings.bell is BellMode.COUNTDOWN,
            touch=self._to_page is not None,
            words_per_minute=settings.voice_rate or DEFAULT_WORDS_PER_MINUTE,
        )
        if self._narrator is None or self._narrator.routine is not routine:
            self._narrator = Narrator(routine, style)
        self._narrator.style = style
        utterance = self._narrator.utterance_for(event)
        if utterance is None:
            return
        if self._to_page is not None:
            self._to_page(utterance)
            return
        voice = self._voice_for(settings)
        if voice is not None:
            voice.say(utterance)

    def _voice_for(self, settings: Settings) -> Voice | None:
        engine = self.choice(settings).engine
        if engine is None:
            return None
        if self._voice is None:
            self._voice = self._speaker_for(engine, self._report)
        return self._voice

    def hush(self) -> None:
        """Stop speaking now."""
        if self._voice is not None:
            self._voice.close()
            self._voice = None

    def close(self) -> None:
        """Stop speaking for good (the app is quitting)."""
        self.hush()
