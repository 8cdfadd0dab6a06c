"""The large font: its shapes, its sizes, and what it will not draw."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from unknot.ui.big_font import (
    FONT,
    big_lines,
    can_draw,
    cell_height,
    draw,
    fitting_scale,
    glyph_spans,
    pixel_width,
    wrap_words,
)


def test_digits_at_the_smallest_scale() -> None:
    assert draw("0:18", 1) == [
        "█▀█ ▄ ▄█  █▀█",
        "█ █ ▄  █  █▀█",
        "▀▀▀   ▀▀▀ ▀▀▀",
    ]


def test_a_scale_multiplies_every_pixel() -> None:
    assert draw("1", 2) == ["  ██  ", "████  ", "  ██  ", "  ██  ", "██████"]


def test_every_glyph_is_five_pixels_tall_and_even() -> None:
    for char, glyph in FONT.items():
        assert len(glyph) == 5, char
        assert len({len(row) for row in glyph}) == 1, char
        assert set("".join(glyph)) <= {"#", "."}, char


def test_only_characters_in_the_font_are_drawn_large() -> None:
    assert can_draw("Switch sides") and can_draw("0:59")
    assert not can_draw("Étirement") and not can_draw("\x1b[2J") and not can_draw("腰")


def test_the_scale_fits_both_ways() -> None:
    assert pixel_width("0:00") == 13
    assert fitting_scale("0:00", 80, 14) == 5  # height-bound: 5 px x 5 = 25 half-rows in 28
    assert fitting_scale("0:00", 40, 40) == 3  # width-bound
    assert fitting_scale("0:00", 12, 40) == 0  # not even at 1
    assert fitting_scale("0:00", 200, 200, largest=4) == 4


@given(st.text(alphabet="0123456789:", min_size=1, max_size=8), st.integers(min_value=1, max_value=8))
def test_drawn_size_matches_the_sums(text: str, scale: int) -> None:
    rows = draw(text, scale)
    assert len(rows) == cell_height(scale)
    assert {len(row) for row in rows} == {pixel_width(text) * scale}
    spans = glyph_spans(text, scale)
    assert spans[0][0] == 0 and sum(width for _, width in spans) == pixel_width(text) * scale


def test_words_wrap_whole_and_a_middle_dot_stays_with_the_words_before_it() -> None:
    width = pixel_width("LYING SPINAL TWIST ·")
    assert wrap_words("Lying spinal twist · Left side", width, 1) == ["Lying spinal twist ·", "Left side"]
    assert wrap_words("Cobra", 1, 1) == ["Cobra"]  # a word wider than the room is never broken


def test_large_lines_fit_the_room_in_at_most_so_many_lines_or_none() -> None:
    assert big_lines("Knees to chest", 78, 1, 1) == (1, ["Knees to chest"])
    assert big_lines("Next: Lying spinal twist", 78, 1, 1) == (0, [])  # 95 pixels: one line is not enough
    assert big_lines("Next: Lying spinal twist", 78, 2, 1) == (1, ["Next: Lying spinal", "twist"])
    assert big_lines("Cobra", 200, 1, 3) == (3, ["Cobra"])
    assert big_lines("Ça va", 200, 1) == (0, [])  # a letter the font lacks: plain text
    assert big_lines("Cobra", 200, 0) == (0, [])
