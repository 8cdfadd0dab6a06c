"""The spoken guide's words: a session played on the fake clock, what is said and at which second."""

from __future__ import annotations

import msgspec
import pytest

from unknot.core.routines.model import Routine, decode_hook
from unknot.core.routines.timeline import build_timeline
from unknot.core.session.clock import FakeClock
from unknot.core.session.events import SessionEvent
from unknot.core.session.player import Player
from unknot.core.speech.modes import VoiceDetail
from unknot.core.speech.narrator import Narrator, Priority, SpeechStyle, Utterance
from unknot.core.speech.words import rounded_duration, speakable, spoken_duration


def routine(steps: list[dict[str, object]], **fields: object) -> Routine:
    data = {"id": "r", "title": "Back reset", "get_ready": 5, "rest": 10, "switch_sides": 5, "steps": steps, **fields}
    return msgspec.convert(data, Routine, dec_hook=decode_hook)


def play(
    steps: list[dict[str, object]], style: SpeechStyle | None = None, **fields: object
) -> list[tuple[int, str, Priority]]:
    """Play a whole routine second by second; return (second, words, priority) for each utterance."""
    plan = routine(steps, **fields)
    clock = FakeClock()
    player = Player(build_timeline(plan), clock)
    narrator = Narrator(plan, style)
    said: list[tuple[int, str, Priority]] = []

    def hear(events: list[SessionEvent], second: int) -> None:
        for event in events:
            utterance = narrator.utterance_for(event)
            if utterance is not None:
                said.append((second, utterance.text, utterance.priority))

    hear(player.start(), 0)
    for second in range(1, 2000):
        if player.finished:
            break
        clock.advance(1)
        hear(player.update(), second)
        if player.segment.until_done and not player.finished:
            hear(player.done(), second)
    return said


def texts(said: list[tuple[int, str, Priority]]) -> list[str]:
    return [text for _, text, _ in said if text]


def test_a_timed_routine_from_start_to_finish() -> None:
    said = play([{"title": "Knees to chest", "duration": 30}, {"title": "Cobra stretch", "duration": 20}])
    assert said == [
        (0, "Back reset, 1 minute 5 seconds. Get ready: Knees to chest, 30 seconds.", Priority.STEP),
        (5, "Knees to chest, 30 seconds.", Priority.STEP),
        (20, "Halfway.", Priority.HALFWAY),
        (35, "Rest, 10 seconds. Next: Cobra stretch.", Priority.STEP),
        (45, "Cobra stretch, 20 seconds.", Priority.STEP),
        (55, "Halfway.", Priority.HALFWAY),
        (65, "Session finished: 1 minute 5 seconds. Well done.", Priority.CONTROL),
    ]


def test_sides_say_which_side_first_and_the_switch() -> None:
    said = texts(play([{"title": "Figure four", "duration": 10, "sides": ["right", "left"]}], get_ready=0))
    assert said[:3] == [
        "Back reset, 25 seconds. Figure four, 10 seconds each side. Right side first.",
        "Switch sides: left side now.",
        "Hold, 10 seconds.",
    ]


def test_sides_without_a_pause_switch_at_the_start_of_the_side() -> None:
    said = texts(play([{"title": "Twist", "duration": 10, "sides": ["left", "right"]}], get_ready=0, switch_sides=0))
    assert "Switch sides: right side now." in said


def test_slow_reps_with_phases_count_every_rep() -> None:
    phases = [{"label": "Breathe in, arch", "duration": 4}, {"label": "Breathe out, round", "duration": 4}]
    said = texts(play([{"title": "Cat cow", "reps": 3, "phases": phases}], get_ready=0))
    assert said[:6] == [
        "Back reset, 24 seconds. Cat cow, 3 reps. Breathe in, arch.",
        "Breathe out, round.",
        "Rep 2 of 3. Breathe in, arch.",
        "Breathe out, round.",
        "Last one. Breathe in, arch.",
        "Breathe out, round.",
    ]


def test_fast_reps_are_counted_only_now_and_then() -> None:
    said = texts(play([{"title": "Pelvic tilts", "reps": 12, "duration": 2}], get_ready=0))
    assert said == [
        "Back reset, 24 seconds. Pelvic tilts, 12 reps of 2 seconds.",
        "Rep 5 of 12.",
        "Rep 10 of 12.",
        "Last one.",
        "Session finished: 24 seconds. Well done.",
    ]


