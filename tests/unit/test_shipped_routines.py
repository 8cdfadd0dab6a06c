"""The routines Unknot ships: all valid, all drawn, all within bounds, all careful."""

from __future__ import annotations

import pytest

from unknot.core.library.library import Library
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir
from unknot.core.routines.diagrams import MAX_COLUMNS, MAX_ROWS, art_size
from unknot.core.routines.model import Diagram

EXPECTED_IDS = {
    "floor-stretches",
    "pressure-points-hands",
    "massage-balls-spine",
    "foam-roller-back",
    "self-massage-home",
    "acupressure-mat",
    "muscle-spasm-relief",
    "desk-break",
}


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library([shipped_routines_dir()])


def test_every_shipped_file_loads_without_problems(shipped: Library) -> None:
    assert [str(problem) for problem in shipped.problems] == []
    assert set(shipped.routines) == EXPECTED_IDS


def test_every_step_has_a_diagram_within_bounds(shipped: Library) -> None:
    for entry in shipped.routines.values():
        for step in entry.routine.steps:
            assert isinstance(step.diagram, Diagram), (entry.id, step.title)
            for art in step.diagram.frames.values():
                columns, rows = art_size(art)
                assert columns <= MAX_COLUMNS and rows <= MAX_ROWS


def test_every_diagram_in_the_library_is_used(shipped: Library) -> None:
    used = {id(step.diagram) for entry in shipped.routines.values() for step in entry.routine.steps}
    unused = [name for name, diagram in shipped.diagrams.items() if id(diagram) not in used]
    assert unused == [], "drop or use these shared diagrams"


def test_every_routine_carries_cautions_and_a_summary(shipped: Library) -> None:
    for entry in shipped.routines.values():
        assert entry.routine.cautions, entry.id
        assert entry.routine.summary, entry.id
        assert entry.routine.areas, entry.id


def test_seed_facts_carry_over(shipped: Library) -> None:
    stretches = shipped.routines["floor-stretches"].routine
    cat_cow = next(step for step in stretches.steps if step.title.startswith("Cat"))
    assert cat_cow.reps == 10 and cat_cow.phases is not None
    assert next(step for step in stretches.steps if "twist" in step.title).sides == ["right", "left"]
    points = shipped.routines["pressure-points-hands"].routine
    press = next(step for step in points.steps if step.phases)
    assert press.reps in (3, 4)
    assert [int(phase.duration) for phase in press.phases or []] == [10, 60]
    assert "five times a day" in points.description
    roller = shipped.routines["foam-roller-back"].routine
    assert next(step for step in roller.steps if step.reps).reps == 5
    assert next(step for step in roller.steps if step.title == "Small circles").duration == 20


def test_total_times_add_up(shipped: Library) -> None:
    # get ready 5 + 30 + rest 10 + (30 + switch 5 + 30) + 10 + 60 + 10 + 20 + 10 + 60
    assert shipped.routines["floor-stretches"].total_seconds == 280


def test_every_caution_and_instruction_is_a_whole_sentence(shipped: Library) -> None:
    # A prose list written as a YAML flow list splits at its commas: "[Warm, not hot; …]" became
    # "Warm" and "not hot; …". Whatever split one shows up as a piece that starts in lower case.
    for entry in shipped.routines.values():
        routine = entry.routine
        texts = [*routine.cautions, *(text for step in routine.steps for text in (*step.cautions, step.instructions))]
        for text in texts:
            assert text[:1].isupper(), (entry.id, text)
            assert text.rstrip()[-1:] in ".!?", (entry.id, text)


def test_a_step_you_finish_yourself_flows_into_the_next(shipped: Library) -> None:
    # Getting into position or finding the spot prepares the next step: a rest between them would
    # have the person lie there waiting.
    for entry in shipped.routines.values():
        steps = entry.routine.steps
        for step in steps[:-1]:
            if step.until_done:
                assert step.rest_after == 0, (entry.id, step.title)


def test_the_desk_break_pressure_point_has_the_seeds_shape(shipped: Library) -> None:
    desk = shipped.routines["desk-break"].routine
    point = next(step for step in desk.steps if step.title == "Pressure point")
    assert [int(phase.duration) for phase in point.phases or []] == [10, 60]
