"""Filtering the routine list as the person types."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..routines.describe import EQUIPMENT_NAMES
from .library import LibraryEntry


def search_text(entry: LibraryEntry) -> str:
    """Return the lower-cased text a filter matches against: title, summary, tags, areas, equipment."""
    routine = entry.routine
    parts = [routine.title, routine.summary, entry.id, *routine.tags]
    parts += [area.replace("-", " ") for area in routine.areas]
    parts += [EQUIPMENT_NAMES[item] for item in routine.equipment] or ["no equipment", "none"]
    return " ".join(parts).casefold()


class RoutineIndex:
    """Entries with their search text worked out once, filtered by every word of a query."""

    def __init__(self, entries: Iterable[LibraryEntry]) -> None:
        self.entries = list(entries)
        self._texts = [search_text(entry) for entry in self.entries]

    def filter(self, query: str) -> Sequence[LibraryEntry]:
        """Return the entries whose text contains every word of `query`, in list order."""
        words = query.casefold().split()
        if not words:
            return self.entries
        return [entry for entry, text in zip(self.entries, self._texts, strict=True) if all(w in text for w in words)]
