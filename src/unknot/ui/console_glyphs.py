"""Textual's own symbols (scrollbars, borders, the palette's icon, ⏎) swapped for ones the terminal has.

Unknot's own symbols come from `core.glyphs`; this module makes the parts Textual draws follow
the same choice. With the console set, the app carries the `-console` class (its borders are
chosen in `app.tcss`) and scrollbars use whole cells.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App
from textual.command import CommandPalette, SearchIcon
from textual.scrollbar import ScrollBar, ScrollBarRender

from ..core.glyphs import glyphs


class WholeCellScrollBarRender(ScrollBarRender):
    """A scrollbar whose thumb is whole cells of colour: no eighth-block characters."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


def apply_terminal_glyphs(app: App[Any]) -> None:
    """Make the parts Textual draws follow the glyph set in use (call once, before the first frame)."""
    console = glyphs().name == "console"
    app.set_class(console, "-console")
    # A class-wide setting in Textual; set both ways so one app's choice never outlives it.
    ScrollBar.renderer = WholeCellScrollBarRender if console else ScrollBarRender


def key_display(shown: str) -> str:
    """Replace symbols in a key as Textual writes it (`⏎`) with the glyph set's."""
    return shown.replace("⏎", glyphs().enter)


class GlyphCommandPalette(CommandPalette):
    """Textual's command palette with the search icon and placeholder drawn from the glyph set in use."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=f"Search for commands{glyphs().ellipsis}", id=id)

    def on_mount(self) -> None:
        """Swap the icon (a magnifying-glass emoji by default)."""
        self.query_one(SearchIcon).icon = glyphs().search
