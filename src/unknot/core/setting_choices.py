"""The settings a person can change on screen: each with its label, its choices and their words.

The settings screen draws these rows and the palette could offer them; `choose` makes the new
Settings value, so the rules of what may be chosen live here, not in the UI.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import msgspec

from .notify import NOTIFY_MODE_WORDS, NotifyMode
from .routines.describe import kit_words
from .routines.model import KNOWN_KIT
from .session.bell import BELL_MODE_WORDS, BellMode
from .settings import Settings
from .speech.modes import VOICE_DETAIL_WORDS, VOICE_MODE_WORDS, VoiceDetail, VoiceMode


@dataclass(frozen=True)
class Choice:
    """One value a setting can take, and how it is described."""

    value: object
    words: str


@dataclass(frozen=True)
class SettingRow:
    """One line of the settings screen: a field of `Settings` and the values it goes round."""

    field: str
    label: str
    choices: tuple[Choice, ...]
    note: str = ""
    """Said under the choice, e.g. when a change takes effect only at the next start."""
    picks: tuple[Choice, ...] = ()
    """For a setting that is a set (the kit one has): the values to tick; the screen opens a checklist."""

    def current(self, settings: Settings) -> int:
        """Return the index of the choice `settings` holds (the first when it holds none of them)."""
        value = getattr(settings, self.field)
        for index, choice in enumerate(self.choices):
            if choice.value == value:
                return index
        return 0

    def shown(self, settings: Settings) -> Choice:
        """Return the choice `settings` holds (for a set, its members in words)."""
        if self.picks:
            value = getattr(settings, self.field)
            return Choice(value, kit_summary(value))
        return self.choices[self.current(settings)]


def kit_summary(owned: Sequence[str] | None, room: int = 44) -> str:
    """The kit one has in words, for the settings line: `yoga mat, towel`, cut to `room` characters."""
    if owned is None:
        return "not said: every routine counts"
    words = ", ".join(kit_words(name) for name in owned) or "none"
    return words if len(words) <= room else words[: room - 1] + "…"


def kit_picks(named_in_routines: Iterable[str]) -> tuple[Choice, ...]:
    """The kit to tick: the kit Unknot knows, then any other the routines name, each with its words."""
    names = list(dict.fromkeys([*KNOWN_KIT, *sorted(named_in_routines)]))
    return tuple(Choice(name, kit_words(name)) for name in names)


ON_OFF = (Choice(True, "on"), Choice(False, "off"))


#: The break reminder intervals offered on screen (any other, from settings.json or `--remind`, is added).
REMIND_CHOICES = ("30m", "45m", "50m", "1h", "1h30m", "2h")


def remind_choices(current: str | None) -> tuple[Choice, ...]:
    """Return off and the usual intervals, with `current` among them when it is another."""
    intervals = list(REMIND_CHOICES)
    if current is not None and current not in intervals:
        intervals.append(current)
    return (Choice(None, "off"), *(Choice(every, f"after {every} with no session") for every in intervals))


def setting_rows(
    themes: Sequence[str], current: Settings | None = None, voice_note: str = "", kit: Iterable[str] = ()
) -> list[SettingRow]:
    """Return the rows of the settings screen; `themes` are the theme names the app knows.

    `current` adds a break reminder interval set by hand in settings.json to the choices;
    `voice_note` says which engine speaks here, or why none can reach the person's speakers;
    `kit` is the kit the library's routines name (offered beside the kit Unknot knows).
    """
    return [
        SettingRow("bell", "Bell", tuple(Choice(mode, f"{mode.value}: {BELL_MODE_WORDS[mode]}") for mode in BellMode)),
        SettingRow(
            "ask_pain",
            "Pain questions",
            (Choice(True, "on: how is your back, before and after"), Choice(False, "off")),
        ),
        SettingRow("floor", "Floor view", (Choice(False, "off: the normal player"), Choice(True, "on: a large clock"))),
        SettingRow(
            "notify",
            "Notifications",
            tuple(Choice(mode, NOTIFY_MODE_WORDS[mode]) for mode in NotifyMode),
            note="when the terminal is in the background",
        ),
        SettingRow(
            "remind_every",
            "Break reminder",
            remind_choices(current.remind_every if current else None),
            note="bell, notification and a suggested break",
        ),
        SettingRow(
            "equipment",
            "Kit you have",
            (),
            note="Enter: tick what you have",
            picks=kit_picks(kit),
        ),
        SettingRow(
            "due_first",
            "Routine order",
            (Choice(False, "usual: recent first"), Choice(True, "due first, at limit last")),
        ),
        SettingRow("theme", "Theme", tuple(Choice(name, name) for name in themes)),
        SettingRow("mouse", "Mouse", ON_OFF, note="from the next start"),
        SettingRow(
            "voice",
            "Voice",
            tuple(Choice(mode, VOICE_MODE_WORDS[mode]) for mode in VoiceMode),
            note=voice_note,
        ),
        SettingRow(
            "voice_detail", "Voice detail", tuple(Choice(detail, VOICE_DETAIL_WORDS[detail]) for detail in VoiceDetail)
        ),
    ]


def choose(settings: Settings, row: SettingRow, step: int) -> Settings:
    """Return `settings` with `row` moved `step` choices along (wrapping round); a set's row is left as it is."""
    if row.picks:
        return settings
    index = (row.current(settings) + step) % len(row.choices)
    return msgspec.structs.replace(settings, **{row.field: row.choices[index].value})
