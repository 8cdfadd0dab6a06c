"""The Unknot app: screens, bell and theme preferences, and the command palette."""

from __future__ import annotations

import asyncio
import datetime
import signal
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from .. import startup
from ..core.library.library import Library
from ..core.session.clock import Clock, SystemClock
from ..core.settings import Settings, SettingsStore
from .commands import RoutineCommands
from .screens.browser import BrowserScreen

if TYPE_CHECKING:
    from ..core.history.store import Checkpoint, HistoryStore
    from .screens.player import PlayerScreen, Sleep

# Start-up pays only for the first frame: screens other than the browser are imported when first
# shown, and history (SQLite) is opened just after the first frame unless it is needed at once.


class UnknotApp(App[None]):
    """A thin app: it opens the browser (or a routine), and moves between screens."""

    CSS_PATH = "app.tcss"
    TITLE = "Unknot"
    COMMANDS = {RoutineCommands}
    BINDINGS = [Binding("question_mark", "help", "Help", show=False, id="app.help")]

    def __init__(
        self,
        library: Library,
        settings_store: SettingsStore,
        *,
        clock: Clock | None = None,
        sleep: Sleep | None = None,
        start_routine_id: str | None = None,
        mouse: bool = True,
        history: HistoryStore | None = None,
        open_history: Callable[[], HistoryStore] | None = None,
        exit_after_session: bool = False,
    ) -> None:
        super().__init__()
        self.library = library
        self._history = history
        self._open_history = open_history
        self.exit_after_session = exit_after_session or start_routine_id is not None
        self.settings_store = settings_store
        self.settings: Settings = settings_store.load()
        self.clock = clock or SystemClock()
        self.sleep = sleep
        self.start_routine_id = start_routine_id
        self.mouse_enabled = mouse and self.settings.mouse

    @property
    def history(self) -> HistoryStore | None:
        """Session history, opened on first use (None when the app keeps none)."""
        if self._history is None and self._open_history is not None:
            opener, self._open_history = self._open_history, None
            self._history = opener()
        return self._history

    def close_history(self) -> None:
        """Close history if it was opened."""
        if self._history is not None:
            self._history.close()

    def on_mount(self) -> None:
        """Apply the remembered theme, watch for hang-ups, and open the first screen.

        An interrupted session is offered before anything else, just after the routine list
        is first on screen (or at once, when a routine is to start).
        """
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._install_signal_handlers()
        if self.settings_store.problem:
            self.notify(self.settings_store.problem, severity="warning", timeout=10)
        self.call_after_refresh(startup.resume_collection)
        if self.start_routine_id is not None or self.exit_after_session:
            self._offer_resume_or_start()
        else:
            self.call_after_refresh(self._offer_resume_or_start)

    def get_default_screen(self) -> Screen[None]:
        """The routine browser is the bottom screen (building it directly saves a blank screen's frames)."""
        return BrowserScreen(self.library)

    def _offer_resume_or_start(self) -> None:
        """Report history problems, then offer an interrupted session or start the chosen routine."""
        history = self.history
        if history is not None and history.notice:
            self.notify(history.notice, severity="warning", timeout=10)
        if history is not None and history.problem:
            self.notify(f"{history.problem}. Everything else works.", severity="warning", timeout=10)
        if not self.offer_resume() and self.start_routine_id is not None:
            self.action_play(self.start_routine_id)

    def offer_resume(self) -> bool:
        """Offer the newest interrupted session, if any can be resumed; return whether one is offered.

        Older interrupted sessions, and ones whose routine is gone or changed, are kept in
        history as interrupted, so nothing is lost.
        """
        history = self.history
        if history is None:
            return False
        from ..core.session.player import Player

        for checkpoint in history.interrupted():
            entry = self.library.routines.get(checkpoint.routine_id)
            try:
                player = Player.restore(entry.timeline, self.clock, checkpoint.state) if entry else None
            except (ValueError, KeyError, TypeError):
                player = None
            if entry is None or player is None:
                history.discard_checkpoint(checkpoint)
                self.notify(
                    f"Could not resume {checkpoint.title}: the routine is gone or has changed. "
                    "It is kept in history as interrupted.",
                    severity="warning",
                    timeout=10,
                )
                continue

            def answered(resume: bool | None, checkpoint: Checkpoint = checkpoint) -> None:
                self._resume_answered(checkpoint, bool(resume))

            from .screens.resume import ResumeScreen

            self.push_screen(ResumeScreen(entry, checkpoint, player), answered)
            return True
        return False

    def _resume_answered(self, checkpoint: Checkpoint, resume: bool) -> None:
        history = self.history
        assert history is not None
        entry = self.library.routines.get(checkpoint.routine_id)
        if resume and entry is not None:
            from .screens.player import PlayerScreen

            self.push_screen(PlayerScreen(entry, self.clock, self.sleep, history=history, checkpoint=checkpoint))
            return
        history.discard_checkpoint(checkpoint)
        self.notify(f"Discarded; {checkpoint.title} is in history as interrupted.", timeout=4)
        if self.offer_resume():
            return
        if self.start_routine_id is not None:
            self.action_play(self.start_routine_id)
        elif self.exit_after_session:
            self.exit()

    def action_play(self, routine_id: str) -> None:
        """Open the player on a routine."""
        entry = self.library.routines.get(routine_id)
        if entry is None:
            self.notify(f"No routine with the id {routine_id!r}", severity="error")
            return
        from .screens.player import PlayerScreen

        self.push_screen(
            PlayerScreen(entry, self.clock, self.sleep, history=self.history, ask_pain=self.settings.ask_pain)
        )

    def action_history(self) -> None:
        """Show past sessions."""
        history = self.history
        if history is None:
            self.notify("History is off.", severity="warning")
            return
        from .screens.history import HistoryScreen

        today = datetime.datetime.fromtimestamp(self.clock.wall()).date()
        self.push_screen(HistoryScreen(history, today))

    def _install_signal_handlers(self) -> None:
        # Textual would die at once on SIGHUP (a dropped SSH connection) and run no cleanup.
        try:
            loop = asyncio.get_running_loop()
            for number in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(number, self.on_terminate_signal, number)
        except (NotImplementedError, RuntimeError, AttributeError):  # pragma: no cover - not on this platform
            pass

    def on_unmount(self) -> None:
        """Give the signals back."""
        try:
            loop = asyncio.get_running_loop()
            for number in (signal.SIGHUP, signal.SIGTERM):
                loop.remove_signal_handler(number)
        except (NotImplementedError, RuntimeError, AttributeError):  # pragma: no cover
            pass

    def on_terminate_signal(self, number: int) -> None:
        """Save every session in progress, then exit cleanly (restoring the terminal if it is still there)."""
        from .screens.player import PlayerScreen

        for screen in self.screen_stack:
            if isinstance(screen, PlayerScreen):
                screen.save_checkpoint(force=True)
        self.exit(return_code=128 + number)

    def on_player_screen_session_ended(self, message: PlayerScreen.SessionEnded) -> None:
        """After a session: the summary when it ran to the end; otherwise back, or out in `unknot play`."""
        from ..core.session.events import Outcome

        record = message.record
        self.pop_screen()
        if record.outcome is not Outcome.COMPLETED:
            if self.exit_after_session:
                self.exit()
            return

        def chosen(choice: str | None) -> None:
            if choice == "repeat":
                self.action_play(message.entry.id)
            elif choice == "quit":
                self.exit()

        from .screens.summary import SummaryScreen

        self.push_screen(SummaryScreen(message.entry, record, self.history, message.session_id), chosen)

    def ring_bell(self) -> None:
        """Ring the terminal bell, when the person wants it."""
        if self.settings.bell:
            self.bell()

    def action_toggle_bell(self) -> None:
        """Turn the bell on or off, and remember the choice."""
        self.settings.bell = not self.settings.bell
        self._save_settings()
        self.notify(f"Bell {'on' if self.settings.bell else 'off'}", timeout=2)

    def action_help(self) -> None:
        """Show every key and the safety note."""
        from .screens.help import HelpScreen
        from .screens.history import HistoryScreen
        from .screens.player import PlayerScreen
        from .widgets.routine_list import RoutineList

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(
            HelpScreen(
                [
                    (
                        "Routines",
                        [
                            Binding("up,down", "", "Move"),
                            *RoutineList.BINDINGS,
                            *[b for b in BrowserScreen.BINDINGS if getattr(b, "id", "") != "browser.filter_start"],
                        ],
                    ),
                    ("Session", PlayerScreen.BINDINGS),
                    ("History", HistoryScreen.BINDINGS),
                    (
                        "Everywhere",
                        [
                            Binding("ctrl+p", "command_palette", "Commands: play a routine, bell, theme"),
                            Binding("ctrl+q", "quit", "Quit at once"),
                        ],
                    ),
                ]
            )
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Add the bell and help to Textual's own commands (theme, quit, keys…)."""
        yield from super().get_system_commands(screen)
        state = "off" if self.settings.bell else "on"
        yield SystemCommand(f"Bell: turn {state}", "Ring the terminal bell at each new step", self.action_toggle_bell)
        yield SystemCommand("Help", "Every key, and the safety note", self.action_help)

    def _remember_theme(self, theme: Theme) -> None:
        self.settings.theme = theme.name
        self._save_settings()

    def _save_settings(self) -> None:
        if not self.settings_store.save(self.settings) and self.settings_store.problem:
            self.notify(self.settings_store.problem, severity="warning")


def make_app(
    *,
    extra_routine_folders: Sequence[Path] = (),
    library: Library | None = None,
    settings_store: SettingsStore | None = None,
    clock: Clock | None = None,
    sleep: Sleep | None = None,
    start_routine_id: str | None = None,
    mouse: bool = True,
    history: HistoryStore | None = None,
    open_history: Callable[[], HistoryStore] | None = None,
    exit_after_session: bool = False,
) -> UnknotApp:
    """Build the app; the command line and the tests share this one way of making it.

    History is either given open (`history`) or opened when first needed (`open_history`).
    """
    if library is None:
        from ..core.library.loader import load_library
        from ..core.paths import routine_folders

        library = load_library(routine_folders(extra_routine_folders))
    return UnknotApp(
        library,
        settings_store or SettingsStore(),
        clock=clock,
        sleep=sleep,
        start_routine_id=start_routine_id,
        mouse=mouse,
        history=history,
        open_history=open_history,
        exit_after_session=exit_after_session,
    )
