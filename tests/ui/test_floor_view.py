"""The floor view: a clock that fills the screen, the phase large, `f` to switch, remembered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app_builder import build_app
from tests.scenes import FLOOR, advance
from tests.ui.test_sizes import fully_shown
from unknot.ui.big_font import cell_height
from unknot.ui.screens.player import PlayerScreen
from unknot.ui.widgets.big_text import BigText
from unknot.ui.widgets.big_words import BigWords


async def open_player(pilot, app, routine_id: str = "floor-stretches") -> PlayerScreen:
    app.action_play(routine_id)
    await pilot.pause()
    assert isinstance(app.screen, PlayerScreen)
    return app.screen


@pytest.mark.parametrize(("columns", "rows"), [(80, 24), (120, 40), (200, 60)])
async def test_the_clock_takes_at_least_two_fifths_of_the_rows(tmp_path: Path, columns: int, rows: int) -> None:
    app, clock = build_app(tmp_path, overrides=FLOOR)
    async with app.run_test(size=(columns, rows)) as pilot:
        screen = await open_player(pilot, app)
        await advance(pilot, clock, 5 + 12.5)  # into the first hold
        big = screen.query_one("#floor-clock", BigText)
        assert big.text == "0:18" and fully_shown(big)
        assert cell_height(big.scale) >= 0.4 * rows
        phase = screen.query_one("#floor-phase", BigText)
        assert phase.text == "BREATHE IN" or phase.text == "BREATHE OUT" or phase.text == "HOLD"
        assert phase.scale >= 1 and fully_shown(phase)
        assert screen.query_one("#floor-title", BigWords).text == "Knees to chest"


async def test_f_switches_views_and_the_choice_is_remembered(tmp_path: Path) -> None:
    app, _clock = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(pilot, app)
        assert not screen.floor
        assert fully_shown(screen.query_one("#digits"))
        await pilot.press("f")
        await pilot.pause()
        assert screen.floor and fully_shown(screen.query_one("#floor-clock"))
        assert screen.query_one("#player").region.area == 0
    assert json.loads((tmp_path / "settings.json").read_text())["floor"] is True
    again, _clock = build_app(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_player(pilot, again)
        assert screen.floor
        await pilot.press("f")
        await pilot.pause()
        assert not screen.floor and fully_shown(screen.query_one("#digits"))


async def test_a_side_change_and_a_cue_take_the_phase_line(tmp_path: Path) -> None:
    app, clock = build_app(tmp_path, overrides=FLOOR)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(pilot, app, "quick-test")
        await advance(pilot, clock, 2 + 1)
        phase = screen.query_one("#floor-phase", BigText)
        assert phase.text == "HALFWAY CUE"
        texts = []
        for _ in range(8):  # the hold's end, a rest, the right side, the switch, the left side
            await advance(pilot, clock, 1)
            texts.append(phase.text)
        assert "SWITCH SIDES" in texts and texts[1:].count("HALFWAY CUE") == 0


async def test_the_last_three_seconds_change_shape(tmp_path: Path) -> None:
    app, clock = build_app(tmp_path, overrides=FLOOR)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(pilot, app, "quick-test")
        view = screen.query_one("#floor")
        await advance(pilot, clock, 2 + 1.5)
        assert view.has_class("-final")
        assert screen.query_one("#floor-clock").styles.outline_top[0] == "thick"  # a frame: shape, not only colour


async def test_the_phases_of_a_movement_are_never_flagged_as_last_seconds(tmp_path: Path) -> None:
    app, clock = build_app(tmp_path, overrides=FLOOR)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(pilot, app, "floor-stretches")
        await advance(pilot, clock, 5 + 30 + 10 + 65 + 10 + 1.5)  # cat/cow: 3 s phases, ten times
        assert screen.query_one("#floor-phase", BigText).text in ("INHALE – COW", "EXHALE – CAT")
        assert screen.query_one("#floor-phase", BigText).scale >= 1  # drawn large, dash and all
        assert not screen.query_one("#floor").has_class("-final")


def _shipped_cues() -> list[tuple[str, str]]:
    from unknot.core.library.loader import load_library
    from unknot.core.paths import shipped_routines_dir

    library = load_library([shipped_routines_dir()])
    return [
        (routine_id, cue.text)
        for routine_id, entry in sorted(library.routines.items())
        for step in entry.routine.steps
        for cue in step.cues
    ]


@pytest.mark.parametrize(("columns", "rows"), [(80, 24), (120, 40), (200, 60)])
async def test_every_shipped_cue_shows_whole_words_large_or_wrapped(tmp_path: Path, columns: int, rows: int) -> None:
    """A cue too long for large letters is plain text at whole words, never letters spread apart."""
    from textual.widgets import Static

    from unknot.ui.widgets.big_text import BigGlyph
    from unknot.ui.widgets.floor_view import FloorView

    cues = _shipped_cues()
    assert len(cues) >= 4
    app, clock = build_app(tmp_path, overrides=FLOOR)
    async with app.run_test(size=(columns, rows)) as pilot:
        for routine_id, text in cues:
            screen = await open_player(pilot, app, routine_id)
            await advance(pilot, clock, 6)
            floor = screen.query_one(FloorView)
            floor.cue = text
            await pilot.pause()
            phase = screen.query_one("#floor-phase", BigText)
            glyphs = [glyph for glyph in phase.query(BigGlyph) if glyph.display]
            plain = phase.query_one(".big-text-plain", Static)
            if phase.scale >= 1:
                assert fully_shown(phase) and not plain.display
                assert "".join(glyph.char for glyph in glyphs) == text.upper()
                assert all(fully_shown(glyph) for glyph in glyphs), (routine_id, text)
            else:
                assert glyphs == [] and plain.display and fully_shown(plain), (routine_id, text)
                lines = [line.text.strip() for line in plain.render_lines(plain.region.reset_offset)]
                assert " ".join(" ".join(lines).split()) == " ".join(text.upper().split()), lines
            await pilot.press("q", "y")
            await pilot.pause()
