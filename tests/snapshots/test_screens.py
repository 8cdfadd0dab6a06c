"""Every screen state that matters, pinned as an SVG (review with `pytest --snapshot-report`).

Plain `def` tests: snap_compare runs its own event loop. Each scene is defined once in
tests/scenes.py, with a fake clock so the digits never change between runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.scenes import SCENES, SCREENSHOTS, scene_named


def compare(snap_compare: Any, name: str, folder: Path) -> bool:
    scene = scene_named(name)
    app, clock = scene.build(folder)

    async def before(pilot: Any) -> None:
        await scene.setup(pilot, clock)

    return bool(snap_compare(app, terminal_size=scene.size, run_before=before))


class TestBrowser:
    def test_browser(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "browser", tmp_path)

    def test_browser_large(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "browser-large", tmp_path)

    def test_browser_small(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "browser-small", tmp_path)

    def test_filter(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "filter", tmp_path)

    def test_problems(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "problems", tmp_path)

    def test_command_palette(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "command-palette", tmp_path)


class TestPlayer:
    def test_get_ready(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "get-ready", tmp_path)

    def test_hold(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "hold", tmp_path)

    def test_hold_large(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "hold-large", tmp_path)

    def test_paused(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "paused", tmp_path)

    def test_rest(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "rest", tmp_path)

    def test_switch_sides(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "switch-sides", tmp_path)

    def test_second_side_is_mirrored(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "second-side", tmp_path)

    def test_rep_phase_with_breathing(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "rep-phase", tmp_path)

    def test_until_done(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "until-done", tmp_path)

    def test_final_seconds(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "final-seconds", tmp_path)

    def test_leave_confirm(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "leave-confirm", tmp_path)


class TestEndAndHelp:
    def test_summary(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "summary", tmp_path)

    def test_help(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "help", tmp_path)


class TestHistory:
    def test_pain_question(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "pain-question", tmp_path)

    def test_resume(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "resume", tmp_path)

    def test_history(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "history", tmp_path)

    def test_history_empty(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "history-empty", tmp_path)


class TestTerminalFit:
    def test_player_small(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "player-small", tmp_path)

    def test_player_medium(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "player-medium", tmp_path)

    def test_player_16_colours(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "player-16-colours", tmp_path)

    def test_player_no_color(self, snap_compare: Any, tmp_path: Path) -> None:
        assert compare(snap_compare, "player-no-color", tmp_path)


def test_every_scene_has_a_snapshot_test() -> None:
    tested = {
        name.removeprefix("test_").replace("_", "-")
        for cls in (TestBrowser, TestPlayer, TestEndAndHelp, TestHistory, TestTerminalFit)
        for name in vars(cls)
        if name.startswith("test_")
    }
    tested = {
        name.replace("second-side-is-mirrored", "second-side").replace("rep-phase-with-breathing", "rep-phase")
        for name in tested
    }
    assert tested == {scene.name for scene in SCENES}


def test_screenshots_folder_matches_the_scene_list() -> None:
    wanted = {f"{scene.name}.svg" for scene in SCENES if scene.screenshot}
    present = {path.name for path in SCREENSHOTS.glob("*")}
    assert present == wanted, "run: python -m tests.scenes"
