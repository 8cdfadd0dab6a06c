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
            yield Static(f"Routine files: {len(errors)} error(s), {len(notices)} notice(s)", classes="dialog-title")
            with VerticalScroll():
                text = "\n".join(f"{p.severity.value}: {p}" for p in [*errors, *notices]) or "No problems."
                yield Static(text, markup=False, id="problems-text")
            yield Static("Fix the files, then restart Unknot · Esc to close", classes="dialog-hint")
