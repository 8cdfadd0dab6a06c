"""What is in force: the saved settings, with this run's command-line overrides on top.

Two values, one rule. `Settings` is what settings.json keeps; `RunOverrides` is what flags such as
`--floor`, `--notify` or `--remind` said for this run only. `Preferences.in_force` lays the second
over the first. A choice made on screen is saved, and drops the override of *that field only*:
after `unknot --notify osc9`, changing the bell keeps osc9 for the run, and choosing the floor
view off after `--floor` turns it off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from .notify import NotifyMode
from .settings import MAX_RECENT, Settings, SettingsStore
from .speech.modes import VoiceMode


class RunOverrides(msgspec.Struct, frozen=True, kw_only=True):
    """Settings given on the command line for one run; a field left UNSET leaves the saved value in force.

    Each field has the name and type of a `Settings` field (a test checks it), so adding a flag
    for a setting is one field here and one line where the command line fills it in.
    """

    floor: bool | UnsetType = UNSET
    """`--floor`: open the player in the floor view."""
    notify: NotifyMode | UnsetType = UNSET
    """`--notify MODE`."""
    remind_every: str | UnsetType | None = UNSET
    """`--remind 50m` (None: `--remind off`)."""
    mouse: bool | UnsetType = UNSET
    """`--no-mouse` (False)."""
    voice: VoiceMode | UnsetType = UNSET
    """`--voice MODE`."""

    def given(self) -> dict[str, Any]:
        """Return the fields that were given, by name."""
        return {name: value for name in self.__struct_fields__ if (value := getattr(self, name)) is not UNSET}

    def without(self, name: str) -> RunOverrides:
        """Return these overrides with `name` no longer overridden."""
        if name not in self.__struct_fields__:
            return self
        return msgspec.structs.replace(self, **{name: UNSET})


@dataclass(frozen=True)
class Preferences:
    """The saved settings and this run's overrides; `in_force` is what the app goes by."""

    saved: Settings = field(default_factory=Settings)
    overrides: RunOverrides = field(default_factory=RunOverrides)

    @property
    def in_force(self) -> Settings:
        """The settings to go by now: the saved ones with each override laid over its field."""
        given = self.overrides.given()
        return msgspec.structs.replace(self.saved, **given) if given else self.saved

    def chosen(self, name: str, value: object) -> Preferences:
        """Return the preferences after the person chose `value` for the setting `name` on screen.

        The choice is saved and outranks a flag for that setting only; other flags stay in force.
        A value the setting cannot take raises `msgspec.ValidationError`.
        """
        saved = msgspec.convert({**msgspec.to_builtins(self.saved), name: _plain(value)}, Settings)
        return Preferences(saved, self.overrides.without(name))

    def played(self, routine_id: str) -> Preferences:
        """Return the preferences with `routine_id` first among the recently played routines."""
        recent = (routine_id, *(other for other in self.saved.recent if other != routine_id))[:MAX_RECENT]
        return Preferences(msgspec.structs.replace(self.saved, recent=recent), self.overrides)


def _plain(value: object) -> object:
    """A value as settings.json would hold it (an enum member as its value)."""
    return msgspec.to_builtins(value)


class PreferenceKeeper:
    """This run's preferences, saved to settings.json at every choice made on screen."""

    def __init__(self, store: SettingsStore, overrides: RunOverrides | None = None) -> None:
        self.store = store
        self.preferences = Preferences(store.load(), overrides or RunOverrides())
        self.problem: str | None = store.problem
        """What went wrong reading the settings file (said once at start), or None."""

    @property
    def in_force(self) -> Settings:
        """The settings to go by now."""
        return self.preferences.in_force

    def choose(self, name: str, value: object) -> str | None:
        """Apply and save a choice made on screen; return why it could not be saved (None: saved).

        A value the setting cannot take raises `msgspec.ValidationError` and changes nothing.
        """
        chosen = self.preferences.chosen(name, value)
        if chosen == self.preferences:
            return None
        self.preferences = chosen
        return self._save()

    def played(self, routine_id: str) -> str | None:
        """Note `routine_id` as the most recently played; return why that could not be saved (None: saved)."""
        self.preferences = self.preferences.played(routine_id)
        return self._save()

    def _save(self) -> str | None:
        if self.store.save(self.preferences.saved):
            return None
        return self.store.problem or "the settings could not be saved"
