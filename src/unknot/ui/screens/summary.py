"""The end of a session: time spent, steps done and skipped, whether it was saved, what next."""

from __future__ import annotations

import asyncio
from concurrent.futures import Future

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...core.history.recorder import SaveResult, SessionRecorder
from ...core.routines.durations import format_duration
from ...core.routines.text import clean_text
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


def saved_text(result: SaveResult) -> str:
    """Return what the summary says about history: the pain question when saved, else what happened instead."""
    if result.saved:
        return "How is your back now? 0 no pain … 9, x = 10 (optional)"
    if result.kept_at is not None:
        return (
            f"This session was NOT saved in history ({result.problem}). It is kept in "
            f"{clean_text(str(result.kept_at))} and will be added when Unknot next starts."
        )
    return f"This session was NOT saved in history ({result.problem}), and could not be kept anywhere."


class SummaryScreen(Screen[str]):
    """Shows how the session went; dismisses with `repeat`, `back` or `quit`."""

    BINDINGS = [
        Binding("r", "choose('repeat')", "Repeat", id="summary.repeat"),
        Binding("enter,escape", "choose('back')", "Routines", id="summary.back", key_display="enter"),
        Binding("q", "choose('quit')", "Quit", id="summary.quit"),
        Binding("question_mark", "app.help", "Help", id="summary.help"),
    ]

    def __init__(self, record: SessionRecord, recorder: SessionRecorder) -> None:
        super().__init__()
        self.record = record
        self.recorder = recorder
        self.asking_pain = False

    def compose(self) -> ComposeResult:
        """Lay out the summary card (with what became of the session in history) and the footer."""
        with Vertical(id="summary-card"):
            yield Static(summary_content(self.record), id="summary-text")
            line = Static("Saving…", id="pain-after", markup=False)
            line.display = self.recorder.saved is not None and self.recorder.history is not None
            yield line
        yield Footer()

    def on_mount(self) -> None:
        """Wait (off the event loop) for the session to be written, then say how it went."""
        if self.recorder.saved is not None and self.recorder.history is not None:
            self.run_worker(self._show_saved(self.recorder.saved))

    async def _show_saved(self, saved: Future[SaveResult]) -> None:
        result = await asyncio.wrap_future(saved)
        line = self.query_one("#pain-after", Static)
        line.update(saved_text(result))
        line.set_class(not result.saved, "-unsaved")
        self.asking_pain = result.saved
        if not result.saved:
            self.notify(f"This session was not saved in history: {result.problem}", severity="error", markup=False)

    def on_key(self, event: Key) -> None:
        """A rating key records the pain after the session, once."""
        if not self.asking_pain or event.character not in RATING_KEYS:
            return
        event.stop()
        self.asking_pain = False
        self.run_worker(self._save_pain(RATING_KEYS[event.character]))

    async def _save_pain(self, rating: int) -> None:
        result = await asyncio.wrap_future(self.recorder.set_pain_after(rating))
        line = self.query_one("#pain-after", Static)
        if result.saved:
            line.update(f"Pain now: {rating}. Saved in history (h in the browser).")
        else:
            line.update(f"Pain now: {rating}, but it could not be saved: {result.problem}.")
            line.add_class("-unsaved")

    def action_choose(self, choice: str) -> None:
        """Close with what the person wants next."""
        self.dismiss(choice)
