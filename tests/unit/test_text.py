"""Cleaning text so it can never act on a terminal."""

from hypothesis import given
from hypothesis import strategies as st

from unknot.core.routines.text import clean_text


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
