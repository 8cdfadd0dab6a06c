"""The player: step detail, live countdown and the session around it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Static

from ...core.history.recorder import SessionRecorder
from ...core.library.library import LibraryEntry
from ...core.routines.model import Routine
from ...core.session.events import CueReached, Finished, SegmentStarted, SessionEvent, SessionRecord
from ...core.session.player import Player, PlayerState, Position
from ...core.session.ticker import Sleep, Ticker
from ...core.session.wording import next_up_text, session_left_text, status_text
from ...core.settings import Settings
from ..messages import AppState, SettingChosen
from ..widgets.breath_pacer import BreathPacer
from ..widgets.countdown import ClockTapped, Countdown
from ..widgets.floor_view import FloorView
from ..widgets.key_footer import KeyFooter
from ..widgets.meter import Meter
from ..widgets.plain import set_plain
from ..widgets.step_detail import StepDetail
from ..widgets.step_list import StepList
from ..widgets.touch_controls import TouchControls
from .confirm import ConfirmLeaveScreen
from .pain import PainScreen


class PlayerScreen(Screen[None]):
    """Plays one routine; owns the Player and its Ticker, hands the position down, and lets the recorder save."""

    HELP_TITLE = "Session"

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (64, "-wide"), (110, "-roomy")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-medium"), (30, "-tall")]

    BINDINGS = [
        # Two bindings on space, one shown at a time (check_action), so the footer says what space will do.
        Binding("space", "pause", "Pause", id="player.pause"),
        Binding("space", "resume", "Resume", id="player.resume"),
        Binding("n,right", "next", "Next", id="player.next", key_display="n"),
        Binding("s", "skip_part", "Skip part", tooltip="Skip to the other side or the next rep", id="player.skip_part"),
        Binding("a", "add_rep", "+1 rep", tooltip="One more rep of this step", id="player.add_rep"),
        Binding("p,left", "previous", "Prev", id="player.previous", key_display="p"),
        Binding("r", "restart_step", "Restart", id="player.restart", show=False),
        Binding("plus,equals_sign", "adjust(10)", "+10s", id="player.longer", key_display="+", show=False),
        Binding("minus", "adjust(-10)", "-10s", id="player.shorter", key_display="-", show=False),
        Binding("d", "done", "Done", id="player.done"),
        Binding("b", "next_bell_mode", "Bell mode", id="player.bell", show=False),
        Binding("f", "toggle_floor", "Floor view", tooltip="Large clock to read from the floor", id="player.floor"),
        Binding("q,escape", "leave", "Leave", id="player.leave", key_display="q"),
        Binding("question_mark", "app.help", "Help", id="player.help"),
    ]

    FOOTER_PRIORITY = ("pause", "resume", "next", "done", "leave")
    """What a narrow footer keeps first: keys to stop, move on, finish a step and leave."""

    position: var[Position | None] = var(None)
    """The engine's position after the latest tick or command; bound into every widget."""

    @dataclass
    class Ticked(Message):
        """The ticker woke: time moved and these events happened."""

        events: list[SessionEvent]

    @dataclass
    class SessionEnded(Message):
        """The session finished or was left (and was handed to history); the app decides what comes next."""

        entry: LibraryEntry
        record: SessionRecord
        recorder: SessionRecorder

    @dataclass
    class Cued(Message):
        """Something happened that the bell or a notification may mark (a new step or side, the last
        seconds, the end)."""

        event: SessionEvent
        routine: Routine

    def __init__(
        self,
        entry: LibraryEntry,
        player: Player,
        recorder: SessionRecorder,
        sleep: Sleep | None = None,
        *,
        ask_pain: bool = False,
        floor: bool = False,
        touch: bool = False,
    ) -> None:
        super().__init__()
        self.touch = touch
        self.set_class(floor, "-floor")
        self.entry = entry
        self.player = player
        self.recorder = recorder
        self.ask_pain = ask_pain
        self.ticker = Ticker(self.player, self._post_tick, **({"sleep": sleep} if sleep else {}))
        self.cue_text = ""
        self._offered_now: tuple[bool, bool, bool] | None = None
        self._said_problem: str | None = None

    def _post_tick(self, events: list[SessionEvent]) -> None:
        # The ticker runs in a worker: it never touches widgets, it posts a message.
        self.post_message(self.Ticked(events))

    def compose(self) -> ComposeResult:
        """Lay out the status line, detail and timer columns, and the footer."""
        routine = self.entry.routine
        yield Static(id="session-status", markup=False)
        with Container(id="player"):
            with Vertical(id="timer-column"):
                yield Countdown(touch=self.touch, id="countdown").data_bind(PlayerScreen.position)
                yield BreathPacer(routine, id="pacer").data_bind(PlayerScreen.position)
                yield Static(id="cue", markup=False)
                yield Static(id="next-up", markup=False)
                with Horizontal(id="session-progress"):
                    yield Meter(id="session-bar")
                    yield Static(id="session-left", markup=False)
                yield StepList(routine, id="step-list").data_bind(PlayerScreen.position)
            yield StepDetail(routine, id="detail").data_bind(PlayerScreen.position)
        yield FloorView(routine, touch=self.touch, id="floor").data_bind(PlayerScreen.position)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start (or resume) the session and its ticker; ask about pain first when history is kept."""
        self.watch(self.app, "settings", self._follow_settings, init=False)
        self.run_worker(self.ticker.run(), name="ticker", group="ticker", exclusive=True)
        if self.player.state is PlayerState.PAUSED:  # restored from an interrupted session
            # A short countdown first, showing where it goes back to, so the person can get in place.
            self._command(self.player.lead_in(self.entry.routine.get_ready))
        elif self.ask_pain:
            self.app.push_screen(PainScreen("How is your back right now?", touch=self.touch), self._start_with_pain)
        else:
            self._command(self.player.start())

    def _start_with_pain(self, rating: int | None) -> None:
        self.recorder.pain_before = rating
        self._command(self.player.start())

    # ----- keeping the picture current --------------------------------------------------

    @on(Ticked)
    def on_ticked(self, message: Ticked) -> None:
        """Render the ticker's news."""
        self.handle_events(message.events)

    def on_clock_tapped(self, message: ClockTapped) -> None:
        """A tap on the clock is space: pause, or resume (also during a resumed session's lead-in)."""
        self.action_pause()

    def on_touch_controls_chosen(self, message: TouchControls.Chosen) -> None:
        """A button under the floor view does what its key does (the player ignores what does not apply)."""
        {"next": self.action_next, "pause": self.action_pause, "done": self.action_done}[message.command]()

    def on_unmount(self) -> None:
        """Save the place of a session still under way (the app is quitting, or its browser tab closed)."""
        self.recorder.checkpoint(force=True)

    def handle_events(self, events: list[SessionEvent]) -> None:
        """Apply engine events: cues, the bell, history, the end; then refresh the position."""
        for event in events:
            if isinstance(event, SegmentStarted):
                self.cue_text = ""
            elif isinstance(event, CueReached):
                self.cue_text = event.text
            self.post_message(self.Cued(event, self.entry.routine))
        self.recorder.observe(events)
        problem = self.recorder.checkpoint_problem
        if problem and problem != self._said_problem:
            self._said_problem = problem
            said = f"Progress is not being saved ({problem}). The session goes on."
            self.notify(said, severity="warning", markup=False)
        for event in events:
            if isinstance(event, Finished):
                self.post_message(self.SessionEnded(self.entry, event.record, self.recorder))
        offered = self._offered()
        if offered != self._offered_now:
            # Only when a key appears or goes (d, a, Pause/Resume): each refresh rebuilds the footer.
            self._offered_now = offered
            self.refresh_bindings()
        self.position = self.player.position()

    def watch_position(self, position: Position | None) -> None:
        """Update the lines this screen owns (the widgets update themselves)."""
        if position is None:
            return
        routine = self.entry.routine
        set_plain(self.query_one("#session-status", Static), status_text(routine, position))
        cue = self.query_one("#cue", Static)
        set_plain(cue, f"» {self.cue_text}" if self.cue_text else "")
        cue.set_class(not self.cue_text, "-empty")
        self.query_one(FloorView).cue = self.cue_text
        set_plain(self.query_one("#next-up", Static), next_up_text(routine, position))
        total = max(1.0, position.session_total)
        self.query_one("#session-bar", Meter).fraction = position.session_elapsed / total
        set_plain(self.query_one("#session-left", Static), session_left_text(position))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only what applies now: `d` on until-done steps, `a` in steps with reps, Pause or Resume."""
        if action == "done":
            return self.player.segment.until_done and not self.player.finished
        if action == "add_rep":
            return self.player.can_add_rep
        if action in ("pause", "resume"):
            return (self.player.state is PlayerState.PAUSED) == (action == "resume")
        return True

    def _offered(self) -> tuple[bool, bool, bool]:
        """What the footer depends on: until-done, a rep can be added, paused."""
        return (self.player.segment.until_done, self.player.can_add_rep, self.player.state is PlayerState.PAUSED)

    def _command(self, events: list[SessionEvent]) -> None:
        self.handle_events(events)
        self.ticker.poke()

    # ----- actions ---------------------------------------------------------------------------

    def action_pause(self) -> None:
        """Pause."""
        self._command(self.player.toggle_pause())

    def action_resume(self) -> None:
        """Resume (at once, also during a resumed session's lead-in)."""
        self._command(self.player.toggle_pause())

    def action_next(self) -> None:
        """Skip to the next step."""
        self._command(self.player.next())

    def action_skip_part(self) -> None:
        """Skip to the other side or the next rep (the next step when there is none)."""
        self._command(self.player.skip_part())

    def action_add_rep(self) -> None:
        """One more rep of this step, on this side."""
        self._command(self.player.add_rep())

    def action_previous(self) -> None:
        """Restart this step, or go to the previous one."""
        self._command(self.player.previous())

    def action_restart_step(self) -> None:
        """Start this step again."""
        self._command(self.player.restart_step())

    def action_adjust(self, seconds: int) -> None:
        """Add or take away time from the current segment."""
        self._command(self.player.adjust(seconds))

    def action_done(self) -> None:
        """Finish an until-done step."""
        self._command(self.player.done())

    def action_next_bell_mode(self) -> None:
        """Go round the bell modes: steps, steps and the last 3 seconds, off (the app saves the choice)."""
        from ...core.session.bell import BELL_MODE_WORDS, next_mode

        app = self.app
        if isinstance(app, AppState):
            mode = next_mode(app.settings.bell)
            self.post_message(SettingChosen("bell", mode, f"Bell {BELL_MODE_WORDS[mode]}"))

    @property
    def floor(self) -> bool:
        """Whether the floor view is on show."""
        return self.has_class("-floor")

    def action_toggle_floor(self) -> None:
        """Switch between the normal player and the floor view (the app remembers the choice)."""
        self.set_class(not self.floor, "-floor")
        self.post_message(SettingChosen("floor", self.floor))

    def _follow_settings(self, settings: Settings) -> None:
        """Show the view chosen elsewhere (the settings screen, the palette) at once."""
        self.set_class(settings.floor, "-floor")

    def action_leave(self) -> None:
        """Leave, asking first while the session is under way."""
        if self.player.finished:
            return
        was_running = self.player.state is PlayerState.RUNNING
        if was_running:
            self._command(self.player.pause())

        def answered(leave: bool | None) -> None:
            if leave:
                self._command(self.player.leave())
            elif was_running:
                self._command(self.player.resume())

        self.app.push_screen(ConfirmLeaveScreen(touch=self.touch), answered)
