"""Which interrupted session to offer for resuming, and what to do with the ones that cannot be resumed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..library.library import LibraryEntry
from ..session.clock import Clock
from ..session.player import Player
from .store import Checkpoint, HistoryStore


@dataclass(frozen=True)
class ResumeOffer:
    """An interrupted session that fits its routine as it is now, ready to play from where it stopped."""

    checkpoint: Checkpoint
    entry: LibraryEntry
    player: Player


#: How many cut-off sessions are offered at once (newest first); the rest wait for the next time.
MAX_OFFERS = 20


@dataclass
class ResumeSearch:
    """The resumable sessions, newest first, and a notice for each one that had to be given up."""

    offers: list[ResumeOffer] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def offer(self) -> ResumeOffer | None:
        """The newest resumable session, or None."""
        return self.offers[0] if self.offers else None


def find_resumable(store: HistoryStore, routines: Mapping[str, LibraryEntry], clock: Clock) -> ResumeSearch:
    """Return the interrupted sessions whose routines still fit them, newest first (up to MAX_OFFERS).

    An interrupted session whose routine is gone or has changed cannot be played on; it is kept
    in history as interrupted (so nothing is lost) and named in a notice.
    """
    search = ResumeSearch()
    for checkpoint in store.interrupted():
        entry = routines.get(checkpoint.routine_id)
        player = None
        if entry is not None:
            try:
                player = Player.restore(entry.timeline, clock, checkpoint.state)
            except (ValueError, KeyError, TypeError):
                player = None
        if entry is None or player is None:
            store.discard_checkpoint(checkpoint)
            search.notices.append(
                f"Could not resume {checkpoint.title}: the routine is gone or has changed. "
                "It is kept in history as interrupted."
            )
            continue
        search.offers.append(ResumeOffer(checkpoint, entry, player))
        if len(search.offers) == MAX_OFFERS:
            break
    return search
