"""The list of routines in the browser."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from ...core.glyphs import glyphs
from ...core.library.library import LibraryEntry
from ...core.library.search import SearchHit, match_spans
from ...core.routines.describe import equipment_text, total_text
from ...core.standings import DueRow, DueStatus


def due_badge(row: DueRow | None) -> tuple[str, str] | None:
    """Return the word for a routine's standing and its style: `due`, `2/5 today`, `at limit`, `no kit` (or None)."""
    if row is None:
        return None
    if row.missing_kit:
        return ("no kit", "$text-warning")
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
    title = entry.card.title
    pieces: list[str | tuple[str, str]] = []
    at = 0
    for start, end in match_spans(title, query) if query else []:
        pieces += [(title[at:start], "bold"), (title[start:end], "bold underline $text-accent")]
        at = end
    pieces.append((title[at:], "bold"))
    time = total_text(entry.total_seconds, entry.open_ended)
    second: list[str | tuple[str, str]] = [
        (time, "$text-accent"),
        (" · " + equipment_text(entry.card.equipment), "dim"),
    ]
    if query and found_in and "title" not in found_in:
        second.append((" · in " + ", ".join(found_in), "italic $text-accent"))
    if recent:
        second.insert(0, ("recent · ", "$text-success"))
    if entry.look_alike:
        second.insert(0, ("not shipped · ", "bold $text-warning"))
    badge = due_badge(due)
    if badge is not None:
        second[:0] = [badge, (" · ", "dim")]
    return Content.assemble(*pieces, "\n", *second)


def _cut(line: Content, width: int) -> Content:
    """`line` cut to `width` cells, ending in the terminal's ellipsis when it was longer."""
    if line.cell_length <= width:
        return line
    mark = glyphs().ellipsis
    return line.truncate(max(0, width - len(mark))) + Content(mark)[: max(0, width)]


