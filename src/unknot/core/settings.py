"""The user's remembered preferences (bell, voice, theme, mouse, pain questions, recent routines), in a small JSON file.

Reading keeps every good field: one bad value is reported and replaced by its default, the
others stay. A file that is not JSON at all (or not an object, or nested absurdly deep) is
moved aside to `settings.json.unreadable-N` with a notice, never overwritten. Only a small
regular file is read: a FIFO, a device or a huge file counts as no settings, with a notice.
Keys this version does not know are kept when the file is saved again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from .notify import NotifyMode
from .paths import user_config_dir
from .routines.text import shown_path
from .safe_files import move_aside, read_regular_file, write_private_file
from .session.bell import BellMode
from .speech.modes import VoiceDetail, VoiceMode

SETTINGS_FILE = "settings.json"
MAX_SETTINGS_BYTES = 64 * 1024
MAX_RECENT = 10
MAX_KIT = 50
KitName = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9-]{0,63}(?!\n)$")]


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    """Preferences that survive between runs (a value: `core.preferences` makes changed copies)."""

    bell: BellMode = BellMode.STEPS
    theme: str = "textual-dark"
    mouse: bool = True
    ask_pain: bool = True
    floor: bool = False
    """Open the player in the floor view (large clock, read from across the room)."""
    notify: NotifyMode = NotifyMode.AUTO
    """Desktop notifications through the terminal while it is in the background."""
    recent: Annotated[tuple[Annotated[str, Meta(max_length=100)], ...], Meta(max_length=MAX_RECENT)] = ()
    """The ids of the routines played last, newest first: the browser lists the first few at the top."""
    due_first: bool = False
    """List the routines that are due first in the browser (and those at their limit last)."""
    remind_every: Annotated[str, Meta(max_length=20)] | None = None
    """Remind to take a break after this long with no session (`50m`, at least `1m`); None: no reminder."""
    voice: VoiceMode = VoiceMode.AUTO
    """The spoken guide: off, auto (an engine found here, the session local), an engine, or `command`."""
    voice_command: Annotated[tuple[Annotated[str, Meta(min_length=1, max_length=1000)], ...], Meta(max_length=32)] = ()
    """With `"voice": "command"`: the program and its arguments; the words are appended as the last argument."""
    voice_detail: VoiceDetail = VoiceDetail.BRIEF
    """`detailed` also reads each step's instructions."""
    voice_rate: Annotated[int, Meta(ge=80, le=450)] | None = None
    """Words per minute, where the engine takes a rate; None: the engine's own."""
    equipment: Annotated[tuple[KitName, ...], Meta(max_length=MAX_KIT)] | None = None
    """The kit the person has (`yoga-mat`, `tennis-ball`); routines needing other kit are never "due".
    None: not said, so no routine is left out for its kit."""

    def __post_init__(self) -> None:
        if self.remind_every is not None:
            from .reminder import parse_remind_every

            parse_remind_every(self.remind_every)  # a DurationError (a ValueError) makes it invalid


def settings_path() -> Path:
    """Return where the settings live (`~/.config/unknot/settings.json` on Linux)."""
    return user_config_dir() / SETTINGS_FILE


class SettingsStore:
    """Reads and writes Settings; a missing or unreadable file gives the defaults, and says why."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.problem: str | None = None
        self._others: dict[str, Any] = {}

    def load(self) -> Settings:
        """Return the saved settings, keeping every field that is good (noting the rest in `problem`)."""
        return self._read(move_unreadable=True)

    def examine(self) -> tuple[Settings, str | None]:
        """Return the settings `load` would give and what it would say, changing nothing (`unknot doctor`).

        `load` moves a file that is not JSON aside; this only says that the next start will.
        """
        probe = SettingsStore(self.path)
        return probe._read(move_unreadable=False), probe.problem

    def _read(self, *, move_unreadable: bool) -> Settings:
        where = shown_path(self.path)
        try:
            raw = read_regular_file(self.path, MAX_SETTINGS_BYTES)
        except FileNotFoundError:
            return Settings()
        except OSError as error:
            self.problem = f"{where}: ignored ({error.strerror or error}); using the default settings"
            return Settings()
        try:
            data = msgspec.json.decode(raw)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except (ValueError, msgspec.DecodeError, RecursionError) as error:
            reason = "nested too deep" if isinstance(error, RecursionError) else str(error).splitlines()[0][:80]
            if not move_unreadable:
                self.problem = f"{where} cannot be read ({reason}); the next start moves it aside and uses the defaults"
                return Settings()
            try:
                aside = move_aside(self.path, "unreadable")
                self.problem = f"{where} could not be read ({reason}); it was moved to {shown_path(aside)}"
            except OSError:
                self.problem = f"{where} could not be read ({reason}); using the default settings"
            return Settings()
        return self._fields(data, where)

    def _fields(self, data: dict[str, Any], where: str) -> Settings:
        known = {field.encode_name for field in msgspec.structs.fields(Settings)}
        good: dict[str, Any] = {}
        bad: list[str] = []
        for name, value in data.items():
            if name not in known:
                self._others[name] = value
                continue
            if name == "bell" and isinstance(value, bool):  # before three modes, the bell was on or off
                value = BellMode.STEPS.value if value else BellMode.OFF.value
            try:
                msgspec.convert({name: value}, Settings)
                good[name] = value
            except msgspec.ValidationError:
                bad.append(name)
        if bad:
            self.problem = f"{where}: ignored {', '.join(sorted(bad))} (not a valid value); kept the other settings"
        return msgspec.convert(good, Settings)

    def save(self, settings: Settings) -> bool:
        """Write the settings atomically; return False (noting why) when that is impossible."""
        data = {**self._others, **msgspec.to_builtins(settings)}
        try:
            write_private_file(self.path, msgspec.json.format(msgspec.json.encode(data), indent=2) + b"\n")
        except OSError as error:
            self.problem = f"cannot save settings to {shown_path(self.path)}: {error.strerror or error}"
            return False
        return True
