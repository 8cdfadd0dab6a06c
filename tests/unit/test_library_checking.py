"""The library loaded for checking, and the library opened for use: named paths, `use:`, folder problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from unknot.core.library.checking import load_for_checking
from unknot.core.library.opening import named_folder_problems, open_library

GOOD = "title: Mine\nsteps:\n  - {title: a, duration: 3}\n"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_without_paths_the_whole_search_path_is_checked() -> None:
    library = load_for_checking([])
    assert "floor-stretches" in library.routines and library.problems == []


def test_a_named_file_is_checked_alone_and_may_use_any_routine_on_the_search_path(tmp_path: Path) -> None:
    path = write(tmp_path, "evening.yaml", "title: Evening\nsteps:\n  - use: floor-stretches/cobra\n")
    library = load_for_checking([path])
    assert list(library.routines) == ["evening"] and library.problems == []
    assert library.routines["evening"].routine.steps[0].title == "Cobra"


def test_a_use_of_an_unknown_routine_is_an_error_at_the_use(tmp_path: Path) -> None:
    path = write(tmp_path, "evening.yaml", "title: Evening\nsteps:\n  - use: nowhere/cobra\n")
    [problem] = load_for_checking([path]).errors
    assert problem.path == path and problem.line == 3


def test_a_folder_on_the_search_path_and_named_too_is_read_once(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    write(folder, "mine.yaml", GOOD)
    library = load_for_checking([folder], [folder])
    assert list(library.routines) == ["mine"] and library.problems == []


def test_missing_and_unreadable_paths_are_problems_named_folders_first(tmp_path: Path) -> None:
    write(tmp_path, "one.yaml", GOOD)
    library = load_for_checking([tmp_path / "gone.yaml", tmp_path / "one.yaml"], [tmp_path / "nowhere"])
    assert [(problem.path.name, problem.message) for problem in library.problems] == [
        ("nowhere", "no such folder"),
        ("gone.yaml", "no such file or folder"),
    ]
    assert list(library.routines) == ["one"]


def test_named_folders_come_from_the_flag_and_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = write(tmp_path, "one.yaml", GOOD)
    monkeypatch.setenv("UNKNOT_ROUTINES", str(tmp_path / "gone"))
    problems = named_folder_problems([file, tmp_path])
    assert [(problem.path.name, problem.message) for problem in problems] == [
        ("gone", "no such folder"),
        ("one.yaml", "not a folder; name the folder that holds routine files"),
    ]


def test_the_opened_library_has_the_extra_folders_and_their_problems_first(tmp_path: Path) -> None:
    write(tmp_path / "mine", "mine.yaml", GOOD)
    library = open_library([tmp_path / "nowhere", tmp_path / "mine"], write=False)
    assert "mine" in library.routines and "floor-stretches" in library.routines
    assert [problem.message for problem in library.problems] == ["no such folder"]
