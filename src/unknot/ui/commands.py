"""Command palette entries: "Play: <routine>" for every routine."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import UnknotApp


class RoutineCommands(Provider):
    """Offers to play each routine in the library."""

    @property
    def unknot_app(self) -> UnknotApp:
        """The app, typed."""
        return cast("UnknotApp", self.app)

    def _commands(self) -> list[tuple[str, str, str]]:
        return [
            (f"Play: {entry.routine.title}", entry.id, entry.routine.summary)
            for entry in self.unknot_app.library.sorted_entries()
        ]

    async def discover(self) -> Hits:
        """List every routine when nothing is typed yet."""
        for text, routine_id, summary in self._commands():
            yield DiscoveryHit(text, partial(self.unknot_app.action_play, routine_id), help=summary)

    async def search(self, query: str) -> Hits:
        """Match the typed text against "Play: <title>"."""
        matcher = self.matcher(query)
        for text, routine_id, summary in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(text), partial(self.unknot_app.action_play, routine_id), help=summary
                )
