"""The history view: the pain chart and the core's history report, styled (the same words `unknot history` prints).

w switches the chart between 4, 12 and 52 weeks; a between all routines and the highlighted
session's routine; t shows the chart's numbers as a table (always shown under NO_COLOR). The
words are laid out by the core for the screen's width, again on each resize; the sessions table
has the keys from the start, and the page scrolls with its highlight.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ...core.history.chart import DEFAULT_WEEKS, build_chart, chart_lines, chart_table, next_period
from ...core.history.layout import Span, overview_lines, session_table
from ...core.history.report import HistoryReport
from ..widgets.key_footer import KeyFooter
from ..widgets.sessions_table import SessionsTable

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
    # The chart: before and after differ in shape (● ○ ◉); colour only adds to it.
    "before": "bold $text-warning",
    "after": "bold $text-success",
    "both": "bold $text-accent",
    "bar": "$text-accent",
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
    HELP_WIDGETS = (SessionsTable,)
    BINDINGS = [
        Binding("escape,q,h", "app.pop_screen", "Back", id="history.back", key_display="esc"),
        Binding("w", "weeks", "Weeks", id="history.weeks"),
        Binding("a", "routine", "All/this", id="history.routine"),
        Binding("t", "numbers", "Numbers", id="history.numbers"),
    ]

    weeks: reactive[int] = reactive(DEFAULT_WEEKS)
    """How many weeks the chart covers: 4, 12 or 52."""
    one_routine: reactive[bool] = reactive(False)
    """Whether the chart shows only the highlighted session's routine (else all routines)."""
    numbers: reactive[bool] = reactive(False)
    """Whether the chart's numbers are shown as a table under it (always, under NO_COLOR)."""

    def __init__(self, report: HistoryReport | None, problem: str | None = None) -> None:
        super().__init__()
        self.report = report
        self.problem = problem
        self._laid_out_for = 0
        """The width the words were last laid out for (0: not yet)."""

    def compose(self) -> ComposeResult:
        """Lay out the chart, its numbers, the overview and the table of sessions."""
        with VerticalScroll(id="history"):
            yield Static(id="history-chart")
            yield Static(id="history-numbers", markup=False)
            yield Static(id="history-overview")
            yield SessionsTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Fill the view from the report, and give the sessions the keys."""
        overview = self.query_one("#history-overview", Static)
        table = self.query_one(SessionsTable)
        if self.report is None:
            overview.update(Content(self.problem or "History is off."))
            table.display = False
            self.query_one("#history-chart").display = False
            self.query_one("#history-numbers").display = False
            return
        table.display = bool(self.report.rows)
        self.query_one("#history-chart").display = bool(self.report.rows)
        self.numbers = self.numbers or self.app.no_color
        self._lay_out(self._page_width())
        if self.report.rows:
            table.focus(scroll_visible=False)  # the chart and the streak stay in view; the table is below

    def _page_width(self) -> int:
        """The cells a line of the page has: the screen's width less the page's padding and scrollbar gutter."""
        page = self.query_one("#history", VerticalScroll)
        gutter = page.styles.scrollbar_size_vertical
        padding = page.styles.padding
        return max(20, self.size.width - padding.left - padding.right - gutter)

    def _lay_out(self, width: int) -> None:
        """Lay the overview and the sessions out for `width` cells (the table's cells have a space either side)."""
        if self.report is None or width == self._laid_out_for:
            return
        self._laid_out_for = width
        self._draw_chart()
        self.query_one("#history-overview", Static).update(styled(overview_lines(self.report, width)))
        if self.report.rows:
            self.query_one(SessionsTable).show(session_table(self.report.recent, width - 2))

    def on_resize(self, _: events.Resize) -> None:
        """Lay the words out again for the new width."""
        self._lay_out(self._page_width())

    def _highlighted_routine(self) -> tuple[str, str] | None:
        """The id and title of the highlighted session's routine, if any."""
        if self.report is None or not self.report.rows:
            return None
        row = self.query_one(SessionsTable).cursor_row
        record = self.report.recent[min(max(row, 0), len(self.report.recent) - 1)].record
        return record.routine_id, record.title

    def _draw_chart(self) -> None:
        if self.report is None or not self.query("#history-table"):
            return  # not composed yet (the watchers run once as the screen mounts)
        stored = [row.record for row in self.report.rows if row.record.id is not None]
        chosen = self._highlighted_routine() if self.one_routine else None
        routine_id, title = chosen if chosen is not None else (None, "all routines")
        width = self._laid_out_for or self._page_width()
        chart = build_chart(stored, self.report.today, self.weeks, routine_id, title, width)
        self.query_one("#history-chart", Static).update(styled(chart_lines(chart, width)))
        numbers = self.query_one("#history-numbers", Static)
        numbers.display = self.numbers and bool(self.report.rows)
        if self.numbers:
            numbers.update(Content("\n".join(chart_table(chart))))

    def watch_weeks(self) -> None:
        """Redraw for the new period."""
        self._draw_chart()

    def watch_one_routine(self) -> None:
        """Redraw for all routines, or the highlighted one."""
        self._draw_chart()

    def watch_numbers(self) -> None:
        """Show or hide the numbers."""
        self._draw_chart()

    def action_weeks(self) -> None:
        """Switch the chart to the next period: 4, 12, 52 weeks."""
        self.weeks = next_period(self.weeks)

    def action_routine(self) -> None:
        """Switch the chart between all routines and the highlighted session's routine."""
        self.one_routine = not self.one_routine

    def action_numbers(self) -> None:
        """Show or hide the chart's numbers as a table."""
        self.numbers = not self.numbers

    @on(DataTable.RowHighlighted)
    def row_highlighted(self) -> None:
        """Follow the highlighted session's routine when the chart shows one routine."""
        if self.one_routine:
            self._draw_chart()


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
