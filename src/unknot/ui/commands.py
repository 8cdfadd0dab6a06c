"""Command palette entries: "Play: <routine>" for every routine, then the app's own commands."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits
from textual.content import Content
from textual.markup import escape
from textual.system_commands import SystemCommandsProvider

from ..core.library.search import browse_order
from .messages import LibraryHolder, PlayRequested

#: How the letters that match what was typed stand out in a routine's name.
MATCH_STYLE = "bold underline $text-accent"


class RoutineCommands(SystemCommandsProvider):
    """Offers to play each routine in the library, then the system commands (theme, bell, help, quit).

    One provider for both, in place of Textual's own: separate providers answer concurrently, so
    with nothing typed the order of their lists would depend on which finished first. Routine
    titles and summaries come from files: titles go to the palette as Content, summaries (which
    Textual reads as markup) escaped, so neither is ever read as markup.
    """

    def _commands(self) -> list[tuple[str, str, str]]:
        app = self.app
        if not isinstance(app, LibraryHolder):
            return []
        entries = browse_order(app.library.routines.values(), app.settings.recent)
        return [(f"Play: {entry.routine.title}", entry.id, entry.routine.summary) for entry in entries]

    def _play(self, routine_id: str) -> None:
        self.app.post_message(PlayRequested(routine_id))

    async def discover(self) -> Hits:
        """List every routine when nothing is typed yet, then the system commands."""
        for text, routine_id, summary in self._commands():
            yield DiscoveryHit(Content(text), partial(self._play, routine_id), text=text, help=escape(summary))
        async for hit in super().discover():
            yield hit

    async def search(self, query: str) -> Hits:
        """Match the typed text against "Play: <title>" and the system commands."""
        matcher = self.matcher(query)
        for text, routine_id, summary in self._commands():
            score, offsets = matcher.fuzzy_search.match(query, text)
            if score > 0:
                shown = Content(text)
                for offset in offsets:
                    shown = shown.stylize(MATCH_STYLE, offset, offset + 1)
                yield Hit(score, shown, partial(self._play, routine_id), text=text, help=escape(summary))
        async for hit in super().search(query):
            yield hit
