"""The overview of the highlighted routine: what it is, what it needs, its steps."""

from __future__ import annotations

from collections.abc import Collection

from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from ...core.library.library import LibraryEntry
from ...core.routines.describe import (
    SAFETY_NOTE,
    diagram_art,
    kit_words,
    reflow,
    step_timing_text,
    total_words,
)
from ...core.routines.text import shown_path
from ...core.standings import missing_kit


def overview_content(entry: LibraryEntry, owned: Collection[str] | None = None) -> Content:
    """Return the whole overview of one routine as plain-text Content with light styling.

    What to set up comes before the words: the kit as a checklist and the first step's drawing,
    so the balls or the roller are in place before Enter. Kit not in `owned` (the kit the person
    said they have; None: not said) is marked.
    """
    routine = entry.routine
    parts: list[str | tuple[str, str]] = [(routine.title, "bold $text-accent"), "\n"]
    if entry.look_alike:
        parts += [
            ("Not the routine shipped with Unknot of this name: ", "bold $text-warning"),
            (shown_path(entry.path), "$text-warning"),
            "\n",
        ]
    if routine.summary:
        parts += [(routine.summary, "italic"), "\n"]
    parts += [
        "\n",
        ("Time ", "dim"),
        total_words(entry.total_seconds, entry.open_ended),
        ("   Intensity ", "dim"),
        routine.intensity,
        "\n",
    ]
    if routine.areas:
        parts += [("Areas ", "dim"), ", ".join(area.replace("-", " ") for area in routine.areas), "\n"]
    parts += ["\n", ("You need", "bold"), "\n"]
    if routine.equipment:
        lacking = missing_kit(routine.equipment, owned)
        for item in routine.equipment:
            name = kit_words(item)
            parts += [("[ ] ", "$text-accent"), name[:1].upper() + name[1:]]
            parts += [("  not in your kit (Settings)", "$text-warning"), "\n"] if item in lacking else ["\n"]
        if owned is None:
            parts += [("Missing some? Tick your kit in Settings (s).", "dim"), "\n"]
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


class Overview(ScrollView):
    """Shows the routine handed down in `entry`, or a hint when there is none.

    Drawn line by line: moving to another routine repaints only the lines whose text changed,
    with no layout pass however long the new overview is (over a slow link, that is the lag of
    every cursor move in the list).
    """

    DEFAULT_CSS = """
    Overview {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    entry: var[LibraryEntry | None] = var(None)
    """The routine to describe."""
    owned: var[tuple[str, ...] | None] = var(None)
    """The kit the person has (None: not said): other kit is marked."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[Strip] = []
        self._drawn_for: tuple[int, object] | None = None
        """The width and style the lines were drawn for."""

    @property
    def text(self) -> str:
        """The overview as plain text, a line per line shown."""
        return "\n".join(strip.text.rstrip() for strip in self._lines)

    def watch_entry(self) -> None:
        """Describe the new routine, from the top."""
        if self.scroll_offset.y:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._draw()

    def watch_owned(self) -> None:
        """Mark the kit again."""
        self._draw()

    def on_resize(self) -> None:
        """Wrap the text again for the new width."""
        self._draw(changed_only=False)

    def notify_style_update(self) -> None:
        """A new theme: draw again in its colours."""
        super().notify_style_update()
        if self.is_mounted:
            self._draw(changed_only=False)

    def _draw(self, changed_only: bool = True) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        entry = self.entry
        content = Content("No routine matches the filter.") if entry is None else overview_content(entry, self.owned)
        style = self.visual_style
        lines = [
            strip.extend_cell_length(width, style.rich_style).crop(0, width)
            for strip in Visual.to_strips(self, content, width, None, style)
        ]
        old, self._lines = self._lines, lines
        size = Size(width, len(lines))
        if size != self.virtual_size:
            # Set without the layout pass a new size would cost; only the scrollbar needs telling.
            self.set_reactive(Overview.virtual_size, size)
            self._scroll_update(size)
        if not changed_only or self._drawn_for != (width, style):
            self._drawn_for = (width, style)
            self.refresh()
            return
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        for y in range(top, top + height):
            before = old[y] if y < len(old) else None
            after = lines[y] if y < len(lines) else None
            if before is None and after is None:
                break
            if before is None or after is None or list(before) != list(after):
                self.refresh_lines(y)

    def refresh_lines(self, y_start: int, line_count: int = 1) -> None:
        """Repaint lines of the text only (the default also repaints the space right of it)."""
        width = self.scrollable_content_region.width
        self.refresh(Region(0, y_start - self.scroll_offset.y, width, line_count))

    def render_line(self, y: int) -> Strip:
        """Line `y` of the visible overview."""
        line = self.scroll_offset.y + y
        if line < len(self._lines):
            return self._lines[line]
        return Strip.blank(self.scrollable_content_region.width, self.visual_style.rich_style)
