"""Reading plan files from the plan folders into a book of valid plans and located problems.

Plan files are read exactly as routine files are (the same guarded YAML reader, the same located
errors with "did you mean"); a later folder's plan replaces an earlier one with the same id, with a
notice. The routines a plan names are checked by `check_book_against` (for `unknot validate`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..library.loader import Located, file_id, read_struct_file, readable_name
from ..paths import folder_problem, yaml_files
from ..routines.model import Routine
from ..routines.problems import Problem, Severity
from .checks import check_against_routines, check_plan
from .model import Plan


@dataclass(frozen=True)
class PlanEntry:
    """A valid plan, the file it came from, and how to locate more problems in it."""

    plan: Plan
    path: Path
    located: Located

    @property
    def id(self) -> str:
        """The plan's id (from its file name when the file gives none)."""
        return self.plan.id or file_id(self.path)


@dataclass
class PlanBook:
    """Every valid plan by id, and the problems found on the way."""

    plans: dict[str, PlanEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stopped a file from loading."""
        return [problem for problem in self.problems if problem.severity is Severity.ERROR]


def load_plan_file(path: Path) -> tuple[PlanEntry | None, list[Problem]]:
    """Read and check one plan file; return it, or None and its problems."""
    plan, problems, located = read_struct_file(path, Plan, "a plan")
    if plan is None:
        return None, problems
    findings = check_plan(plan)
    if findings:
        return None, [located.problem(where, message) for where, message in findings]
    if plan.id is None:
        plan.id = file_id(path)
    return PlanEntry(plan, path, located), []


def add_plan_files(paths: Iterable[Path], book: PlanBook) -> None:
    """Load plan files into `book`; a repeated id in one batch is an error, across folders a replacement."""
    from ..library.library import Library  # readable_name reports into a Library's problems

    names = Library()
    seen_here: dict[str, Path] = {}
    for path in paths:
        if not readable_name(path, names):
            continue
        entry, problems = load_plan_file(path)
        book.problems += problems
        if entry is None:
            continue
        if entry.id in seen_here:
            book.problems.append(
                Problem(path, f"duplicate id {entry.id!r}: {seen_here[entry.id]} has it too", field="id")
            )
            continue
        seen_here[entry.id] = path
        earlier = book.plans.get(entry.id)
        if earlier is not None:
            book.problems.append(
                Problem(path, f"replaces the plan {entry.id!r} from {earlier.path}", severity=Severity.NOTICE)
            )
        book.plans[entry.id] = entry
    book.problems += names.problems


def load_plans(folders: Iterable[Path]) -> PlanBook:
    """Load every plan in `folders`, in order (a folder that does not exist holds none)."""
    book = PlanBook()
    for folder in folders:
        if folder.exists() and folder_problem(folder) is None:
            add_plan_files(yaml_files(folder), book)
    return book


def check_book_against(book: PlanBook, routines: Mapping[str, Routine]) -> list[Problem]:
    """Return, located, what is wrong with each plan given the library's routines, dropping those plans."""
    problems = []
    for plan_id, entry in list(book.plans.items()):
        findings = check_against_routines(entry.plan, routines)
        problems += [entry.located.problem(where, message) for where, message in findings]
        if findings:
            del book.plans[plan_id]
    return problems
