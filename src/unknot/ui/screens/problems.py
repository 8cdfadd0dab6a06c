"""A list of every located problem found while loading routine files."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.routines.problems import Problem, Severity


class ProblemsScreen(ModalScreen[None]):
    """Shows `file:line:col: field: message` for each problem; Esc closes."""

    BINDINGS = [Binding("escape,q,e", "dismiss", "Close", id="problems.close")]

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        """Lay out a heading and the problems, errors first."""
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        notices = [p for p in self.problems if p.severity is Severity.NOTICE]
        with Vertical(id="problems-dialog", classes="dialog"):
            files = len({problem.path for problem in errors})
            title = f"{plural(len(errors), 'problem')} in {plural(files, 'routine file')}" + (
                f", {plural(len(notices), 'notice')}" if notices else ""
            )
            yield Static(title if errors or notices else "Routine files", classes="dialog-title", markup=False)
            with VerticalScroll():
                text = "\n".join(f"{p.severity.value}: {p}" for p in [*errors, *notices]) or "No problems."
                yield Static(text, markup=False, id="problems-text")
            yield Static("A fixed file reloads by itself · more: unknot doctor · Esc to close", classes="dialog-hint")


def plural(count: int, word: str) -> str:
    """Return `1 problem`, `2 problems`."""
    return f"{count} {word}{'' if count == 1 else 's'}"
