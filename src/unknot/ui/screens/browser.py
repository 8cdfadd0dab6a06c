"""The first screen: the routine list with a filter, and the highlighted routine's overview.

With a plan followed, Today sits above the list: the day's sessions, the next one highlighted and
focused at start, Enter plays it as the plan wants it; `t` comes back to it from the list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input, Static

from ...core.glyphs import glyphs
from ...core.library.library import Library, LibraryEntry
from ...core.library.search import RECENT_FIRST, RoutineIndex, browse_order, due_first_order
from ...core.settings import Settings
from ..messages import AppState, EditRequested, PlayRequested, SettingChosen, due_first_words
from ..widgets.key_footer import KeyFooter
from ..widgets.overview import Overview
from ..widgets.plain import set_plain
from ..widgets.routine_list import RoutineList
from ..widgets.today_list import TodayList

if TYPE_CHECKING:
    from ...core.plans.today import Today
    from ...core.standings import DueRow


class BrowserScreen(Screen[None]):
    """Browse, filter and start routines."""

    HELP_TITLE = "Routines"
    HELP_WIDGETS = (RoutineList,)
    AUTO_FOCUS = "#routines"

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (16, "-tall")]

    BINDINGS = [
        # A priority binding runs before the keys typed after it are delivered, so "/floor" typed or
        # pasted in one go lands in the filter; an ordinary one let "floor" reach the list first.
        Binding("slash", "focus_filter", "Filter", id="browser.filter", priority=True),
        # Shown only while typing in the filter (see check_action); in the list, its own keys apply.
        Binding("enter", "start", "Start", id="browser.filter_start", priority=True),
        Binding("escape", "focus_list", "Back to list", id="browser.focus_list"),
        Binding("e", "problems", "Problems", id="browser.problems"),
        Binding("o", "toggle_due_first", "Due first", id="browser.due_first"),
        Binding("t", "focus_today", "Today", id="browser.today"),
        Binding("E", "edit", "Edit", show=False, id="browser.edit"),
        Binding("h", "app.history", "History", id="browser.history"),
        Binding("s", "app.settings", "Settings", id="browser.settings"),
        Binding("question_mark", "app.help", "Help", id="browser.help"),
        Binding("q", "app.quit", "Quit", id="browser.quit"),
    ]

    highlighted_entry: var[LibraryEntry | None] = var(None)
    """The routine under the cursor, described in the overview (a `var`: a repainting reactive on the
    screen would repaint the whole screen at every cursor move)."""

    due: var[Mapping[str, DueRow]] = var(dict, always_update=True)
    """Each routine's standing for today and this week, once history has been read."""

    due_first: var[bool] = var(False)
    owned_kit: var[tuple[str, ...] | None] = var(None)
    """The kit the person has (settings' `equipment`; None: not said)."""
    """List the routines that are due first, and those at their limit last."""

    def __init__(self, library: Library, recent: Sequence[str] = (), *, due_first: bool = False) -> None:
        super().__init__()
        self.set_reactive(BrowserScreen.due_first, due_first)
        self._index_library(library, recent)

    def _index_library(self, library: Library, recent: Sequence[str]) -> None:
        self.library = library
        entries = browse_order(library.routines.values(), recent)
        self.index = RoutineIndex(entries)
        self.recent = {entry.id for entry in entries[:RECENT_FIRST] if entry.id in recent}
        """The recently played routines at the top of the list."""

    def compose(self) -> ComposeResult:
        """Lay out filter and list beside the overview, the problem line, and the footer."""
        with Horizontal(id="browser"):
            with Vertical(id="list-pane"):
                yield TodayList(id="today", classes="-empty")
                yield Input(placeholder="/ filter: name, tag, area, kit", id="filter", compact=True)
                yield RoutineList(id="routines")
                yield Static(id="list-legend", markup=False)
                yield Static(id="problem-line", markup=False)
            with Vertical(id="overview-pane"):
                yield Overview(id="overview").data_bind(
                    entry=BrowserScreen.highlighted_entry, owned=BrowserScreen.owned_kit
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        """Fill the list, focus it, report any files with problems, and follow the app's state."""
        self.show_matches("")
        self.set_focus(self.query_one(RoutineList))  # at once: see on_screen_resume
        if isinstance(self.app, AppState) and getattr(self.app, "plan_today", None) is not None:
            self._show_today(getattr(self.app, "plan_today", None))
        self.show_problem_line()
        if isinstance(self.app, AppState):
            self.owned_kit = self.app.settings.equipment
        self.watch(self.app, "library", self._show_library, init=False)
        self.watch(self.app, "due", self._show_due, init=False)
        self.watch(self.app, "settings", self._follow_settings, init=False)
        self.watch(self.app, "plan_today", self._show_today, init=False)

    def _show_today(self, today: Today | None) -> None:
        """Show the plan's day above the list; the first time it appears, it takes the focus from the list."""
        today_list = self.query_one(TodayList)
        was_empty = today_list.has_class("-empty")
        today_list.show(today)
        if today is not None and was_empty and isinstance(self.focused, RoutineList):
            self.set_focus(today_list)
        self.refresh_bindings()

    def _show_library(self, library: Library) -> None:
        app = self.app
        self.set_library(library, app.settings.recent if isinstance(app, AppState) else ())

    def _show_due(self, due: Mapping[str, DueRow]) -> None:
        self.due = due

    def _follow_settings(self, settings: Settings) -> None:
        self.due_first = settings.due_first
        self.owned_kit = settings.equipment

    def set_library(self, library: Library, recent: Sequence[str]) -> None:
        """Show a reloaded library: new routines appear, changed ones change, broken ones go to the problems."""
        self._index_library(library, recent)
        self.show_matches(self.query_one("#filter", Input).value)
        if self.highlighted_entry is not None:
            self.highlighted_entry = library.routines.get(self.highlighted_entry.id)
        self.show_problem_line()

    def show_problem_line(self) -> None:
        """Say how many routine files have problems (or notices), under the list."""
        errors = len({problem.path for problem in self.library.errors})  # files, not problems
        line = self.query_one("#problem-line", Static)
        if errors:
            files = f"{errors} routine file{'s' if errors != 1 else ''}"
            set_plain(line, f"{glyphs().warning} {files} with problems · e to see")
        elif self.library.notices:
            set_plain(line, f"{len(self.library.notices)} notice(s) · e to see")
        else:
            set_plain(line, "")
        line.set_class(not self.library.problems, "-empty")

    def on_screen_resume(self) -> None:
        """Coming back from a session, the cursor is in the list (so q quits, not types).

        At once, not on the next idle as `focus()` would: a `/` typed right away must not have its
        filter focus taken back by a late focus on the list (the keys after it were lost).
        """
        today_list = self.query_one(TodayList)
        self.set_focus(today_list if not today_list.has_class("-empty") else self.query_one(RoutineList))

    @on(RoutineList.RoutineHighlighted)
    def show_overview(self, message: RoutineList.RoutineHighlighted) -> None:
        """Describe the routine under the cursor."""
        self.highlighted_entry = self.library.routines.get(message.routine_id or "")

    @on(RoutineList.RoutineChosen)
    def start_chosen(self, message: RoutineList.RoutineChosen) -> None:
        """Play the chosen routine."""
        self.post_message(PlayRequested(message.routine_id))

    @on(Input.Changed, "#filter")
    def filter_routines(self, message: Input.Changed) -> None:
        """Narrow the list as the person types."""
        self.show_matches(message.value)

    def watch_due(self) -> None:
        """Show the new standings beside the routines."""
        if self.is_mounted:
            self.show_matches(self.query_one("#filter", Input).value)

    def watch_due_first(self) -> None:
        """Reorder the list."""
        self.watch_due()

    def show_matches(self, query: str) -> None:
        """List the routines `query` finds (all of them for an empty one), keeping the highlighted one."""
        keep = self.highlighted_entry.id if self.highlighted_entry else None
        hits = self.index.search(query)
        if self.due_first and self.due:
            hits = due_first_order(hits, self.due)
        self.query_one(RoutineList).show_hits(hits, query, self.recent, self.due, keep=keep)
        open_ended = any(hit.entry.open_ended for hit in hits)
        legend = self.query_one("#list-legend", Static)
        set_plain(legend, "+ also steps you finish yourself (d)" if open_ended else "")
        legend.set_class(not open_ended, "-empty")

    def action_toggle_due_first(self) -> None:
        """List due routines first, or go back to the usual order (the app saves the choice)."""
        due_first = not self.due_first
        self.post_message(SettingChosen("due_first", due_first, due_first_words(due_first)))

    def action_edit(self) -> None:
        """Open the highlighted routine in the editor (the app suspends itself meanwhile)."""
        if self.highlighted_entry is not None:
            self.post_message(EditRequested(self.highlighted_entry.id))

    def action_focus_filter(self) -> None:
        """Move the cursor to the filter box.

        Focus moves at once (not on the next idle, as `focus()` does), so text typed or
        pasted right after `/` goes into the filter instead of running list keys like q.
        """
        self.set_focus(self.query_one("#filter", Input))

    def action_start(self) -> None:
        """Play the highlighted routine."""
        if self.highlighted_entry is not None:
            self.post_message(PlayRequested(self.highlighted_entry.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the problems list only when there is something in it.

        In the filter, `/` types a slash, and Enter and Esc (start, back to the list) are offered.
        """
        if action == "problems":
            return bool(self.library.problems)
        if action == "focus_today":
            return not self.query_one(TodayList).has_class("-empty")
        in_filter = isinstance(self.focused, Input) and self.focused.id == "filter"
        if action == "focus_filter":
            return not in_filter
        if action in ("start", "focus_list"):
            return in_filter
        return True

    def action_focus_today(self) -> None:
        """Back to the plan's day from the list."""
        self.set_focus(self.query_one(TodayList))

    def action_problems(self) -> None:
        """Show every located problem with the routine files."""
        from .problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.library.problems))

    def action_focus_list(self) -> None:
        """Esc in the filter returns to the list, keeping the filter."""
        self.set_focus(self.query_one(RoutineList))

    def key_down(self) -> None:
        """Down from the filter goes into the list."""
        if self.query_one("#filter", Input).has_focus:
            self.query_one(RoutineList).focus()
