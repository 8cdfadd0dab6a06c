"""Command palette entries: "Play: <routine>" for every routine, then the app's own commands."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits
from textual.content import Content
from textual.markup import escape
from textual.message import Message
from textual.system_commands import SystemCommandsProvider

from ..core.library.search import browse_order
from .messages import AppState, PlayRequested, SettingChosen, due_first_words

if TYPE_CHECKING:
    from ..core.settings import Settings

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
        if not isinstance(app, AppState):
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


def app_commands(
    settings: Settings,
    post: Callable[[Message], object],
    *,
    open_settings: Callable[[], None],
    reload: Callable[[], None],
    open_help: Callable[[], None],
    remind_now: Callable[[], None] | None,
) -> Iterator[SystemCommand]:
    """The palette's own commands: each setting's other values, a break now, settings, reloading, help.

    A setting's command posts `SettingChosen` with `post` (the app's `post_message`); the app
    applies and saves it.
    """
    yield from setting_commands(settings, post)
    if remind_now is not None:
        yield SystemCommand("Break now", "Show the break reminder now", remind_now)
    yield SystemCommand(
        "Settings", "Bell, pain questions, floor view, notifications, break reminder, theme", open_settings
    )
    yield SystemCommand("Reload routines", "Read the routine folders again (after editing files)", reload)
    yield SystemCommand("Help", "Every key, and the safety note", open_help)


def setting_commands(settings: Settings, post: Callable[[Message], object]) -> Iterator[SystemCommand]:
    """The palette's commands that change a setting (bell, floor view, notifications, routine order)."""
    from ..core.notify import NOTIFY_MODE_WORDS, NotifyMode
    from ..core.session.bell import BELL_MODE_WORDS, BellMode

    for mode in BellMode:
        if mode is not settings.bell:
            said = f"Bell {BELL_MODE_WORDS[mode]}"
            yield SystemCommand(
                f"Bell: {mode.value}", f"Ring the bell {BELL_MODE_WORDS[mode]}", _chooser(post, "bell", mode, said)
            )
    floor = not settings.floor
    yield SystemCommand(
        f"Floor view: {'on' if floor else 'off'}",
        "A large clock to read from the floor (f)",
        _chooser(post, "floor", floor),
    )
    for notify in NotifyMode:
        if notify is not settings.notify:
            said = f"Notifications: {NOTIFY_MODE_WORDS[notify]}"
            yield SystemCommand(
                f"Notifications: {notify.value}", NOTIFY_MODE_WORDS[notify], _chooser(post, "notify", notify, said)
            )
    order = "usual order" if settings.due_first else "due first"
    yield SystemCommand(
        f"Routine order: {order}",
        "List due routines first, or not (o)",
        _chooser(post, "due_first", not settings.due_first, due_first_words(not settings.due_first)),
    )


def _chooser(
    post: Callable[[Message], object], name: str, value: object, said: str | None = None
) -> Callable[[], None]:
    """A palette callback that chooses `value` for the setting `name`."""

    def choose() -> None:
        post(SettingChosen(name, value, said))

    return choose
