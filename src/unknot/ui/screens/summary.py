"""The end of a session, finished or left: what was done, whether it was saved, how the back feels now."""

from __future__ import annotations

import asyncio
from concurrent.futures import Future
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from ...core.glyphs import glyphs
from ...core.history.notes import clean_note
from ...core.history.recorder import SaveResult, SessionRecorder
from ...core.routines.durations import format_duration
from ...core.routines.text import clean_text, shown_path
from ...core.session.events import Outcome, SessionRecord
from ..widgets.key_footer import KeyFooter
from ..widgets.pain_scale import PainScale
from .answer_once import AnswerOnce
from .note import NoteScreen
from .pain import PAIN_HINT

#: The first line of the summary, by how the session ended: praise only for what was done.
HEADINGS = {
    Outcome.COMPLETED: "Well done: every step played.",
    Outcome.PARTIAL: "Session finished, with some steps skipped.",
    Outcome.LEFT: "Session ended early.",
    Outcome.INTERRUPTED: "Session cut off.",
}


def summary_content(record: SessionRecord, pain_after: int | None = None, note: str | None = None) -> Content:
    """Return the summary text for a session that ended (the note, untrusted, stays plain text)."""
    parts: list[str | tuple[str, str]] = [
        (HEADINGS[record.outcome], "bold $text-success" if record.outcome is Outcome.COMPLETED else "bold"),
        "\n\n",
        (record.title, "bold"),
        "\n\n",
        ("Time spent   ", "dim"),
        format_duration(round(record.active_seconds)),
        "\n",
        ("Steps done   ", "dim"),
        str(record.steps_done),
    ]
    if record.steps_skipped:
        parts += ["\n", ("Skipped      ", "dim"), str(record.steps_skipped)]
    if record.pain_before is not None or pain_after is not None:
        before = "?" if record.pain_before is None else str(record.pain_before)
        after = "?" if pain_after is None else str(pain_after)
        parts += ["\n", ("Pain         ", "dim"), f"{before} → {after}"]
    if note:
        parts += ["\n", ("Note         ", "dim"), note]
    parts += [
        "\n\n",
        ("Notice how your back feels. Stop and see a doctor if pain is severe or lasts.", "dim italic"),
    ]
    return Content.assemble(*parts)


def unsaved_text(result: SaveResult) -> str:
    """Return what the summary says when the session did not reach history: why, and where it is kept."""
    if result.kept_at is not None:
        return (
            f"This session was NOT saved in history ({result.problem}). It is kept in "
            f"{clean_text(str(result.kept_at))} and will be added when Unknot next starts."
        )
    return f"This session was NOT saved in history ({result.problem}), and could not be kept anywhere."


