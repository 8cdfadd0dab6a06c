"""Playing a routine from get-ready to summary, on a fake clock (no real waiting)."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Label, OptionList, Static

from tests.app_builder import build_app
from tests.scenes import advance, palette_offers, settle, wait_until
from unknot.core.routines.timeline import SegmentKind
from unknot.core.session.bell import BellMode
from unknot.core.session.events import Outcome
from unknot.core.session.player import PlayerState
from unknot.ui.screens.browser import BrowserScreen
from unknot.ui.screens.confirm import ConfirmLeaveScreen
from unknot.ui.screens.help import HelpScreen
from unknot.ui.screens.player import PlayerScreen
from unknot.ui.screens.summary import SummaryScreen
from unknot.ui.widgets.big_text import BigText
from unknot.ui.widgets.scaled_art import ScaledArt


def text(screen: object, selector: str) -> str:
    if selector == "#digits":  # the big clock: read the text it draws
        return str(screen.query_one("#digits", BigText).text)  # type: ignore[attr-defined]
    if selector == "#diagram":  # the drawing (shown as large as there is room for): the art it draws
        return str(screen.query_one("#diagram", ScaledArt).art)  # type: ignore[attr-defined]
    widget = screen.query_one(selector)  # type: ignore[attr-defined]
    assert isinstance(widget, (Static, Label))
    return str(widget.render())


async def start_quick(pilot, app) -> PlayerScreen:
    app.action_play("quick-test")
    await pilot.pause()
    assert isinstance(app.screen, PlayerScreen)
    return app.screen


async def test_plays_from_get_ready_to_summary(tmp_path: Path) -> None:
    app, clock = build_app(tmp_path)
    messages: list[object] = []
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        screen = await start_quick(pilot, app)
        assert text(screen, "#phase") == "GET READY"
        assert text(screen, "#digits") == "0:02"
        assert "Test caution shown while getting ready." in text(screen, "#step-cautions")
        assert text(screen, "#step-heading") == "First"
        await advance(pilot, clock, 2)
        assert text(screen, "#phase") == "HOLD" and text(screen, "#digits") == "0:03"
        assert "Step 1 of 4" in text(screen, "#session-status")
        await advance(pilot, clock, 1)
        assert text(screen, "#digits") == "0:02"
        assert text(screen, "#cue") == "» Halfway cue"
        await advance(pilot, clock, 2)
        assert text(screen, "#phase") == "REST"
        assert text(screen, "#step-heading") == "Next" and text(screen, "#step-title") == "Each side"
        await advance(pilot, clock, 1)
        assert "Right side (1 of 2)" in text(screen, "#session-status")
        diagram_right = text(screen, "#diagram")
        await advance(pilot, clock, 2)
        assert text(screen, "#phase") == "SWITCH SIDES"
        await advance(pilot, clock, 1)
        assert "Left side (2 of 2)" in text(screen, "#session-status")
        assert text(screen, "#diagram") != diagram_right and "\\O" in text(screen, "#diagram")
        await advance(pilot, clock, 3)
        assert text(screen, "#phase") == "INHALE" and "Rep 1 of 2" in text(screen, "#session-status")
        assert "Breathe in" in text(screen, "#pacer")
        assert text(screen, "#diagram").startswith("\\O/")
        await advance(pilot, clock, 2)
        assert text(screen, "#phase") == "EXHALE" and "Breathe out" in text(screen, "#pacer")
        await advance(pilot, clock, 6)
        assert text(screen, "#phase") == "REST"
        await advance(pilot, clock, 1)
        assert text(screen, "#phase") == "UNTIL DONE"
        assert "Step caution here." in text(screen, "#step-cautions")
        assert text(screen, "#state-line") == "0:00 so far · press d when done"  # counts up: never a countdown
        await advance(pilot, clock, 30)
        assert isinstance(app.screen, PlayerScreen)
        assert text(screen, "#state-line") == "0:30 so far · press d when done"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = text(app.screen, "#summary-text")
        assert "Well done: every step played." in summary and "Steps done   4" in summary
        assert "Skipped" not in summary
        ended = [m for m in messages if isinstance(m, PlayerScreen.SessionEnded)]
        assert len(ended) == 1 and ended[0].record.outcome is Outcome.COMPLETED
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)


async def test_pause_resume_and_the_paused_look(tmp_path: Path) -> None:
    app, clock = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_quick(pilot, app)
        await advance(pilot, clock, 2.5)
        await pilot.press("space")
        assert screen.player.state is PlayerState.PAUSED
        assert screen.query_one("#countdown").has_class("-paused")
        assert "Paused" in text(screen, "#state-line")
        await advance(pilot, clock, 60)
        assert text(screen, "#digits") == "0:03"
        await pilot.press("space")
        await advance(pilot, clock, 1)
        assert text(screen, "#digits") == "0:02"
        assert not screen.query_one("#countdown").has_class("-paused")


async def test_next_previous_restart_and_adjust(tmp_path: Path) -> None:
    app, clock = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_quick(pilot, app)
        await pilot.press("n")  # skip get-ready
        assert text(screen, "#step-title") == "Short hold"
        await pilot.press("right")
        assert text(screen, "#step-title") == "Each side"
        await pilot.press("p")  # barely in: back to the previous step
        assert text(screen, "#step-title") == "Short hold"
        await advance(pilot, clock, 2)
        await pilot.press("plus")
        assert text(screen, "#digits") == "0:11"
        await pilot.press("minus", "minus")
        assert text(screen, "#digits") == "0:01"
        await pilot.press("r")
        assert text(screen, "#digits") == "0:03"
        await pilot.press("left")
        assert text(screen, "#step-title") == "Short hold"
        assert screen.query_one("#countdown").has_class("-final")


async def test_done_key_only_on_until_done_steps(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_quick(pilot, app)
        assert screen.check_action("done", ()) is False
        await pilot.press("d")
        assert screen.player.segment.kind is SegmentKind.GET_READY
        await pilot.press("n", "n", "n", "n")
        assert screen.player.segment.until_done
        assert screen.check_action("done", ()) is True


async def test_the_bell_rings_at_steps_and_sides_only_and_its_mode_is_remembered(tmp_path: Path) -> None:
    app, clock = build_app(tmp_path)
    rings: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.bell = lambda: rings.append(clock.monotonic() - 1000)  # type: ignore[method-assign]
        await start_quick(pilot, app)
        for _ in range(2 + 3 + 1 + 2):  # get-ready, the hold (with a cue and its last 3 s), a rest, a side
            await advance(pilot, clock, 1)
        # The first step, the next step, then switching sides (never the cue, the rest or each second).
        assert rings == [2, 6, 8]
        await pilot.press("b")  # steps+countdown: also the last three seconds of a hold
        await pilot.press("b")  # off
        await advance(pilot, clock, 5)
        assert rings == [2, 6, 8]
    settings = json.loads((tmp_path / "settings.json").read_text())
    assert settings["bell"] == "off"
    app2, _ = build_app(tmp_path)
    assert app2.settings.bell is BellMode.OFF


async def test_steps_and_countdown_rings_the_last_three_seconds_of_a_hold(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"bell": "steps+countdown"}))
    app, clock = build_app(tmp_path)
    rings: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.bell = lambda: rings.append(clock.monotonic() - 1000)  # type: ignore[method-assign]
        await start_quick(pilot, app)
        for _ in range(2 + 3):
            await advance(pilot, clock, 1)
        assert rings == [2, 2, 3, 4]  # the step, then 3, 2, 1 of its three-second hold


async def test_leaving_asks_first_and_then_returns_to_the_browser(tmp_path: Path) -> None:
    app, clock = build_app(tmp_path)
    messages: list[object] = []
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        screen = await start_quick(pilot, app)
        await advance(pilot, clock, 3)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmLeaveScreen)
        assert screen.player.state is PlayerState.PAUSED
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and screen.player.state is PlayerState.RUNNING
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)  # left early: the summary still asks how the back is
        assert "Session ended early." in text(app.screen, "#summary-text")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        ended = [m for m in messages if isinstance(m, PlayerScreen.SessionEnded)]
        assert ended[-1].record.outcome is Outcome.LEFT


async def test_play_mode_leaves_the_app_after_confirming(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path, start_routine_id="quick-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        await pilot.press("q", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_help_lists_every_player_key_and_the_safety_note(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_quick(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = text(app.screen, "#help-keys")
        for words in ["space", "n / →", "p / ←", "+ / =", "-", "d ", "b ", "q / Esc", "/ ", "Enter"]:
            assert words in keys, words
        assert "not medical advice" in text(app.screen, "#help-safety")
        await pilot.press("escape")
        assert isinstance(app.screen, PlayerScreen)


async def test_command_palette_plays_a_routine(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Play: Quick test")
        await palette_offers(pilot, "Quick test")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.entry.id == "quick-test"


async def test_command_palette_lists_the_routines_first_then_the_app_commands(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(
            pilot,
            lambda: bool(app.screen.query(OptionList)) and app.screen.query_one(OptionList).option_count >= 12,
            "the palette listing everything",
        )
        listing = app.screen.query_one(OptionList)
        prompts = [str(listing.get_option_at_index(index).prompt) for index in range(listing.option_count)]
        routines = [prompt for prompt in prompts if prompt.startswith("Play: ")]
        assert prompts[: len(routines)] == routines and len(routines) == len(app.library.routines)
        assert any("Bell: off" in prompt for prompt in prompts[len(routines) :])
        assert any(prompt.startswith("Quit") for prompt in prompts[len(routines) :])
        await pilot.press(*"bell: off")
        await palette_offers(pilot, "Bell: off")
        await pilot.press("enter")
        await settle(pilot)
        assert app.settings.bell is BellMode.OFF  # system commands are still searchable


async def test_a_breathing_diagram_follows_the_pacer(tmp_path: Path) -> None:
    from unknot.core.library.loader import load_library

    (tmp_path / "breathe.yaml").write_text(
        "title: Breathe\nget_ready: 0\nsteps:\n"
        "  - title: Slow breathing\n    instructions: Breathe slowly.\n    duration: 1m\n"
        "    breathing: {inhale: 4s, exhale: 6s}\n"
        "    diagram:\n      frames:\n        in: CHEST-OPEN\n        out: CHEST-SOFT\n"
    )
    app, clock = build_app(tmp_path, library=load_library([tmp_path]))
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("breathe")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        assert text(screen, "#diagram") == "CHEST-OPEN"
        await advance(pilot, clock, 4)
        assert text(screen, "#pacer").startswith("Breathe out")
        assert text(screen, "#diagram") == "CHEST-SOFT"
        await advance(pilot, clock, 6)
        assert text(screen, "#diagram") == "CHEST-OPEN"
