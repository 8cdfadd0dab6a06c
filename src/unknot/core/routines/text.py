"""Cleaning routine text so it is always inert data, and measuring it in terminal cells."""

from __future__ import annotations

import unicodedata

# Bidirectional controls can reorder what a reader sees; they have no place in routine text.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_REPLACEMENT = "\ufffd"
# What joins or restyles emoji: the zero-width joiner, the variation selectors and the skin-tone
# modifiers. Terminals disagree about how wide the result is (a family of three drawn in 2 cells or
# 6, a red heart in 1 or 2), and Textual measures each part alone, so a border drawn around such a
# title breaks. Without them each emoji stands alone, as wide everywhere as it is measured.
_EMOJI_JOINERS = frozenset("\u200d\ufe0e\ufe0f" + "".join(chr(code) for code in range(0x1F3FB, 0x1F400)))


def _visible_control(char: str) -> str:
    """Return a printable stand-in for one control character."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "\u2421"  # ␡
    return _REPLACEMENT


def _build_table() -> dict[int, str]:
    table = {code: _visible_control(chr(code)) for code in range(0x20)}
    table[0x7F] = _visible_control("\x7f")
    for code in range(0x80, 0xA0):
        table[code] = _REPLACEMENT
    for char in _BIDI_CONTROLS | _EMOJI_JOINERS:
        table[ord(char)] = ""
    del table[ord("\n")]
    del table[ord("\t")]
    return table


_CLEAN_TABLE = _build_table()


def clean_text(text: str) -> str:
    """Make `text` safe to show in a terminal.

    Every C0 and C1 control except newline and tab, and DEL, becomes a visible stand-in
    (ESC shows as ␛), and bidirectional overrides are removed, so no routine text can ever
    reach a terminal as an escape sequence or silently reorder what is shown. What joins emoji
    into one picture goes too (see _EMOJI_JOINERS): every terminal then draws them as wide as
    they are measured.
    """
    if text.isprintable() and (text.isascii() or _EMOJI_JOINERS.isdisjoint(text)):
        return text
    return text.translate(_CLEAN_TABLE)


def clean_line(text: str) -> str:
    """Make `text` safe to show on one line: `clean_text`, and newlines and tabs shown as pictures too.

    For file names and paths: a name may hold any byte but `/`, including ESC and newlines, and
    (on Linux) bytes that are not UTF-8, which Python keeps as lone surrogates; those become U+FFFD.
    """
    if text.isprintable():
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return clean_text(text).replace("\n", "\u2424").replace("\t", "\u2409")


def shown_path(path: object) -> str:
    """Return a path as text that is safe to show anywhere (see `clean_line`)."""
    return clean_line(str(path))


def char_width(char: str) -> int:
    """Return how many terminal cells one character takes: 0, 1 or 2."""
    if char < "\u0300":
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(line: str) -> int:
    """Return the width of one line of text in terminal cells."""
    if line.isascii():
        return len(line)
    return sum(char_width(char) for char in line)
