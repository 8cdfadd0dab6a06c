"""The routine folders while the app runs: `E` (the editor, with the app suspended), "Reload routines",
and the reload a saved routine file starts by itself."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SuspendNotSupported

from ...core.routines.text import shown_path
from ..messages import AppState, LibraryLoaded
from .services import Services

if TYPE_CHECKING:
    from ...core.library.library import Library
    from ...core.library.watching import RoutineWatcher


def library_changes(old: Library, new: Library) -> str:
    """Say what a reload changed: `1 new routine, 2 changed, 1 problem cleared; problem: FILE:LINE: …`.

    Empty when nothing did.
    """
    added = [routine_id for routine_id in new.routines if routine_id not in old.routines]
    removed = [routine_id for routine_id in old.routines if routine_id not in new.routines]
    changed = [
        routine_id
        for routine_id, entry in new.routines.items()
        if routine_id in old.routines and not old.routines[routine_id].same_routine(entry)
    ]
    old_errors = {(problem.path, problem.message, problem.line) for problem in old.errors}
    new_errors = [problem for problem in new.errors if (problem.path, problem.message, problem.line) not in old_errors]
    # A file whose problem changed is reported under its new problem, not as cleared.
    cleared = len({problem.path for problem in old.errors} - {problem.path for problem in new.errors})
    parts = []
    if added:
        parts.append(f"{len(added)} new routine{'s' if len(added) != 1 else ''}")
    if changed:
        parts.append(f"{len(changed)} changed")
    if removed:
        parts.append(f"{len(removed)} removed")
    if cleared:
        parts.append(f"{cleared} file{'s' if cleared != 1 else ''} fixed or removed")
    text = ", ".join(parts)
    if new_errors:
        first = new_errors[0]
        text += ("; " if text else "") + f"problem: {shown_path(first.path)}:{first.line}: {first.message}"
    return text


class RoutineFolders:
    """Edits, reloads and watches the routine folders; a new library reaches the app as `LibraryLoaded`."""

    def __init__(
        self,
        app: App[Any],
        state: AppState,
        services: Services,
        extra_folders: Sequence[Path],
    ) -> None:
        self._app = app
        self._state = state
        self._terminal = services.terminal
        self._say = services.say
        self._extra_folders = tuple(extra_folders)
        self.watcher: RoutineWatcher | None = None
        """Notices routine file changes while the app runs (after `watch`)."""

    def edit(self, routine_id: str) -> None:
        """Suspend the app, run the editor on the routine's file (a shipped one is copied first), then reload."""
        from ...core.authoring import AuthoringError, after_editing, edit_target, editor_command

        needs_terminal = f"Editing needs a terminal here: run `unknot edit {routine_id}` in a shell."
        # Asked before anything is copied: App.suspend raises only once the editor is about to run.
        if not self._terminal.can_suspend:
            self._say(needs_terminal, "warning", 8)
            return
        try:
            target = edit_target(self._state.library, routine_id)
            command = editor_command(os.environ, target.path)
        except (AuthoringError, OSError) as error:
            self._say(str(error), "warning", 8)
            return
        try:
            with self._app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:
            after_editing(target)  # an unchanged copy is not kept
            self._say(needs_terminal, "warning", 8)
            return
        except OSError as error:
            after_editing(target)
            self._say(f"Cannot start the editor {command[0]!r}: {error.strerror or error}", "error", 8)
            return
        said = after_editing(target)
        if said:
            self._say(said[:1].upper() + said[1:] + ".", timeout=8)
        self.reload()

    def reload(self, asked: bool = True) -> None:
        """Read the routine folders again (off the event loop), say what changed; the app gets `LibraryLoaded`.

        `asked` is False when a changed file (not the person) started it: then only changes are said.
        """
        self._app.run_worker(self._reload(asked), group="reload", exclusive=True)

    async def _reload(self, asked: bool) -> None:
        from ...core.library.opening import open_library
        from ..screens.player import PlayerScreen

        new = await asyncio.to_thread(open_library, self._extra_folders)
        changes = library_changes(self._state.library, new)
        self._app.post_message(LibraryLoaded(new))
        if changes and any(isinstance(screen, PlayerScreen) for screen in self._app.screen_stack):
            changes += " (from the next session on)"
        if asked:
            self._say(f"Routines reloaded: {changes or 'nothing changed'}", timeout=6)
        elif changes:
            self._say(f"Routine files changed: {changes}", timeout=6)

    def watch(self) -> None:
        """Start watching every routine folder; each batch of changes reloads the routines.

        The user's routines folder is made if missing (the command line makes it before reading the
        library), so `unknot new` in another shell is seen. Where watching cannot start, the app says
        so once and "Reload routines" remains.
        """
        from ...core.library.watching import RoutineWatcher
        from ...core.paths import routine_folders, user_routines_dir

        def changed(_paths: list[str]) -> None:
            self._on_loop(lambda: self.reload(asked=False))

        def failed(reason: str) -> None:
            message = f"Not watching routine files ({reason}); after editing, use Reload routines in the palette."
            self._on_loop(lambda: self._say(message, "warning", 10))

        with contextlib.suppress(OSError):  # a read-only home: the other folders are still watched
            user_routines_dir().mkdir(parents=True, exist_ok=True)
        self.watcher = RoutineWatcher(routine_folders(self._extra_folders), changed, failed)
        self.watcher.start()

    def stop(self) -> None:
        """Stop watching."""
        if self.watcher is not None:
            self.watcher.stop()

    def _on_loop(self, callback: Callable[[], object]) -> None:
        """Run `callback` on the app's event loop from the watch thread (nothing once the app has stopped)."""
        with contextlib.suppress(RuntimeError):  # the app is closing
            self._app.call_from_thread(callback)
