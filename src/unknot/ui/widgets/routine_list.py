"""The list of routines in the browser."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.history.due import DueRow, DueStatus
from ...core.library.library import LibraryEntry
from ...core.library.search import SearchHit, match_spans
from ...core.routines.describe import equipment_text, total_text


def due_badge(row: DueRow | None) -> tuple[str, str] | None:
    """Return the word for a routine's standing and its style: `due`, `2/5 today`, `at limit` (or None)."""
    if row is None:
        return None
    if row.status is DueStatus.DUE:
        return ("due", "bold $text-warning")
    if row.status is DueStatus.AT_LIMIT:
        return ("at limit", "bold $text-error")
    counted = row.limit_text()
    if counted and (row.count_today or row.count_week):
        return (counted, "$text-success")
    return None


def routine_prompt(
    entry: LibraryEntry,
    query: str = "",
    found_in: tuple[str, ...] = (),
    recent: bool = False,
    due: DueRow | None = None,
) -> Content:
    """Return a routine's two-line entry: title (what the filter matched marked), then time and equipment.

    A routine found by words outside its title says where they were; a recently played one says so.
    Everything is plain text: titles come from files.
    """
    title = entry.routine.title
    pieces: list[str | tuple[str, str]] = []
    at = 0
    for start, end in match_spans(title, query) if query else []:
        pieces += [(title[at:start], "bold"), (title[start:end], "bold underline $text-accent")]
        at = end
    pieces.append((title[at:], "bold"))
    time = total_text(entry.total_seconds, entry.timeline.has_until_done)
    second: list[str | tuple[str, str]] = [(time, "$text-accent"), (" · " + equipment_text(entry.routine), "dim")]
    if query and found_in and "title" not in found_in:
        second.append((" · in " + ", ".join(found_in), "italic $text-accent"))
    if recent:
        second.insert(0, ("recent · ", "$text-success"))
    badge = due_badge(due)
    if badge is not None:
        second[:0] = [badge, (" · ", "dim")]
    return Content.assemble(*pieces, "\n", *second)


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

    def show_hits(
        self,
        hits: Sequence[SearchHit],
        query: str = "",
        recent: Collection[str] = (),
        due: Mapping[str, DueRow] | None = None,
        keep: str | None = None,
    ) -> None:
        """Replace the options with the routines found, keeping `keep` highlighted when it is still there."""
        due = due or {}
        self.set_options(
            Option(
                routine_prompt(
                    hit.entry, query, () if hit.in_title else hit.fields, hit.entry.id in recent, due.get(hit.entry.id)
                ),
                id=hit.entry.id,
            )
            for hit in hits
        )
        ids = [hit.entry.id for hit in hits]
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
