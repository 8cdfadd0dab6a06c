"""`unknot doctor`: why a notification, a sound or history may not work here, one finding a line.

Each check looks and changes nothing: no file is written, moved or made (history is opened read-only,
as immutable when no write-ahead log is beside it; the settings file is read, never moved aside; the
library is loaded without refreshing its compiled copy). What a check needs from outside (the
environment, the terminal's size, which programs exist, tmux's answer) is handed in, so tests give
each its own. Every text from outside (TERM, paths, tmux's answer) is cleaned before it is shown.
"""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .. import __version__
from .history.journal import JOURNAL_NAME, parse_line
from .library.cache import CACHE_FILE, read_cached_library
from .library.fingerprint import library_fingerprint
from .library.opening import open_library
from .notify import NotifyMode, chosen_mode
from .paths import DATABASE_NAME, data_dir, plan_folders, routine_folders, user_cache_dir
from .routines.text import clean_line, shown_path
from .settings import SettingsStore
from .speech.modes import VoiceMode

GUIDE = "docs/troubleshooting.md"
"""The page organised by symptom that each hint points into."""

# The sections of that page (their anchors), one per symptom.
NO_NOTIFICATION = "no-notification-appears"
NO_SOUND = "no-sound"
ODD_CHARACTERS = "odd-characters-on-the-linux-console"
DOES_NOT_DRAW = "the-app-does-not-draw"
HISTORY_OFF = "history-is-off"
SETTINGS_NOT_KEPT = "settings-are-not-kept"
ROUTINE_MISSING = "a-routine-is-missing"
SYMPTOMS = (NO_NOTIFICATION, NO_SOUND, ODD_CHARACTERS, DOES_NOT_DRAW, HISTORY_OFF, SETTINGS_NOT_KEPT, ROUTINE_MISSING)
"""Every section a finding may point to (a test checks each is a heading of the page)."""

VOICE_ENGINES = ("spd-say", "espeak-ng", "espeak", "say")
"""The speech programs a spoken guide can use, in the order they are preferred."""


class Mark(StrEnum):
    """How a finding stands: fine, worth knowing, or something that stops a feature working."""

    OK = "ok"
    WARNING = "warning"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Finding:
    """One line of the doctor's answer: what was looked at, how it stands, and what to do about it."""

    area: str
    mark: Mark
    text: str
    hint: str = ""
    """What to do (for a warning or a problem)."""
    symptom: str = ""
    """The section of the troubleshooting page this concerns (its anchor)."""

    @property
    def link(self) -> str:
        """Where the troubleshooting page says more, or nothing."""
        return f"{GUIDE}#{self.symptom}" if self.symptom else ""

    def as_json(self) -> dict[str, str]:
        """The finding for `unknot doctor --json`."""
        return {"area": self.area, "mark": self.mark.value, "text": self.text, "hint": self.hint, "link": self.link}


