"""The end of a session: time spent, steps done and skipped, what next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...core.history.store import HistoryStore
from ...core.library.library import LibraryEntry
from ...core.routines.durations import format_duration
from ...core.session.events import Outcome, SessionRecord
from .pain import RATING_KEYS


def summary_content(record: SessionRecord) -> Content:
    """Return the summary text for a finished session."""
    heading = "Well done." if record.outcome is Outcome.COMPLETED else "Session ended early."
    return Content.assemble(
        (heading, "bold $text-success"),
        "\n\n",
        (record.title, "bold"),
        "\n\n",
        ("Time spent   ", "dim"),
        format_duration(round(record.active_seconds)),
        "\n",
        ("Steps done   ", "dim"),
        str(record.steps_done),
        "\n",
        ("Skipped      ", "dim"),
        str(record.steps_skipped),
        "\n\n",
        ("Notice how your back feels. Stop and see a doctor if pain is severe or lasts.", "dim italic"),
    )


class SummaryScreen(Screen[str]):
    """Shows how the session went; dismisses with `repeat`, `back` or `quit`."""

    BINDINGS = [
        Binding("r", "choose('repeat')", "Repeat", id="summary.repeat"),
        Binding("enter,escape", "choose('back')", "Routines", id="summary.back", key_display="enter"),
        Binding("q", "choose('quit')", "Quit", id="summary.quit"),
        Binding("question_mark", "app.help", "Help", id="summary.help"),
    ]

    def __init__(
        self,
        entry: LibraryEntry,
        record: SessionRecord,
        history: HistoryStore | None = None,
        session_id: int | None = None,
    ) -> None:
        super().__init__()
        self.entry = entry
        self.record = record
        self.history = history
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        """Lay out the summary card (with the pain question when history is kept) and the footer."""
        with Vertical(id="summary-card"):
            yield Static(summary_content(self.record), id="summary-text")
            if self.session_id is not None:
                yield Static("How is your back now? 0 no pain … 9, x = 10 (optional)", id="pain-after", markup=False)
        yield Footer()

    def on_key(self, event: Key) -> None:
        """A rating key records the pain after the session, once."""
        if self.session_id is None or self.history is None or event.character not in RATING_KEYS:
            return
        event.stop()
        rating = RATING_KEYS[event.character]
        self.history.set_pain_after(self.session_id, rating)
        self.query_one("#pain-after", Static).update(f"Pain now: {rating}. Saved in history (h in the browser).")
        self.session_id = None

    def action_choose(self, choice: str) -> None:
        """Close with what the person wants next."""
        self.dismiss(choice)
