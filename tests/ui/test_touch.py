"""Touch: a tap on the clock pauses and resumes; in a browser the floor view has buttons for a finger."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from textual.widgets import Button

from tests.app_builder import build_app
from tests.scenes import FLOOR, advance, wait_until
from tests.ui.test_sizes import fully_shown
from unknot.core.preferences import RunOverrides
from unknot.core.session.player import PlayerState
from unknot.ui.screens.player import PlayerScreen
from unknot.ui.widgets.touch_controls import TouchControls


async def open_player(pilot, app, routine_id: str) -> PlayerScreen:
    app.action_play(routine_id)
    await pilot.pause()
    assert isinstance(app.screen, PlayerScreen)
    return app.screen


@pytest.mark.parametrize(
    ("floor", "clock_id", "size"), [(False, "#digits", (80, 24)), (True, "#floor-clock", (40, 30))]
)
async def test_a_tap_on_the_clock_pauses_and_another_resumes(
    tmp_path: Path, floor: bool, clock_id: str, size: tuple[int, int]
) -> None:
    app, clock = build_app(tmp_path, overrides=RunOverrides(floor=floor))
    async with app.run_test(size=size) as pilot:
        screen = await open_player(pilot, app, "floor-stretches")
        await advance(pilot, clock, 6)
        assert screen.player.state is PlayerState.RUNNING
        await pilot.click(clock_id)
        await pilot.pause()
        assert screen.player.state is PlayerState.PAUSED
        await pilot.click(clock_id)
        await pilot.pause()
        assert screen.player.state is PlayerState.RUNNING


async def test_no_buttons_in_a_terminal(tmp_path: Path) -> None:
    app, _clock = build_app(tmp_path, overrides=FLOOR)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(pilot, app, "floor-stretches")
        assert not screen.query(TouchControls)


async def test_buttons_for_a_finger_pause_resume_and_go_on(tmp_path: Path) -> None:
    # A phone in portrait: about 40 columns at the page's default font.
    app, clock = build_app(tmp_path, overrides=FLOOR, touch=True)
    async with app.run_test(size=(40, 30)) as pilot:
        screen = await open_player(pilot, app, "floor-stretches")
        await advance(pilot, clock, 6)
        buttons = {button.id: button for button in screen.query("#touch-controls Button").results(Button)}
        for name in ("touch-next", "touch-pause"):
            assert fully_shown(buttons[name])
            assert buttons[name].region.height >= 3 and buttons[name].region.width >= 10  # a fingertip
        assert not buttons["touch-done"].visible and buttons["touch-done"].disabled  # nothing to say done to
        assert fully_shown(screen.query_one("#floor-clock"))
        pause_at = buttons["touch-pause"].region.x

        await pilot.click("#touch-pause")
        await pilot.pause()
        assert screen.player.state is PlayerState.PAUSED
        assert str(buttons["touch-pause"].label) == "Resume"
        # Textual ignores a second press while the first one's short "active" look lasts.
        await wait_until(pilot, lambda: not buttons["touch-pause"].has_class("-active"), "the button ready again")
        await pilot.click("#touch-pause")
        await pilot.pause()
        assert screen.player.state is PlayerState.RUNNING
        assert str(buttons["touch-pause"].label) == "Pause"

        step = screen.player.segment.step_index
        await pilot.click("#touch-next")
        await pilot.pause()
        assert screen.player.segment.step_index == step + 1
        assert buttons["touch-pause"].region.x == pause_at  # every button keeps its place


async def test_done_shows_on_a_step_that_waits_and_finishes_it(tmp_path: Path) -> None:
    app, clock = build_app(tmp_path, overrides=FLOOR, touch=True)
    async with app.run_test(size=(40, 30)) as pilot:
        screen = await open_player(pilot, app, "acupressure-mat")
        await advance(pilot, clock, 11)  # past "get ready"
        assert screen.player.segment.until_done
        done = screen.query_one("#touch-done")
        pause_at = screen.query_one("#touch-pause").region.x
        assert done.visible and fully_shown(done)
        await pilot.click("#touch-done")
        await pilot.pause()
        assert not screen.player.segment.until_done
        assert not done.visible and done.disabled
        assert screen.query_one("#touch-pause").region.x == pause_at  # Pause stays where it was


async def test_the_pain_question_is_answered_with_a_tap_on_a_number(tmp_path: Path) -> None:
    from unknot.core.history.store import HistoryStore
    from unknot.ui.screens.pain import PainScreen
    from unknot.ui.widgets.pain_scale import number_at

    assert [number_at(x, 74) for x in (0, 2, 3, 29, 30, 33, 34)] == [0, 0, 1, 9, 10, 10, None]
    assert [number_at(x, 30) for x in (0, 1, 2, 18, 19, 20, 21, 22)] == [0, None, 1, 9, None, 10, 10, None]
    history = HistoryStore(tmp_path / "data")
    app, _clock = build_app(tmp_path, history=history, touch=True)
    async with app.run_test(size=(40, 30)) as pilot:
        app.action_play("floor-stretches")
        await pilot.pause()
        assert isinstance(app.screen, PainScreen)
        assert app.screen.query_one("#pain-skip").display
        numbers = [app.screen.query_one(f"#pain-{number}", Button) for number in range(11)]
        # Finger-sized: two rows (0-5, 6-10) of buttons at least 5 columns by 3 rows, a cell apart
        # (on a 390 px phone at the page's font, about 48 x 63 px; tests/browser measures it).
        assert all(fully_shown(button) for button in numbers)
        assert all(button.region.width >= 5 and button.region.height >= 3 for button in numbers)
        rows = [{button.region.y for button in numbers[:6]}, {button.region.y for button in numbers[6:]}]
        assert len(rows[0]) == 1 == len(rows[1]) and rows[0] != rows[1]
        # A cell apart: a tap between two numbers answers neither.
        assert all(not left.region.overlaps(right.region.grow((0, 1, 0, 1))) for left, right in pairwise(numbers))
        await pilot.click("#pain-7")
        await pilot.pause()
        player = app.screen
        assert isinstance(player, PlayerScreen)
        assert player.recorder.pain_before == 7
        assert player.player.state is PlayerState.RUNNING


async def test_the_pain_numbers_are_one_line_in_a_terminal(tmp_path: Path) -> None:
    from unknot.core.history.store import HistoryStore
    from unknot.ui.screens.pain import PainScreen

    app, _clock = build_app(tmp_path, history=HistoryStore(tmp_path / "data"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("floor-stretches")
        await pilot.pause()
        assert isinstance(app.screen, PainScreen)
        assert not app.screen.query(Button)
        scale = app.screen.query_one("#pain-scale")
        assert fully_shown(scale) and scale.region.height <= 4  # the numbers on one line, then the words
        assert str(scale.render()).split("\n")[0].split() == [str(number) for number in range(11)]
        await pilot.press("4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and app.screen.recorder.pain_before == 4


async def test_leaving_is_asked_with_buttons_for_a_finger(tmp_path: Path) -> None:
    from unknot.ui.screens.confirm import ConfirmLeaveScreen

    app, clock = build_app(tmp_path, overrides=FLOOR, touch=True)
    async with app.run_test(size=(40, 30)) as pilot:
        screen = await open_player(pilot, app, "floor-stretches")
        await advance(pilot, clock, 6)
        screen.action_leave()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmLeaveScreen)
        assert fully_shown(app.screen.query_one("#answer-yes"))
        await pilot.click("#answer-no")
        await pilot.pause()
        assert app.screen is screen and screen.player.state is PlayerState.RUNNING
        screen.action_leave()
        await pilot.pause()
        await pilot.click("#answer-yes")
        await pilot.pause()
        assert screen.player.finished


async def test_a_key_and_a_tap_at_once_answer_the_pain_question_once(tmp_path: Path) -> None:
    """Both answers arrive before the screen is gone: the first counts, the second changes nothing."""
    from unknot.core.history.store import HistoryStore
    from unknot.ui.screens.pain import PainScreen
    from unknot.ui.widgets.pain_scale import PainScale

    app, _clock = build_app(tmp_path, history=HistoryStore(tmp_path / "data"), touch=True)
    async with app.run_test(size=(80, 30)) as pilot:
        app.action_play("floor-stretches")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, PainScreen)
        scale = question.query_one(PainScale)
        scale.post_message(PainScale.Answered(3))
        scale.post_message(PainScale.Answered(8))
        await pilot.pause()
        await pilot.pause()
        player = app.screen
        assert isinstance(player, PlayerScreen)  # the player itself was not dismissed by the second answer
        assert player.recorder.pain_before == 3


async def test_pain_after_a_session_is_a_tap_on_a_button_too(tmp_path: Path) -> None:
    from unknot.core.history.store import HistoryStore
    from unknot.ui.screens.summary import SummaryScreen

    store = HistoryStore(tmp_path / "data")
    app, clock = build_app(tmp_path, history=store, touch=True)
    async with app.run_test(size=(40, 30)) as pilot:
        app.action_play("quick-test")
        await pilot.pause()
        await pilot.click("#pain-6")
        await wait_until(pilot, lambda: isinstance(app.screen, PlayerScreen), "the player")
        await advance(pilot, clock, 25)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        summary = app.screen
        await wait_until(pilot, lambda: bool(summary.query("#pain-3")), "the question after")
        three = summary.query_one("#pain-3", Button)
        assert fully_shown(three) and three.region.width >= 5 and three.region.height >= 3
        await pilot.click("#pain-3")
        await wait_until(pilot, lambda: "Saved in history" in str(summary.query_one("#pain-after").render()), "saved")
    (session,) = store.recent_sessions()
    assert (session.pain_before, session.pain_after) == (6, 3)
