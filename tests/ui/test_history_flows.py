"""History in the app: pain ratings, checkpoints while playing, resuming, the history view."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import DataTable, Static

from tests.app_builder import build_app
from tests.scenes import advance, orphan_checkpoints, settle, wait_until
from unknot.cli import main
from unknot.core.history.store import HistoryStore
from unknot.core.session.events import Outcome, SessionRecord
from unknot.core.session.player import PlayerState
from unknot.ui.screens.browser import BrowserScreen
from unknot.ui.screens.confirm import ConfirmDiscardScreen
from unknot.ui.screens.history import HistoryScreen
from unknot.ui.screens.pain import PainScreen
from unknot.ui.screens.player import PlayerScreen
from unknot.ui.screens.resume import ResumeScreen
from unknot.ui.screens.summary import SummaryScreen


def notices_into(notices: list[str]) -> Callable[[Message], None]:
    """Return a message hook that keeps the text of every notification the app shows."""

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            notices.append(message.notification.message)

    return hook


async def test_pain_before_and_after_are_recorded(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    app, clock = build_app(tmp_path, history=store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("quick-test")
        await settle(pilot)
        assert isinstance(app.screen, PainScreen)
        await pilot.press("6", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayerScreen)
        await advance(pilot, clock, 25)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await settle(pilot)
        assert "Pain         6 → ?" in str(app.screen.query_one("#summary-text", Static).render())
        # 1 then 0 is ten (were it nought, seven steps left would stay at nought), then down to three.
        await pilot.press("1", "0", *["left"] * 7, "enter")
        await settle(pilot)
        assert "Pain         6 → 3" in str(app.screen.query_one("#summary-text", Static).render())
        assert "Saved in history" in str(app.screen.query_one("#pain-after", Static).render())
    (session,) = store.recent_sessions()
    assert (session.outcome, session.pain_before, session.pain_after) == (Outcome.COMPLETED, 6, 3)


async def test_pain_question_can_be_skipped(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    app, _ = build_app(tmp_path, history=store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("quick-test")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.recorder.pain_before is None and app.screen.player.wall_started is not None


async def test_checkpoints_are_written_at_changes_and_every_few_seconds(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    app, clock = build_app(tmp_path, history=store, saved={"ask_pain": False})
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("floor-stretches")
        await settle(pilot)
        await advance(pilot, clock, 5 + 17)
        (state,) = [checkpoint.state for checkpoint in store.checkpoints()]
        assert state["segment_index"] == 1
        assert 17 - 4 - 0.01 <= state["elapsed"] <= 17  # saved at most CHECKPOINT_SECONDS ago


async def test_interrupted_session_is_offered_first_and_resumes_exactly(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    app, clock = build_app(tmp_path, history=store, saved={"ask_pain": False})
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("floor-stretches")
        await settle(pilot)
        await advance(pilot, clock, 5 + 12)
        app.on_terminate_signal(signal.SIGHUP)  # the connection dropped
        await settle(pilot)
    assert app.return_code == 128 + signal.SIGHUP
    orphan_checkpoints(store)
    again, clock2 = build_app(tmp_path, history=store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ResumeScreen)
        offer = str(again.screen.query_one("#resume-text", Static).render())
        assert "Resume" in offer and "Gentle floor stretches" in offer
        assert "Step 1 of 5: Knees to chest" in offer and "0:18 left" in offer
        await pilot.press("enter")
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, PlayerScreen)
        assert screen.player.segment.index == 1 and screen.player.remaining() == pytest.approx(18)
        # First a get-ready countdown (the routine's 5 s) showing where it goes back to, then on from there.
        assert screen.position is not None and screen.position.lead_in_left == pytest.approx(5)
        assert "Back to" in str(screen.query_one("#step-heading", Static).render())
        await advance(pilot, clock2, 5)
        assert screen.player.state is PlayerState.RUNNING and screen.player.remaining() == pytest.approx(18)
        await advance(pilot, clock2, 1)
        assert screen.player.remaining() == pytest.approx(17)


async def test_discarding_keeps_the_session_as_interrupted(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    store.save_checkpoint(
        "t", "quick-test", "Quick test routine", 1_767_225_600.0, {"version": 99, "segment_index": 0}
    )  # from an older Unknot: cannot resume
    store.save_checkpoint("u", "nope", "Gone routine", 1_767_225_600.0, {})
    orphan_checkpoints(store)
    app, _ = build_app(tmp_path, history=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
    assert sorted(s.outcome for s in store.recent_sessions()) == ["interrupted", "interrupted"]
    assert store.interrupted() == []


async def test_history_view_shows_sessions_streak_and_pain(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    day = 86400.0
    start = 1_767_225_600.0 - 3 * day  # the fake clock's day is 2026-01-01
    for number in range(4):
        session_id = store.add_session(
            SessionRecord(
                "floor-stretches",
                "Gentle floor stretches",
                start + number * day,
                start + number * day + 300,
                280,
                5,
                0,
                Outcome.COMPLETED,
                pain_before=6,
            )
        )
        assert session_id is not None
        store.set_pain_after(session_id, 4)
    app, _ = build_app(tmp_path, history=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        overview = str(app.screen.query_one("#history-overview", Static).render())
        assert "Streak: 4 days" in overview and "6.0 → 4.0" in overview
        assert app.screen.query_one(DataTable).row_count == 4
        await pilot.press("escape")
        assert isinstance(app.screen, BrowserScreen)


async def test_history_off_is_said_and_everything_else_works(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = HistoryStore(blocker / "data")
    app, clock = build_app(tmp_path, history=store)
    notices: list[str] = []
    async with app.run_test(size=(80, 24), message_hook=notices_into(notices)) as pilot:
        await settle(pilot)
        assert any("history is off" in notice.lower() for notice in notices)
        app.action_play("quick-test")
        await settle(pilot)
        assert isinstance(app.screen, PlayerScreen)  # no pain question without history
        await advance(pilot, clock, 25)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)


def test_history_command_json_and_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # the width `unknot history` lays out for (xdist's workers set their own)
    store = HistoryStore(tmp_path)
    store.add_session(
        SessionRecord(
            "desk-break",
            "Five-minute desk break",
            1_767_225_600.0,
            1_767_225_900.0,
            297,
            5,
            0,
            Outcome.COMPLETED,
            pain_before=5,
        )
    )
    assert main(["--data-dir", str(tmp_path), "history", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert {
        "routine_id",
        "title",
        "started_at",
        "ended_at",
        "active_seconds",
        "outcome",
        "pain_before",
        "pain_after",
    } <= set(row)
    assert row["started_at"] == "2026-01-01T00:00:00Z" and row["pain_after"] is None
    assert main(["history", "--data-dir", str(tmp_path)]) == 0
    assert "Five-minute desk break" in capsys.readouterr().out


def test_resume_command_with_nothing_to_resume(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resume", "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == "unknot: no interrupted session to resume\n"


async def test_history_opens_once_after_the_list_is_on_screen_and_still_offers_resume(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    store.save_checkpoint("t", "quick-test", "Quick test routine", 1_767_225_600.0, {})
    orphan_checkpoints(store)
    opened: list[bool] = []

    def open_history() -> HistoryStore:
        opened.append(isinstance(app.screen, BrowserScreen) and app.screen.is_mounted)
        return store

    app, _ = build_app(tmp_path, open_history=open_history)
    notices: list[str] = []
    async with app.run_test(size=(80, 24), message_hook=notices_into(notices)) as pilot:
        await settle(pilot)
        assert opened == [True]  # opened once, by then the browser was up
        assert any("Could not resume Quick test routine" in notice for notice in notices)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
    assert opened == [True]
    app.services.close_history()
    assert not store.available


async def test_play_opens_history_before_the_player_needs_it(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    app, _ = build_app(tmp_path, open_history=lambda: store, start_routine_id="quick-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PainScreen)  # asked only when history is kept


async def test_history_view_shows_a_session_still_playing_elsewhere(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    state = {"active_seconds": 30.0, "steps_done": [], "steps_skipped": []}
    store.save_checkpoint("live", "quick-test", "Quick test routine", 1_767_225_000.0, state)  # this process
    app, _ = build_app(tmp_path, history=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)  # a live session is not offered for resume
        await pilot.press("h")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1 and "in progress" in [str(cell) for cell in table.get_row_at(0)]


async def test_a_held_write_lock_never_stalls_the_countdown_or_keys(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process is writing, for as long as it likes
    app, clock = build_app(tmp_path, history=store, saved={"ask_pain": False})
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            app.action_play("quick-test")
            await wait_until(
                pilot, lambda: isinstance(app.screen, PlayerScreen) and app.screen.position is not None, "play"
            )
            screen = app.screen
            assert isinstance(screen, PlayerScreen)
            began = time.monotonic()
            for _ in range(3):  # segment changes: each asks for a checkpoint, which waits for the lock
                clock.advance(1)
                screen.handle_events(screen.player.update())
                await pilot.pause()
            await pilot.press("space")
            assert screen.player.state is PlayerState.PAUSED
            # Each write waits up to 5 s for the lock on the history thread; the screen waited for none.
            # (A stalled screen would take 5 s or more; ~0.5 s is normal, and twice that on a loaded
            # machine running the suite in parallel, so the bound sits between the two.)
            assert time.monotonic() - began < 3.0
            holder.execute("ROLLBACK")
            await settle(pilot)
            assert [checkpoint.routine_id for checkpoint in store.checkpoints()] == ["quick-test"]
    finally:
        holder.close()


async def test_a_note_after_a_session_is_saved_and_shown_in_history(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    app, clock = build_app(tmp_path, history=store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("quick-test")
        await settle(pilot)
        await pilot.press("escape")  # no pain rating before
        await settle(pilot)
        await advance(pilot, clock, 25)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")  # nor after
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"left side [b]tighter[/b]", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        status = app.screen.query_one("#note-status", Static)
        await wait_until(pilot, lambda: "Note saved" in str(status.render()), "the note saved")
        assert "Note         left side [b]tighter[/b]" in str(app.screen.query_one("#summary-text", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        cut = str(table.get_row_at(0)[-1])  # cut to fit 80 columns, never read as markup
        assert cut.endswith("…") and "left side [b]tighter[/b]".startswith(cut[:-1])
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert str(table.get_row_at(0)[-1]) == "left side [b]tighter[/b]"  # laid out again for the width
    (session,) = store.recent_sessions()
    assert session.note == "left side [b]tighter[/b]"


async def test_a_note_that_cannot_be_saved_is_said_and_kept(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data", journal_folders=[tmp_path / "journal"])
    app, clock = build_app(tmp_path, history=store)
    notices: list[str] = []
    async with app.run_test(size=(80, 24), message_hook=notices_into(notices)) as pilot:
        app.action_play("quick-test")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await advance(pilot, clock, 25)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        saved = summary.recorder.saved
        await wait_until(pilot, lambda: saved is not None and saved.done(), "the session saved")
        history = summary.recorder.history
        assert history is not None
        # The disk fills up: SQLite itself refuses the note (asked on the history thread, which owns the connection).
        await history.ask(
            lambda store: store.database.connection.execute(  # type: ignore[union-attr]
                "CREATE TRIGGER full BEFORE UPDATE OF note ON sessions BEGIN SELECT RAISE(ABORT, 'disk is full'); END"
            )
        )
        await pilot.press("n", *"stiff", "enter")
        status = app.screen.query_one("#note-status", Static)
        await wait_until(pilot, lambda: "NOT saved" in str(status.render()), "the note refused")
        assert "disk is full" in str(status.render()) and "unsaved-sessions.jsonl" in str(status.render())
        assert "Note         stiff" in str(app.screen.query_one("#summary-text", Static).render())
        assert any("note was not saved" in notice for notice in notices)
    assert store.recent_sessions()[0].note is None
    store.database.connection.execute("DROP TRIGGER full")  # type: ignore[union-attr]
    store.close()
    again = HistoryStore(tmp_path / "data", journal_folders=[tmp_path / "journal"])
    assert again.recent_sessions()[0].note == "stiff"


async def test_the_history_chart_switches_weeks_routine_and_numbers(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    day = 86400.0
    start = 1_767_225_600.0 - 20 * day  # the fake clock's day is 2026-01-01
    for number in range(6):
        routine = ("desk-break", "Desk break") if number % 2 else ("floor-stretches", "Gentle floor stretches")
        store.add_session(
            SessionRecord(
                *routine, start + number * 3 * day, start + number * 3 * day + 300, 280, 5, 0, Outcome.COMPLETED, 6, 3
            )
        )
    app, _ = build_app(tmp_path, history=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        chart = screen.query_one("#history-chart", Static)
        numbers = screen.query_one("#history-numbers", Static)
        assert "last 12 weeks · all routines" in str(chart.render()) and not numbers.display
        await pilot.press("w")
        assert "last 52 weeks" in str(chart.render())
        await pilot.press("w")
        assert "last 4 weeks" in str(chart.render())
        await pilot.press("a")  # the newest session (highlighted) is a desk break
        assert "last 4 weeks · Desk break" in str(chart.render())
        await pilot.press("down")
        assert "Gentle floor stretches" in str(chart.render())
        await pilot.press("t")
        await pilot.pause()
        assert numbers.display and "Week of" in str(numbers.render())


async def test_under_no_color_the_chart_numbers_are_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = HistoryStore(tmp_path / "data")
    store.add_session(
        SessionRecord("desk-break", "Desk", 1_767_225_600.0 - 3600, 1_767_225_600.0, 280, 5, 0, Outcome.COMPLETED, 6, 3)
    )
    monkeypatch.setenv("NO_COLOR", "1")
    app, _ = build_app(tmp_path, history=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        numbers = app.screen.query_one("#history-numbers", Static)
        assert numbers.display and "Pain before" in str(numbers.render())


@pytest.mark.parametrize("keys", [("escape",), ("n", "escape"), ("n", "n"), ("n", "enter")])
async def test_a_stray_key_never_throws_a_cut_off_session_away(tmp_path: Path, keys: tuple[str, ...]) -> None:
    """Esc is "not now"; n asks first, and anything but y keeps the session to resume."""
    store = HistoryStore(tmp_path / "data")
    app, clock = build_app(tmp_path, history=store, saved={"ask_pain": False})
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("floor-stretches")
        await settle(pilot)
        await advance(pilot, clock, 5 + 12)
        app.on_terminate_signal(signal.SIGHUP)
        await settle(pilot)
    orphan_checkpoints(store)
    again, _clock = build_app(tmp_path, history=store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ResumeScreen)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(again.screen, BrowserScreen)
    assert len(store.interrupted()) == 1  # still there to resume
    assert store.recent_sessions() == []


async def test_discarding_asks_and_y_keeps_it_in_history_as_interrupted(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    app, clock = build_app(tmp_path, history=store, saved={"ask_pain": False})
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("floor-stretches")
        await settle(pilot)
        await advance(pilot, clock, 5 + 12)
        app.on_terminate_signal(signal.SIGHUP)
        await settle(pilot)
    orphan_checkpoints(store)
    again, _clock = build_app(tmp_path, history=store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(again.screen, ConfirmDiscardScreen)
        await pilot.press("y")
        await settle(pilot)
    assert store.interrupted() == []
    assert [session.outcome for session in store.recent_sessions()] == ["interrupted"]


async def test_several_cut_off_sessions_are_offered_in_one_list(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    from tests.scenes import seed_history

    store = seed_history("interrupted-several", tmp_path / "data")
    app, _clock = build_app(tmp_path, history=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ResumeScreen) and len(screen.offers) == 3
        assert [offer.entry.id for offer in screen.offers] == ["floor-stretches", "desk-break", "acupressure-mat"]
        await pilot.press("down", "n")  # discard the second: asked first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDiscardScreen)
        await pilot.press("y")
        await wait_until(
            pilot, lambda: isinstance(app.screen, ResumeScreen) and app.screen is not screen, "the rest offered"
        )
        again = app.screen
        assert isinstance(again, ResumeScreen)
        assert [offer.entry.id for offer in again.offers] == ["floor-stretches", "acupressure-mat"]
        assert again.query_one(OptionList).highlighted == 0
        await pilot.press("escape")  # not now: both stay
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
    assert [checkpoint.routine_id for checkpoint in store.interrupted()] == ["floor-stretches", "acupressure-mat"]
    assert [session.routine_id for session in store.recent_sessions()] == ["desk-break"]  # kept as interrupted


async def test_on_a_touch_screen_the_resume_buttons_are_tall_and_discard_asks(tmp_path: Path) -> None:
    from textual.widgets import Button

    from tests.scenes import seed_history

    store = seed_history("interrupted-several", tmp_path / "data")
    app, _clock = build_app(tmp_path, history=store, touch=True)
    async with app.run_test(size=(40, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen)
        buttons = {button.id: button for button in app.screen.query(Button)}
        assert all(button.region.height == 3 for button in buttons.values())
        resume, discard = buttons["resume-yes"].region, buttons["resume-discard"].region
        assert discard.y >= resume.bottom + 1  # not beside Resume: a row below, with a gap
        await pilot.click("#resume-discard")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDiscardScreen)
    assert len(store.interrupted()) == 3
