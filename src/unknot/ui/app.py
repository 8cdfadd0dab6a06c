"""The Unknot app: screens, bell and theme preferences, and the command palette."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from ..core.clock import Clock, SystemClock
from ..core.events import Outcome
from ..core.loader import Library, load_library
from ..core.paths import routine_folders
from ..core.settings import Settings, SettingsStore
from .commands import RoutineCommands
from .screens.browser import BrowserScreen
from .screens.help import HelpScreen
from .screens.player import PlayerScreen, Sleep
from .screens.summary import SummaryScreen
from .widgets.routine_list import RoutineList


class UnknotApp(App[None]):
    """A thin app: it opens the browser (or a routine), and moves between screens."""

    CSS_PATH = "app.tcss"
    TITLE = "Unknot"
    COMMANDS = App.COMMANDS | {RoutineCommands}
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
    ) -> None:
        super().__init__()
        self.library = library
        self.settings_store = settings_store
        self.settings: Settings = settings_store.load()
        self.clock = clock or SystemClock()
        self.sleep = sleep
        self.start_routine_id = start_routine_id
        self.mouse_enabled = mouse and self.settings.mouse

    def on_mount(self) -> None:
        """Apply the remembered theme and open the first screen."""
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(BrowserScreen(self.library))
        if self.start_routine_id is not None:
            self.action_play(self.start_routine_id)
        if self.settings_store.problem:
            self.notify(self.settings_store.problem, severity="warning")

    def action_play(self, routine_id: str) -> None:
        """Open the player on a routine."""
        entry = self.library.routines.get(routine_id)
        if entry is None:
            self.notify(f"No routine with the id {routine_id!r}", severity="error")
            return
        self.push_screen(PlayerScreen(entry, self.clock, self.sleep))

    @on(PlayerScreen.SessionEnded)
    def session_ended(self, message: PlayerScreen.SessionEnded) -> None:
        """After a session: the summary when it ran to the end; otherwise back, or out in `unknot play`."""
        record = message.record
        self.pop_screen()
        if record.outcome is not Outcome.COMPLETED:
            if self.start_routine_id is not None:
                self.exit()
            return

        def chosen(choice: str | None) -> None:
            if choice == "repeat":
                self.action_play(message.entry.id)
            elif choice == "quit":
                self.exit()

        self.push_screen(SummaryScreen(message.entry, record), chosen)

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
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(
            HelpScreen(
                [
                    ("Routines", [Binding("up,down", "", "Move"), *RoutineList.BINDINGS, *BrowserScreen.BINDINGS]),
                    ("Session", PlayerScreen.BINDINGS),
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
) -> UnknotApp:
    """Build the app; the command line and the tests share this one way of making it."""
    if library is None:
        library = load_library(routine_folders(extra_routine_folders))
    return UnknotApp(
        library,
        settings_store or SettingsStore(),
        clock=clock,
        sleep=sleep,
        start_routine_id=start_routine_id,
        mouse=mouse,
    )
