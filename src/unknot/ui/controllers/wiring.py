"""The app's controllers, each built on first use with what it needs handed in.

Building on first use keeps each controller's module (and the screens, history and player it
imports) off the launch path: the first frame needs none of them. tests/unit/test_startup.py
checks what launching imports.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from textual.app import App

from ..messages import AppState
from ..options import AppOptions
from .services import Services

if TYPE_CHECKING:
    from .folders import RoutineFolders
    from .moments import MomentEffects
    from .plans import PlanSessions
    from .reminders import BreakReminders
    from .sessions import SessionFlow
    from .standings import Standings


class Controllers:
    """Holds the controllers of one app; each is made the first time it is asked for."""

    def __init__(
        self,
        app: App[Any],
        state: AppState,
        services: Services,
        options: AppOptions,
        refresh_due: Callable[[], Awaitable[None]],
    ) -> None:
        self._app = app
        self._state = state
        self.services = services
        self._options = options
        self._refresh_due = refresh_due

    def stop(self) -> None:
        """As the app ends: stop watching routine files, let queued history writes finish, give signals back."""
        if self.built("folders"):
            self.folders.stop()
        if self.services.history is not None:
            self.services.history.drain()
        self.services.terminal.release_signals()

    def built(self, name: str) -> bool:
        """Whether the controller `name` has been made (nothing to stop otherwise)."""
        return name in self.__dict__

    @cached_property
    def sessions(self) -> SessionFlow:
        """Playing routines, resume offers and what follows a session."""
        from .sessions import SessionFlow, SessionPlan

        options = self._options
        touch = self._app.is_web if options.touch is None else options.touch
        plan = SessionPlan(options.start_routine_id, options.leaves_after_session, touch, options.sleep)
        return SessionFlow(self._app, self._state, self.services, plan, self._refresh_due)

    @cached_property
    def standings(self) -> Standings:
        """Where each routine stands, and the followed plan's day."""
        from .standings import Standings

        return Standings(self._state, self.services, lambda: self.plans.read_today())

    @cached_property
    def moments(self) -> MomentEffects:
        """The bell and notifications at the moments of a session."""
        from .moments import MomentEffects

        return MomentEffects(self._app, self._state, self.services)

    @cached_property
    def folders(self) -> RoutineFolders:
        """Editing, reloading and watching the routine folders."""
        from .folders import RoutineFolders

        return RoutineFolders(self._app, self._state, self.services, self._options.extra_routine_folders)

    @cached_property
    def reminders(self) -> BreakReminders:
        """The break reminder (off unless the settings in force give an interval)."""
        from .reminders import BreakReminders

        return BreakReminders(
            self._app, self._state, self.services, self.moments, lambda routine_id: self.plans.play(routine_id)
        )

    @cached_property
    def plans(self) -> PlanSessions:
        """The followed plan: its day, its sessions with the phase's durations, the question after one."""
        from .plans import PlanSessions

        return PlanSessions(self._app, self._state, self.services, self.sessions, self._options.extra_routine_folders)
