"""Plans loaded for checking (`unknot validate`): named plan files and folders, or every plan folder.

A file is a plan when it sits in a folder named `plans`; a folder named `plans` is a folder of plans,
and any other folder named may hold one (as a `--routines` folder does). Every plan checked is also
checked against the routines it names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..paths import PLAN_FOLDER, plan_folders, yaml_files
from ..routines.model import Routine
from .loading import PlanBook, add_plan_files, check_book_against, load_plans


def is_plan_path(path: Path) -> bool:
    """Whether a named file or folder holds plans rather than routines (by its folder's name)."""
    return path.name == PLAN_FOLDER if path.is_dir() else path.parent.name == PLAN_FOLDER


def check_plans(paths: Sequence[Path], extra_folders: Sequence[Path], routines: Mapping[str, Routine]) -> PlanBook:
    """Load the plans among `paths` (every plan folder when none is named), with every problem they have."""
    if not paths:
        book = load_plans(plan_folders(extra_folders))
    else:
        book = PlanBook()
        for path in paths:
            if is_plan_path(path):
                add_plan_files(yaml_files(path) if path.is_dir() else [path], book)
            elif path.is_dir() and (path / PLAN_FOLDER).is_dir():
                add_plan_files(yaml_files(path / PLAN_FOLDER), book)
    book.problems += check_book_against(book, routines)
    return book
