"""Filtering the routine list as the person types, and the order the list is shown in.

Every word of the query must be found somewhere in a routine: its title, summary, description,
tags, areas, equipment, step titles or id. Routines whose title holds every word come first;
each hit says where it matched, so the list can show it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .card import FIELDS
from .library import LibraryEntry

if TYPE_CHECKING:  # the browser orders by standings, but the app starts without any history module
    from ..standings import DueRow

#: How many recently played routines go to the top of the list.
RECENT_FIRST = 3


@dataclass(slots=True)  # not frozen: a frozen init is several times slower, and a search makes thousands
class SearchHit:
    """A routine the query found; `fields` names the parts that hold a word of it."""

    entry: LibraryEntry
    in_title: bool
    _texts: tuple[str, ...] | None = None
    """The routine's search text, one per FIELDS name."""
    _words: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        """The parts of the routine holding a word of the query (worked out when asked: the list asks only
        for routines that do not match in their title)."""
        if self._texts is None:
            return ()
        return tuple(
            name for name, text in zip(FIELDS, self._texts, strict=True) if any(word in text for word in self._words)
        )


#: Where each status goes when due routines are listed first: DueStatus values (a StrEnum, so its members
#: find these keys), spelled out so that the browser does not import the history package to start.
_DUE_FIRST_RANK = {"due": 0, "at-limit": 2}


def due_first_order(hits: Sequence[SearchHit], due: Mapping[str, DueRow]) -> list[SearchHit]:
    """Return `hits` with the due routines first and those at their limit last, otherwise in the same order."""

    def rank(hit: SearchHit) -> int:
        row = due.get(hit.entry.id)
        return _DUE_FIRST_RANK.get(row.status, 1) if row is not None else 1

    return sorted(hits, key=rank)


def browse_order(entries: Iterable[LibraryEntry], recent: Sequence[str] = ()) -> list[LibraryEntry]:
    """Return routines as the browser and `unknot list` show them: recently played first, then by title."""
    by_title = sorted(entries, key=lambda entry: (entry.card.title.casefold(), entry.id))
    ids = {entry.id: entry for entry in by_title}
    first = [ids[routine_id] for routine_id in dict.fromkeys(recent) if routine_id in ids][:RECENT_FIRST]
    chosen = {entry.id for entry in first}
    return first + [entry for entry in by_title if entry.id not in chosen]


class RoutineIndex:
    """Entries in browse order with their search text worked out once, filtered by every word of a query."""

    def __init__(self, entries: Iterable[LibraryEntry]) -> None:
        self.entries = list(entries)
        self._fields = [entry.card.search for entry in self.entries]
        # One string per routine for the test every keystroke makes; the fields only for what is shown.
        self._texts = ["\n".join(fields) for fields in self._fields]
        self._last: tuple[str, list[int]] = ("", [])
        """The last query (casefolded) and the positions of the routines it found, in list order."""

    def search(self, query: str) -> list[SearchHit]:
        """Return the routines holding every word of `query`: title matches first, each in list order.

        Typing one more character can only narrow the result, so a query that extends the one
        before is looked for only among that one's routines.
        """
        folded = query.casefold()
        words = tuple(folded.split())
        if not words:
            self._last = ("", [])
            return [SearchHit(entry, False) for entry in self.entries]
        last_query, last_positions = self._last
        if last_query and folded.startswith(last_query):
            positions: Iterable[int] = last_positions
        else:
            positions = range(len(self.entries))
        texts, fields = self._texts, self._fields
        found = [position for position in positions if all(word in texts[position] for word in words)]
        self._last = (folded, found)
        in_title: list[SearchHit] = []
        elsewhere: list[SearchHit] = []
        for position in found:
            title = fields[position][0]  # FIELDS starts with the title
            title_has_all = all(word in title for word in words)
            hit = SearchHit(self.entries[position], title_has_all, fields[position], words)
            (in_title if title_has_all else elsewhere).append(hit)
        return in_title + elsewhere

    def filter(self, query: str) -> Sequence[LibraryEntry]:
        """Return the entries `search` finds, in its order."""
        return [hit.entry for hit in self.search(query)]


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of `text` where a word of `query` occurs, merged and in order."""
    folded = text.casefold()
    if len(folded) != len(text):  # casefolding changed the length (ß → ss): offsets would not line up
        return []
    spans: list[tuple[int, int]] = []
    for word in set(query.casefold().split()):
        start = folded.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + len(word))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
