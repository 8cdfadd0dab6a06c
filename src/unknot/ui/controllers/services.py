"""What the app builds once and hands to every controller: the clock, history, the terminal, a way to speak up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...core.history.service import HistoryService
    from ...core.session.clock import Clock
    from ..terminal import Terminal


@dataclass(frozen=True)
class Services:
    """The app's shared services, handed to each controller (none of them reaches for the app to find these)."""

    clock: Clock
    history: HistoryService | None
    """History on its own thread; None when this run keeps no history."""
    terminal: Terminal
    say: Callable[..., None]
    """Show a plain-text notice: `say(message, severity="information", timeout=4)`."""
    calendar: Callable[[], dt.date] | None = None
    """What day it is, when handed in (tests and scenes); None: the local day of the clock's wall time."""

    def today(self) -> dt.date:
        """The local date now: what the standings, the plan's day and the break reminder count by."""
        if self.calendar is not None:
            return self.calendar()
        return dt.date.fromtimestamp(self.clock.wall())

    def close_history(self) -> None:
        """Let queued history writes finish, then close the database (after the app has stopped)."""
        if self.history is not None:
            self.history.close()