class RoutineList(ScrollView, can_focus=True):
    """Routines to choose from, two lines each; posts RoutineHighlighted and RoutineChosen.

    Only the rows on screen are ever drawn (a library of 10,000 routines costs what a screenful
    does), and a cursor move repaints just the two rows whose highlight changed. A title too long
    for the width ends in an ellipsis; the overview beside the list shows it whole.
    """

    DEFAULT_CSS = """
    RoutineList {
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        color: $foreground;
        & > .routine-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .routine-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"routine-list--row", "routine-list--cursor"}

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="routines.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="routines.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="routines.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="routines.page_down"),
        Binding("home", "first", "First", show=False, id="routines.first"),
        Binding("end", "last", "Last", show=False, id="routines.last"),
        Binding("enter", "select", "Start", id="routines.start"),
    ]

    ROW_LINES = 2
    """Lines per routine: the title, then time and equipment."""

    @dataclass
    class RoutineHighlighted(Message):
        """The highlighted routine changed (None when the list is empty)."""

        routine_id: str | None

    @dataclass
    class RoutineChosen(Message):
        """The person chose a routine to play."""

        routine_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hits: Sequence[SearchHit] = ()
        self._ids: list[str] = []
        self._query = ""
        self._recent: Collection[str] = ()
        self._due: Mapping[str, DueRow] = {}
        self._cursor: int | None = None
        self._rows: LRUCache[tuple[int, bool, bool, int], tuple[Strip, Strip]] = LRUCache(256)
        """Drawn rows by (position, highlighted, focused, width): a cursor move redraws two."""

    @property
    def ids(self) -> list[str]:
        """The routine ids listed, in order."""
        return self._ids

    @property
    def cursor(self) -> int | None:
        """The position of the highlighted routine (None when the list is empty)."""
        return self._cursor

    def prompt_at(self, position: int) -> Content:
        """The two lines listed for the routine at `position`, untruncated."""
        hit = self._hits[position]
        entry = hit.entry
        return routine_prompt(
            entry,
            self._query,
            () if hit.in_title else hit.fields,
            entry.id in self._recent,
            self._due.get(entry.id),
        )

    def show_hits(
        self,
        hits: Sequence[SearchHit],
        query: str = "",
        recent: Collection[str] = (),
        due: Mapping[str, DueRow] | None = None,
        keep: str | None = None,
    ) -> None:
        """List the routines found, keeping `keep` highlighted when it is still there.

        Only the lines on screen whose text changed are repainted: typing in the filter usually
        leaves most of the rows in place.
        """
        top = self.scroll_offset.y
        before = [self.render_line(y) for y in range(self.scrollable_content_region.height)] if self.is_mounted else []
        self._hits = hits
        self._ids = [hit.entry.id for hit in hits]
        self._query, self._recent, self._due = query, recent, due or {}
        self._rows.clear()
        size = Size(self.scrollable_content_region.width, len(hits) * self.ROW_LINES)
        if size != self.virtual_size:
            # Without the layout pass a new size would cost (and its repaint of every line).
            self.set_reactive(RoutineList.virtual_size, size)
            self._scroll_update(size)
        self._cursor = None if not hits else (self._ids.index(keep) if keep in self._ids else 0)
        if self._cursor is not None:
            self.scroll_to_region(
                Region(0, self._cursor * self.ROW_LINES, 1, self.ROW_LINES), animate=False, force=True, immediate=True
            )
        if not before or self.scroll_offset.y != top:
            self.refresh()
        else:
            for y, line in enumerate(before):
                if list(line) != list(self.render_line(y)):
                    self.refresh_lines(top + y)
        # The list changed under the cursor: always say which routine it is on.
        self.post_message(self.RoutineHighlighted(self._ids[self._cursor] if self._cursor is not None else None))

    def move_cursor(self, position: int) -> None:
        """Highlight the routine at `position` (clamped to the list), scrolled into view."""
        if not self._hits:
            return
        position = max(0, min(position, len(self._hits) - 1))
        old = self._cursor
        self._cursor = position
        for row in {old, position}:
            if row is not None:
                self.refresh_lines(row * self.ROW_LINES, self.ROW_LINES)
        self.scroll_to_region(
            Region(0, position * self.ROW_LINES, 1, self.ROW_LINES), animate=False, force=True, immediate=True
        )
        if position != old:
            self.post_message(self.RoutineHighlighted(self._ids[position]))

    def action_cursor_up(self) -> None:
        """Highlight the routine above."""
        self.move_cursor((self._cursor or 0) - 1)

    def action_cursor_down(self) -> None:
        """Highlight the routine below."""
        self.move_cursor(-1 if self._cursor is None else self._cursor + 1)

    def action_page_up(self) -> None:
        """Move up by a screenful."""
        self.move_cursor((self._cursor or 0) - self._page())

    def action_page_down(self) -> None:
        """Move down by a screenful."""
        self.move_cursor((self._cursor or 0) + self._page())

    def action_first(self) -> None:
        """Highlight the first routine."""
        self.move_cursor(0)

    def action_last(self) -> None:
        """Highlight the last routine."""
        self.move_cursor(len(self._hits) - 1)

    def action_select(self) -> None:
        """Choose the highlighted routine."""
        if self._cursor is not None:
            self.post_message(self.RoutineChosen(self._ids[self._cursor]))

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.ROW_LINES)

    async def _on_click(self, event: events.Click) -> None:
        """A click highlights the routine under the pointer and chooses it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = (offset.y + self.scroll_offset.y) // self.ROW_LINES
        if 0 <= position < len(self._hits):
            self.move_cursor(position)
            self.action_select()

    def _on_focus(self, event: events.Focus) -> None:
        self._refresh_cursor()

    def _on_blur(self, event: events.Blur) -> None:
        self._refresh_cursor()

    def _refresh_cursor(self) -> None:
        # Focus changes only the highlighted row's colours.
        if self._cursor is not None:
            self.refresh_lines(self._cursor * self.ROW_LINES, self.ROW_LINES)

    def notify_style_update(self) -> None:
        """A new theme or class: draw the rows again."""
        self._rows.clear()
        super().notify_style_update()

    def _on_resize(self, event: events.Resize) -> None:
        self._rows.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._hits) * self.ROW_LINES)

    def render_line(self, y: int) -> Strip:
        """Draw line `y` of the visible list (rows are drawn when first shown, then kept)."""
        width = self.scrollable_content_region.width
        position, line = divmod(self.scroll_offset.y + y, self.ROW_LINES)
        if position >= len(self._hits) or width <= 0:
            return Strip.blank(width, self.get_visual_style("routine-list--row").rich_style)
        highlighted = position == self._cursor
        key = (position, highlighted, highlighted and self.has_focus, width)
        row = self._rows.get(key)
        if row is None:
            row = self._draw_row(position, highlighted, width)
            self._rows[key] = row
        return row[line]

    def _draw_row(self, position: int, highlighted: bool, width: int) -> tuple[Strip, Strip]:
        if highlighted:
            style = self.get_visual_style("routine-list--row", "routine-list--cursor")
        else:
            style = self.get_visual_style("routine-list--row")
        title, second = self.prompt_at(position).split("\n")[: self.ROW_LINES]
        # Each line cut to the width first, so neither wraps; both drawn in one pass.
        row = Content("\n").join([_cut(title, width), _cut(second, width)])
        strips = Visual.to_strips(self, row, width, self.ROW_LINES, style, pad=True)
        first, last = (strip.extend_cell_length(width, style.rich_style).crop(0, width) for strip in strips)
        return first, last
