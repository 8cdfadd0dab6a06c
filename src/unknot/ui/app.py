"""The Unknot app: which screen comes when, the bell and theme preferences, and the command palette."""

from __future__ import annotations

import asyncio
import datetime
import os
import signal
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from .. import startup
from ..core.history.service import HistoryService
from ..core.library.library import Library, LibraryEntry
from ..core.notify import Notifier, NotifyMode, resolve_mode
from ..core.session.clock import Clock, SystemClock
from ..core.settings import Settings, SettingsStore
from .commands import RoutineCommands
from .console_glyphs import GlyphCommandPalette, apply_terminal_glyphs, key_display
from .messages import EditRequested, PlayRequested
from .screens.browser import BrowserScreen

if TYPE_CHECKING:
    from ..core.history.due import DueRow
    from ..core.history.report import HistoryReport
    from ..core.history.resume import ResumeOffer
    from ..core.history.store import HistoryStore
    from ..core.library.watching import RoutineWatcher
    from ..core.session.bell import BellMode
    from ..core.session.ticker import Sleep
    from .reminders import BreakReminders
    from .screens.player import PlayerScreen
    from .screens.settings import SettingsScreen

T = TypeVar("T")

# Start-up pays only for the first frame: screens other than the browser are imported when first
# shown, and history (SQLite) is opened just after the first frame unless it is needed at once.


@dataclass
class AppOptions:
    """How to build the app; the command line, the tests and the scenes each fill in one of these."""

    library: Library | None = None
    """The routines; loaded from the search path (plus `extra_routine_folders`) when None."""
    extra_routine_folders: Sequence[Path] = ()
    settings_store: SettingsStore | None = None
    clock: Clock | None = None
    sleep: Sleep | None = None
    """How the session ticker waits; tests pass one that never wakes by itself."""
    start_routine_id: str | None = None
    """Open the player on this routine (`unknot play`); leaving it leaves the app."""
    mouse: bool = True
    floor: bool = False
    """Open the player in the floor view (`--floor`), whatever the settings say."""
    touch: bool | None = None
    """Show buttons for a finger under the floor view; None: when the app runs in a browser."""
    notify: NotifyMode | None = None
    """Notifications for this run (`--notify`); None: as the settings say."""
    open_history: Callable[[], HistoryStore] | None = None
    """Opens history on first use; None keeps no history."""
    exit_after_session: bool = False
    """Leave the app when the session ends (`unknot resume`)."""
    remind_every: int | None = None
    """Break reminder interval in seconds for this run (`--remind`; 0: none); None: as the settings say."""
    watch_routines: bool = False
    """Reload the routines when a routine file changes (the command line turns it on; tests choose)."""


