"""Messages that screens and the command palette post up to the app, instead of reaching into it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from textual.message import Message

from ..core.library.library import Library
from ..core.settings import Settings


@dataclass
class PlayRequested(Message):
    """The person asked to play a routine (from the list, the filter, the palette or the summary)."""

    routine_id: str


@dataclass
class EditRequested(Message):
    """The person asked to edit a routine's file in their editor."""

    routine_id: str


@runtime_checkable
class LibraryHolder(Protocol):
    """Anything that holds the loaded library and the settings (the app does); lets the palette reach them."""

    library: Library
    settings: Settings
