"""Messages that screens, controllers and the command palette post up to the app, and the app state they read.

Nothing here imports the app: screens and controllers say what they want with a message, and
read the app's state through `AppState`, which the app satisfies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.message import Message

if TYPE_CHECKING:
    from ..core.library.library import Library
    from ..core.plans.today import Today
    from ..core.settings import Settings
    from ..core.standings import DueRow


@dataclass
class PlayRequested(Message):
    """The person asked to play a routine (from the list, the filter, the palette or the summary)."""

    routine_id: str


@dataclass
class EditRequested(Message):
    """The person asked to edit a routine's file in their editor."""

    routine_id: str


@dataclass
class SettingChosen(Message):
    """The person chose a value for a setting (settings screen, palette or a key); the app saves it.

    `said` is a short confirmation to show (a key pressed mid-session has no screen that shows it).
    """

    name: str
    value: object
    said: str | None = None


def due_first_words(due_first: bool) -> str:
    """What is said when the routine order changes."""
    return "Due routines first" if due_first else "Usual order: recent first"


@dataclass
class LibraryLoaded(Message):
    """The routine folders were read again: the app shows this library from now on (a session playing keeps its own)."""

    library: Library


@dataclass
class SessionStarted(Message):
    """A routine began playing: it becomes the most recent, and the break reminder waits."""

    routine_id: str


@dataclass
class SessionClosed(Message):
    """The player closed (the summary comes next): the break reminder's interval starts again."""


@runtime_checkable
class AppState(Protocol):
    """The app's state that screens and controllers read (the app holds each as a reactive they can watch)."""

    @property
    def settings(self) -> Settings:
        """The settings in force: saved ones with this run's command-line overrides."""

    @property
    def library(self) -> Library:
        """The routines loaded now."""

    @property
    def due(self) -> Mapping[str, DueRow]:
        """Each routine's standing today and this week (empty until history is read)."""

    @property
    def plan_today(self) -> Today | None:
        """The followed plan's day (None without one, or until history is read)."""
