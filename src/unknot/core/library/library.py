"""The loaded library: valid routines by id, shared diagrams, and the problems met loading them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..routines.model import Diagram, Routine
from ..routines.problems import Problem, Severity
from ..routines.timeline import Timeline, build_timeline


@dataclass
class LibraryEntry:
    """A valid routine and where it came from."""

    routine: Routine
    path: Path

    @property
    def id(self) -> str:
        """The routine's id (from its file name when the file gives none)."""
        return self.routine.id or ""

    @cached_property
    def timeline(self) -> Timeline:
        """The routine expanded into segments, built once on first use."""
        return build_timeline(self.routine)

    @property
    def total_seconds(self) -> int:
        """The planned length of the routine in seconds."""
        return self.timeline.total_seconds


@dataclass
class Library:
    """Every valid routine found, by id in the order found, and every problem met."""

    routines: dict[str, LibraryEntry] = field(default_factory=dict)
    diagrams: dict[str, Diagram] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that kept a file from loading."""
        return [problem for problem in self.problems if problem.severity is Severity.ERROR]

    @property
    def notices(self) -> list[Problem]:
        """The problems worth knowing that did not stop anything loading."""
        return [problem for problem in self.problems if problem.severity is Severity.NOTICE]
