"""What to do, read from the floor: the step's drawing by the clock, its name large, the coming step in a rest.

And the normal player's drawing grows by whole cells where the screen has room for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_builder import build_app
from tests.scenes import FLOOR, advance
from tests.ui.test_sizes import fully_shown
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir
from unknot.core.routines.describe import diagram_art
from unknot.ui.big_font import cell_height
from unknot.ui.screens.player import PlayerScreen
from unknot.ui.widgets.big_text import BigGlyph, BigText
from unknot.ui.widgets.big_words import BigWords
from unknot.ui.widgets.floor_stage import arrange
from unknot.ui.widgets.scaled_art import ScaledArt

SIZES = [(80, 24), (120, 40), (200, 60)]
#: Gentle floor stretches: 5 s to get ready, knees to chest 30 s, a 10 s rest, then the lying twist.
IN_THE_FIRST_HOLD = 5 + 12.5
IN_THE_FIRST_REST = 5 + 30 + 3


async def open_player(pilot, app, routine_id: str = "floor-stretches") -> PlayerScreen:
    app.action_play(routine_id)
    await pilot.pause()
    assert isinstance(app.screen, PlayerScreen)
    return app.screen


def shown_lines(widget) -> list[str]:
    """The rows a widget draws, as text, trailing spaces dropped."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


def steps():
    library = load_library([shipped_routines_dir()])
    return library.routines["floor-stretches"].routine.steps


@pytest.mark.parametrize(("columns", "rows"), SIZES)
async def test_the_drawing_shows_by_the_clock_whole_and_the_clock_stays_large(
    tmp_path: Path, columns: int, rows: int
) -> None:
    app, clock = build_app(tmp_path, overrides=FLOOR)
    async with app.run_test(size=(columns, rows)) as pilot:
        screen = await open_player(pilot, app)
        await advance(pilot, clock, IN_THE_FIRST_HOLD)
        big = screen.query_one("#floor-clock", BigText)
        art = screen.query_one("#floor-art", ScaledArt)
        assert fully_shown(art) and fully_shown(big)
        assert cell_height(big.scale) >= 0.4 * rows
        assert all(fully_shown(glyph) for glyph in big.query(BigGlyph) if glyph.display)
        drawn = "\n".join(shown_lines(art))
        assert "O" in drawn and "=" * 20 in drawn  # the head and the mat: the knees-to-chest drawing
        assert not art.region.overlaps(big.region)
        if (columns, rows) == (200, 60):
            assert art.scale >= 2  # room to spare: the drawing grows


@pytest.mark.parametrize(("columns", "rows"), SIZES)
async def test_the_step_name_is_large_where_there_is_room(tmp_path: Path, columns: int, rows: int) -> None:
    app, clock = build_app(tmp_path, overrides=FLOOR)
    async with app.run_test(size=(columns, rows)) as pilot:
        screen = await open_player(pilot, app)
        await advance(pilot, clock, IN_THE_FIRST_HOLD)
        title = screen.query_one("#floor-title", BigWords)
        assert title.text == "Knees to chest" and fully_shown(title)
        assert not title.has_class("-plain")  # large letters: "KNEES TO CHEST" fits 80 columns
        assert len(shown_lines(title)) >= 3 and "█" in "".join(shown_lines(title))


@pytest.mark.parametrize(("columns", "rows"), SIZES)
async def test_a_rest_shows_the_coming_step(tmp_path: Path, columns: int, rows: int) -> None:
    twist = steps()[1]
    app, clock = build_app(tmp_path, overrides=FLOOR)
    async with app.run_test(size=(columns, rows)) as pilot:
        screen = await open_player(pilot, app)
        await advance(pilot, clock, IN_THE_FIRST_REST)
        assert screen.query_one("#floor-phase", BigText).text == "REST"
        assert screen.query_one("#floor-title", BigWords).text == f"Next: {twist.title}"
        shown_words = str(screen.query_one("#floor-words").render())
        assert shown_words == " ".join(twist.instructions.split())  # not the finished step's words
        art = screen.query_one("#floor-art", ScaledArt)
        assert fully_shown(art)
        assert art.art == diagram_art(twist)  # the twist's drawing, not the knees'
        assert "O" in "\n".join(shown_lines(art))


