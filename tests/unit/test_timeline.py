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


def test_cues_land_in_the_piece_that_covers_their_offset_in_every_rep() -> None:
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
    # The offset counts from the start of each rep: the cue comes in rep 1 and in rep 2.
    assert [(s.rep_index, s.label, s.cues) for s in timeline.segments if s.cues] == [
        (0, "Hold", ((5, "steady"),)),
        (1, "Hold", ((5, "steady"),)),
    ]


def test_extra_reps_lengthen_one_side_only() -> None:
    plan = routine(
        get_ready=0,
        switch_sides=0,
        steps=[{"title": "lift", "reps": 2, "duration": 5, "sides": ["right", "left"]}],
    )
    timeline = build_timeline(plan, {(0, 1): 1})
    reps = [(s.side, s.rep_index, s.rep_count) for s in timeline.segments]
    assert reps == [("right", 0, 2), ("right", 1, 2), ("left", 0, 3), ("left", 1, 3), ("left", 2, 3)]
    assert timeline.total_seconds == 25


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
