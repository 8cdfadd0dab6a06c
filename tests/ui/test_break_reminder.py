"""The break reminder in the app: shown when due, snoozed, skipped, or the suggested break started."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.app_builder import build_app
from tests.scenes import settle
from unknot.core.preferences import RunOverrides
from unknot.ui.screens.browser import BrowserScreen
from unknot.ui.screens.player import PlayerScreen


async def test_break_reminder_snooze_skip_and_start(tmp_path: Path) -> None:
    from unknot.ui.screens.break_prompt import BreakScreen

    app, clock = build_app(tmp_path, overrides=RunOverrides(remind_every="50m"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        reminders = app.controllers.reminders
        assert reminders.reminder is not None and reminders.reminder.every == 50 * 60
        clock.advance(50 * 60 - 1)
        reminders.check()
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        clock.advance(1)
        reminders.check()
        await settle(pilot)
        assert isinstance(app.screen, BreakScreen)
        text = " ".join(str(widget.render()) for widget in app.screen.query(Static))
        assert "No session for 50m" in text and "Suggested: Five-minute desk break (5m57s)" in text
        reminders.check()  # already on screen: never a second one
        assert len([screen for screen in app.screen_stack if isinstance(screen, BreakScreen)]) == 1

        await pilot.press("z")  # snooze: ten minutes
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        clock.advance(599)
        reminders.check()
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        clock.advance(1)
        reminders.check()
        await settle(pilot)
        assert isinstance(app.screen, BreakScreen)

        await pilot.press("k")  # skip: a whole interval
        await settle(pilot)
        clock.advance(10 * 3600)  # asleep for hours: shown once
        reminders.check()
        await settle(pilot)
        assert isinstance(app.screen, BreakScreen)
        assert "No session for 11h" in " ".join(str(widget.render()) for widget in app.screen.query(Static))

        await pilot.press("enter")  # start the suggested break
        await settle(pilot)
        assert isinstance(app.screen, PlayerScreen) and app.screen.entry.id == "desk-break"
        clock.advance(3 * 3600)
        reminders.check()  # no reminder while a session plays
        await settle(pilot)
        assert isinstance(app.screen, PlayerScreen)
        assert reminders.reminder is not None and reminders.reminder.paused


async def test_break_reminder_off_unless_asked(tmp_path: Path) -> None:
    app, _clock = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.controllers.reminders.reminder is None
        assert not any(command.title == "Break now" for command in app.get_system_commands(app.screen))