class UnknotApp(App[None]):
    """A thin app: it opens the first screen and moves between screens; screens post what they want."""

    CSS_PATH = "app.tcss"
    TITLE = "Unknot"
    COMMANDS = {RoutineCommands}
    HELP_TITLE = "Everywhere"
    BINDINGS = [
        Binding("question_mark", "help", "Help", show=False, id="app.help"),
        Binding(
            "ctrl+p",
            "command_palette",
            "palette",
            show=False,
            tooltip="Commands: play a routine, bell, theme",
            id="app.palette",
        ),
        Binding("ctrl+q", "quit", "Quit at once", show=False, id="app.quit"),
    ]

    def __init__(self, options: AppOptions) -> None:
        super().__init__()
        if options.library is None:
            from ..core.library.loader import load_library
            from ..core.paths import routine_folders

            options.library = load_library(routine_folders(options.extra_routine_folders))
        self.library: Library = options.library
        self.options = options
        self.settings_store = options.settings_store or SettingsStore()
        self.settings: Settings = self.settings_store.load()
        self.clock = options.clock or SystemClock()
        self.exit_after_session = options.exit_after_session or options.start_routine_id is not None
        self.mouse_enabled = options.mouse and self.settings.mouse
        self.history_service = HistoryService(options.open_history) if options.open_history else None
        apply_terminal_glyphs(self)
        self.due: dict[str, DueRow] = {}
        """Each routine's standing for today and this week (empty until history is read)."""
        self.notifier = Notifier(
            resolve_mode(options.notify or self.settings.notify, os.environ), self.clock, tmux="TMUX" in os.environ
        )
        self.reminders: BreakReminders | None = None
        """The break reminder, when one is on."""
        self.routine_watcher: RoutineWatcher | None = None
        """Notices routine file changes while the app runs (`AppOptions.watch_routines`)."""

    async def history(self, job: Callable[[HistoryStore], T]) -> T | None:
        """Run `job` on the history thread and wait for it without stalling the screen (None: no history)."""
        if self.history_service is None:
            return None
        return await asyncio.wrap_future(self.history_service.run(job))

    def close_history(self) -> None:
        """Let queued history writes finish, then close the database."""
        if self.history_service is not None:
            self.history_service.close()

    def say(self, message: str, severity: SeverityLevel = "information", timeout: float = 4) -> None:
        """Notify as plain text: routine titles and file paths are never read as markup."""
        self.notify(message, severity=severity, timeout=timeout, markup=False)

    def get_key_display(self, binding: Binding) -> str:
        """Write keys with the terminal's glyphs (Enter is not `⏎` on the Linux console)."""
        return key_display(super().get_key_display(binding))

    def action_command_palette(self) -> None:
        """Open the command palette (with an icon the terminal's font has)."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(GlyphCommandPalette(id="--command-palette"))

    def get_default_screen(self) -> Screen[None]:
        """The routine browser is the bottom screen (building it directly saves a blank screen's frames)."""
        return BrowserScreen(self.library, self.settings.recent, due_first=self.settings.due_first)

    def on_mount(self) -> None:
        """Apply the remembered theme, watch for hang-ups, and open the first screen.

        An interrupted session is offered before anything else, just after the routine list
        is first on screen (or at once, when a routine is to start).
        """
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._install_signal_handlers()
        self.set_break_reminder()
        if self.settings_store.problem:
            self.say(self.settings_store.problem, "warning", 10)
        self.call_after_refresh(startup.resume_collection)
        if self.options.watch_routines:
            self.call_after_refresh(self._watch_routines)
        # History opens on its own thread just after the first frame, or at once when a session waits.
        if self.exit_after_session:
            self.run_worker(self._offer_resume_or_start(), group="history")
        else:
            self.call_after_refresh(lambda: self.run_worker(self._offer_resume_or_start(), group="history"))

    async def _offer_resume_or_start(self) -> None:
        """Report history problems, then offer interrupted sessions or start the chosen routine."""
        from .screens.resume import offer_resumes

        said = await self.history(lambda store: (store.notice, store.problem))
        for problem in said or ():
            if problem:
                self.say(f"{problem[:1].upper()}{problem[1:]}.", "warning", 10)
        await self.refresh_due()
        # `unknot play ID` plays ID: a session waiting to be resumed stays in history, offered next time.
        if self.history_service is None or self.options.start_routine_id is not None or not await offer_resumes(self):
            self.after_resume_declined()

    def after_resume_declined(self) -> None:
        """Nothing (more) to resume: start the routine asked for, leave (`unknot resume`), or stay."""
        if self.options.start_routine_id is not None:
            self.action_play(self.options.start_routine_id)
        elif self.exit_after_session:
            self.exit()

    async def refresh_due(self) -> None:
        """Count this week's sessions (on the history thread) and show each routine's standing."""
        import datetime as dt

        from ..core.history.due import due_rows, routine_limits, week_start

        today = dt.date.today()
        starts = await self.history(lambda store: store.counted_starts(week_start(today)))
        if starts is None:
            return
        self.due = {row.id: row for row in due_rows(routine_limits(self.library.routines.values()), starts, today)}
        browser = self.screen_stack[0] if self.screen_stack else None
        if isinstance(browser, BrowserScreen):
            browser.due = self.due

    def action_play(self, routine_id: str) -> None:
        """Open the player on a routine; one at its limit for the day or week asks first."""
        from ..core.history.due import limit_question
        from .screens.confirm import ConfirmStartScreen

        entry = self.library.routines.get(routine_id)
        if entry is None:
            self.say(f"No routine with the id {routine_id!r}", "error")
            return
        row = self.due.get(routine_id)
        question = limit_question(row) if row is not None else None
        if question is None:
            self.play(entry)
            return

        def answered(start: bool | None) -> None:
            if start:
                self.play(entry)
            elif self.exit_after_session:
                self.exit()

        self.push_screen(ConfirmStartScreen(question, touch=self.touch), answered)

    def play(self, entry: LibraryEntry, resumed: ResumeOffer | None = None) -> None:
        """Open the player on `entry`, new or carrying on an interrupted session."""
        from ..core.history.recorder import SessionRecorder
        from ..core.session.player import Player
        from .screens.player import PlayerScreen

        if resumed is not None:
            player = resumed.player
            recorder = SessionRecorder.resuming(self.history_service, player, self.clock, resumed.checkpoint)
        else:
            player = Player(entry.timeline, self.clock)
            recorder = SessionRecorder(self.history_service, player, self.clock)
        self.settings.played(entry.id)
        self._save_settings()
        if self.reminders is not None:
            self.reminders.session_started()
        ask_pain = self.settings.ask_pain and resumed is None and recorder.keeps_history
        floor = self.settings.floor or self.options.floor
        self.push_screen(
            PlayerScreen(entry, player, recorder, self.options.sleep, ask_pain=ask_pain, floor=floor, touch=self.touch)
        )
        self.set_page_title(f"{entry.routine.title} · Unknot")

    def on_play_requested(self, message: PlayRequested) -> None:
        """A screen or the palette asked for a routine."""
        self.action_play(message.routine_id)

    def on_edit_requested(self, message: EditRequested) -> None:
        """Edit a routine in $VISUAL or $EDITOR, with the app suspended; then reload the routines."""
        from .editing import edit_in_terminal

        edit_in_terminal(self, message.routine_id)

    def reload_routines(self, asked: bool = True) -> None:
        """Read the routine folders again (off the event loop) and show what changed.

        `asked` is False when a changed file (not the person) started it: then only changes are said.
        """
        from .editing import reload_routines

        self.run_worker(reload_routines(self, asked=asked), group="reload", exclusive=True)

    def _watch_routines(self) -> None:
        """Start noticing routine file changes (after the first frame: it is not needed for it)."""
        from .editing import watch_routine_folders

        self.routine_watcher = watch_routine_folders(self)

    def action_history(self) -> None:
        """Show past sessions (read on the history thread)."""
        if self.history_service is None:
            self.say("History is off.", "warning")
            return
        self.run_worker(self._show_history(), group="history")

    async def _show_history(self) -> None:
        from ..core.history.report import report_from_store
        from .screens.history import HistoryScreen

        today = datetime.datetime.fromtimestamp(self.clock.wall()).date()

        def read(store: HistoryStore) -> tuple[HistoryReport | None, str | None]:
            report = report_from_store(store, today) if store.available else None
            return report, store.problem

        report, problem = await self.history(read) or (None, "History is off.")
        self.push_screen(HistoryScreen(report, problem))

    def _install_signal_handlers(self) -> None:
        # Textual would die at once on SIGHUP (a dropped SSH connection) and run no cleanup.
        try:
            loop = asyncio.get_running_loop()
            for number in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(number, self.on_terminate_signal, number)
        except (NotImplementedError, RuntimeError, AttributeError):  # pragma: no cover - not on this platform
            pass

    def on_unmount(self) -> None:
        """Stop watching routine files, let queued history writes finish, and give the signals back."""
        if self.routine_watcher is not None:
            self.routine_watcher.stop()
        if self.history_service is not None:
            self.history_service.drain()
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
                screen.recorder.checkpoint(force=True)
        self.exit(return_code=128 + number)

    def on_player_screen_session_ended(self, message: PlayerScreen.SessionEnded) -> None:
        """After a session, finished or left: the summary (with the pain question); then back, again or out."""
        from .screens.summary import SummaryScreen

        self.pop_screen()
        self.set_page_title("Unknot")
        self.run_worker(self.refresh_due(), group="history")
        if self.reminders is not None:
            self.reminders.session_ended()

        def chosen(choice: str | None) -> None:
            if choice == "repeat":
                self.action_play(message.entry.id)
            elif choice == "quit" or self.exit_after_session:
                self.exit()

        summary = SummaryScreen(message.record, message.recorder, ask_pain=self.settings.ask_pain, touch=self.touch)
        self.push_screen(summary, chosen)

    def on_player_screen_floor_toggled(self, message: PlayerScreen.FloorToggled) -> None:
        """Remember the view chosen for the next session."""
        self.options.floor = False  # `--floor` opened the first one; from now on the choice decides
        self.settings.floor = message.floor
        self._save_settings()

    def on_player_screen_cued(self, message: PlayerScreen.Cued) -> None:
        """Ring the bell when the person's bell mode says this moment rings."""
        from ..core.session.bell import rings

        if rings(message.event, self.settings.bell):
            self.bell()
        sequence = self.notifier.sequence_for(message.event, message.routine, focused=self.app_focus)
        if sequence:
            self.write_to_terminal(sequence)

    def toggle_floor(self) -> None:
        """Switch the floor view: in the player now, and for the sessions to come."""
        from .screens.player import PlayerScreen

        if isinstance(self.screen, PlayerScreen):
            self.screen.action_toggle_floor()  # it reports back, and the choice is saved
        else:
            self.on_player_screen_floor_toggled(PlayerScreen.FloorToggled(not self.settings.floor))

    def set_notify_mode(self, mode: NotifyMode) -> None:
        """Use `mode` for notifications from now on, and remember it."""
        from ..core.notify import NOTIFY_MODE_WORDS

        self.settings.notify = mode
        self.options.notify = None
        self.notifier.mode = resolve_mode(mode, os.environ)
        self._save_settings()
        self.say(f"Notifications: {NOTIFY_MODE_WORDS[mode]}", timeout=2)

    def write_to_terminal(self, data: str) -> None:
        """Send an escape sequence straight to the terminal (as `bell` does; nothing when headless)."""
        if not self.is_headless and self._driver is not None:
            self._driver.write(data)

    @property
    def touch(self) -> bool:
        """Whether screens show buttons for a finger: in a browser, unless the options say otherwise."""
        return self.is_web if self.options.touch is None else self.options.touch

    def set_page_title(self, title: str) -> None:
        """Name the browser tab (when served by `unknot serve`; a terminal's title is left alone)."""
        write_meta = getattr(self._driver, "write_meta", None) if self.is_web else None
        if write_meta is not None:
            from ..core.notify import safe_text

            write_meta({"type": "unknot_title", "title": safe_text(title)})  # serving/sessions.py: TITLE_META

    def set_bell_mode(self, mode: BellMode) -> None:
        """Use `mode` from now on, and remember it."""
        from ..core.session.bell import BELL_MODE_WORDS

        self.settings.bell = mode
        self._save_settings()
        self.say(f"Bell {BELL_MODE_WORDS[mode]}", timeout=2)

    def action_next_bell_mode(self) -> None:
        """Go round the bell modes: steps, steps and the last 3 seconds, off."""
        from ..core.session.bell import next_mode

        self.set_bell_mode(next_mode(self.settings.bell))

    def action_settings(self) -> None:
        """Open the settings screen."""
        from ..core.setting_choices import setting_rows
        from .screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen(setting_rows(sorted(self.available_themes), self.settings), self.settings))

    def on_settings_screen_changed(self, message: SettingsScreen.Changed) -> None:
        """Apply a changed setting at once and remember it."""
        reminder_changed = message.settings.remind_every != self.settings.remind_every
        due_first_changed = message.settings.due_first != self.settings.due_first
        self.settings = message.settings
        self.options.notify = None  # a choice made on screen outranks `--notify`
        self.notifier.mode = resolve_mode(self.settings.notify, os.environ)
        if reminder_changed:
            self.options.remind_every = None  # and `--remind`
            self.set_break_reminder()
        if due_first_changed:
            self._show_due_first()
        if self.theme != self.settings.theme:
            self.theme = self.settings.theme  # saved by _remember_theme
        else:
            self._save_settings()

    def action_help(self) -> None:
        """Show every key, read from each screen's bindings, and the safety note."""
        from .screens.help import HelpScreen, help_sections
        from .screens.history import HistoryScreen
        from .screens.player import PlayerScreen
        from .screens.settings import SettingsScreen

        if isinstance(self.screen, HelpScreen):
            return
        # The keys of the screen in front come first; the rest follow in their usual order.
        screens: list[type[object]] = [BrowserScreen, PlayerScreen, HistoryScreen, SettingsScreen]
        current = type(self.screen)
        if current in screens:
            screens.remove(current)
            screens.insert(0, current)
        floor = "on" if self.settings.floor or self.options.floor else "off"
        now = (
            f"  Bell {self.settings.bell.value} · floor view {floor} (f) · notifications "
            f"{self.notifier.mode.value} (set {self.options.notify or self.settings.notify})\n"
            "  Change them in Settings: s in the routine list, or ctrl+p"
        )
        self.push_screen(HelpScreen(help_sections([*screens, type(self)]), now))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Add the bell and help to Textual's own commands (theme, quit, keys…)."""
        yield from super().get_system_commands(screen)
        from ..core.session.bell import BELL_MODE_WORDS, BellMode

        for mode in BellMode:
            if mode is not self.settings.bell:
                yield SystemCommand(
                    f"Bell: {mode.value}", f"Ring the bell {BELL_MODE_WORDS[mode]}", partial(self.set_bell_mode, mode)
                )
        from ..core.notify import NOTIFY_MODE_WORDS

        floor = "off" if self.settings.floor else "on"
        yield SystemCommand(f"Floor view: {floor}", "A large clock to read from the floor (f)", self.toggle_floor)
        for notify in NotifyMode:
            if notify is not self.settings.notify:
                yield SystemCommand(
                    f"Notifications: {notify.value}", NOTIFY_MODE_WORDS[notify], partial(self.set_notify_mode, notify)
                )
        order = "usual order" if self.settings.due_first else "due first"
        yield SystemCommand(
            f"Routine order: {order}", "List due routines first, or not (o)", self.action_toggle_due_first
        )
        if self.reminders is not None:
            yield SystemCommand("Break now", "Show the break reminder now", self.reminders.remind_now)
        yield SystemCommand(
            "Settings", "Bell, pain questions, floor view, notifications, break reminder, theme", self.action_settings
        )
        yield SystemCommand(
            "Reload routines", "Read the routine folders again (after editing files)", self.reload_routines
        )
        yield SystemCommand("Help", "Every key, and the safety note", self.action_help)

    def set_break_reminder(self) -> None:
        """Start, change or stop the break reminder as `--remind` or the settings say."""
        every = self.options.remind_every
        if every is None and self.settings.remind_every:
            from ..core.reminder import parse_remind_every

            every = parse_remind_every(self.settings.remind_every)
        if self.reminders is not None:
            self.reminders.stop()
            self.reminders = None
        if every:
            from .reminders import BreakReminders

            self.reminders = BreakReminders(self, every)

    def action_toggle_due_first(self) -> None:
        """List due routines first in the browser, or go back to the usual order; remembered."""
        self.settings.due_first = not self.settings.due_first
        self._save_settings()
        self._show_due_first()
        self.say("Due routines first" if self.settings.due_first else "Usual order: recent first", timeout=2)

    def _show_due_first(self) -> None:
        browser = self.screen_stack[0] if self.screen_stack else None
        if isinstance(browser, BrowserScreen):
            browser.due_first = self.settings.due_first

    def _remember_theme(self, theme: Theme) -> None:
        self.settings.theme = theme.name
        self._save_settings()

    def _save_settings(self) -> None:
        if not self.settings_store.save(self.settings) and self.settings_store.problem:
            self.say(self.settings_store.problem, "warning")


def make_app(options: AppOptions, app_class: type[UnknotApp] = UnknotApp) -> UnknotApp:
    """Build the app; the command line, the tests and the scenes share this one way of making it."""
    return app_class(options)
