"""Offering to resume a session that was cut off (a dropped connection, a closed terminal)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...core.history.store import Checkpoint
from ...core.library.library import LibraryEntry
from ...core.routines.durations import format_clock
from ...core.session.player import Player


def resume_content(entry: LibraryEntry, player: Player) -> Content:
    """Return what is being offered: the routine, the step and the time left in it."""
    position = player.position()
    step = entry.routine.steps[position.segment.step_index]
    left = "until done" if position.length is None else f"{format_clock(position.shown_seconds)} left"
    return Content.assemble(
        ("Resume", "bold $text-accent"),
        "\n\n",
        (entry.routine.title, "bold"),
        "\n",
        f"Step {position.step_number} of {position.step_count}: {step.title}",
        "\n",
        (f"{position.segment.label if position.segment.kind.value == 'work' else 'Between steps'} · {left}", "dim"),
        "\n\n",
        ("Your session was cut off. Pick up exactly where you were?", "italic"),
    )


class ResumeScreen(Screen[bool]):
    """Shown before anything else when a session was interrupted: Enter resumes, n discards."""

    BINDINGS = [
        Binding("enter,y", "dismiss(True)", "Resume", id="resume.yes", key_display="enter"),
        Binding("n,escape", "dismiss(False)", "Discard", id="resume.no", key_display="n"),
    ]

    def __init__(self, entry: LibraryEntry, checkpoint: Checkpoint, player: Player) -> None:
        super().__init__()
        self.entry = entry
        self.checkpoint = checkpoint
        self.player = player

    def compose(self) -> ComposeResult:
        """Lay out the offer."""
        with Vertical(id="resume-card"):
            yield Static(resume_content(self.entry, self.player), id="resume-text")
            yield Static("Enter resume · n discard (it stays in history as interrupted)", classes="dialog-hint")
        yield Footer()
