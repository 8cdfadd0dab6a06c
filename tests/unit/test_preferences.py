"""Preferences: the saved settings with this run's flags on top, and a choice that drops its own flag only."""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import msgspec
import pytest
from msgspec import UNSET, UnsetType

from unknot.core.notify import NotifyMode
from unknot.core.preferences import PreferenceKeeper, Preferences, RunOverrides
from unknot.core.session.bell import BellMode
from unknot.core.settings import MAX_RECENT, Settings, SettingsStore
from unknot.core.speech.modes import VoiceMode

#: A value different from the default for each setting a flag can override.
OVERRIDDEN: dict[str, Any] = {
    "floor": True,
    "notify": NotifyMode.OSC9,
    "remind_every": "50m",
    "mouse": False,
    "voice": VoiceMode.OFF,
}
#: Another value for each, as chosen on screen.
CHOSEN = {"floor": False, "notify": NotifyMode.OFF, "remind_every": None, "mouse": True, "voice": VoiceMode.ESPEAK_NG}


def test_every_override_is_a_setting_of_the_same_type() -> None:
    settings = typing.get_type_hints(Settings, include_extras=True)
    overrides = typing.get_type_hints(RunOverrides)
    assert set(OVERRIDDEN) == set(RunOverrides.__struct_fields__)
    for name, annotation in overrides.items():
        assert name in settings, name
        allowed = set(typing.get_args(annotation)) - {UnsetType}
        setting = settings[name]
        setting_types = set(typing.get_args(setting)) or {setting}
        plain = {
            typing.get_args(kind)[0] if typing.get_origin(kind) is typing.Annotated else kind for kind in setting_types
        }
        assert allowed == plain, name


def test_without_overrides_the_saved_settings_are_in_force() -> None:
    saved = Settings(bell=BellMode.OFF)
    assert Preferences(saved).in_force is saved


@pytest.mark.parametrize("name", sorted(OVERRIDDEN))
def test_a_flag_is_in_force_until_that_setting_is_chosen_on_screen(name: str) -> None:
    everything = RunOverrides(**OVERRIDDEN)
    preferences = Preferences(Settings(), everything)
    assert all(getattr(preferences.in_force, field) == value for field, value in OVERRIDDEN.items())
    chosen = preferences.chosen(name, CHOSEN[name])
    assert getattr(chosen.in_force, name) == CHOSEN[name]
    assert getattr(chosen.saved, name) == CHOSEN[name]
    for other, value in OVERRIDDEN.items():
        if other != name:
            assert getattr(chosen.in_force, other) == value, other  # every other flag stays
            assert getattr(chosen.overrides, other) == value
    assert getattr(chosen.overrides, name) is UNSET


def test_a_setting_no_flag_overrides_is_saved_and_every_flag_stays() -> None:
    preferences = Preferences(Settings(), RunOverrides(notify=NotifyMode.OSC9))
    chosen = preferences.chosen("bell", BellMode.COUNTDOWN)
    assert chosen.in_force.bell is BellMode.COUNTDOWN and chosen.in_force.notify is NotifyMode.OSC9
    assert chosen.saved.notify is NotifyMode.AUTO


def test_a_value_a_setting_cannot_take_is_refused() -> None:
    with pytest.raises(msgspec.ValidationError):
        Preferences().chosen("remind_every", "5s")
    with pytest.raises(msgspec.ValidationError):
        Preferences().chosen("bell", "loud")


def test_played_puts_the_routine_first_once_and_keeps_a_few() -> None:
    preferences = Preferences()
    for number in range(MAX_RECENT + 3):
        preferences = preferences.played(f"r{number}")
    preferences = preferences.played("r5")
    recent = preferences.saved.recent
    assert recent[0] == "r5" and len(recent) == MAX_RECENT and recent.count("r5") == 1


def test_the_keeper_saves_each_choice_but_never_a_flag(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    keeper = PreferenceKeeper(SettingsStore(path), RunOverrides(floor=True))
    assert keeper.in_force.floor is True and not path.exists()
    assert keeper.choose("bell", BellMode.OFF) is None
    on_disk = json.loads(path.read_text())
    assert on_disk["bell"] == "off" and on_disk["floor"] is False
    assert keeper.played("desk-break") is None
    assert json.loads(path.read_text())["recent"] == ["desk-break"]
    assert PreferenceKeeper(SettingsStore(path)).in_force.bell is BellMode.OFF


def test_the_keeper_says_when_a_choice_could_not_be_saved(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    keeper = PreferenceKeeper(SettingsStore(blocked / "settings.json"))
    problem = keeper.choose("bell", BellMode.OFF)
    assert problem is not None and "cannot save settings" in problem
    assert keeper.in_force.bell is BellMode.OFF  # still in force for this run


def test_choosing_what_is_already_in_force_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    keeper = PreferenceKeeper(SettingsStore(path))
    assert keeper.choose("bell", Settings().bell) is None
    assert not path.exists()
