"""Which frame of a diagram shows when: phases, the breath, or one pose throughout."""

from __future__ import annotations

import msgspec

from unknot.core.routines.frames import breath_part, follows_breath, frame_at, step_frames
from unknot.core.routines.model import Breathing, Diagram, Phase, Step, decode_hook


def phase(label: str, duration: int, frame: str) -> Phase:
    return msgspec.convert({"label": label, "duration": duration, "frame": frame}, Phase, dec_hook=decode_hook)


def breathing_step(frames: dict[str, str], hold: int = 0) -> Step:
    data = {
        "title": "Slow breathing",
        "duration": 60,
        "breathing": {"inhale": 4, "exhale": 6, "hold": hold},
        "diagram": {"frames": frames},
    }
    return msgspec.convert(data, Step, dec_hook=decode_hook)


def rhythm(inhale: int, hold: int, exhale: int) -> Breathing:
    return msgspec.convert({"inhale": inhale, "hold": hold, "exhale": exhale}, Breathing, dec_hook=decode_hook)


def test_the_breath_is_in_then_held_then_out() -> None:
    four_two_six = rhythm(4, 2, 6)
    assert breath_part(four_two_six, 0) == ("in", 1, 4)
    assert breath_part(four_two_six, 3.9) == ("in", 4, 4)
    assert breath_part(four_two_six, 4) == ("hold", 1, 2)
    assert breath_part(four_two_six, 6) == ("out", 1, 6)
    assert breath_part(four_two_six, 12) == ("in", 1, 4)  # the next breath


def test_a_breathing_diagram_follows_the_breath() -> None:
    step = breathing_step({"in": "IN", "out": "OUT"})
    assert follows_breath(step)
    assert frame_at(step, None, 1.0) == "in"
    assert frame_at(step, None, 5.0) == "out"
    assert frame_at(step, None, 11.0) == "in"
    assert frame_at(step, None, None) is None  # paused or not running: the first frame


def test_inhale_and_exhale_names_work_too_and_a_hold_keeps_the_breath_in() -> None:
    step = breathing_step({"inhale": "IN", "exhale": "OUT"}, hold=2)
    assert frame_at(step, None, 4.5) == "inhale"
    assert frame_at(step, None, 7.0) == "exhale"


def test_a_diagram_without_breath_frames_stays_on_its_first() -> None:
    step = breathing_step({"rest": "REST"})
    assert not follows_breath(step)
    assert frame_at(step, None, 5.0) is None
    assert step_frames(step) == [("", "rest")]


def test_a_phase_names_its_frame() -> None:
    step = Step(
        title="Cat / cow",
        reps=3,
        phases=[
            phase(label="Inhale – cow", duration=3, frame="cow"),
            phase(label="Exhale – cat", duration=3, frame="cat"),
        ],
        diagram=Diagram(frames={"table": "T", "cow": "W", "cat": "K"}),
    )
    assert frame_at(step, "cat", 1.0) == "cat"
    assert step_frames(step) == [("Inhale – cow", "cow"), ("Exhale – cat", "cat")]


def test_show_lists_the_frames_used_with_when_they_show() -> None:
    step = breathing_step({"in": "IN", "out": "OUT", "spare": "SPARE"})
    assert step_frames(step) == [("breathing in", "in"), ("breathing out", "out")]
    phases_sharing = Step(
        title="Arm sweeps",
        reps=2,
        phases=[
            phase(label="Right arm back", duration=3, frame="sweep"),
            phase(label="Return", duration=2, frame="reach"),
            phase(label="Left arm back", duration=3, frame="sweep"),
        ],
        diagram=Diagram(frames={"reach": "R", "sweep": "S"}),
    )
    assert step_frames(phases_sharing) == [("Right arm back, Left arm back", "sweep"), ("Return", "reach")]
