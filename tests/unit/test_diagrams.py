"""Diagram tidying, measuring and mirroring."""

from hypothesis import given
from hypothesis import strategies as st

from unknot.core.routines.diagrams import (
    MAX_COLUMNS,
    MAX_ROWS,
    art_size,
    mirror_art,
    scale_art,
    size_problem,
    tidy_art,
    without_margin,
)
from unknot.core.routines.text import cell_width

PAIRS = [("/", "\\"), ("(", ")"), ("<", ">"), ("[", "]"), ("{", "}")]


def test_mirror_swaps_every_pair_of_directional_characters() -> None:
    for left, right in PAIRS:
        assert mirror_art(left) == right
        assert mirror_art(right) == left
        assert mirror_art(left + right) == left + right


def test_mirror_flips_a_figure_and_pads_to_the_widest_line() -> None:
    art = "  o\n /|\\\n / >"
    assert mirror_art(art) == "  o\n /|\\\n < \\"


@given(st.lists(st.text(alphabet=" /\\()<>[]{}o|_-=^@*", max_size=30), min_size=1, max_size=12))
def test_mirroring_twice_gives_back_tidy_art(lines: list[str]) -> None:
    art = tidy_art("\n".join(lines))
    assert mirror_art(mirror_art(art)) == art


def test_tidy_expands_tabs_and_trims() -> None:
    assert tidy_art("a\tb   \n\n\n") == "a   b"


def test_size_counts_wide_characters_as_two_cells() -> None:
    assert cell_width("腰痛") == 4
    assert art_size("腰痛\nab") == (4, 2)
    assert size_problem("x" * MAX_COLUMNS + "\n" * (MAX_ROWS - 1)) is None
    assert "37 columns" in (size_problem("x" * 37) or "")
    assert "13 rows" in (size_problem("x\n" * 12 + "x") or "")
    assert size_problem("漢" * 19) is not None


def test_scaling_repeats_every_cell_across_and_every_line_down() -> None:
    assert scale_art(" o\n/|", 1) == " o\n/|"
    assert scale_art(" o\n#O", 2) == "  oo\n  oo\n##OO\n##OO"
    assert art_size(scale_art("腰\nab", 3)) == (6, 6)


def test_the_common_margin_and_blank_lines_above_are_left_out() -> None:
    assert without_margin("\n   o\n  /|\\\n") == " o\n/|\\\n"
    assert without_margin("") == ""


def test_scaled_lines_stay_thin_and_diagonals_stay_diagonal() -> None:
    assert scale_art("_-", 3) == "\n   ---\n___"
    assert scale_art("|", 3) == " |\n |\n |"
    assert scale_art("/\\", 2) == " /\\\n/  \\"
