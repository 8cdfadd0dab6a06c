"""Large text that fills the space it is given: the countdown's digits and the floor view's phase.

The scale is the largest at which `template` (the widest text expected, so the size holds steady
through a countdown) fits the widget. Changing the text repaints only the glyphs that changed,
so a second of countdown costs one or two digits over SSH. Text the font cannot draw, or a widget
too small for even the smallest scale, shows as one line of plain text.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.reactive import var
from textual.strip import Strip
from textual.widget import Widget

from ..big_font import can_draw, cell_height, draw, fitting_scale, glyph_spans


class BigText(Widget):
    """Draws `text` as large as fits (centred unless told not to); `template` fixes the scale."""

    DEFAULT_CSS = """
    BigText {
        width: 1fr;
        height: 3;
    }
    """

    text: var[str] = var("")
    """What is shown."""
    template: var[str] = var("")
    """The widest text expected at this size (empty: the text itself)."""
    largest: var[int] = var(64)
    """The largest scale to use, however much room there is."""

    def __init__(self, *, id: str | None = None, classes: str | None = None, centred: bool = True) -> None:
        super().__init__(id=id, classes=classes)
        self.centred = centred
        self._rows: list[str] = []
        self._layout: tuple[str, int, int, int] | None = None  # (text, scale, left, top) drawn

    def watch_text(self, old: str, new: str) -> None:
        """Repaint only the glyphs that changed when the layout stays the same; else everything."""
        before = self._layout
        self._compute()
        after = self._layout
        if before is None or after is None or before[1:] != after[1:] or len(old) != len(new):
            self.refresh()
            return
        _text, scale, left, top = after
        height = len(self._rows)
        for (column, width), was, now in zip(glyph_spans(new, scale), old, new, strict=True):
            if was != now:
                self.refresh(Region(left + column, top, width, height))

    def watch_template(self) -> None:
        """A new template may change the scale."""
        self._compute()
        self.refresh()

    def watch_largest(self) -> None:
        """A new limit may change the scale."""
        self._compute()
        self.refresh()

    def on_resize(self) -> None:
        """Choose the scale again for the new size."""
        self._compute()
        self.refresh()

    @property
    def scale(self) -> int:
        """The scale in use (0: shown as plain text)."""
        return self._layout[1] if self._layout else 0

    def _compute(self) -> None:
        width, height = self.size
        text = self.text
        template = self.template if len(self.template) >= len(text) else text
        scale = fitting_scale(template, width, height, self.largest) if can_draw(template + text) else 0
        if scale < 1 or not text:
            self._rows = [text] if text else []
            left = max(0, (width - len(text)) // 2) if self.centred else 0
            self._layout = (text, 0, left, max(0, (height - 1) // 2))
            return
        self._rows = draw(text, scale)
        left = max(0, (width - len(self._rows[0])) // 2) if self.centred else 0
        top = max(0, (height - cell_height(scale)) // 2)
        self._layout = (text, scale, left, top)

    def render_line(self, y: int) -> Strip:
        """One row: blank, or a row of the drawn text centred in the widget's width."""
        width = self.size.width
        style = self.rich_style
        if self._layout is None:
            self._compute()
        assert self._layout is not None
        _text, _scale, left, top = self._layout
        row = y - top
        if not 0 <= row < len(self._rows):
            return Strip.blank(width, style)
        line = self._rows[row][: max(0, width - left)]
        right = max(0, width - left - len(line))
        # Only the text itself takes the style's reverse video (the last seconds), not the margins.
        margin = Style(color=style.color, bgcolor=style.bgcolor)
        segments = [Segment(" " * left, margin), Segment(line, style), Segment(" " * right, margin)]
        return Strip([segment for segment in segments if segment.text], width)
