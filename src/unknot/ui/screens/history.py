"""The history view: the core's history report, styled (the same words `unknot history` prints)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ...core.history.report import SESSION_COLUMNS, HistoryReport, Span, overview_lines, session_cells
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from ...core.history.service import HistoryService
    from ...core.history.store import HistoryStore
    from ...core.session.clock import Clock

#: How each role of the report's words looks on screen.
ROLE_STYLES = {
    "": "",
    "label": "dim",
    "value": "bold $text-success",
    "chart": "$text-accent",
    "axis": "dim",
    "heading": "bold",
    "muted": "dim",
}


def styled(lines: list[list[Span]]) -> Content:
    """Return report lines as Content, each span styled by its role (the text itself is never markup)."""
    parts: list[str | tuple[str, str]] = []
    for number, line in enumerate(lines):
        if number:
            parts.append("\n")
        parts += [(text, ROLE_STYLES.get(role, "")) for text, role in line]
    return Content.assemble(*parts)


class HistoryScreen(Screen[None]):
    """What has been practised, and whether it helps; read-only."""

    HELP_TITLE = "History"
    BINDINGS = [Binding("escape,q,h", "app.pop_screen", "Back", id="history.back", key_display="esc")]

    def __init__(self, report: HistoryReport | None, problem: str | None = None) -> None:
        super().__init__()
        self.report = report
        self.problem = problem

    def compose(self) -> ComposeResult:
        """Lay out the overview and the table of sessions."""
        with VerticalScroll(id="history"):
            yield Static(id="history-overview")
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Fill the view from the report."""
        overview = self.query_one("#history-overview", Static)
        table = self.query_one("#history-table", DataTable)
        if self.report is None:
            overview.update(Content(self.problem or "History is off."))
            table.display = False
            return
        overview.update(styled(overview_lines(self.report)))
        table.add_columns(*SESSION_COLUMNS)
        for row in self.report.recent:
            # Text, not str: plain text (never markup), measured correctly by DataTable.
            table.add_row(*(Text(cell) for cell in session_cells(row)))
        table.display = bool(self.report.rows)
        table.focus(scroll_visible=False)  # the streak and the charts stay in view; the table is below


async def show_history(app: App[Any], history: HistoryService | None, clock: Clock) -> None:
    """Read the history report on the history thread, then show it (or say that history is off)."""
    from ...core.history.report import report_from_store

    if history is None:
        app.notify("History is off.", severity="warning", markup=False)
        return
    today = datetime.datetime.fromtimestamp(clock.wall()).date()

    def read(store: HistoryStore) -> tuple[HistoryReport | None, str | None]:
        report = report_from_store(store, today) if store.available else None
        return report, store.problem

    report, problem = await history.ask(read)
    app.push_screen(HistoryScreen(report, problem))
