"""Offering to resume a session that was cut off (a dropped connection, a closed terminal)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ...core.history.resume import ResumeOffer
from ...core.routines.durations import format_clock
from ...core.routines.timeline import SegmentKind
from ..widgets.key_footer import KeyFooter
from .answer_once import AnswerOnce


def resume_content(offer: ResumeOffer) -> Content:
    """Return what is being offered: the routine, the step and the time left in it."""
    position = offer.player.position()
    routine = offer.entry.routine
    step = routine.steps[position.segment.step_index]
    left = "until done" if position.length is None else f"{format_clock(position.shown_seconds)} left"
    where = position.segment.label if position.segment.kind is SegmentKind.WORK else "Between steps"
    return Content.assemble(
        ("Resume", "bold $text-accent"),
        "\n\n",
        (routine.title, "bold"),
        "\n",
        f"Step {position.step_number} of {position.step_count}: {step.title}",
        "\n",
        (f"{where} · {left}", "dim"),
        "\n\n",
        ("Your session was cut off. Pick up exactly where you were?", "italic"),
    )


#: What the person chose: resume now, not now (it stays resumable), or discard (after a confirmation).
RESUME, LATER, DISCARD = "resume", "later", "discard"


class ResumeScreen(AnswerOnce, Screen[str]):
    """Shown before anything else when a session was interrupted: Enter resumes, Esc leaves it for later,
    n discards it (the flow asks first). A stray key never throws a session away."""

    BINDINGS = [
        Binding("enter,y", "dismiss('resume')", "Resume", id="resume.yes", key_display="enter"),
        Binding("escape", "dismiss('later')", "Not now", id="resume.later", key_display="esc"),
        Binding("n", "dismiss('discard')", "Discard…", id="resume.no", key_display="n"),
    ]

    def __init__(self, offer: ResumeOffer) -> None:
        super().__init__()
        self.offer = offer

    def compose(self) -> ComposeResult:
        """Lay out the offer."""
        with Vertical(id="resume-card"):
            yield Static(resume_content(self.offer), id="resume-text")
            yield Static("Enter resume · Esc not now, offered again · n discard…", classes="dialog-hint")
        yield KeyFooter()
