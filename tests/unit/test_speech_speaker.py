"""The speaker with a recording fake engine: one utterance at a time, replaced by more important ones, failures said once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from unknot.core.speech.engines import Engine
from unknot.core.speech.narrator import Priority, Utterance
from unknot.core.speech.speaker import Speaker

RECORDER = Path(__file__).resolve().parent.parent / "fixtures" / "speech" / "record.sh"
ENGINE = Engine("command", "/bin/sh", (str(RECORDER),))


class Reports:
    """What the speaker reported, with an event to wait on."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.came = threading.Event()

    def __call__(self, reason: str) -> None:
        self.said.append(reason)
        self.came.set()


@pytest.fixture
def log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "voice.log"
    path.touch()
    monkeypatch.setenv("VOICE_LOG", str(path))
    return path


def lines(log: Path) -> list[tuple[str, str]]:
    """(start or end, text) of each line the recorder wrote."""
    return [(kind, text) for kind, _, text in (line.split(" ", 2) for line in log.read_text().splitlines())]


def started(speaker: Speaker) -> threading.Event:
    """An event set when the speaker has started its next process."""
    event = threading.Event()
    speaker._started = lambda utterance: event.set()
    return event


def test_the_text_arrives_as_one_argument_exactly(log: Path) -> None:
    speaker = Speaker(ENGINE, Reports())
    speaker.say(Utterance("Next: cobra $(touch x); 'quoted' *", Priority.STEP))
    assert speaker.idle(10)
    assert lines(log) == [
        ("start", "Next: cobra $(touch x); 'quoted' *"),
        ("end", "Next: cobra $(touch x); 'quoted' *"),
    ]


def test_a_more_important_utterance_cuts_one_off(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICE_SLEEP", "0.5")
    speaker = Speaker(ENGINE, reports := Reports())
    first = started(speaker)
    speaker.say(Utterance("Halfway.", Priority.HALFWAY))
    assert first.wait(10)
    speaker.say(Utterance("Switch sides: left side now.", Priority.STEP))
    assert speaker.idle(10)
    assert ("end", "Halfway.") not in lines(log)
    assert lines(log)[-1] == ("end", "Switch sides: left side now.")
    assert reports.said == []  # a process we killed is not a failure


def test_a_less_important_one_is_dropped_while_one_speaks(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICE_SLEEP", "0.3")
    speaker = Speaker(ENGINE, Reports())
    first = started(speaker)
    speaker.say(Utterance("Cobra stretch, 30 seconds.", Priority.STEP))
    assert first.wait(10)
    speaker.say(Utterance("Halfway.", Priority.HALFWAY))
    assert speaker.idle(10)
    assert [text for kind, text in lines(log) if kind == "start"] == ["Cobra stretch, 30 seconds."]


def test_stop_silences_at_once(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICE_SLEEP", "5")
    speaker = Speaker(ENGINE, Reports())
    first = started(speaker)
    speaker.say(Utterance("Rest, 10 seconds.", Priority.STEP))
    assert first.wait(10)
    speaker.stop()
    assert speaker.idle(2)
    assert ("end", "Rest, 10 seconds.") not in lines(log)


def test_a_failing_command_is_reported_once_then_silent(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICE_EXIT", "3")
    speaker = Speaker(ENGINE, reports := Reports())
    speaker.say(Utterance("one", Priority.STEP))
    assert reports.came.wait(10) and speaker.idle(10)
    speaker.say(Utterance("two", Priority.STEP))
    assert speaker.idle(10)
    assert reports.said == ["the voice (command) failed (exit status 3); it is off for this session"]
    assert [text for kind, text in lines(log) if kind == "start"] == ["one"]


def test_a_hanging_command_never_blocks_and_is_reported(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICE_SLEEP", "30")
    speaker = Speaker(ENGINE, reports := Reports(), hang_grace=0.2)
    began = time.monotonic()
    speaker.say(Utterance("one", Priority.STEP))
    assert time.monotonic() - began < 0.05  # the caller never waits for the process
    assert reports.came.wait(10)
    assert reports.said == ["the voice (command) did not finish speaking; it is off for this session"]


def test_a_missing_program_is_reported_once() -> None:
    speaker = Speaker(Engine("command", "/nonexistent/speak"), reports := Reports())
    speaker.say(Utterance("one", Priority.STEP))
    assert reports.came.wait(10) and speaker.idle(10)
    speaker.say(Utterance("two", Priority.STEP))
    assert len(reports.said) == 1 and "could not start" in reports.said[0]
