"""The library loaded for checking (`unknot validate`, after `unknot edit`): named files and folders, every problem.

Checking never uses the compiled copy. A file being checked may `use:` a step of any routine on the
search path, and draw a diagram from any folder on it, so those are read too; only the named files and
folders are checked, and a folder named both ways is read once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..paths import folder_problem, routine_folders, yaml_files
from ..routines.problems import Problem
from .library import Library
from .loader import Unresolved, add_routine_files, load_diagrams, load_library
from .opening import named_folder_problems


def load_for_checking(paths: Sequence[Path], extra_folders: Sequence[Path] = ()) -> Library:
    """Load `paths` (files or folders; the whole search path when none) with every problem they have.

    `extra_folders` are the folders named by `--routines`, searched after the usual ones; those that
    cannot be read (and those in UNKNOT_ROUTINES) are the first problems.
    """
    folders = routine_folders(extra_folders)
    library = load_library(folders) if not paths else _load_named(paths, folders)
    library.problems[:0] = named_folder_problems(extra_folders)
    return library


def _load_named(paths: Sequence[Path], folders: Sequence[Path]) -> Library:
    """Load only `paths`, with the diagrams of every folder and `use:` resolved over the search path too."""
    library = Library()
    targets = [path for path in paths if path.is_dir()]
    searched = [folder for folder in folders if not any(_same(folder, target) for target in targets)]
    load_diagrams([*searched, *targets], library)
    unresolved = Unresolved()
    for path in paths:
        if path.is_dir():
            problem = folder_problem(path)
            if problem is not None:
                library.problems.append(Problem(path, problem))
            else:
                add_routine_files(yaml_files(path), library, unresolved)
        elif not path.exists() and not path.is_symlink():
            library.problems.append(Problem(path, "no such file or folder"))
        else:
            add_routine_files([path], library, unresolved)
    # `use:` may name any routine on the search path, not only those being checked.
    unresolved.resolve(library, load_library(searched).routines if unresolved.pending else None)
    return library


def _same(one: Path, other: Path) -> bool:
    """Whether two paths name the same existing file or folder."""
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except OSError:
        return False
