"""How to build the app: what the command line, the tests and the scenes each fill in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.preferences import RunOverrides

if TYPE_CHECKING:
    from ..core.history.service import HistoryService
    from ..core.history.store import HistoryStore
    from ..core.library.library import Library
    from ..core.session.clock import Clock
    from ..core.session.ticker import Sleep
    from ..core.settings import SettingsStore


@dataclass(frozen=True)
class AppOptions:
    """Everything the app is built from; `make_app` turns one of these into the app."""

    library: Library | None = None
    """The routines; loaded from the search path (plus `extra_routine_folders`) when None."""
    extra_routine_folders: Sequence[Path] = ()
    settings_store: SettingsStore | None = None
    """Where the settings are kept (None: settings.json in the user's config folder)."""
    overrides: RunOverrides = field(default_factory=RunOverrides)
    """Settings given on the command line for this run (`--floor`, `--notify`, `--remind`, `--no-mouse`)."""
    clock: Clock | None = None
    today: Callable[[], dt.date] | None = None
    """What day it is (tests and scenes fix it); None: the local day of the clock's wall time."""
    sleep: Sleep | None = None
    """How the session ticker waits; tests pass one that never wakes by itself."""
    start_routine_id: str | None = None
    """Open the player on this routine (`unknot play`); leaving it leaves the app."""
    touch: bool | None = None
    """Show buttons for a finger under the floor view; None: when the app runs in a browser."""
    open_history: Callable[[], HistoryStore] | None = None
    """Opens history on first use; None keeps no history."""
    exit_after_session: bool = False
    """Leave the app when the session ends (`unknot resume`)."""
    watch_routines: bool = False
    """Reload the routines when a routine file changes (the command line turns it on; tests choose)."""

    @property
    def leaves_after_session(self) -> bool:
        """Whether the app ends with the session: `unknot play` and `unknot resume`."""
        return self.exit_after_session or self.start_routine_id is not None

    def history_service(self) -> HistoryService | None:
        """History on its own thread, opened on first use; None when this run keeps no history.

        Imported only here, when the app is built: importing the app needs no history module.
        """
        if self.open_history is None:
            return None
        from ..core.history.service import HistoryService

        return HistoryService(self.open_history)

    def load_library(self) -> Library:
        """The library given, or the routine folders read now."""
        if self.library is not None:
            return self.library
        from ..core.library.loader import load_library
        from ..core.paths import routine_folders

        return load_library(routine_folders(self.extra_routine_folders))
