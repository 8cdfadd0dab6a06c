"""The history view: recent sessions, minutes a day over four weeks, the streak, pain before and after."""

from __future__ import annotations

import datetime as dt
import time

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ...core.history.report import bar_chart, current_streak, minutes_per_day, pain_by_routine
from ...core.history.store import HistoryStore, StoredSession
from ...core.routines.durations import format_duration

OUTCOME_NAMES = {"completed": "done", "left": "left early", "interrupted": "cut off"}


def when_text(seconds: float) -> str:
    """Return a session's local start as `Mon 12 Jan 18:30`."""
    return time.strftime("%a %d %b %H:%M", time.localtime(seconds))


def pain_text(session: StoredSession) -> str:
    """Return `6 → 3`, `6 → ?` or an empty string."""
    if session.pain_before is None and session.pain_after is None:
        return ""
    before = "?" if session.pain_before is None else str(session.pain_before)
    after = "?" if session.pain_after is None else str(session.pain_after)
    return f"{before} → {after}"


def overview_content(sessions: list[StoredSession], today: dt.date) -> Content:
    """Return the streak, the four-week chart and the pain table as text."""
    days = minutes_per_day(sessions, today)
    total = sum(minutes for _, minutes in days)
    streak = current_streak(sessions, today)
    parts: list[str | tuple[str, str]] = [
        ("Streak ", "dim"),
        (f"{streak} day{'s' if streak != 1 else ''}", "bold $text-success"),
        ("    Last 4 weeks ", "dim"),
        f"{round(total)} min",
        "\n\n",
    ]
    chart = bar_chart([minutes for _, minutes in days])
    parts += [(line, "$text-accent") for pair in zip(chart, ["\n"] * len(chart), strict=True) for line in pair]
    parts += [(f"{days[0][0]:%d %b}".ljust(len(days) * 2 - 5) + "today", "dim"), "\n"]
    summaries = pain_by_routine(sessions)
    if summaries:
        parts += ["\n", ("Pain before → after (average)", "bold"), "\n"]
        for summary in summaries:
            parts += [
                f"{summary.title[:36]:<37}{summary.average_before:>4} → {summary.average_after:<4}",
                (f" ({summary.sessions} session{'s' if summary.sessions != 1 else ''})", "dim"),
                "\n",
            ]
    return Content.assemble(*parts)


class HistoryScreen(Screen[None]):
    """What has been practised, and whether it helps; read-only."""

    BINDINGS = [Binding("escape,q,h", "app.pop_screen", "Back", id="history.back", key_display="esc")]

    def __init__(self, store: HistoryStore, today: dt.date) -> None:
        super().__init__()
        self.store = store
        self.today = today

    def compose(self) -> ComposeResult:
        """Lay out the overview and the table of sessions."""
        with VerticalScroll(id="history"):
            yield Static(id="history-overview")
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        """Read history once and fill the view."""
        overview = self.query_one("#history-overview", Static)
        if not self.store.available:
            overview.update(Content(self.store.problem or "History is off."))
            self.query_one("#history-table").display = False
            return
        sessions = self.store.recent_sessions(limit=None)
        overview.update(overview_content(sessions, self.today))
        table = self.query_one("#history-table", DataTable)
        table.add_columns("When", "Routine", "Time", "Outcome", "Pain")
        for session in sessions[:100]:
            table.add_row(
                when_text(session.started_at),
                Text(session.title),  # plain text (never markup), measured correctly by DataTable
                format_duration(round(session.active_seconds)),
                OUTCOME_NAMES.get(session.outcome, session.outcome),
                pain_text(session),
            )
        if not sessions:
            overview.update(Content("No sessions yet. Play a routine and it will show here."))
            table.display = False
        table.focus()