async def test_every_shipped_step_name_is_whole_words_large_or_plain(tmp_path: Path) -> None:
    """A step's name in large letters never breaks a word; where it does not fit it is plain text."""
    library = load_library([shipped_routines_dir()])
    titles = sorted({step.title for entry in library.routines.values() for step in entry.routine.steps})
    for columns, rows in SIZES:
        app, clock = build_app(tmp_path, overrides=FLOOR)
        async with app.run_test(size=(columns, rows)) as pilot:
            screen = await open_player(pilot, app)
            await advance(pilot, clock, IN_THE_FIRST_HOLD)
            title = screen.query_one("#floor-title", BigWords)
            for text in titles:
                for shown in (text, f"{text} · Left side", f"Next: {text}"):
                    title.text = shown
                    await pilot.pause()
                    assert fully_shown(title), (columns, shown)
                    lines = shown_lines(title)
                    if title.has_class("-plain"):
                        assert " ".join(" ".join(lines).split()) == " ".join(shown.split()), lines
                    else:
                        assert len(lines) % 3 == 0 and "█" in "".join(lines), (columns, shown)
                        # Every line of large letters is whole words of the name.
                        assert all(line.strip() for line in lines[::3])


def test_the_drawing_goes_where_the_clock_keeps_its_size() -> None:
    # 80x24 with the name large: beside fits (the clock keeps scale 4, ten rows).
    assert arrange(78, 14, "0:00", (22, 8), clock_rows=10).place == "beside"
    # Too little room for both: the clock comes first.
    assert arrange(78, 14, "0:00", (36, 5), clock_rows=10).place == "none"
    # A large screen: the drawing grows to three times its size.
    big = arrange(198, 44, "0:00", (25, 5), clock_rows=24)
    assert big.art_scale == 3 and cell_height(big.clock_scale) >= 24
    # A phone in portrait: under the clock, which loses nothing.
    phone = arrange(38, 14, "0:00", (25, 5), clock_rows=12)
    assert phone.place == "under" and phone.clock_scale == arrange(38, 14, "0:00", (0, 0)).clock_scale
    assert arrange(78, 14, "0:00", (0, 0)).place == "none"


async def test_the_normal_players_drawing_grows_on_a_large_screen(tmp_path: Path) -> None:
    app, clock = build_app(tmp_path)
    async with app.run_test(size=(200, 60)) as pilot:
        screen = await open_player(pilot, app)
        await advance(pilot, clock, IN_THE_FIRST_HOLD)
        art = screen.query_one("#diagram", ScaledArt)
        assert art.scale == 3 and fully_shown(art)
        assert fully_shown(screen.query_one("#step-title"))
        # In the middle of the rows under the words, not at their top over thirty empty rows.
        lines = shown_lines(art)
        drawn = [row for row, line in enumerate(lines) if line.strip()]
        above, below = drawn[0], len(lines) - 1 - drawn[-1]
        assert drawn[-1] - drawn[0] + 1 >= 3 * 5 - 2 and abs(above - below) <= 3 and below < 25
        assert art.region.bottom >= screen.query_one("#detail").region.bottom - 1


async def test_the_normal_players_drawing_keeps_its_size_at_80_by_24(tmp_path: Path) -> None:
    app, clock = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(pilot, app)
        await advance(pilot, clock, IN_THE_FIRST_HOLD)
        art = screen.query_one("#diagram", ScaledArt)
        assert art.scale == 1 and fully_shown(art)
        assert shown_lines(art)[-1] == " ========================"  # as written, margin and all
