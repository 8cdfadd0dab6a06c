"""Cleaning text so it can never act on a terminal."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unknot.core.routines.text import cell_width, clean_text


def test_escape_sequences_become_visible() -> None:
    assert clean_text("\x1b]0;owned\x07title") == "␛]0;owned␇title"
    assert clean_text("\x9b31m red") == "\ufffd31m red"
    assert clean_text("a\x7fb") == "a␡b"


def test_newlines_tabs_and_markup_are_kept_as_text() -> None:
    assert clean_text("[bold]x[/]\n\t$var") == "[bold]x[/]\n\t$var"


def test_bidi_overrides_are_removed() -> None:
    assert clean_text("abc\u202edef\u2066") == "abcdef"


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    cleaned = clean_text(text)
    for char in cleaned:
        code = ord(char)
        assert char in "\n\t" or not (code < 0x20 or 0x7F <= code < 0xA0)
        assert char not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Family 👨\u200d👩\u200d👧 time", "Family 👨👩👧 time"),
        ("Heart \u2764\ufe0f", "Heart \u2764"),
        ("Wave 👋🏽", "Wave 👋"),
    ],
)
def test_emoji_joiners_go_so_every_terminal_draws_text_as_wide_as_it_is_measured(text: str, shown: str) -> None:
    assert clean_text(text) == shown
    assert cell_width(clean_text(text)) == sum(2 if ord(char) > 0x1F000 else 1 for char in shown)
