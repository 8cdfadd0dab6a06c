"""The settings a person can change on screen: each with its label, its choices and their words.

The settings screen draws these rows and the palette could offer them; `choose` makes the new
Settings value, so the rules of what may be chosen live here, not in the UI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import msgspec

from .notify import NOTIFY_MODE_WORDS, NotifyMode
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

    def current(self, settings: Settings) -> int:
        """Return the index of the choice `settings` holds (the first when it holds none of them)."""
        value = getattr(settings, self.field)
        for index, choice in enumerate(self.choices):
            if choice.value == value:
                return index
        return 0

    def shown(self, settings: Settings) -> Choice:
        """Return the choice `settings` holds."""
        return self.choices[self.current(settings)]


ON_OFF = (Choice(True, "on"), Choice(False, "off"))


#: The break reminder intervals offered on screen (any other, from settings.json or `--remind`, is added).
REMIND_CHOICES = ("30m", "45m", "50m", "1h", "1h30m", "2h")


def remind_choices(current: str | None) -> tuple[Choice, ...]:
    """Return off and the usual intervals, with `current` among them when it is another."""
    intervals = list(REMIND_CHOICES)
    if current is not None and current not in intervals:
        intervals.append(current)
    return (Choice(None, "off"), *(Choice(every, f"after {every} with no session") for every in intervals))


def setting_rows(themes: Sequence[str], current: Settings | None = None, voice_note: str = "") -> list[SettingRow]:
    """Return the rows of the settings screen; `themes` are the theme names the app knows.

    `current` adds a break reminder interval set by hand in settings.json to the choices;
    `voice_note` says which engine speaks here, or why none can reach the person's speakers.
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
    """Return `settings` with `row` moved `step` choices along (wrapping round)."""
    index = (row.current(settings) + step) % len(row.choices)
    return msgspec.structs.replace(settings, **{row.field: row.choices[index].value})
