"""The overview of the highlighted routine: what it is, what it needs, its steps."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from ...core.library.library import LibraryEntry
from ...core.routines.describe import (
    EQUIPMENT_NAMES,
    SAFETY_NOTE,
    diagram_art,
    reflow,
    step_timing_text,
    total_words,
)


def overview_content(entry: LibraryEntry) -> Content:
    """Return the whole overview of one routine as plain-text Content with light styling.

    What to set up comes before the words: the kit as a checklist and the first step's drawing,
    so the balls or the roller are in place before Enter.
    """
    routine = entry.routine
    parts: list[str | tuple[str, str]] = [(routine.title, "bold $text-accent"), "\n"]
    if routine.summary:
        parts += [(routine.summary, "italic"), "\n"]
    parts += [
        "\n",
        ("Time ", "dim"),
        total_words(entry.total_seconds, entry.timeline.has_until_done),
        ("   Intensity ", "dim"),
        routine.intensity,
        "\n",
    ]
    if routine.areas:
        parts += [("Areas ", "dim"), ", ".join(area.replace("-", " ") for area in routine.areas), "\n"]
    parts += ["\n", ("You need", "bold"), "\n"]
    if routine.equipment:
        for item in routine.equipment:
            name = EQUIPMENT_NAMES[item]
            parts += [("[ ] ", "$text-accent"), name[:1].upper() + name[1:], "\n"]
    else:
        parts += [("no equipment", "dim"), "\n"]
    first = routine.steps[0]
    art = diagram_art(first)
    parts += ["\n", ("First ", "bold"), first.title, "  ", (step_timing_text(first), "$text-accent"), "\n"]
    if art:
        parts += [(art, "$text-muted"), "\n"]
    if routine.description:
        parts += ["\n", reflow(routine.description), "\n"]
    parts += ["\n", ("Before you start", "bold $text-warning"), "\n"]
    for caution in routine.cautions:
        parts += [("! ", "$text-warning"), caution, "\n"]
    parts += [("! ", "$text-warning"), (SAFETY_NOTE, "dim"), "\n", "\n", ("Steps", "bold"), "\n"]
    for number, step in enumerate(routine.steps, start=1):
        parts += [(f"{number:>2}. ", "dim"), step.title, "  ", (step_timing_text(step), "$text-accent"), "\n"]
    if routine.credits:
        parts += ["\n", (routine.credits, "dim italic")]
    return Content.assemble(*parts)


class Overview(VerticalScroll):
    """Shows the routine handed down in `entry`, or a hint when there is none."""

    entry: var[LibraryEntry | None] = var(None)
    """The routine to describe."""

    def compose(self) -> ComposeResult:
        """Lay out the single text block."""
        yield Static(id="overview-text")

    def watch_entry(self, entry: LibraryEntry | None) -> None:
        """Render the new routine, scrolled to the top."""
        text = self.query_one("#overview-text", Static)
        if entry is None:
            text.update(Content("No routine matches the filter."))
        else:
            text.update(overview_content(entry))
        self.scroll_home(animate=False)
