"""The library a command or the app opens: every folder on the search path, through the compiled copy.

A folder the person named (`--routines`, `UNKNOT_ROUTINES`) that cannot be read is reported first,
as a problem at that folder, so the rest of the library still loads and the mistake is still said.
Neither PyYAML nor the loader is imported when the compiled copy is current: launching reads this.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..paths import folder_problem, named_routine_folders, routine_folders, user_cache_dir
from ..routines.problems import Problem
from .cache import CACHE_FILE, load_library_cached
from .library import Library


def named_folder_problems(extra_folders: Sequence[Path] = ()) -> list[Problem]:
    """Return a problem for each folder named by `extra_folders` or UNKNOT_ROUTINES that cannot be read."""
    return [
        Problem(folder, problem)
        for folder in named_routine_folders(extra_folders)
        if (problem := folder_problem(folder)) is not None
    ]


def open_library(extra_folders: Sequence[Path] = (), *, write: bool = True) -> Library:
    """Load every routine on the search path (with `extra_folders` last), the named folders' problems first.

    The compiled copy is used when current, and rewritten when not unless `write` is False.
    """
    library = load_library_cached(routine_folders(extra_folders), user_cache_dir() / CACHE_FILE, write=write)
    library.problems[:0] = named_folder_problems(extra_folders)
    return library
