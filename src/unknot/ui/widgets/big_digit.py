"""One large character of the countdown, drawn in seven-segment ASCII three rows tall.

Plain ASCII renders on every terminal font and costs one byte a cell over SSH (the
box-drawing font of Textual's Digits costs three), and one widget per character means
each second repaints only the digit that changed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Static

from .plain import set_plain

# Each glyph carries its own spacing on the right, so digits need no margins (a margin is
# one more styled segment per row, more bytes every second).
SEGMENT_FONT = {
    "0": (" _  ", "| | ", "|_| "),
    "1": ("    ", "  | ", "  | "),
    "2": (" _  ", " _| ", "|_  "),
    "3": (" _  ", " _| ", " _| "),
    "4": ("    ", "|_| ", "  | "),
    "5": (" _  ", "|_  ", " _| "),
    "6": (" _  ", "|_  ", "|_| "),
    "7": (" _  ", "  | ", "  | "),
    "8": (" _  ", "|_| ", "|_| "),
    "9": (" _  ", "|_| ", " _| "),
    ":": ("  ", ". ", ". "),
    " ": ("", "", ""),
}


def big_text(text: str) -> str:
    """Return `text` (digits, colons, spaces) as three rows of seven-segment ASCII."""
    rows = ["", "", ""]
    for char in text:
        glyph = SEGMENT_FONT.get(char, SEGMENT_FONT[" "])
        rows = [row + part for row, part in zip(rows, glyph, strict=True)]
    return "\n".join(rows)


class BigDigit(Vertical):
    """A single large character; each of its three rows repaints only when that row changes.

    Going from 9 to 8 changes one row of three, so a second usually costs one or two rows.
    """

    DEFAULT_CSS = """
    BigDigit {
        width: auto;
        height: 3;
    }
    BigDigit > Static {
        width: auto;
        height: 1;
    }
    """

    char: var[str] = var(" ")
    """The character shown: a digit, a colon or a space."""

    def compose(self) -> ComposeResult:
        """Lay out the three rows."""
        for _ in range(3):
            yield Static(markup=False)

    def watch_char(self, char: str) -> None:
        """Update the rows that differ."""
        rows = SEGMENT_FONT.get(char, SEGMENT_FONT[" "])
        for row, text in zip(self.query(Static), rows, strict=True):
            set_plain(row, text)
