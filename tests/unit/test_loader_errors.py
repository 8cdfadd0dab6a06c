"""Every kind of routine-file error comes back located: file, line, column, field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from unknot.core.library.library import Library
from unknot.core.library.loader import add_routine_files, load_library, load_routine_file
from unknot.core.paths import shipped_routines_dir
from unknot.core.routines.problems import Severity


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def only_problem(path: Path) -> str:
    routine, problems = load_routine_file(path, {})
    assert routine is None
    assert len(problems) >= 1
    return str(problems[0])


GOOD_STEP = "  - {title: Hold, duration: 30s}\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "title: x\nsteps:\n  - title: a\n    duration: forever\n",
            ":4:15: steps[0].duration: expected a duration like 30s or 1m30s, got 'forever'",
        ),
        ("title: x\nstep:\n" + GOOD_STEP, ":2:1: step: unknown key 'step'; did you mean 'steps'?"),
        (
            "title: x\nsteps:\n  - title: a\n    duraton: 3\n",
            ":4:5: steps[0].duraton: unknown key 'duraton'; did you mean 'duration'?",
        ),
        ("title: x\ntitle: y\nsteps:\n" + GOOD_STEP, ":2:1: duplicate key 'title'"),
        ("steps:\n" + GOOD_STEP, ":1:1: missing required key `title`"),
        ("title: x\nsteps:\n  - title: a\n", ":3:5: steps[0]: a step needs a duration, phases, or until_done: true"),
        ("title: x\nsteps:\n  - {title: a, duration: 0}\n", ":3:26: steps[0].duration: must be at least 1s, got 0s"),
        ("title: x\nsteps:\n  - {title: a, duration: 24h}\n", "steps[0].duration: must be at most 1h, got 24h"),
        (
            "title: x\nsteps:\n  - {title: a, duration: 30, cues: [{at: 40, text: hi}]}\n",
            "steps[0].cues[0].at: the cue comes at 40s but the step lasts 30s",
        ),
        (
            "title: x\nsteps:\n  - {title: a, duration: 30, diagram: nope}\n",
            ":3:39: steps[0].diagram: no diagram named 'nope' in the diagram library",
        ),
        (
            "title: x\nsteps:\n  - {title: a, duration: 30, sides: [left, left]}\n",
            "steps[0].sides: the two sides must differ",
        ),
        (
            "title: x\nsteps:\n  - {title: a, until_done: true, duration: 3}\n",
            "steps[0].duration: an until_done step waits for a key press; remove this",
        ),
        ("title: x\nsteps:\n  - {title: a, reps: 3}\n", "steps[0].reps: reps need a duration for each rep, or phases"),
        (
            "title: x\nareas: [back]\nsteps:\n" + GOOD_STEP,
            ":2:9: areas[0]: 'back' is not one of neck, shoulders, upper-back, mid-back or lower-back; did you mean 'mid-back'?",
        ),
        ("title: x\nsteps: []\n", ":2:8: steps: steps needs at least one step"),
        (
            "title: x\ncautions: Be careful\nsteps:\n" + GOOD_STEP,
            ":2:11: cautions: cautions is a list: write each caution on its own line starting with '- '",
        ),
        (
            "title: x\nequipment: [Tennis Ball]\nsteps:\n" + GOOD_STEP,
            ":2:13: equipment[0]: 'Tennis Ball' is not a name Unknot can use: lower-case letters, digits and dashes, "
            "like 'tennis-ball'",
        ),
        (
            "title: x\nsteps:\n  - title Lying twist\n    duration: 3\n",
            ":3:5: a ':' is missing after the key here: write `title: Lying twist`",
        ),
        (
            "title: x\nsteps:\n  - title: a\n    duration 3\n    reps: 2\n",
            ":4:5: a ':' is missing after the key here: write `duration: 3`",
        ),
        (
            "title: x\nsteps:\n  - title: a\n\tduration: 3\n",
            ":4:1: found a tab character that violates indentation: replace the tabs with spaces",
        ),
        (
            "title: x\nsteps:\n- title: a\n  duration: 3\n - title: b\n",
            ":5:2: did not find expected key: a line is indented less, or more, than the block it belongs to",
        ),
        ("title: 42\nsteps:\n" + GOOD_STEP, ":1:8: title: expected `str`, got `int`"),
        ("- a\n- b\n", ":1:1: expected a routine (a mapping of keys), got a list"),
        ("just text\n", ":1:1: expected a routine (a mapping of keys), got text"),
        (
            "title: x\nsteps:\n  - {title: a, duration: 30, diagram: {frames: {a: 'x'}}, phases: []}\n",
            "steps[0].phases: phases needs at least one phase",
        ),
        ("title: [unclosed\n", ":2:1: "),
        ("title: !!python/object/apply:os.system [ls]\nsteps: []\n", ":1:8: the tag"),
    ],
)
def test_errors_are_located(tmp_path: Path, body: str, expected: str) -> None:
    path = write(tmp_path, "r.yaml", body)
    assert expected in only_problem(path)
    assert only_problem(path).startswith(f"{path}:")


def test_phase_frames_must_exist(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "r.yaml",
        """
        title: x
        steps:
          - title: a
            phases: [{label: In, duration: 3, frame: up}]
            diagram: {frames: {down: "o"}}
        """,
    )
    assert "steps[0].phases[0].frame: no frame 'up'; the diagram has: down" in only_problem(path)


def test_inline_diagram_too_big(tmp_path: Path) -> None:
    art = "\n".join("      " + "x" * 40 for _ in range(3))
    path = write(tmp_path, "r.yaml", "title: x\nsteps:\n  - title: a\n    duration: 3\n    diagram: |\n" + art + "\n")
    assert "steps[0].diagram: the diagram is 40 columns by 3 rows" in only_problem(path)


def test_all_unknown_keys_are_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "r.yaml", "title: x\ncolour: red\nsteps:\n  - {title: a, duration: 3, speed: 2}\n")
    _, problems = load_routine_file(path, {})
    assert [problem.field for problem in problems] == ["colour", "steps[0].speed"]


def test_id_comes_from_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "My Stretch.yaml", "title: x\nsteps:\n" + GOOD_STEP)
    routine, problems = load_routine_file(path, {})
    assert problems == [] and routine is not None and routine.id == "my-stretch"


def test_duplicate_ids_in_one_folder_are_errors(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "id: same\ntitle: A\nsteps:\n" + GOOD_STEP)
    write(tmp_path, "b.yaml", "id: same\ntitle: B\nsteps:\n" + GOOD_STEP)
    library = load_library([tmp_path])
    assert list(library.routines) == ["same"]
    assert library.routines["same"].routine.title == "A"
    assert len(library.errors) == 1 and "duplicate id 'same'" in str(library.errors[0])


def test_later_folder_replaces_with_a_notice(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    write(first, "a.yaml", "title: First\nsteps:\n" + GOOD_STEP)
    write(second, "a.yaml", "title: Second\nsteps:\n" + GOOD_STEP)
    library = load_library([first, second])
    assert library.routines["a"].routine.title == "Second"
    assert library.errors == []
    assert [problem.severity for problem in library.problems] == [Severity.NOTICE]
    assert "replaces the routine 'a'" in library.problems[0].message


def test_one_bad_file_never_hides_the_good_ones(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", "title: Good\nsteps:\n" + GOOD_STEP)
    write(tmp_path, "bad.yaml", "title: Bad\nsteps: nope\n")
    library = Library()
    add_routine_files(sorted(tmp_path.iterdir()), library)
    assert list(library.routines) == ["good"]
    assert len(library.errors) == 1


def test_shared_diagrams_are_found_by_name(tmp_path: Path) -> None:
    (tmp_path / "diagrams").mkdir()
    write(tmp_path / "diagrams", "pose.yaml", "frames:\n  a: |2\n     o\n    /|\\\n")
    write(tmp_path, "r.yaml", "title: x\nsteps:\n  - {title: a, duration: 3, diagram: pose}\n")
    library = load_library([tmp_path])
    assert library.problems == []
    step = library.routines["r"].routine.steps[0]
    assert step.diagram is not None and not isinstance(step.diagram, str)


@pytest.mark.parametrize("field", ["id", "steps[0].id"])
def test_an_id_ending_in_a_newline_is_refused(tmp_path: Path, field: str) -> None:
    """`quick\\n` used to pass the pattern (Python's `$` matches before a last newline)."""
    body = (
        'id: "quick\\n"\ntitle: x\nsteps:\n' + GOOD_STEP
        if field == "id"
        else 'title: x\nsteps:\n  - {title: Hold, duration: 30s, id: "hold\\n"}\n'
    )
    path = write(tmp_path, "quick.yaml", body)
    assert f"{field}:" in only_problem(path)


def test_a_word_where_a_number_goes_is_said_in_the_files_terms(tmp_path: Path) -> None:
    path = write(tmp_path, "words.yaml", "title: x\nsteps:\n  - {title: a, duration: 3s, reps: five}\n")
    assert "steps[0].reps: reps is a whole number (like 5), not 'five'" in only_problem(path)


def test_an_unknown_diagram_name_suggests_the_closest(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", "title: x\nsteps:\n  - title: a\n    duration: 3\n    diagram: knee-to-chest\n")
    library = load_library([shipped_routines_dir(), tmp_path])
    assert [str(problem).split(": ", 1)[1] for problem in library.errors] == [
        "steps[0].diagram: no diagram named 'knee-to-chest' in the diagram library; did you mean 'knees-to-chest'?"
    ]


def test_any_kit_name_loads_and_a_near_miss_of_a_known_one_is_a_notice(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", "title: x\nequipment: [tennis-ball, chair, acupresure-mat]\nsteps:\n" + GOOD_STEP)
    library = load_library([tmp_path])
    assert library.routines["r"].routine.equipment == ["tennis-ball", "chair", "acupresure-mat"]
    assert library.errors == []
    (notice,) = library.problems
    assert notice.severity is Severity.NOTICE and (notice.line, notice.column) == (2, 33)
    assert (
        notice.message
        == "'acupresure-mat' is not kit Unknot knows; did you mean 'acupressure-mat'? (any name is allowed)"
    )
