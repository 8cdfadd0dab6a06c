"""Noticing routine files that are added, changed or removed, with `watchfiles`.

`watchfiles` asks the operating system for change events (inotify, FSEvents, …), so an idle
watch costs next to nothing however large the library is; `bench/watching.py` measures it against
polling the library's fingerprint. Where events never arrive (network mounts), the environment
variable `WATCHFILES_FORCE_POLLING=1` makes it poll instead, and the app's "Reload routines" works
everywhere. `watchfiles` is imported only when a watch starts: never on the launch path.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from ..paths import DIAGRAM_FOLDER, ROUTINE_SUFFIXES

#: How long files must stay quiet before a batch of changes is reported, which is also how often
#: the watch thread looks at its stop flag: an editor's save (write a copy, rename it over the
#: file) arrives as one batch, and the notice comes well within a second.
STEP_MS = 200
#: The shortest and longest time between two reports while changes keep coming: a folder that never
#: stops changing (a sync, a build writing thousands of files) is reloaded less and less often.
FIRST_GAP_SECONDS = 1.0
LONGEST_GAP_SECONDS = 30.0
#: How often the watch wakes with no change, to send changes held back by the gap.
TICK_MS = 250


class WatchFailed(Exception):
    """The folders cannot be watched (no such folder, too many watches, no watchfiles); says why."""


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


class RoutineChanges:
    """Which changed paths matter to a library read from `folders`, and for `validate --watch`, which files.

    Only the files the loader reads count (`*.yaml`, `*.yml` directly in a folder or in its
    `diagrams/` folder, not hidden) and that diagrams folder itself, so an editor's swap, lock and
    backup files and anything deeper down are ignored.
    """

    def __init__(self, folders: Iterable[Path], files: Iterable[Path] = ()) -> None:
        self.folders = {_key(folder) for folder in folders}
        self.folders |= {_key(Path(folder) / DIAGRAM_FOLDER) for folder in self.folders}
        self.files = {_key(path) for path in files}

    def matters(self, path: str) -> bool:
        """True when a change at `path` can change what the library loads."""
        key = _key(Path(path))
        if key in self.files or key in self.folders:
            return True
        name = os.path.basename(key)
        return (
            os.path.splitext(name)[1] in ROUTINE_SUFFIXES
            and not name.startswith(".")  # as the loader: an editor's lock file is not a routine
            and os.path.dirname(key) in self.folders
        )

    def roots(self) -> list[Path]:
        """The folders to watch: each folder that exists, and the folder holding each watched file."""
        wanted = {key for key in self.folders if not key.endswith(os.sep + DIAGRAM_FOLDER)}
        wanted |= {os.path.dirname(key) for key in self.files}
        roots = sorted(key for key in wanted if os.path.isdir(key))
        # A folder inside another watched folder is already watched (the watch is recursive).
        return [Path(key) for key in roots if not any(key.startswith(other + os.sep) for other in roots)]


def paced(
    batches: Iterable[list[str]],
    now: Callable[[], float],
    first_gap: float = FIRST_GAP_SECONDS,
    longest_gap: float = LONGEST_GAP_SECONDS,
) -> Iterator[list[str]]:
    """Merge batches of changed paths so that reports come at most every `gap` seconds.

    The first change after a quiet spell is reported at once. While changes keep coming (a report
    within two gaps of the one before) the gap doubles, up to `longest_gap`; a quiet spell of two
    gaps brings it back to `first_gap`. An empty batch is a tick with no change: it sends what was
    held back once the gap has passed.
    """
    pending: set[str] = set()
    gap = first_gap
    last = float("-inf")
    for batch in batches:
        moment = now()
        pending.update(batch)
        if not pending or moment - last < gap:
            continue
        gap = min(gap * 2, longest_gap) if moment - last < 2 * gap else first_gap
        last = moment
        yield sorted(pending)
        pending.clear()


def routine_changes(changes: RoutineChanges, stop: threading.Event, step_ms: int = STEP_MS) -> Iterator[list[str]]:
    """Yield the changed paths that matter, one batch per quiet moment (paced: see `paced`), until `stop` is set.

    Raises WatchFailed when the watch cannot start (nothing to watch, the system's limit on
    watches reached, watchfiles missing). Ctrl+C raises KeyboardInterrupt on the main thread.
    """
    roots = changes.roots()
    if not roots:
        raise WatchFailed("none of the routine folders exists")
    try:
        from watchfiles import watch
    except ImportError as error:  # pragma: no cover - a dependency; only a broken install lacks it
        raise WatchFailed(f"watchfiles is not installed ({error})") from None
    batches = (
        sorted({path for _change, path in batch})
        for batch in watch(
            *roots,
            watch_filter=lambda _change, path: changes.matters(path),
            debounce=1600,
            step=step_ms,
            stop_event=stop,
            rust_timeout=TICK_MS,
            yield_on_timeout=True,
        )
    )
    try:
        yield from paced(batches, time.monotonic)
    except OSError as error:
        raise WatchFailed(error.strerror or str(error)) from None


class RoutineWatcher:
    """Watch routine folders on a thread of its own; call `on_change` after each batch of changes.

    `on_change` and `on_failure` run on the watch thread; the app hands them to its event loop.
    The thread is a daemon and stops at `stop()` within `STEP_MS`, so it never holds up quitting.
    """

    def __init__(
        self,
        folders: Sequence[Path],
        on_change: Callable[[list[str]], None],
        on_failure: Callable[[str], None],
    ) -> None:
        self.changes = RoutineChanges(folders)
        self.on_change = on_change
        self.on_failure = on_failure
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="unknot-routine-watch", daemon=True)

    def start(self) -> None:
        """Begin watching."""
        self._thread.start()

    def stop(self) -> None:
        """Stop watching (the thread ends on its own shortly after)."""
        self._stop.set()

    @property
    def stopped(self) -> bool:
        """Whether `stop` was called."""
        return self._stop.is_set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the watch thread to end (up to `timeout` seconds); return whether it has."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            for batch in routine_changes(self.changes, self._stop):
                if not self._stop.is_set():
                    self.on_change(batch)
        except WatchFailed as error:
            if not self._stop.is_set():
                self.on_failure(str(error))
