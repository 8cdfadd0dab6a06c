"""Today in the browser with a plan followed, playing a session of it, and "How was that?" after it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.app_builder import build_app
from tests.scenes import advance, settle, wait_until
from unknot.core.history.store import HistoryStore
from unknot.core.session.clock import FakeClock
from unknot.ui.screens.browser import BrowserScreen
from unknot.ui.screens.player import PlayerScreen
from unknot.ui.screens.rating import RatingScreen
from unknot.ui.screens.summary import SummaryScreen
from unknot.ui.widgets.routine_list import RoutineList
from unknot.ui.widgets.today_list import TodayList

PLAN = """\
title: Test plan
days: 14
phases:
  - title: Short
    advance: {after_sessions: 2}
    durations:
      quick-test: {factor: 2}
    days:
      - routines: [quick-test, desk-break]
  - title: Long
    days:
      - routines: [quick-test]
"""


def plan_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    (folder / "plans").mkdir(parents=True)
    (folder / "plans" / "test-plan.yaml").write_text(PLAN, encoding="utf-8")
    return folder


def fake_today() -> dt.date:
    return dt.date.fromtimestamp(FakeClock().wall())


async def test_without_a_plan_the_browser_is_as_before(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path, history=HistoryStore(tmp_path / "data"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        today = app.screen.query_one(TodayList)
        assert today.has_class("-empty") and isinstance(app.focused, RoutineList)
        assert app.screen.check_action("focus_today", ()) is False


async def test_today_is_first_and_enter_plays_the_next_session_with_the_plans_durations(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    assert store.start_plan("test-plan", fake_today())
    app, clock = build_app(
        tmp_path, history=store, extra_routine_folders=[plan_folder(tmp_path)], saved={"ask_pain": False}
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(
            pilot,
            lambda: not app.screen.query_one(TodayList).has_class("-empty"),
            'not app.screen.query_one(TodayList).has_class("-empty")',
        )
        today = app.screen.query_one(TodayList)
        assert app.focused is today and today.highlighted is not None
        assert today.get_option_at_index(today.highlighted).id == "0:quick-test"
        written = app.library.routines["quick-test"].timeline.total_seconds
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PlayerScreen), "isinstance(app.screen, PlayerScreen)")
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.player.timeline.total_seconds > written  # factor 2
        await advance(pilot, clock, 200)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen), "isinstance(app.screen, SummaryScreen)")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, RatingScreen), "isinstance(app.screen, RatingScreen)")
        await pilot.press("3")
        await wait_until(pilot, lambda: isinstance(app.screen, BrowserScreen), "isinstance(app.screen, BrowserScreen)")
        # Back in the browser, the day shows the session done and the next one highlighted.
        await wait_until(
            pilot,
            lambda: app.plan_today is not None and app.plan_today.items[0].done,
            "app.plan_today is not None and app.plan_today.items[0].done",
        )
        await wait_until(
            pilot,
            lambda: today.highlighted is not None and today.get_option_at_index(today.highlighted).id == "1:desk-break",
            'today.highlighted is not None and today.get_option_at_index(today.highlighted).id == "1:desk-break"',
        )
        assert app.focused is today
        app.screen.set_focus(app.screen.query_one(RoutineList))
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert app.focused is today
    (session,) = store.recent_sessions()
    assert session.rating == "too-much" and session.routine_id == "quick-test"


async def test_the_rating_question_can_be_skipped_and_takes_a_tap(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    store.start_plan("test-plan", fake_today())
    app, clock = build_app(
        tmp_path, history=store, extra_routine_folders=[plan_folder(tmp_path)], saved={"ask_pain": False}
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(
            pilot,
            lambda: not app.screen.query_one(TodayList).has_class("-empty"),
            'not app.screen.query_one(TodayList).has_class("-empty")',
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PlayerScreen), "isinstance(app.screen, PlayerScreen)")
        await advance(pilot, clock, 200)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen), "isinstance(app.screen, SummaryScreen)")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, RatingScreen), "isinstance(app.screen, RatingScreen)")
        await pilot.click("#rating-about-right")
        await wait_until(pilot, lambda: isinstance(app.screen, BrowserScreen), "isinstance(app.screen, BrowserScreen)")
    assert store.recent_sessions()[0].rating == "about-right"


async def test_the_break_reminder_offers_the_plans_next_session_and_plays_it_as_the_plan_wants(tmp_path: Path) -> None:
    from textual.widgets import Static

    from unknot.core.preferences import RunOverrides
    from unknot.core.routines.durations import format_duration
    from unknot.ui.screens.break_prompt import BreakScreen

    store = HistoryStore(tmp_path / "data")
    assert store.start_plan("test-plan", fake_today())
    app, clock = build_app(
        tmp_path,
        history=store,
        extra_routine_folders=[plan_folder(tmp_path)],
        saved={"ask_pain": False},
        overrides=RunOverrides(remind_every="50m"),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.plan_today is not None, "the plan's day read")
        # The plan's sessions count in what is due, as `unknot due` counts them.
        assert app.due["quick-test"].plan_sessions == 1 and app.due["quick-test"].status.value == "due"
        assert app.plan_today is not None
        planned = app.plan_today.items[0]
        reminders = app.controllers.reminders
        clock.advance(50 * 60)
        reminders.check()
        await settle(pilot)
        assert isinstance(app.screen, BreakScreen)
        text = " ".join(str(widget.render()) for widget in app.screen.query(Static))
        # Not the desk break (the break routine): the plan's next session, as long as its phase wants it.
        assert f"Suggested: Quick test routine ({format_duration(planned.seconds or 0)}+), next in today's plan" in text
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PlayerScreen), "the player")
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.player.timeline.total_seconds == planned.seconds  # factor 2
        await advance(pilot, clock, 200)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, RatingScreen), "How was that?")
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.screen, BrowserScreen), "the browser")
        await wait_until(pilot, lambda: app.due["quick-test"].plan_sessions == 0, "the plan's session done")
    assert store.recent_sessions()[0].rating == "about-right"
