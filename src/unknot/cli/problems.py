"""Printing located problems on stderr: each one, or the notices and a count of the files that failed."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..core.library.library import Library
from ..core.routines.problems import Problem


def print_problems(problems: Sequence[Problem]) -> None:
    """Print each problem as `file:line:col: field: message`."""
    for problem in problems:
        print(problem, file=sys.stderr)


def summarise_problems(library: Library) -> None:
    """Print the library's notices, and how many files could not be loaded (`unknot validate` says why)."""
    print_problems(library.notices)
    if library.errors:
        count = len(library.errors)
        print(
            f"unknot: {count} routine file{'s' if count != 1 else ''} could not be loaded; "
            "run `unknot validate` for the details",
            file=sys.stderr,
        )
