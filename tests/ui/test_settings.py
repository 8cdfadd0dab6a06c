"""Settings: chosen on screen, with a key or in the palette; applied at once, saved, and outranking a flag
for that setting only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app_builder import build_app
from tests.scenes import settle
from unknot.core.notify import NotifyMode
from unknot.core.preferences import RunOverrides
from unknot.core.session.bell import BellMode
from unknot.ui.screens.browser import BrowserScreen
from unknot.ui.screens.kit import KitScreen
from unknot.ui.screens.player import PlayerScreen
from unknot.ui.screens.settings import SettingsScreen


def saved(folder: Path) -> dict[str, object]:
    return json.loads((folder / "settings.json").read_text())


def shown(screen: SettingsScreen, field: str) -> str:
    """The words the settings screen shows for `field`."""
    row = next(row for row in screen.rows if row.field == field)
    return row.shown(screen.settings).words


async def test_settings_apply_at_once_and_are_saved(tmp_path: Path) -> None:
    app, _clock = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("right")  # the bell: steps -> steps+countdown
        await settle(pilot)
        assert app.settings.bell is BellMode.COUNTDOWN
        await pilot.press("down", "enter")  # pain questions off
        await pilot.press("down", "enter")  # the floor view on
        await pilot.press("down", "left")  # notifications: auto -> osc99
        await pilot.press("down", "right", "right")  # a break reminder after 45 minutes
        await pilot.press("down", "down", "enter")  # past the kit: due routines first
        await pilot.press("down", "right")  # the next theme, applied at once
        await settle(pilot)
        assert app.settings.ask_pain is False and app.settings.floor is True
        assert app.settings.remind_every == "45m"
        reminder = app.controllers.reminders.reminder
        assert reminder is not None and reminder.every == 2700
        browser = app.screen_stack[0]
        assert isinstance(browser, BrowserScreen) and browser.due_first
        assert app.theme == app.settings.theme != "textual-dark"
        await pilot.press("escape")
        assert isinstance(app.screen, BrowserScreen)
    file = saved(tmp_path)
    assert file["notify"] == "osc99" and app.controllers.moments.notifier.mode is NotifyMode.OSC99
    assert file["bell"] == "steps+countdown" and file["ask_pain"] is False and file["theme"] == app.settings.theme
    assert file["remind_every"] == "45m" and file["due_first"] is True


async def test_the_floor_flag_shows_in_the_settings_and_choosing_off_turns_it_off(tmp_path: Path) -> None:
    """`unknot --floor`, then the settings screen: it says on, and choosing off is obeyed (bug 1)."""
    app, _clock = build_app(tmp_path, overrides=RunOverrides(floor=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert shown(screen, "floor").startswith("on")
        await pilot.press("down", "down", "enter")  # the floor view: on -> off
        await settle(pilot)
        assert shown(screen, "floor").startswith("off") and app.settings.floor is False
        await pilot.press("escape")
        app.action_play("quick-test")
        await settle(pilot)
        player = next(shown for shown in app.screen_stack if isinstance(shown, PlayerScreen))
        assert not player.floor
    assert saved(tmp_path)["floor"] is False


async def test_changing_the_bell_keeps_the_notify_flag_in_force(tmp_path: Path) -> None:
    """`unknot --notify osc9`, then only the bell changes: notifications stay osc9 for this run (bug 2)."""
    app, _clock = build_app(tmp_path, overrides=RunOverrides(notify=NotifyMode.OSC9))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.controllers.moments.notifier.mode is NotifyMode.OSC9
        await pilot.press("s", "right")  # the bell
        await settle(pilot)
        assert app.settings.bell is BellMode.COUNTDOWN
        assert app.settings.notify is NotifyMode.OSC9 and app.controllers.moments.notifier.mode is NotifyMode.OSC9
        screen = app.screen
        assert isinstance(screen, SettingsScreen) and shown(screen, "notify") == shown_words(NotifyMode.OSC9)
    file = saved(tmp_path)
    assert file["bell"] == "steps+countdown" and file["notify"] == "auto"  # the flag is not saved


def shown_words(mode: NotifyMode) -> str:
    from unknot.core.notify import NOTIFY_MODE_WORDS

    return NOTIFY_MODE_WORDS[mode]


@pytest.mark.parametrize(
    ("overrides", "field", "kept"),
    [
        (RunOverrides(floor=True), "notify", {"floor": True}),
        (
            RunOverrides(notify=NotifyMode.OFF, remind_every="50m"),
            "bell",
            {"notify": NotifyMode.OFF, "remind_every": "50m"},
        ),
        (RunOverrides(notify=NotifyMode.OFF, remind_every="50m"), "remind_every", {"notify": NotifyMode.OFF}),
    ],
)
async def test_a_choice_drops_only_its_own_flag(
    tmp_path: Path, overrides: RunOverrides, field: str, kept: dict[str, object]
) -> None:
    app, _clock = build_app(tmp_path, overrides=overrides)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        index = [row.field for row in screen.rows].index(field)
        await pilot.press(*["down"] * index, "right")
        await settle(pilot)
        for name, value in kept.items():
            assert getattr(app.settings, name) == value, name
        given = app.preferences.preferences.overrides.given()
        assert given.pop("voice") == "off"  # build_app keeps the voice off for every test
        assert given == kept


async def test_b_in_the_player_and_the_palette_change_settings_and_say_so(tmp_path: Path) -> None:
    from textual.notifications import Notify

    notices: list[str] = []

    def hook(message: object) -> None:
        if isinstance(message, Notify):
            notices.append(message.notification.message)

    app, _clock = build_app(tmp_path, overrides=RunOverrides(floor=True))
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        await settle(pilot)
        app.action_play("quick-test")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert (
            app.settings.bell is BellMode.COUNTDOWN
            and notices[-1] == "Bell at each step, side, the end and the last 3 seconds"
        )
        await pilot.press("f")  # the floor view off, now and from now on
        await settle(pilot)
        player = app.screen
        assert isinstance(player, PlayerScreen) and not player.floor and app.settings.floor is False
    assert saved(tmp_path)["floor"] is False and saved(tmp_path)["bell"] == "steps+countdown"


async def test_the_kit_one_has_is_ticked_on_a_checklist_and_leaves_other_routines_out_of_due(tmp_path: Path) -> None:
    app, _clock = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert shown(screen, "equipment") == "not said: every routine counts"
        await pilot.press(*["down"] * 5, "enter")
        assert isinstance(app.screen, KitScreen)
        await pilot.press("space")  # untick the yoga mat: before anything is said, every piece is ticked
        await pilot.press("down", "space")  # and the acupressure mat
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert app.settings.equipment == ("massage-ball", "massage-balls", "foam-roller", "towel", "heat-pack")
        assert shown(screen, "equipment").startswith("massage ball, two massage balls")
        await pilot.press("enter")
        await pilot.press("escape")  # Esc on the checklist changes nothing
        assert app.screen is screen and app.settings.equipment is not None and len(app.settings.equipment) == 5
    assert saved(tmp_path)["equipment"] == ["massage-ball", "massage-balls", "foam-roller", "towel", "heat-pack"]