def _run_tmux(arguments: Sequence[str]) -> str | None:
    """Ask tmux something (half a second at most); None when it cannot answer."""
    try:
        done = subprocess.run(
            ["tmux", *arguments], capture_output=True, text=True, timeout=0.5, stdin=subprocess.DEVNULL, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _terminal_size() -> tuple[int, int] | None:
    """The size of the terminal on any of the standard streams (columns, rows); None when none is one."""
    for descriptor in (1, 0, 2):
        try:
            size = os.get_terminal_size(descriptor)
        except OSError:
            continue
        return size.columns, size.lines
    return None


def _which(name: str) -> str | None:
    """The path of the program `name` on PATH, or None."""
    import shutil

    return shutil.which(name)


@dataclass
class Surroundings:
    """What the checks read from outside, handed in (tests give their own)."""

    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    terminal_size: Callable[[], tuple[int, int] | None] = _terminal_size
    which: Callable[[str], str | None] = _which
    tmux: Callable[[Sequence[str]], str | None] = _run_tmux
    extra_routine_folders: Sequence[Path] = ()
    data_dir: Path | None = None
    notify_flag: str | None = None
    """`--notify MODE` given for this run (before the command), which outranks the setting."""
    voice_flag: str | None = None
    """`--voice MODE` given for this run (before the command), which outranks the setting."""


def _shown(text: str) -> str:
    """Text from outside made one safe line."""
    return clean_line(text)[:200]


def examine(around: Surroundings | None = None) -> list[Finding]:
    """Return every finding, in the order they are printed."""
    around = around or Surroundings()
    passthrough = _tmux_passthrough(around)
    return [
        *_terminal(around, passthrough),
        _notifications(around, passthrough),
        _voice(around),
        *_history(around),
        _settings(),
        *_routines(around),
        _plans(around),
        _versions(),
    ]


def _tmux_passthrough(around: Surroundings) -> str | None:
    """tmux's `allow-passthrough` (on, off, all) when inside tmux and tmux answers; None otherwise."""
    if not around.environ.get("TMUX"):
        return None
    return around.tmux(["show-options", "-gv", "allow-passthrough"])


def _terminal(around: Surroundings, passthrough: str | None) -> list[Finding]:
    environ = around.environ
    term = _shown(environ.get("TERM", ""))
    found = []
    if not term or term == "dumb":
        found.append(
            Finding(
                "terminal",
                Mark.PROBLEM,
                f"TERM is {term or 'not set'}: the app cannot draw",
                "run Unknot in a terminal emulator, or set TERM (e.g. TERM=xterm-256color)",
                DOES_NOT_DRAW,
            )
        )
    elif term == "linux":
        found.append(
            Finding(
                "terminal",
                Mark.OK,
                "the Linux console (TERM=linux): drawn with the characters its font has, 8 colours",
                symptom=ODD_CHARACTERS,
            )
        )
    else:
        found.append(Finding("terminal", Mark.OK, f"TERM={term}, {_colours(environ)}"))
    if environ.get("NO_COLOR"):
        found.append(Finding("colours", Mark.WARNING, "NO_COLOR is set: no colours", "unset NO_COLOR for colours"))
    size = around.terminal_size()
    if size is None:
        found.append(Finding("size", Mark.OK, "not run in a terminal (output redirected): size unknown"))
    elif size[0] < 80 or size[1] < 24:
        found.append(
            Finding(
                "size",
                Mark.WARNING,
                f"{size[0]}×{size[1]}: smaller than the 80×24 Unknot is laid out for",
                "make the window larger, or a smaller font",
            )
        )
    else:
        found.append(Finding("size", Mark.OK, f"{size[0]}×{size[1]}"))
    found.append(_multiplexer(environ, passthrough))
    found.append(_connection(environ))
    return found


def _colours(environ: Mapping[str, str]) -> str:
    """The colours the terminal says it has."""
    if environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return "24-bit colour"
    if "256color" in environ.get("TERM", ""):
        return "256 colours"
    return "16 colours (no COLORTERM=truecolor nor a 256color TERM)"


def _multiplexer(environ: Mapping[str, str], passthrough: str | None) -> Finding:
    if environ.get("TMUX"):
        if passthrough in ("on", "all"):
            return Finding("tmux", Mark.OK, f"inside tmux, allow-passthrough {passthrough}")
        if passthrough is None:
            return Finding(
                "tmux",
                Mark.WARNING,
                "inside tmux, which did not say whether allow-passthrough is on (tmux older than 3.3?)",
                "notifications need tmux 3.3 or later with `set -g allow-passthrough on`",
                NO_NOTIFICATION,
            )
        return Finding(
            "tmux",
            Mark.WARNING,
            f"inside tmux, allow-passthrough {_shown(passthrough)}: tmux drops notifications",
            "add `set -g allow-passthrough on` to ~/.tmux.conf, then `tmux source ~/.tmux.conf`",
            NO_NOTIFICATION,
        )
    if environ.get("STY"):
        return Finding(
            "multiplexer",
            Mark.WARNING,
            "inside GNU screen: notifications are not passed through",
            "run Unknot outside screen (or in tmux) for desktop notifications",
            NO_NOTIFICATION,
        )
    return Finding("multiplexer", Mark.OK, "not inside tmux or screen")


def _connection(environ: Mapping[str, str]) -> Finding:
    if environ.get("SSH_CONNECTION") or environ.get("SSH_TTY") or environ.get("SSH_CLIENT"):
        return Finding(
            "connection",
            Mark.OK,
            "over SSH: the terminal's own variables are mostly not passed on, so `auto` may not know it",
            symptom=NO_NOTIFICATION,
        )
    return Finding("connection", Mark.OK, "local")


def _notifications(around: Surroundings, passthrough: str | None) -> Finding:
    setting = SettingsStore().examine()[0].notify
    if around.notify_flag is not None:
        setting = NotifyMode(around.notify_flag)
    mode, why = chosen_mode(setting, around.environ)
    if around.notify_flag is not None:
        why = why.replace("your setting", "--notify")
    if mode is NotifyMode.OFF:
        if setting is NotifyMode.OFF:
            return Finding("notifications", Mark.OK, f"off ({why})")
        return Finding(
            "notifications",
            Mark.WARNING,
            f"off: {why}",
            "choose the mode your terminal shows in settings (s), or `--notify osc9|osc777|osc99`",
            NO_NOTIFICATION,
        )
    if around.environ.get("TMUX") and passthrough not in ("on", "all"):
        return Finding(
            "notifications",
            Mark.PROBLEM,
            f"{mode.value} ({why}), but tmux does not pass it through",
            "add `set -g allow-passthrough on` to ~/.tmux.conf, then `tmux source ~/.tmux.conf`",
            NO_NOTIFICATION,
        )
    return Finding("notifications", Mark.OK, f"{mode.value} ({why}), while the terminal is in the background")


def _voice(around: Surroundings) -> Finding:
    from .speech.engines import choose_engine

    settings, _ = SettingsStore().examine()
    mode = VoiceMode(around.voice_flag) if around.voice_flag else settings.voice
    choice = choose_engine(
        mode, command=settings.voice_command, rate=settings.voice_rate, env=around.environ, which=around.which
    )
    if choice.engine is not None:
        return Finding("voice", Mark.OK, f"{mode.value}: {_shown(choice.reason)}")
    if mode is VoiceMode.OFF:
        return Finding("voice", Mark.OK, "off (the spoken guide is off: `--voice auto` or settings turn it on)")
    present = [name for name in VOICE_ENGINES if around.which(name)]
    found = f" (found here: {', '.join(present)})" if present else f" (none of {', '.join(VOICE_ENGINES)} found)"
    return Finding(
        "voice",
        Mark.WARNING,
        f"{mode.value}: {_shown(choice.reason)}{found}",
        "install one (`apt install speech-dispatcher` or `apt install espeak-ng`), or see `unknot voice`",
        NO_SOUND,
    )


def _history(around: Surroundings) -> list[Finding]:
    folder = data_dir(around.data_dir, around.environ)
    shown = shown_path(folder)
    found = [_data_folder(folder, shown)]
    database = folder / DATABASE_NAME
    found.append(_database(database))
    aside = sorted(
        path.name for path in _listing(folder) if ".damaged-" in path.name and not path.name.endswith(("-wal", "-shm"))
    )
    if aside:
        found.append(
            Finding(
                "damaged copies",
                Mark.WARNING,
                f"{len(aside)} damaged history file(s) kept aside in {shown} (sessions that could be read were copied)",
                f"once `unknot history` looks right, delete {shown_path(folder / aside[0])}"
                + (" and the others" if len(aside) > 1 else ""),
                HISTORY_OFF,
            )
        )
    waiting = sum(_journal_count(place / JOURNAL_NAME) for place in (folder, user_cache_dir()))
    if waiting:
        found.append(
            Finding(
                "unsaved sessions",
                Mark.WARNING,
                f"{waiting} session(s) that could not be stored are waiting in {JOURNAL_NAME}",
                "they are added to history the next time Unknot starts with history writable",
                HISTORY_OFF,
            )
        )
    return found


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _journal_count(path: Path) -> int:
    try:
        with path.open("rb") as lines:
            return sum(1 for line in lines if parse_line(line) is not None)
    except OSError:
        return 0


def _data_folder(folder: Path, shown: str) -> Finding:
    existing = folder
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        return Finding("data folder", Mark.PROBLEM, f"{shown} cannot be made here", "use --data-dir DIR", HISTORY_OFF)
    if not os.access(existing, os.W_OK | os.X_OK):
        return Finding(
            "data folder",
            Mark.PROBLEM,
            f"{shown} is not writable: sessions are not saved",
            "fix the folder's permissions, or use --data-dir DIR (or UNKNOT_DATA_DIR)",
            HISTORY_OFF,
        )
    if existing != folder:
        return Finding("data folder", Mark.OK, f"{shown} (made with the first session)")
    return Finding("data folder", Mark.OK, f"{shown}, writable")


def _database(database: Path) -> Finding:
    import sqlite3

    from .history.database import refuse_shared_files
    from .history.schema import MIGRATIONS, HistoryUnavailable

    if not database.exists():
        return Finding("history", Mark.OK, "no sessions yet")
    try:
        refuse_shared_files(database)
    except (HistoryUnavailable, OSError) as error:
        return Finding("history", Mark.PROBLEM, _shown(str(error)), "move that file away", HISTORY_OFF)
    size = database.stat().st_size
    has_log = database.with_name(database.name + "-wal").exists()
    where = str(database.resolve()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    try:
        connection = sqlite3.connect(f"file:{where}?{'mode=ro' if has_log else 'immutable=1'}", uri=True, timeout=0.5)
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                return Finding(
                    "history",
                    Mark.PROBLEM,
                    f"written by a newer Unknot (schema {version}); this one reads up to {len(MIGRATIONS)}",
                    "upgrade Unknot",
                    HISTORY_OFF,
                )
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
            sessions = connection.execute("SELECT count(*) FROM sessions").fetchone()[0] if version else 0
        finally:
            connection.close()
    except sqlite3.Error as error:
        verdict = _shown(str(error))
    if verdict != "ok":
        return Finding(
            "history",
            Mark.PROBLEM,
            f"{shown_path(database)} is damaged ({_shown(verdict)[:80]})",
            "start Unknot: it moves the file aside and copies every session it can still read",
            HISTORY_OFF,
        )
    return Finding("history", Mark.OK, f"healthy: {sessions} session(s), {_size(size)}, schema {version}")


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _settings() -> Finding:
    store = SettingsStore()
    _, problem = store.examine()
    shown = shown_path(store.path)
    if problem is not None:
        return Finding(
            "settings", Mark.PROBLEM, problem, "fix the file (or delete it for the defaults)", SETTINGS_NOT_KEPT
        )
    if not store.path.exists():
        return Finding("settings", Mark.OK, f"the defaults ({shown} not written yet)")
    return Finding("settings", Mark.OK, shown)


def _routines(around: Surroundings) -> list[Finding]:
    library = open_library(around.extra_routine_folders, write=False)
    folders = routine_folders(around.extra_routine_folders, around.environ)
    files = {problem.path for problem in library.problems}
    if files:
        routines = Finding(
            "routines",
            Mark.WARNING,
            f"{len(library.routines)} routines from {len(folders)} folders; {len(files)} file(s) with problems",
            "`unknot validate` says where and what (`e` in the app lists them too)",
            ROUTINE_MISSING,
        )
    else:
        routines = Finding("routines", Mark.OK, f"{len(library.routines)} routines from {len(folders)} folders")
    cache = user_cache_dir() / CACHE_FILE
    if not cache.exists():
        copy = Finding("library copy", Mark.OK, "none yet (made at the next launch)")
    elif read_cached_library(cache, library_fingerprint(folders)) is None:
        copy = Finding("library copy", Mark.OK, "out of date (remade at the next launch; always safe to delete)")
    else:
        copy = Finding("library copy", Mark.OK, f"current, {_size(cache.stat().st_size)}")
    return [routines, copy]


def _plans(around: Surroundings) -> Finding:
    from .plans.loading import load_plans

    folders = plan_folders(around.extra_routine_folders, around.environ)
    book = load_plans(folders)
    files = {problem.path for problem in book.problems}
    present = len([folder for folder in folders if folder.exists()])
    counted = f"{len(book.plans)} plans from {present} folder{'' if present == 1 else 's'}"
    if files:
        return Finding(
            "plans",
            Mark.WARNING,
            f"{counted}; {len(files)} file(s) with problems",
            "`unknot validate` says where and what",
            ROUTINE_MISSING,
        )
    return Finding("plans", Mark.OK, counted)


def _versions() -> Finding:
    from importlib.metadata import PackageNotFoundError, version

    try:
        textual = version("textual")  # its version only: the doctor never imports Textual
    except PackageNotFoundError:
        textual = "not installed"
    return Finding("versions", Mark.OK, f"Unknot {__version__}, Python {platform.python_version()}, Textual {textual}")


def exit_status(findings: Sequence[Finding]) -> int:
    """0 when nothing is a problem (warnings allowed), 1 when something is."""
    return 1 if any(finding.mark is Mark.PROBLEM for finding in findings) else 0
