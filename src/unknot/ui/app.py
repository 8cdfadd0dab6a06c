"""The Unknot app, the composition root: it builds the controllers and hands each what it needs, holds the
state screens watch (settings in force, the library, due standings), and passes each message on."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen
from textual.theme import Theme

from .. import startup
from ..core.library.library import Library
from ..core.preferences import PreferenceKeeper
from ..core.session.clock import SystemClock
from ..core.settings import Settings, SettingsStore
from .commands import RoutineCommands, app_commands
from .console_glyphs import GlyphCommandPalette, apply_terminal_glyphs, key_display
from .controllers.services import Services
from .controllers.wiring import Controllers
from .messages import EditRequested, LibraryLoaded, PlayRequested, SessionClosed, SessionStarted, SettingChosen
from .options import AppOptions
from .screens.browser import BrowserScreen
from .terminal import Terminal

if TYPE_CHECKING:
    from ..core.plans.today import Today
    from ..core.standings import DueRow
    from .screens.player import PlayerScreen
    from .widgets.today_list import TodayList


class UnknotApp(App[None]):
    """Builds and wires: screens post what they want, controllers do it, screens watch the state below."""

    CSS_PATH = "app.tcss"
    TITLE = "Unknot"
    COMMANDS = {RoutineCommands}
    HELP_TITLE = "Everywhere"
    BINDINGS = [
        Binding("question_mark", "help", "Help", show=False, id="app.help"),
        Binding(
            "ctrl+p", "command_palette", "palette", show=False, tooltip="Commands: play a routine, bell, theme",
            id="app.palette",
        ),
        Binding("ctrl+q", "quit", "Quit at once", show=False, id="app.quit", priority=True),  # from any dialog too
    ]  # fmt: skip

    settings: var[Settings] = var(Settings, init=False)
    """The settings in force: the saved ones with this run's command-line overrides."""
    library: var[Library] = var(Library, init=False)
    """The routines loaded now (a reload replaces it)."""
    due: var[Mapping[str, DueRow]] = var(dict, init=False)
    """Each routine's standing for today and this week (empty until history is read)."""
    plan_today: var[Today | None] = var(None, init=False)
    """The followed plan's day (None without one): the browser's Today shows it."""

    def __init__(self, options: AppOptions) -> None:
        super().__init__()
        self.options = options
        self.preferences = PreferenceKeeper(options.settings_store or SettingsStore(), options.overrides)
        self.set_reactive(UnknotApp.settings, self.preferences.in_force)
        self.set_reactive(UnknotApp.library, options.load_library())
        clock, history = options.clock or SystemClock(), options.history_service()
        self.services = Services(clock, history, Terminal(self), self.say, options.today)
        self.controllers = Controllers(self, self, self.services, options, self.refresh_due)
        apply_terminal_glyphs(self)

    def say(self, message: str, severity: SeverityLevel = "information", timeout: float = 4) -> None:
        """Notify as plain text: routine titles and file paths are never read as markup."""
        self.notify(message, severity=severity, timeout=timeout, markup=False)

    def get_default_screen(self) -> Screen[None]:
        """The routine browser is the bottom screen (building it directly saves a blank screen's frames)."""
        return BrowserScreen(self.library, self.settings.recent, due_first=self.settings.due_first)

    def on_mount(self) -> None:
        """Apply the theme, catch hang-ups, start the reminder and the watcher; then history and resume offers."""
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.services.terminal.catch_terminating_signals(self.on_terminate_signal)
        self.services.terminal.watch_for_a_lost_server(self.on_terminate_signal)
        if self.settings.remind_every:
            self.controllers.reminders.follow(self.settings)
        self._said_if(self.preferences.problem, 10)
        self.call_after_refresh(startup.resume_collection)
        if self.options.watch_routines:
            self.call_after_refresh(self.controllers.folders.watch)
        self.controllers.sessions.open_soon(at_once=self.options.leaves_after_session)

    def on_unmount(self) -> None:
        """Stop watching routine files, let queued history writes finish, and give the signals back."""
        self.controllers.stop()

    def on_terminate_signal(self, number: int) -> None:
        """Save every session in progress, then exit cleanly (restoring the terminal if it is still there)."""
        self.controllers.sessions.save_places()
        self.exit(return_code=128 + number)

    async def refresh_due(self) -> None:
        """Publish each routine's standing and the followed plan's day (read on the history thread)."""
        if self.services.history is not None:
            self.due, self.plan_today = await self.controllers.standings.read()

    # ----- messages: each goes to whoever does the job ---------------------------------------

    def on_play_requested(self, message: PlayRequested) -> None:
        """A screen, the palette or the reminder asked for a routine."""
        self.controllers.sessions.request(message.routine_id)

    def on_today_list_item_chosen(self, message: TodayList.ItemChosen) -> None:
        """A session of the plan's day: played with the phase's durations, "How was that?" after it."""
        self.controllers.plans.play(message.routine_id)

    def on_edit_requested(self, message: EditRequested) -> None:
        """Edit a routine in $VISUAL or $EDITOR, with the app suspended; then reload the routines."""
        self.controllers.folders.edit(message.routine_id)

    def on_library_loaded(self, message: LibraryLoaded) -> None:
        """Show the reloaded routines, and their standings."""
        self.library = message.library
        self.run_worker(self.refresh_due(), group="history")

    def on_player_screen_cued(self, message: PlayerScreen.Cued) -> None:
        """A moment of the session: the bell, a notification."""
        self.controllers.moments.session_moment(message.event, message.routine)

    def on_player_screen_session_ended(self, message: PlayerScreen.SessionEnded) -> None:
        """The summary, then what the person chooses."""
        self.controllers.sessions.ended(message)

    def on_session_started(self, message: SessionStarted) -> None:
        """The routine becomes the most recent; no break reminder while it plays."""
        self._said_if(self.preferences.played(message.routine_id))
        self.settings = self.preferences.in_force
        self.controllers.reminders.session_started()

    def on_session_closed(self, message: SessionClosed) -> None:
        """Count the session in the standings; the break reminder's interval starts again."""
        self.run_worker(self.refresh_due(), group="history")
        self.controllers.reminders.session_ended()

    def on_setting_chosen(self, message: SettingChosen) -> None:
        """Apply and save a choice made on screen (it outranks that setting's flag for this run)."""
        self._said_if(self.preferences.choose(message.name, message.value))
        self.settings = self.preferences.in_force
        if message.said:
            self.say(message.said, timeout=2)

    def watch_settings(self, old: Settings, new: Settings) -> None:
        """Put a changed setting into effect where no screen watches it: the break reminder, the theme."""
        if new.remind_every != old.remind_every:
            self.controllers.reminders.follow(new)
        if new.equipment != old.equipment:
            self.run_worker(self.refresh_due(), group="history")
        if new.theme != old.theme and new.theme in self.available_themes:
            self.theme = new.theme

    # ----- actions ---------------------------------------------------------------------------

    def action_play(self, routine_id: str) -> None:
        """Open the player on a routine (asking first when it is at its limit)."""
        self.controllers.sessions.request(routine_id)

    def action_history(self) -> None:
        """Show past sessions (read on the history thread)."""
        from .screens.history import show_history

        self.run_worker(show_history(self, self.services.history, self.services.clock), group="history")

    def action_settings(self) -> None:
        """Open the settings screen."""
        from .screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            voice = self.controllers.moments.voice.note(self.settings)
            kit = {name for entry in self.library.routines.values() for name in entry.card.equipment}
            self.push_screen(SettingsScreen.for_settings(self.settings, sorted(self.available_themes), voice, kit))

    def action_help(self) -> None:
        """Show every key, read from each screen's bindings, how things are set now, and the safety note."""
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            in_use = self.controllers.moments.notifier.mode.value
            self.push_screen(HelpScreen.for_screen(type(self.screen), type(self), self.settings, in_use))

    def action_command_palette(self) -> None:
        """Open the command palette (with an icon the terminal's font has)."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(GlyphCommandPalette(id="--command-palette"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands (theme, quit, keys…), then the settings, a break, reloading, help."""
        yield from super().get_system_commands(screen)
        reminders, folders = self.controllers.reminders, self.controllers.folders
        remind_now = reminders.remind_now if reminders.reminder is not None else None
        yield from app_commands(
            self.settings, self.post_message, open_settings=self.action_settings, reload=folders.reload,
            open_help=self.action_help, remind_now=remind_now,
        )  # fmt: skip

    def get_key_display(self, binding: Binding) -> str:
        """Write keys with the terminal's glyphs (Enter is not `⏎` on the Linux console)."""
        return key_display(super().get_key_display(binding))

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self.post_message(SettingChosen("theme", theme.name))

    def _said_if(self, problem: str | None, timeout: float = 4) -> None:
        if problem:
            self.say(problem, "warning", timeout)


def make_app(options: AppOptions, app_class: type[UnknotApp] = UnknotApp) -> UnknotApp:
    """Build the app; the command line, the tests and the scenes share this one way of making it."""
    return app_class(options)
