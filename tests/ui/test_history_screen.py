"""The history screen at 40, 80 and 120 columns: it fits the width, and the usual keys scroll it from the start."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll

from tests.app_builder import build_app
from tests.scenes import seed_history, settle, wait_until
from unknot.ui.screens.history import HistoryScreen
from unknot.ui.widgets.sessions_table import SessionsTable

SIZES = [(40, 12), (80, 24), (120, 40)]


def highlight_in_view(page: VerticalScroll, table: SessionsTable) -> bool:
    """Whether the highlighted session's row is inside the page's window."""
    row = table.virtual_region.y + table.header_height + table.cursor_row
    return page.scroll_y <= row < page.scroll_y + page.scrollable_content_region.height


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_keys_scroll_the_history_at_once(tmp_path: Path, size: tuple[int, int]) -> None:
    store = seed_history("months", tmp_path / "data")
    app, _ = build_app(tmp_path, history=store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        page = app.screen.query_one("#history", VerticalScroll)
        table = app.screen.query_one(SessionsTable)
        assert app.focused is table and page.scroll_y == 0  # no Tab first; the chart on top
        assert table.row_count > 30 and table.size.height == table.row_count + 1  # the page scrolls, not the table

        await pilot.press("down")
        await wait_until(pilot, lambda: highlight_in_view(page, table), "the page follows Down")
        assert table.cursor_row == 1
        if size != (120, 40):  # at 120×40 the first sessions are in view from the start
            assert page.scroll_y > 0

        before = (table.cursor_row, page.scroll_y)
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: page.scroll_y > before[1], "the page follows PageDown")
        page_rows = page.scrollable_content_region.height - 2
        assert table.cursor_row == min(before[0] + page_rows, table.row_count - 1)
        assert highlight_in_view(page, table)

        after = table.cursor_row
        await pilot.press("pageup")
        await wait_until(pilot, lambda: table.cursor_row == max(after - page_rows, 0), "PageUp goes back a page")

        await pilot.press("end")
        await wait_until(pilot, lambda: page.scroll_y == page.max_scroll_y, "End reaches the last session")
        assert table.cursor_row == table.row_count - 1 and highlight_in_view(page, table)

        await pilot.press("home")
        await wait_until(pilot, lambda: page.scroll_y == 0, "Home shows the top again")
        assert table.cursor_row == 0
        await pilot.press("down", "up")
        await wait_until(pilot, lambda: table.cursor_row == 0 and highlight_in_view(page, table), "back up")
        await pilot.press("up")  # above the first session: the chart again
        await wait_until(pilot, lambda: page.scroll_y == 0, "Up on the first session shows the chart")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_history_fits_the_width(tmp_path: Path, size: tuple[int, int]) -> None:
    store = seed_history("sessions", tmp_path / "data")
    app, _ = build_app(tmp_path, history=store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("h")
        await settle(pilot)
        page = app.screen.query_one("#history", VerticalScroll)
        table = app.screen.query_one(SessionsTable)
        assert page.max_scroll_x == 0 and table.max_scroll_x == 0  # nothing hidden to the right
        assert table.virtual_size.width <= table.size.width
        first = [str(cell) for cell in table.get_row_at(0)]
        if size[0] >= 80:  # the weekday and the day, never cut off
            assert first[0][:3] in {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} and len(first[0]) == 16
        overview = app.screen.query_one("#history-overview")
        assert overview.virtual_size.width <= page.scrollable_content_region.width
        assert overview.size.height == len(str(overview.render()).splitlines())  # no line wrapped