def test_phases_too_short_to_name_are_not_named() -> None:
    phases = [{"label": "Breathe in and lift the chest slowly", "duration": 1}, {"label": "Down", "duration": 1}]
    said = texts(play([{"title": "Lift", "reps": 2, "phases": phases}], get_ready=0))
    assert "Down." in said and not any(text.startswith("Breathe in") for text in said[1:])


def test_until_done_says_how_to_go_on_in_the_terminal_and_in_a_browser() -> None:
    steps: list[dict[str, object]] = [{"title": "Lie on the mat", "until_done": True}]
    assert "Lie on the mat, until you are done. Press done when you are ready." in texts(play(steps, get_ready=0))[0]
    touched = texts(play(steps, SpeechStyle(touch=True), get_ready=0))[0]
    assert touched.startswith("Back reset, at least 0 seconds.") and touched.endswith("Tap done when you are ready.")


def test_cues_are_said_at_their_second_and_say_replaces_their_text() -> None:
    cues = [{"at": 5, "text": "Small circles"}, {"at": 12, "text": "Press gently", "say": "Now press, gently"}]
    said = play([{"title": "Ball", "duration": 15, "cues": cues}], get_ready=0)
    assert (5, "Small circles", Priority.CUE) in said and (12, "Now press, gently", Priority.CUE) in said


def test_a_steps_say_replaces_the_generated_words() -> None:
    said = texts(play([{"title": "Ball", "duration": 15, "say": "Roll the ball under your shoulder"}], get_ready=0))
    assert said[0] == "Back reset, 15 seconds. Roll the ball under your shoulder"


def test_instructions_only_in_detailed_speech() -> None:
    steps: list[dict[str, object]] = [{"title": "Ball", "duration": 15, "instructions": "Lean into the wall."}]
    assert "Lean" not in texts(play(steps, get_ready=0))[0]
    assert texts(play(steps, SpeechStyle(detail=VoiceDetail.DETAILED), get_ready=0))[0].endswith("Lean into the wall.")


def test_three_two_one_only_when_the_countdown_is_on() -> None:
    steps: list[dict[str, object]] = [{"title": "Hold", "duration": 8}]
    assert not any(text in ("3", "2", "1") for text in texts(play(steps, get_ready=0)))
    counted = play(steps, SpeechStyle(countdown=True), get_ready=0)
    assert [(second, text) for second, text, _ in counted if text in ("3", "2", "1")] == [(5, "3"), (6, "2"), (7, "1")]


def test_breathing_pacer_steps_are_spoken_like_holds() -> None:
    said = texts(play([{"title": "Belly breaths", "duration": 60, "breathing": {"inhale": 4, "exhale": 6}}]))
    assert "Belly breaths, 1 minute." in said and "Halfway." in said


def test_pause_resume_and_leaving() -> None:
    plan = routine([{"title": "a", "duration": 30}])
    clock = FakeClock()
    player = Player(build_timeline(plan), clock)
    narrator = Narrator(plan)
    player.start()
    assert narrator.utterance_for(player.pause()[0]) == Utterance("Paused.", Priority.CONTROL)
    assert narrator.utterance_for(player.resume()[0]) == Utterance("Resumed.", Priority.CONTROL)
    (left,) = [event for event in player.leave() if type(event).__name__ == "Finished"]
    assert narrator.utterance_for(left) == Utterance("", Priority.CONTROL)  # stop speaking, say nothing


def test_long_sessions_are_rounded_to_the_minute() -> None:
    assert rounded_duration(12 * 60 + 25) == "12 minutes"
    assert spoken_duration(3600 + 60) == "1 hour 1 minute"
    assert spoken_duration(1) == "1 second"


@pytest.mark.parametrize(
    "hostile",
    [
        "--output=/tmp/x ok",
        "-\x1b[31mred",
        "<speak><audio src='x'/></speak> hi",
        "a\x07b\x00c\u202ed",
        "- - -rf",
        "x" * 5000,
    ],
)
def test_hostile_text_is_plain_capped_and_never_an_option(hostile: str) -> None:
    spoken = speakable(hostile)
    assert not spoken.startswith("-") and len(spoken) <= 480
    assert not any(char in spoken for char in "<>&\x1b\x07\x00\u202e")
    assert all(char.isprintable() for char in spoken)


def test_hostile_titles_are_made_plain_in_what_is_said() -> None:
    said = texts(play([{"title": "-<b>x</b>\u202e", "duration": 5, "say": "-rf <prosody rate='9'>"}], get_ready=0))
    assert said[0] == "Back reset, 5 seconds. -rf prosody rate='9'"  # a dash inside is harmless
