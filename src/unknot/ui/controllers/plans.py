"""The followed plan in the app: reading its day (on the history thread), playing a session of it
with the phase's durations, and asking "How was that?" after one.

The app publishes the day it reads as its `plan_today` state, which the browser's Today watches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from ..messages import AppState
from .services import Services

if TYPE_CHECKING:
    from ...core.history.recorder import SessionRecorder
    from ...core.history.store import HistoryStore
    from ...core.plans.today import Today
    from .sessions import SessionFlow


class PlanSessions:
    """Reads the followed plan's day and plays its sessions as the plan wants them."""

    def __init__(
        self, app: App[Any], state: AppState, services: Services, sessions: SessionFlow, folders: Sequence[Path]
    ) -> None:
        self._app = app
        self._state = state
        self._history = services.history
        self._today = services.today
        self._say = services.say
        self._sessions = sessions
        self._folders = tuple(folders)
        self.today: Today | None = None
        """The day as last read (None without a plan)."""
        self._said: str | None = None

    async def read_today(self) -> Today | None:
        """Read the followed plan's day on the history thread (plan files too: no file is read on the loop)."""
        from ...core.plans.active import active_today
        from ...core.plans.quick import load_and_keep_plans

        if self._history is None:
            return None
        routines, folders = self._state.library.routines, self._folders
        day = self._today()

        def read(store: HistoryStore) -> tuple[Today | None, str | None]:
            return active_today(store, load_and_keep_plans(folders), routines, day)  # kept for `due --short`

        self.today, problem = await self._history.ask(read)
        if problem and problem != self._said:  # said once, not after every session
            self._say(f"{problem[:1].upper()}{problem[1:]}.", "warning", 10)
        self._said = problem
        return self.today

    def play(self, routine_id: str) -> None:
        """Play a session of the day with the phase's durations; "How was that?" follows it."""
        from ...core.library.library import LibraryEntry
        from ...core.plans.today import routine_for_today

        entry = self._state.library.routines.get(routine_id)
        today = self.today
        if entry is None or today is None:
            self._say(f"No routine with the id {routine_id!r}", "error")
            return
        tuned = LibraryEntry(routine_for_today(today.plan, today.standing.phase, entry.routine), entry.path)
        self._sessions.request_entry(tuned, then=self.ask_rating)

    def ask_rating(self, recorder: SessionRecorder, done: Callable[[], None]) -> None:
        """Ask how the session felt (optional) and store the answer with it; then `done`."""
        from ..screens.rating import RatingScreen

        def answered(rating: str | None) -> None:
            if rating is not None:
                recorder.set_rating(rating)
            done()

        self._app.push_screen(RatingScreen(), answered)
