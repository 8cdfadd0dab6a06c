"""The floor view: the session drawn to be read from a mat two or three metres away.

The time left fills most of the screen, with the step's drawing beside or under it where it fits;
above it, the phase (or a cue, or the breath) in large letters; under it the step's name (large
where there is room), what to do now, and the step bar. The step's words show only on tall
screens, where they take no room the clock needs. During a rest (and before the first step) the
name, the drawing and the words are the coming step's.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Static

from ...core.routines.describe import art_box, diagram_art
from ...core.routines.model import Routine
from ...core.session.player import PlayerState, Position
from ...core.session.wording import (
    breath_text,
    clock_text,
    floor_phase_text,
    floor_title_text,
    in_final_seconds,
    paced_breathing,
    state_text,
)
from .big_text import BigText
from .big_words import BigWords
from .countdown import ClockTapped, clock_template
from .floor_stage import FloorStage
from .meter import Meter
from .plain import set_plain
from .scaled_art import ScaledArt
from .step_detail import detail_key
from .touch_controls import TouchControls


class FloorView(Vertical):
    """Renders the engine's position large; the player screen hands down the position and the cue."""

    position: var[Position | None] = var(None)
    """Where the session is."""
    cue: var[str] = var("")
    """The cue on show (empty: none); it takes the phase line while it shows."""

    def __init__(self, routine: Routine, *, touch: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.routine = routine
        self.touch = touch
        """Whether to show buttons for a finger (in a browser on a phone or tablet)."""
        self._art_boxes = [art_box(step) for step in routine.steps]

    def compose(self) -> ComposeResult:
        """Lay out the phase, the clock, the step's name, what to do now, the bar, the words and any buttons."""
        yield BigText(id="floor-phase")
        yield FloorStage(id="floor-stage")
        yield BigWords(id="floor-title")
        yield Static(id="floor-doing", markup=False)
        yield Meter(id="floor-bar")
        yield Static(id="floor-words", markup=False)
        if self.touch:
            yield TouchControls(id="touch-controls").data_bind(FloorView.position)

    def on_click(self, event: events.Click) -> None:
        """A tap anywhere but on a button (which stops its own) pauses or resumes, as space does."""
        event.stop()
        self.post_message(ClockTapped())

    def on_mount(self) -> None:
        """The phase stays smaller than the clock, however much room there is."""
        self.query_one("#floor-phase", BigText).largest = 2

    def on_resize(self) -> None:
        """The step's name takes large letters on one line from 20 rows, on two from 34."""
        height = self.content_size.height
        self.query_one("#floor-title", BigWords).most_lines = 0 if height < 20 else 1 if height < 34 else 2

    def watch_cue(self) -> None:
        """A cue shows at once, not at the next tick."""
        self.watch_position(self.position)

    def watch_position(self, position: Position | None) -> None:
        """Update what changed; the big text repaints only the glyphs that differ."""
        if position is None:
            return
        leading_in = position.lead_in_left is not None
        paused = position.state is PlayerState.PAUSED and not leading_in
        final = in_final_seconds(position)
        self.set_class(paused, "-paused")
        self.set_class(final, "-final")
        self.set_class(bool(self.cue), "-cue")
        self.query_one("#floor-phase", BigText).text = floor_phase_text(self.routine, position, self.cue).upper()
        clock = self.query_one("#floor-clock", BigText)
        template = clock_template(position)
        clock.template = template
        clock.text = clock_text(position)
        self.query_one("#floor-title", BigWords).text = floor_title_text(self.routine, position)
        doing = state_text(position, touch=self.touch)
        breathing = paced_breathing(self.routine, position)
        if not doing and breathing is not None and not paused:
            doing = breath_text(breathing, position.side_elapsed)
        set_plain(self.query_one("#floor-doing", Static), doing)
        self.query_one("#floor-bar", Meter).fraction = position.segment_fraction
        # The step described: the one in play, or the one coming during a rest and before the first.
        step_index, second_side, frame, _heading, _cautions = detail_key(self.routine, position)
        step = self.routine.steps[step_index]
        stage = self.query_one(FloorStage)
        stage.template = template
        stage.art_box = self._art_boxes[step_index]
        self.query_one("#floor-art", ScaledArt).art = diagram_art(step, frame, second_side)
        set_plain(self.query_one("#floor-words", Static), " ".join(step.instructions.split()))
