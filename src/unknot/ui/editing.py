"""Editing a routine from the app (the browser's `E`), reading the routine folders again ("Reload
routines"), and doing so by itself when a routine file changes while the app runs."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from ..core.library.library import Library
from ..core.routines.text import shown_path

if TYPE_CHECKING:
    from ..core.library.watching import RoutineWatcher
    from .app import UnknotApp


def edit_in_terminal(app: UnknotApp, routine_id: str) -> None:
    """Suspend the app, run the editor on the routine's file (a shipped one is copied first), then reload."""
    from ..core.authoring import AuthoringError, edit_target, editor_command

    # Asked before anything is copied: App.suspend raises only once the editor is about to run.
    if not getattr(app._driver, "can_suspend", False):
        app.say(f"Editing needs a terminal here: run `unknot edit {routine_id}` in a shell.", "warning", 8)
        return
    try:
        path, notice = edit_target(app.library, routine_id)
        command = editor_command(os.environ, path)
    except (AuthoringError, OSError) as error:
        app.say(str(error), "warning", 8)
        return
    try:
        with app.suspend():
            subprocess.run(command, check=False)
    except SuspendNotSupported:
        app.say(f"Editing needs a terminal here: run `unknot edit {routine_id}` in a shell.", "warning", 8)
        return
    except OSError as error:
        app.say(f"Cannot start the editor {command[0]!r}: {error.strerror or error}", "error", 8)
        return
    if notice:
        app.say(notice[:1].upper() + notice[1:] + ".", timeout=8)
    app.reload_routines()


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


async def reload_routines(app: UnknotApp, *, asked: bool = True) -> None:
    """Load the routine folders on a thread and show the result; a session being played keeps its routine.

    `asked` is False when a file change started the reload: then nothing is said unless
    something changed.
    """
    from ..core.library.cache import CACHE_FILE, load_library_cached
    from ..core.paths import routine_folders, user_cache_dir
    from .screens.browser import BrowserScreen
    from .screens.player import PlayerScreen

    folders = routine_folders(app.options.extra_routine_folders)
    new = await asyncio.to_thread(load_library_cached, folders, user_cache_dir() / CACHE_FILE)
    old = app.library
    app.library = new
    browser = app.screen_stack[0] if app.screen_stack else None
    if isinstance(browser, BrowserScreen):
        browser.set_library(new, app.settings.recent)
    changes = library_changes(old, new)
    if changes and any(isinstance(screen, PlayerScreen) for screen in app.screen_stack):
        changes += " (from the next session on)"
    if asked:
        app.say(f"Routines reloaded: {changes or 'nothing changed'}", timeout=6)
    elif changes:
        app.say(f"Routine files changed: {changes}", timeout=6)
    await app.refresh_due()


def watch_routine_folders(app: UnknotApp) -> RoutineWatcher:
    """Start watching every routine folder; each batch of changes reloads the routines.

    The user's routines folder is made if missing (the command line makes it before reading the
    library), so `unknot new` in another shell is seen. Where watching cannot start, the app says
    so once and "Reload routines" remains.
    """
    from ..core.library.watching import RoutineWatcher
    from ..core.paths import routine_folders, user_routines_dir

    def changed(_paths: list[str]) -> None:
        _on_loop(app, lambda: app.reload_routines(asked=False))

    def failed(reason: str) -> None:
        message = f"Not watching routine files ({reason}); after editing, use Reload routines in the palette."
        _on_loop(app, lambda: app.say(message, "warning", 10))

    with contextlib.suppress(OSError):  # a read-only home: the other folders are still watched
        user_routines_dir().mkdir(parents=True, exist_ok=True)
    watcher = RoutineWatcher(routine_folders(app.options.extra_routine_folders), changed, failed)
    watcher.start()
    return watcher


def _on_loop(app: UnknotApp, callback: Callable[[], object]) -> None:
    """Run `callback` on the app's event loop from the watch thread (nothing once the app has stopped)."""
    with contextlib.suppress(RuntimeError):  # the app is closing
        app.call_from_thread(callback)
