"""Reading where each routine stands, and the followed plan's day, for the app to publish."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...core.plans.today import Today
    from ...core.standings import DueRow
    from ..messages import AppState
    from .services import Services


class Standings:
    """Counts this week's sessions on the history thread, and asks the plan controller for its day."""

    def __init__(self, state: AppState, services: Services, read_today: Callable[[], Awaitable[Today | None]]) -> None:
        self._state = state
        self._services = services
        self._read_today = read_today

    async def read(self) -> tuple[Mapping[str, DueRow], Today | None]:
        """Return each routine's standing today and this week, the plan's sessions still to do counted in
        (as `unknot due` counts them), and the plan's day; empty without history."""
        from ...core.history.due import read_standings
        from ...core.standings import with_plan

        history = self._services.history
        if history is None:
            return {}, None
        entries, today = self._state.library.routines.values(), self._services.today()
        owned = self._state.settings.equipment
        due = await history.ask(lambda store: read_standings(store, entries, today, owned))
        day = await self._read_today()
        if day is not None:
            due = {row.id: row for row in with_plan(due.values(), day.sessions_to_do())}
        return due, day
