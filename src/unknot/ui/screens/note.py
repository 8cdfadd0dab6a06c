"""Writing a note after a session ("left side tighter today"): one line, bounded, optional."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ...core.history.notes import MAX_NOTE_LENGTH

NOTE_HINT = f"Enter to save · Esc to cancel · up to {MAX_NOTE_LENGTH} characters"


class NoteScreen(ModalScreen[str | None]):
    """Returns the note as typed (empty removes it), or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="note.cancel")]

    def __init__(self, note: str | None = None, *, touch: bool = False) -> None:
        super().__init__()
        self.note = note
        self.touch = touch

    def compose(self) -> ComposeResult:
        """Lay out the question, the line to type on, the keys (and buttons, for a finger)."""
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static("A note about this session (optional)", classes="dialog-title", markup=False)
            yield Input(
                self.note or "",
                placeholder="left side tighter today",
                max_length=MAX_NOTE_LENGTH,
                id="note-input",
                compact=True,
            )
            yield Static(NOTE_HINT, classes="dialog-hint", markup=False)
            if self.touch:
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Save note", id="note-save", variant="primary")
                    yield Button("Cancel", id="note-cancel")

    def on_mount(self) -> None:
        """The line takes the keys."""
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        """Close with what was typed."""
        event.stop()
        self.dismiss(event.value)

    @on(Button.Pressed)
    def tapped(self, event: Button.Pressed) -> None:
        """Save or cancel, for a finger."""
        event.stop()
        self.dismiss(self.query_one(Input).value if event.button.id == "note-save" else None)
