"""The sessions of history as a table in a scrolled page: the usual keys move the highlight, and the page follows.

The table is as tall as its rows, so the page around it (the chart and the overview above it) is
the one thing that scrolls: Up and Down move the highlighted session, PageUp and PageDown by a
page of the screen, Home and End to the first and last session, and the page scrolls with the
highlight at once. Up on the first session and Home bring the top of the page (the chart) back.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable

from ...core.history.layout import SessionTable


class SessionsTable(DataTable[Text]):
    """The sessions table, fitted to its width by the core, scrolling the page it sits in."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="sessions.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="sessions.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="sessions.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="sessions.page_down"),
        Binding("home", "scroll_home", "First, and the chart", show=False, id="sessions.first"),
        Binding("end", "scroll_end", "Last", show=False, id="sessions.last"),
    ]

    _stay: bool = False
    """Whether the next move of the highlight leaves the page where it is (Home shows the top of the page)."""

    def show(self, table: SessionTable) -> None:
        """Fill the table with `table`'s columns and rows, keeping the highlighted session."""
        row = self.cursor_row
        self.clear(columns=True)
        for heading, width in zip(table.headings, table.widths, strict=True):
            self.add_column(heading, width=width)
        # Text, not str: plain text (never markup).
        self.add_rows([[Text(cell, no_wrap=True) for cell in cells] for cells in table.rows])
        if table.rows:
            self.move_cursor(row=min(max(row, 0), len(table.rows) - 1), scroll=False)

    @property
    def page(self) -> Widget | None:
        """The scrolled page the table sits in."""
        return self.parent if isinstance(self.parent, Widget) else None

    def _page_rows(self) -> int:
        """How many rows one PageUp or PageDown moves: the page's height, less a row of overlap."""
        page = self.page
        height = page.scrollable_content_region.height if page is not None else self.size.height
        return max(1, height - 2)

    def follow(self) -> None:
        """Scroll the page so the highlighted row (and the heading, when it can) is in view."""
        page = self.page
        if page is None or not self.row_count:
            return
        top = self.virtual_region.y
        row = top + self.header_height + self.cursor_row
        page.scroll_to_region(Region(0, row, 1, 1), animate=False, immediate=True, force=True)

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        """Follow the highlight down or up the page (the message still reaches the screen)."""
        if self._stay:
            self._stay = False
        else:
            self.follow()

    def action_cursor_up(self) -> None:
        """Move the highlight up; on the first session, scroll to the top of the page."""
        if self.cursor_row <= 0 and self.page is not None:
            self.page.scroll_home(animate=False, immediate=True)
        else:
            super().action_cursor_up()

    def action_page_down(self) -> None:
        """Move the highlight a page down."""
        self._set_row(self.cursor_row + self._page_rows())

    def action_page_up(self) -> None:
        """Move the highlight a page up (to the top of the page from the first session)."""
        if self.cursor_row <= 0 and self.page is not None:
            self.page.scroll_home(animate=False, immediate=True)
        self._set_row(self.cursor_row - self._page_rows())

    def action_scroll_home(self) -> None:
        """Highlight the first session and scroll to the top of the page."""
        self._stay = self.cursor_row != 0
        self._set_row(0)
        if self.page is not None:
            self.page.scroll_home(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        """Highlight the last session and scroll to the end of the page."""
        self._set_row(self.row_count - 1)
        if self.page is not None:
            self.page.scroll_end(animate=False, immediate=True)

    action_scroll_top = action_scroll_home
    action_scroll_bottom = action_scroll_end

    def _set_row(self, row: int) -> None:
        if self.row_count:
            self.move_cursor(row=min(max(row, 0), self.row_count - 1), scroll=False)
