"""What the app builds once and hands to every controller: the clock, history, the terminal, a way to speak up."""

from __future__ import annotations

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

    def close_history(self) -> None:
        """Let queued history writes finish, then close the database (after the app has stopped)."""
        if self.history is not None:
            self.history.close()
