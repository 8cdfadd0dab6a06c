"""The spoken guide in the app, on the fake clock with a recording speaker: what is said, in order, at which second."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app_builder import build_app
from tests.scenes import advance, settle
from unknot.core.preferences import RunOverrides
from unknot.core.session.clock import FakeClock
from unknot.core.speech.engines import Engine
from unknot.core.speech.guide import Voice
from unknot.core.speech.modes import VoiceMode
from unknot.core.speech.narrator import Utterance
from unknot.ui.app import UnknotApp
from unknot.ui.screens.player import PlayerScreen


class RecordingVoice:
    """A speaker that notes what it is asked to say, and when (on the fake clock)."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.heard: list[tuple[float, str]] = []
        self.closed = False

    def say(self, utterance: Utterance) -> None:
        """Note the utterance ("" for stop speaking)."""
        self.heard.append((round(self.clock.monotonic() - 1000.0, 1), utterance.text))

    def close(self) -> None:
        """Note that it was closed."""
        self.closed = True


def with_recorder(app: UnknotApp, clock: FakeClock) -> RecordingVoice:
    recorder = RecordingVoice(clock)
    guide = app.controllers.moments.voice
    make: Callable[[Engine, Callable[[str], None]], Voice] = lambda engine, report: recorder  # noqa: E731
    guide._speaker_for = make
    return recorder


def espeak_ng(name: str) -> str | None:
    return "/usr/bin/espeak-ng" if name == "espeak-ng" else None


async def play(tmp_path: Path) -> tuple[UnknotApp, FakeClock, RecordingVoice]:
    app, clock = build_app(tmp_path, overrides=RunOverrides(voice=VoiceMode.ESPEAK_NG))
    return app, clock, with_recorder(app, clock)


async def test_a_session_is_spoken_moment_by_moment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("unknot.core.speech.engines.shutil.which", espeak_ng)
    app, clock, recorder = await play(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("quick-test")
        await settle(pilot)
        assert isinstance(app.screen, PlayerScreen)
        for _ in range(20):
            await advance(pilot, clock, 1)
        said = [entry for entry in recorder.heard if entry[1]]
        assert said[:8] == [
            (0.0, "Quick test routine, at least 21 seconds. Get ready: Short hold, 3 seconds."),
            (2.0, "Short hold, 3 seconds."),
            (3.0, "Halfway cue"),
            (5.0, "Rest, 1 second. Next: Each side."),
            (6.0, "Each side, 2 seconds each side. Right side first."),
            (8.0, "Switch sides: left side now."),
            (9.0, "Hold, 2 seconds."),
            (11.0, "Rest, 1 second. Next: Breathe."),
        ]
        assert (12.0, "Breathe, 2 reps. Inhale.") in said


async def test_pause_skip_and_leave_cut_speech_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("unknot.core.speech.engines.shutil.which", espeak_ng)
    app, clock, recorder = await play(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("quick-test")
        await settle(pilot)
        await advance(pilot, clock, 2)
        await pilot.press("space")
        await settle(pilot)
        assert recorder.heard[-1] == (2.0, "Paused.")
        await pilot.press("space")
        await settle(pilot)
        assert recorder.heard[-1] == (2.0, "Resumed.")
        await pilot.press("n")  # the next step
        await settle(pilot)
        assert recorder.heard[-1][1].startswith("Each side, 2 seconds each side.")
        await pilot.press("p")  # back again
        await settle(pilot)
        assert recorder.heard[-1][1] == "Short hold, 3 seconds."
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert recorder.heard[-1] == (2.0, "")  # leaving stops speech and says nothing


async def test_the_voice_off_says_nothing(tmp_path: Path) -> None:
    app, clock = build_app(tmp_path)
    recorder = with_recorder(app, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("quick-test")
        await settle(pilot)
        await advance(pilot, clock, 3)
    assert recorder.heard == []
