"""What each terminal size keeps, from 30x10 to 120x40, in order of importance.

The player always keeps the step number, the clock and what to do now (the breathing pacer, a
cue); the footer shows whole keys only, stop, next and leave first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from tests.app_builder import build_app
from unknot.ui.screens.browser import BrowserScreen
from unknot.ui.screens.player import PlayerScreen

SIZES = [(30, 10), (40, 12), (80, 24), (120, 40)]


def fully_shown(widget: Widget) -> bool:
    """The widget is on screen with nothing of it cut off by the screen's edges."""
    screen = widget.screen.region
    return widget.display and widget.region.area > 0 and screen.contains_region(widget.region)


def footer_actions(screen: Widget) -> list[str]:
    """The actions of the footer keys on show; each must fit whole on the screen."""
    actions = []
    for key in screen.query("FooterKey"):
        if key.display and key.region.area > 0:
            assert fully_shown(key), f"footer key {getattr(key, 'action', key)!r} is cut at {key.region}"
            actions.append(str(getattr(key, "action", "")))
    return actions


@pytest.mark.parametrize(("columns", "rows"), SIZES)
async def test_the_player_keeps_place_clock_and_breathing(tmp_path: Path, columns: int, rows: int) -> None:
    app, _clock = build_app(tmp_path)
    async with app.run_test(size=(columns, rows)) as pilot:
        app.action_play("desk-break")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        for _ in range(5):  # past get-ready and four steps, to "Slow breathing" (paced breathing)
            await pilot.press("n")
        await pilot.pause()
        status = screen.query_one("#session-status")
        assert fully_shown(status) and str(status.render()).startswith("Step 5 of 5")
        clocks = [screen.query_one(selector) for selector in ("#digits", "#clock-line")]
        assert any(fully_shown(clock) for clock in clocks)
        pacer = screen.query_one("#pacer")
        assert fully_shown(pacer) and "Breathe" in str(pacer.render())
        assert {"pause", "next", "leave"} <= set(footer_actions(screen))


@pytest.mark.parametrize(("columns", "rows"), SIZES)
async def test_the_browser_footer_shows_whole_keys(tmp_path: Path, columns: int, rows: int) -> None:
    app, _clock = build_app(tmp_path)
    async with app.run_test(size=(columns, rows)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        actions = footer_actions(app.screen)
        assert "focus_filter" in actions
        assert fully_shown(app.screen.query_one("#routines"))
        palette_shown = "command_palette" in actions
        assert palette_shown == (columns >= 60)


async def test_a_footer_fits_again_after_a_resize(tmp_path: Path) -> None:
    app, _clock = build_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_play("desk-break")
        await pilot.pause()
        wide = footer_actions(app.screen)
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        narrow = footer_actions(app.screen)
        assert len(narrow) < len(wide) and {"pause", "next", "leave"} <= set(narrow)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert footer_actions(app.screen) == wide


async def test_keys_never_laid_out_are_fitted_by_their_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a busy machine a footer under a dialog may run out of refreshes before its keys are laid out:
    it then fits them by the width their text gives, never showing a key cut in half (`?` of `? Help`)."""
    from textual.widgets._footer import FooterKey

    from unknot.core.history.store import HistoryStore
    from unknot.ui.screens.pain import PainScreen
    from unknot.ui.widgets import key_footer

    monkeypatch.setattr(key_footer, "MAX_LAYOUT_WAITS", 0)
    app, _clock = build_app(tmp_path, history=HistoryStore(tmp_path / "data"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("floor-stretches")
        for _ in range(20):
            await pilot.pause()
        assert isinstance(app.screen, PainScreen)  # asked at once: the player beneath is laid out late
        player = app.screen_stack[-2]
        assert isinstance(player, PlayerScreen)
        footer = player.query_one(key_footer.KeyFooter)
        shown = [key for key in footer.query(FooterKey) if key.display]
        assert shown and sum(footer._widths[key] for key in shown) <= footer.size.width
        assert "help" not in [str(getattr(key, "action", "")) for key in shown]  # `? Help` does not fit at 80