class SummaryScreen(AnswerOnce, Screen[str]):
    """Shows how the session went and asks how the back feels; dismisses with `repeat`, `back` or `quit`."""

    AUTO_FOCUS = None

    BINDINGS = [
        Binding("r", "choose('repeat')", "Repeat", id="summary.repeat"),
        Binding("enter,escape", "choose('back')", "Routines", id="summary.back", key_display="enter"),
        Binding("n", "note", "Note", id="summary.note"),
        Binding("q", "choose('quit')", "Quit", id="summary.quit"),
        Binding("question_mark", "app.help", "Help", id="summary.help"),
    ]

    def __init__(
        self, record: SessionRecord, recorder: SessionRecorder, *, ask_pain: bool = True, touch: bool = False
    ) -> None:
        super().__init__()
        self.touch = touch
        self.record = record
        self.recorder = recorder
        self.ask_pain = ask_pain
        self.pain_after: int | None = None
        self.note: str | None = None
        """The note as last written (kept on screen even when it could not be saved)."""

    def compose(self) -> ComposeResult:
        """Lay out the summary card, the pain question (when history is kept) and the footer."""
        keeps_history = self.recorder.saved is not None and self.recorder.history is not None
        with Vertical(id="summary-card"):
            yield Static(summary_content(self._record()), id="summary-text")
            line = Static(f"Saving{glyphs().ellipsis}", id="pain-after", markup=False)
            line.display = keeps_history
            yield line
            hint = Static(PAIN_HINT, id="pain-hint", classes="dialog-hint", markup=False)
            hint.display = False
            yield hint
            note_line = Static("", id="note-status", markup=False)
            note_line.display = False
            yield note_line
            if self.touch:
                yield Button("Add a note", id="summary-note")
        yield KeyFooter()

    def _record(self) -> SessionRecord:
        """The session with the pain rating given before it (the recorder holds it)."""
        if self.record.pain_before is None and self.recorder.pain_before is not None:
            return replace(self.record, pain_before=self.recorder.pain_before)
        return self.record

    def on_mount(self) -> None:
        """Wait (off the event loop) for the session to be written, then ask how the back feels."""
        if self.recorder.saved is not None and self.recorder.history is not None:
            self.run_worker(self._show_saved(self.recorder.saved))

    async def _show_saved(self, saved: Future[SaveResult]) -> None:
        result = await asyncio.wrap_future(saved)
        line = self.query_one("#pain-after", Static)
        if not result.saved:
            line.update(unsaved_text(result))
            line.add_class("-unsaved")
            self.notify(f"This session was not saved in history: {result.problem}", severity="error", markup=False)
            return
        if not self.ask_pain:
            line.update("Saved in history (h in the browser).")
            return
        line.update("How is your back now? (optional)")
        # Mounted only now: while it has the focus it takes Enter, which otherwise leaves the summary.
        scale = PainScale(touch=self.touch, id="pain-scale")
        await self.query_one("#summary-card").mount(scale, after=line)
        self.query_one("#pain-hint").display = True
        scale.focus()

    @on(PainScale.Answered)
    def pain_answered(self, message: PainScale.Answered) -> None:
        """Save the rating (or let the question go), then give Enter back to the screen."""
        self.query_one(PainScale).remove()
        self.query_one("#pain-hint").display = False
        line = self.query_one("#pain-after", Static)
        if message.value is None:
            line.display = False
            return
        self.pain_after = message.value
        self._show_summary()
        line.update(f"Saving{glyphs().ellipsis}")
        self.run_worker(self._save_pain(message.value))

    async def _save_pain(self, rating: int) -> None:
        result = await asyncio.wrap_future(self.recorder.set_pain_after(rating))
        line = self.query_one("#pain-after", Static)
        if result.saved:
            line.update("Saved in history (h in the browser).")
        else:
            line.update(f"The rating could not be saved: {result.problem}.")
            line.add_class("-unsaved")

    def _show_summary(self) -> None:
        self.query_one("#summary-text", Static).update(summary_content(self._record(), self.pain_after, self.note))

    @on(Button.Pressed, "#summary-note")
    def note_tapped(self, event: Button.Pressed) -> None:
        """The note button, for a finger."""
        event.stop()
        self.action_note()

    def action_note(self) -> None:
        """Ask for a note (the one written so far, to change), then save it."""
        self.app.push_screen(NoteScreen(self.note, touch=self.touch), self._note_written)

    def _note_written(self, text: str | None) -> None:
        if text is None:
            return
        self.note = clean_note(text)
        self._show_summary()
        status = self.query_one("#note-status", Static)
        status.remove_class("-unsaved")
        status.display = True
        status.update(f"Saving the note{glyphs().ellipsis}")
        self.run_worker(self._save_note(self.note))

    async def _save_note(self, note: str | None) -> None:
        result = await asyncio.wrap_future(self.recorder.set_note(note, self.pain_after))
        status = self.query_one("#note-status", Static)
        if result.saved:
            status.update("Note saved in history." if note else "Note removed.")
            return
        status.add_class("-unsaved")
        if result.kept_at is not None:
            words = (
                f"The note was NOT saved in history ({result.problem}). It is kept in "
                f"{shown_path(result.kept_at)} and will be added when Unknot next starts."
            )
        else:
            words = f"The note was NOT saved in history ({result.problem}); it is still shown above. n to try again."
        status.update(words)
        self.notify(f"The note was not saved in history: {result.problem}", severity="error", markup=False)

    def action_choose(self, choice: str) -> None:
        """Close with what the person wants next."""
        self.dismiss(choice)
