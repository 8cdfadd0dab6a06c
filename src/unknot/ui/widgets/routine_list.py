"""The list of routines in the browser."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.library.library import LibraryEntry
from ...core.routines.describe import equipment_text, total_text


def routine_prompt(entry: LibraryEntry) -> Content:
    """Return a routine's two-line entry: title and time, then equipment (all plain text)."""
    time = total_text(entry.total_seconds, entry.timeline.has_until_done)
    return Content.assemble(
        (entry.routine.title, "bold"), "\n", (time, "$text-accent"), (" · " + equipment_text(entry.routine), "dim")
    )


class RoutineList(OptionList):
    """Routines to choose from; posts RoutineHighlighted and RoutineChosen."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="routines.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="routines.down"),
        Binding("enter", "select", "Start", id="routines.start"),
    ]

    @dataclass
    class RoutineHighlighted(Message):
        """The highlighted routine changed (None when the list is empty)."""

        routine_id: str | None

    @dataclass
    class RoutineChosen(Message):
        """The person chose a routine to play."""

        routine_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)

    def show_entries(self, entries: Sequence[LibraryEntry], keep: str | None = None) -> None:
        """Replace the options with `entries`, keeping `keep` highlighted when it is still there."""
        self.set_options(Option(routine_prompt(entry), id=entry.id) for entry in entries)
        ids = [entry.id for entry in entries]
        if ids:
            self.highlighted = ids.index(keep) if keep in ids else 0
        else:
            self.post_message(self.RoutineHighlighted(None))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Turn the generic highlight into a routine message."""
        event.stop()
        self.post_message(self.RoutineHighlighted(event.option_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn the generic selection into a routine message."""
        event.stop()
        if event.option_id is not None:
            self.post_message(self.RoutineChosen(event.option_id))
