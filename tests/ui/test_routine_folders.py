"""Routine folders while the app runs: Reload routines, a saved file noticed by itself, E for the editor."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from tests.app_builder import FIXTURE_ROUTINES, build_app
from tests.ui.test_browser import listed
from unknot.ui.screens.browser import BrowserScreen
from unknot.ui.screens.player import PlayerScreen


async def test_reload_shows_new_changed_and_broken_routines_and_edit_needs_a_terminal(tmp_path: Path) -> None:
    from textual.notifications import Notify

    mine = tmp_path / "mine"
    mine.mkdir()
    notices: list[str] = []

    def hook(message: object) -> None:
        if isinstance(message, Notify):
            notices.append(message.notification.message)

    app, _ = build_app(tmp_path, extra_routine_folders=[FIXTURE_ROUTINES, mine])
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        (mine / "evening.yaml").write_text("title: My evening\nsteps:\n  - use: floor-stretches/cobra\n")
        (mine / "broken.yaml").write_text("title: Broken\nsteps:\n  - {title: a, duration: forever}\n")
        app.controllers.folders.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "evening" in listed(screen) and "evening" in app.library.routines
        assert any(
            notice.startswith("Routines reloaded: 1 new routine; problem: ") and "broken.yaml:3:" in notice
            for notice in notices
        )
        problem_line = str(screen.query_one("#problem-line", Static).render())
        assert "1 routine file with problems" in problem_line

        await pilot.press("E")  # no terminal to hand over in a headless test, as in a browser
        await pilot.pause()
        assert any("Editing needs a terminal here: run `unknot edit" in notice for notice in notices), notices


async def test_a_saved_routine_file_shows_up_by_itself_and_a_playing_session_keeps_its_routine(
    tmp_path: Path,
) -> None:
    from textual.notifications import Notify

    mine = tmp_path / "mine"
    mine.mkdir()
    notices: list[str] = []

    def hook(message: object) -> None:
        if isinstance(message, Notify):
            notices.append(message.notification.message)

    async def until(condition: Callable[[], bool], again: Callable[[], object] = lambda: None) -> None:
        # A real watch on a real folder: poll the app for the change (never a fixed sleep), doing
        # `again` now and then, since the watch thread may not be watching yet when the test writes.
        deadline = time.monotonic() + 20
        while not condition():
            assert time.monotonic() < deadline, f"never happened; notices: {notices}"
            again()
            await pilot.pause(0.1)

    app, _ = build_app(tmp_path, extra_routine_folders=[FIXTURE_ROUTINES, mine], watch_routines=True)
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await until(lambda: app.controllers.folders.watcher is not None)
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        first = "title: My evening\nsteps:\n  - {title: Lie down, duration: 30s}\n"
        await until(lambda: "evening" in listed(screen), lambda: (mine / "evening.yaml").write_text(first))
        assert "Routine files changed: 1 new routine" in notices

        app.action_play("evening")
        await until(lambda: isinstance(app.screen, PlayerScreen))
        player = app.screen
        assert isinstance(player, PlayerScreen)
        (mine / "evening.yaml").write_text("title: My evening\nsteps:\n  - {title: Sit up, duration: 45s}\n")
        await until(lambda: "Routine files changed: 1 changed (from the next session on)" in notices)
        assert player.entry.routine.steps[0].title == "Lie down"  # the session plays on unchanged
        assert app.library.routines["evening"].routine.steps[0].title == "Sit up"

        (mine / "evening.yaml").write_text("title: My evening\nsteps: 3\n")
        await until(lambda: any(notice.startswith("Routine files changed: 1 removed; problem: ") for notice in notices))
        (mine / "evening.yaml").unlink()
        await until(lambda: any("1 file fixed or removed" in notice for notice in notices))
    assert app.controllers.folders.watcher is not None and app.controllers.folders.watcher.stopped
