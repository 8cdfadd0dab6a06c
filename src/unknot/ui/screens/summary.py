"""The end of a session: time spent, steps done and skipped, whether it was saved, what next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...core.history.recorder import SessionRecorder
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


def saved_text(recorder: SessionRecorder) -> str:
    """Return what the summary says about history: the pain question when saved, else why it was not."""
    result = recorder.result
    if result is not None and result.saved:
        return "How is your back now? 0 no pain … 9, x = 10 (optional)"
    if not recorder.keeps_history and (result is None or result.problem == "history is off"):
        return ""
    problem = result.problem if result is not None else None
    return f"This session was NOT saved in history: {problem or 'unknown error'}."


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
        self.asking_pain = recorder.result is not None and recorder.result.saved

    def compose(self) -> ComposeResult:
        """Lay out the summary card (with the pain question when the session is in history) and the footer."""
        with Vertical(id="summary-card"):
            yield Static(summary_content(self.record), id="summary-text")
            text = saved_text(self.recorder)
            line = Static(text, id="pain-after", markup=False)
            line.set_class(not self.asking_pain, "-unsaved")
            line.set_class(not text, "-empty")
            yield line
        yield Footer()

    def on_key(self, event: Key) -> None:
        """A rating key records the pain after the session, once."""
        if not self.asking_pain or event.character not in RATING_KEYS:
            return
        event.stop()
        self.asking_pain = False
        rating = RATING_KEYS[event.character]
        result = self.recorder.set_pain_after(rating)
        line = self.query_one("#pain-after", Static)
        if result.saved:
            line.update(f"Pain now: {rating}. Saved in history (h in the browser).")
        else:
            line.update(f"Pain now: {rating}, but it could not be saved: {result.problem}.")
            line.add_class("-unsaved")

    def action_choose(self, choice: str) -> None:
        """Close with what the person wants next."""
        self.dismiss(choice)
