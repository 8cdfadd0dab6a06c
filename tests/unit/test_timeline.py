"""Expanding routines into segments."""

from __future__ import annotations

import msgspec

from unknot.core.routines.model import Routine, decode_hook
from unknot.core.routines.timeline import SegmentKind, build_timeline


def routine(**fields: object) -> Routine:
    data = {"id": "r", "title": "R", **fields}
    return msgspec.convert(data, Routine, dec_hook=decode_hook)


def test_get_ready_steps_and_rest_between_but_not_after_the_last() -> None:
    timeline = build_timeline(
        routine(get_ready=5, rest=10, steps=[{"title": "a", "duration": 30}, {"title": "b", "duration": 20}])
    )
    assert [(s.kind, s.seconds) for s in timeline.segments] == [
        (SegmentKind.GET_READY, 5),
        (SegmentKind.WORK, 30),
        (SegmentKind.REST, 10),
        (SegmentKind.WORK, 20),
    ]
    assert timeline.total_seconds == 65
    assert timeline.starts == [0, 5, 35, 45]


def test_sides_with_a_switch_pause_and_cues_on_each_side() -> None:
    timeline = build_timeline(
        routine(
            get_ready=0,
            switch_sides=5,
            steps=[
                {"title": "twist", "duration": 30, "sides": ["right", "left"], "cues": [{"at": 20, "text": "breathe"}]}
            ],
        )
    )
    kinds = [(s.kind, s.side, s.side_index) for s in timeline.segments]
    assert kinds == [
        (SegmentKind.WORK, "right", 0),
        (SegmentKind.SWITCH_SIDES, "left", 1),
        (SegmentKind.WORK, "left", 1),
    ]
    assert timeline.segments[0].cues == ((20, "breathe"),) == timeline.segments[2].cues
    assert timeline.segments[2].mirrored and not timeline.segments[0].mirrored
    assert [s.starts_step for s in timeline.segments] == [True, False, False]


def test_reps_of_phases() -> None:
    timeline = build_timeline(
        routine(
            get_ready=0,
            steps=[
                {
                    "title": "cat/cow",
                    "reps": 3,
                    "phases": [
                        {"label": "Inhale", "duration": 3, "frame": "cow"},
                        {"label": "Exhale", "duration": 3, "frame": "cat"},
                    ],
                }
            ],
        )
    )
    assert [(s.label, s.rep_index, s.rep_count, s.frame) for s in timeline.segments] == [
        ("Inhale", 0, 3, "cow"),
        ("Exhale", 0, 3, "cat"),
        ("Inhale", 1, 3, "cow"),
        ("Exhale", 1, 3, "cat"),
        ("Inhale", 2, 3, "cow"),
        ("Exhale", 2, 3, "cat"),
    ]
    assert timeline.total_seconds == 18


def test_cues_land_in_the_piece_that_covers_their_offset() -> None:
    timeline = build_timeline(
        routine(
            get_ready=0,
            steps=[
                {
                    "title": "press",
                    "reps": 2,
                    "phases": [{"label": "Press", "duration": 10}, {"label": "Hold", "duration": 60}],
                    "cues": [{"at": 15, "text": "steady"}],
                }
            ],
        )
    )
    assert timeline.segments[1].cues == ((5, "steady"),)
    assert all(not s.cues for i, s in enumerate(timeline.segments) if i != 1)


def test_until_done_and_rest_override() -> None:
    timeline = build_timeline(
        routine(
            get_ready=0,
            rest=10,
            steps=[{"title": "find", "until_done": True, "rest_after": 0}, {"title": "b", "reps": 2, "duration": 4}],
        )
    )
    assert [(s.label, s.seconds) for s in timeline.segments] == [("Until done", None), ("Rep", 4), ("Rep", 4)]
    assert timeline.has_until_done and timeline.total_seconds == 8
