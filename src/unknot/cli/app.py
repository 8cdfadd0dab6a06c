"""Launching the full-screen app: `unknot` alone, `unknot play ID`, and `unknot resume`.

Nothing is imported before `startup.pause_collection()`, and nothing for history (SQLite) before the
first frame unless resuming: see docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import TYPE_CHECKING, Any

from .. import startup
from . import UsageError

if TYPE_CHECKING:
    from ..core.history.store import HistoryStore
    from ..core.preferences import RunOverrides


def _history(args: argparse.Namespace) -> HistoryStore:
    """Open history in `--data-dir` (or where UNKNOT_DATA_DIR or the default says)."""
    from ..core.history.store import HistoryStore
    from ..core.paths import data_dir

    return HistoryStore(data_dir(args.data_dir))


def _need_terminal() -> None:
    """Refuse at once, with a clear message, to open the full-screen app where there is no terminal."""
    if os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver"):
        return  # started by `unknot serve`: the browser is the terminal
    try:
        interactive = sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()
    except (ValueError, OSError):  # a closed stream
        interactive = False
    if not interactive:
        raise UsageError(
            "the app needs a terminal (standard input and output must be a terminal); "
            "`unknot list`, `show`, `history` and `validate` work without one"
        )
    if os.environ.get("TERM") == "dumb":
        raise UsageError("the app cannot draw on TERM=dumb; set TERM to your terminal's type (e.g. xterm-256color)")


def command_app(args: argparse.Namespace, start_routine_id: str | None = None, resume: bool = False) -> int:
    """Launch the full-screen app (on one routine with `play`, on the interrupted session with `resume`)."""
    startup.pause_collection()
    try:
        return _run_app(args, start_routine_id, resume)
    finally:
        startup.resume_collection()  # nothing once the app has resumed it; after an early error, it must


def _run_app(args: argparse.Namespace, start_routine_id: str | None, resume: bool) -> int:
    from ..core.library.opening import open_library
    from ..core.paths import user_routines_dir
    from ..ui.app import make_app
    from ..ui.options import AppOptions

    # The app watches this folder for new routines; made before the library is read, so making it
    # does not leave the compiled copy just written out of date.
    with contextlib.suppress(OSError):
        user_routines_dir().mkdir(parents=True, exist_ok=True)
    library = open_library(args.routines)
    if start_routine_id is not None and start_routine_id not in library.routines:
        raise UsageError(f"no routine with the id {start_routine_id!r}; `unknot list` shows the ids")
    opened: HistoryStore | None = None
    if resume:  # fail before the screen is taken over when there is nothing to resume
        opened = _history(args)
        if not opened.interrupted():
            raise UsageError("no interrupted session to resume" if opened.available else str(opened.problem))

    _need_terminal()

    def open_history() -> HistoryStore:
        return opened if opened is not None else _history(args)

    app = make_app(
        AppOptions(
            library=library,
            extra_routine_folders=args.routines,
            start_routine_id=start_routine_id,
            overrides=run_overrides(args),
            open_history=open_history,
            exit_after_session=resume,
            watch_routines=True,
        )
    )
    app.run(mouse=app.settings.mouse)
    app.services.close_history()
    return app.return_code or 0


def run_overrides(args: argparse.Namespace) -> RunOverrides:
    """The settings this run's flags override: `--floor`, `--notify`, `--remind`, `--no-mouse`, `--voice`."""
    from ..core.notify import NotifyMode
    from ..core.preferences import RunOverrides
    from ..core.routines.durations import format_duration
    from ..core.speech.modes import VoiceMode

    given: dict[str, Any] = {}
    if args.floor:
        given["floor"] = True
    if args.notify:
        given["notify"] = NotifyMode(args.notify)
    remind = getattr(args, "remind", None)
    if remind is not None:
        given["remind_every"] = format_duration(remind) if remind else None
    if args.no_mouse:
        given["mouse"] = False
    if args.voice:
        given["voice"] = VoiceMode(args.voice)
    return RunOverrides(**given)


def command_play(args: argparse.Namespace) -> int:
    """Open the player on one routine; leaving it leaves the app."""
    return command_app(args, start_routine_id=args.id)


def command_resume(args: argparse.Namespace) -> int:
    """Open the app on the session that was cut off."""
    return command_app(args, resume=True)
