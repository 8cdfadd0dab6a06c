"""`use: ROUTINE_ID/STEP_ID`: steps reused across routines, resolved over the whole library."""

from __future__ import annotations

import difflib
import textwrap
from pathlib import Path

import pytest

from unknot.cli import main
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir
from unknot.core.routines.diagrams import tidy_art
from unknot.core.routines.model import Diagram
from unknot.core.routines.step_ids import step_ids, title_slug


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_step_ids_come_from_titles_unless_given() -> None:
    assert title_slug("Child's pose") == "childs-pose"
    assert title_slug("Cat / cow") == "cat-cow"
    assert title_slug("Knees to chest") == "knees-to-chest"
    library = load_library([shipped_routines_dir()])
    ids = step_ids(library.routines["floor-stretches"].routine.steps)
    assert ids == ["knees-to-chest", "lying-spinal-twist", "cat-cow", "cobra", "childs-pose"]


def test_four_use_lines_make_a_routine_with_diagrams_and_overrides(tmp_path: Path) -> None:
    write(
        tmp_path,
        "my-evening.yaml",
        """
        title: My evening
        steps:
          - use: floor-stretches/knees-to-chest
          - use: floor-stretches/lying-spinal-twist
            duration: 45s
          - use: floor-stretches/cat-cow
            reps: 4
            cues: []
          - use: floor-stretches/childs-pose
            title: Long child's pose
            duration: 1m
        """,
    )
    library = load_library([shipped_routines_dir(), tmp_path])
    assert library.errors == []
    evening = library.routines["my-evening"].routine
    floor = library.routines["floor-stretches"].routine
    assert [step.title for step in evening.steps] == [
        "Knees to chest",
        "Lying spinal twist",
        "Cat / cow",
        "Long child's pose",
    ]
    assert evening.steps[0] == floor.steps[0]
    assert evening.steps[1].duration == 45 and evening.steps[1].sides == floor.steps[1].sides
    assert evening.steps[2].reps == 4 and evening.steps[2].phases == floor.steps[2].phases
    used, original = evening.steps[3].diagram, floor.steps[4].diagram
    assert isinstance(used, Diagram) and isinstance(original, Diagram)
    assert used.frames == {name: tidy_art(art) for name, art in original.frames.items()}
    assert all(step.use is None for step in evening.steps)
    assert library.routines["my-evening"].total_seconds > 0


def test_errors_are_located_at_the_use_line_with_a_guess(tmp_path: Path) -> None:
    write(
        tmp_path,
        "mine.yaml",
        """
        title: Mine
        steps:
          - title: Own step
            duration: 10
          - use: floor-stretches/cobbra
          - use: flor-stretches/cobra
          - use: mine/own-step
            reps: 3
        """,
    )
    library = load_library([shipped_routines_dir(), tmp_path])
    messages = [str(problem).split("mine.yaml:", 1)[1] for problem in library.errors]
    assert messages == [
        "5:10: steps[1].use: routine 'floor-stretches' has no step 'cobbra'; did you mean 'floor-stretches/cobra'?",
        "6:10: steps[2].use: no routine 'flor-stretches'; did you mean 'floor-stretches'?",
    ]
    assert "mine" not in library.routines and "floor-stretches" in library.routines


def test_a_chain_or_a_broken_source_is_a_clear_error_never_a_hang(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "title: A\nsteps:\n  - use: b/one\n  - {title: Two, duration: 5}\n")
    write(tmp_path, "b.yaml", "title: B\nsteps:\n  - {id: one, use: a/two}\n")
    write(tmp_path, "broken.yaml", "title: Broken\nsteps:\n  - {title: x, duration: forever}\n")
    write(tmp_path, "c.yaml", "title: C\nsteps:\n  - use: broken/x\n")
    library = load_library([tmp_path])
    by_file = {problem.path.name: problem.message for problem in library.errors}
    assert by_file["a.yaml"] == "b/one is itself `use: a/two`; use the original step instead (no chains)"
    assert "b" in library.routines  # b's own use of a/two is a written-out step: fine
    assert by_file["c.yaml"].startswith("routine 'broken' did not load (")
    assert by_file["c.yaml"].endswith("broken.yaml); fix it first")


def test_the_result_is_checked_like_any_step(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", "title: Bad\nsteps:\n  - use: floor-stretches/cat-cow\n    duration: 30\n")
    library = load_library([shipped_routines_dir(), tmp_path])
    (problem,) = library.errors
    assert problem.message == "a step with phases is timed by its phases; remove duration"
    assert (problem.line, problem.field) == (4, "steps[0].duration")  # at the override


def test_step_without_title_or_use_and_duplicate_ids(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.yaml",
        "title: T\nsteps:\n  - {duration: 5}\n  - {id: a, title: A, duration: 5}\n  - {id: a, title: B, duration: 5}\n",
    )
    library = load_library([tmp_path])
    assert [problem.message for problem in library.errors] == [
        "missing required key `title` (or `use:` a step of another routine)",
        "steps[1] has the id 'a' already",
    ]


def test_validate_of_one_file_resolves_against_the_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "evening.yaml", "title: Evening\nsteps:\n  - use: floor-stretches/cobra\n")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == "1 routine valid\n"
    assert main(["--routines", str(tmp_path), "show", "evening"]) == 0
    out = capsys.readouterr().out
    assert "1. Cobra" in out and "use:" not in out


def test_did_you_mean_is_bounded_however_many_references_are_misspelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pack of many routines and many misspelled `use:` lines loads without comparing each with all."""
    from unknot.core.routines import suggestions

    steps = "".join(f"  - {{title: Stretch number {n}, duration: 30s}}\n" for n in range(10))
    for number in range(150):
        write(tmp_path, f"pack-{number}.yaml", f"title: Pack {number}\nsteps:\n{steps}")
    uses = "".join(f"  - use: pack-{n}/strech-numbr-{n}-x\n" for n in range(150))
    uses += "".join(f"  - use: pakc-{n}/stretch-number-1\n" for n in range(150))
    write(tmp_path, "mine.yaml", f"title: Mine\nsteps:\n{uses}")
    compared = 0
    real = difflib.get_close_matches

    def counted(word: str, possibilities: list[str], n: int, cutoff: float) -> list[str]:
        nonlocal compared
        compared += len(possibilities)
        return real(word, possibilities, n=n, cutoff=cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    library = load_library([tmp_path])
    problems = [str(problem) for problem in library.errors]
    assert len(problems) == 300
    own_steps = 150 * 10  # each misspelled step is first compared with its own routine's ten
    assert compared <= suggestions.SUGGESTION_BUDGET + own_steps
    assert "did you mean 'pack-0/stretch-number-0'?" in problems[0]  # the first ones still get their hint
