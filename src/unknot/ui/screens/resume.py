"""Offering to resume a session that was cut off (a dropped connection, a closed terminal).

One cut-off session is offered on a card; several are offered together in one list (newest first),
so none hides behind another's dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from ...core.history.resume import ResumeOffer
from ...core.routines.durations import format_clock
from ...core.routines.timeline import SegmentKind
from ..widgets.key_footer import KeyFooter
from .answer_once import AnswerOnce


def where_it_stopped(offer: ResumeOffer) -> tuple[str, str]:
    """The step it stopped in (`Step 1 of 5: Knees to chest`), and where in it (`Left side · 0:18 left`)."""
    position = offer.player.position()
    step = offer.entry.routine.steps[position.segment.step_index]
    left = "until done" if position.length is None else f"{format_clock(position.shown_seconds)} left"
    where = position.segment.label if position.segment.kind is SegmentKind.WORK else "Between steps"
    return f"Step {position.step_number} of {position.step_count}: {step.title}", f"{where} · {left}"


def resume_content(offer: ResumeOffer) -> Content:
    """Return what is being offered: the routine, the step and the time left in it."""
    step, where = where_it_stopped(offer)
    return Content.assemble(
        ("Resume", "bold $text-accent"),
        "\n\n",
        (offer.entry.routine.title, "bold"),
        "\n",
        step,
        "\n",
        (where, "dim"),
        "\n\n",
        ("Your session was cut off. Pick up exactly where you were?", "italic"),
    )


def offer_line(offer: ResumeOffer) -> Content:
    """One cut-off session in the list: its routine and when it started, then where it stopped."""
    step, where = where_it_stopped(offer)
    when = dt.datetime.fromtimestamp(offer.checkpoint.started_at).strftime("%a %d %b %H:%M")
    return Content.assemble(
        (offer.entry.routine.title, "bold"), ("  " + when, "dim"), "\n", f"  {step}", ("  " + where, "dim")
    )


#: What the person chose: resume now, not now (it stays resumable), or discard (after a confirmation).
RESUME, LATER, DISCARD = "resume", "later", "discard"


class ResumeScreen(AnswerOnce, Screen[tuple[str, int]]):
    """Shown before anything else when sessions were cut off: Enter resumes, Esc leaves them for later,
    n discards one (the flow asks first). A stray key never throws a session away.

    Answers (choice, index of the offer chosen). With several offers they are listed and the arrow
    keys choose; on a touch screen the buttons are tall and kept apart, Discard on its own.
    """

    BINDINGS = [
        Binding("enter,y", "answer('resume')", "Resume", id="resume.yes", key_display="enter", priority=True),
        Binding("escape", "answer('later')", "Not now", id="resume.later", key_display="esc"),
        Binding("n", "answer('discard')", "Discard…", id="resume.no", key_display="n"),
    ]

    def __init__(self, offers: Sequence[ResumeOffer], *, touch: bool = False) -> None:
        super().__init__()
        self.offers = list(offers)
        self.touch = touch

    def compose(self) -> ComposeResult:
        """Lay out the offer, or the list of them."""
        with Vertical(id="resume-card"):
            if len(self.offers) == 1:
                yield Static(resume_content(self.offers[0]), id="resume-text")
            else:
                title = f"{len(self.offers)} sessions were cut off. Resume one?"
                yield Static(Content.assemble((title, "bold $text-accent")), id="resume-text")
                yield OptionList(
                    *(Option(offer_line(offer), id=str(index)) for index, offer in enumerate(self.offers)),
                    id="resume-list",
                )
            hint = "Enter resume · Esc not now, offered again · n discard…"
            if not self.touch:  # a finger has the buttons below
                yield Static(hint if len(self.offers) == 1 else "↑↓ choose · " + hint, classes="dialog-hint")
            else:
                yield Button("Resume", id="resume-yes", variant="primary")
                with Horizontal(id="resume-buttons"):
                    yield Button("Not now", id="resume-later")
                    yield Button("Discard…", id="resume-discard", variant="error")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start on the newest session."""
        if len(self.offers) > 1:
            options = self.query_one(OptionList)
            options.highlighted = 0
            options.focus()

    @property
    def chosen(self) -> int:
        """The index of the offer highlighted (the only one, on a card)."""
        if len(self.offers) == 1:
            return 0
        return self.query_one(OptionList).highlighted or 0

    @on(Button.Pressed)
    def _tapped(self, event: Button.Pressed) -> None:
        event.stop()
        answers = {"resume-yes": RESUME, "resume-later": LATER, "resume-discard": DISCARD}
        self.action_answer(answers.get(event.button.id or "", LATER))

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        """A click on a session in the list resumes it."""
        event.stop()
        self.action_answer(RESUME)

    def action_answer(self, choice: str) -> None:
        """Close with the choice and the session it is about."""
        self.dismiss((choice, self.chosen))
