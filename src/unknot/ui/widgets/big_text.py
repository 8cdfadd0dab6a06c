"""Large text that fills the space it is given: the countdown's digits and the floor view's phase.

The scale is the largest at which `template` (the widest text expected, so the size holds steady
through a countdown) fits the widget. Each character is its own small widget: Textual repaints a
widget's line whole, so this way a passing second repaints only the rows of the one or two digits
that changed. Text the font cannot draw, or text too long for even the smallest scale (a long cue
on the floor view), shows as plain bold text wrapped at whole words: never as scattered letters.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.app import ComposeResult
from textual.geometry import Region
from textual.reactive import var
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from ..big_font import can_draw, cell_height, draw, fitting_scale


class BigGlyph(Widget):
    """One character of a BigText, drawn at its scale (0: as itself, one cell wide)."""

    DEFAULT_CSS = """
    BigGlyph {
        width: auto;
        height: auto;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.char = " "
        self.scale = 0
        self.gap = False
        self._rows: list[str] = [" "]

    def show(self, char: str, scale: int, gap: bool) -> None:
        """Draw `char` (with a one-pixel gap after it when `gap`); repaint only the rows that differ."""
        if (char, scale, gap) == (self.char, self.scale, self.gap):
            return
        old = self._rows
        self.char, self.scale, self.gap = char, scale, gap
        self._rows = self._draw()
        width = len(self._rows[0])
        if len(old) != len(self._rows) or len(old[0]) != width:
            self.styles.width = width
            self.styles.height = len(self._rows)
            self.refresh(layout=True)
            return
        for row, (was, now) in enumerate(zip(old, self._rows, strict=True)):
            if was != now:
                self.refresh(Region(0, row, width, 1))

    def _draw(self) -> list[str]:
        if self.scale < 1:
            return [self.char]
        text = f"{self.char} " if self.gap else self.char
        rows = draw(text, self.scale)
        if self.gap:  # the font's gap between glyphs, without the space glyph's own width
            keep = len(draw(self.char, self.scale)[0]) + self.scale
            rows = [row[:keep] for row in rows]
        return rows

    def render_line(self, y: int) -> Strip:
        """One row of the drawn character."""
        style = self.rich_style
        if 0 <= y < len(self._rows):
            return Strip([Segment(self._rows[y], style)], len(self._rows[y]))
        return Strip.blank(self.size.width, style)


class BigText(Widget):
    """Draws `text` as large as fits (centred unless told not to); `template` fixes the scale."""

    DEFAULT_CSS = """
    BigText {
        width: 1fr;
        height: 3;
        layout: horizontal;
        align: center middle;
    }
    BigText.-left {
        align: left middle;
    }
    BigText > .big-text-plain {
        width: 1fr;
        height: auto;
        max-height: 100%;
        text-align: center;
        text-style: bold;
    }
    BigText.-left > .big-text-plain {
        text-align: left;
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
        self.set_class(not centred, "-left")
        self.scale = 0
        """The scale in use (0: shown as plain text)."""

    def compose(self) -> ComposeResult:
        """The plain line for text that cannot be drawn large; the glyphs are mounted as needed."""
        yield Static("", classes="big-text-plain", markup=False)

    def watch_text(self) -> None:
        """Show the new text."""
        self._show()

    def watch_template(self) -> None:
        """A new template may change the scale."""
        self._show()

    def watch_largest(self) -> None:
        """A new limit may change the scale."""
        self._show()

    def on_resize(self) -> None:
        """Choose the scale again for the new size."""
        self._show()

    def _show(self) -> None:
        if not self.is_attached:
            return
        width, height = self.size
        text = self.text
        template = self.template if len(self.template) >= len(text) else text
        scale = fitting_scale(template, width, height, self.largest) if can_draw(template + text) else 0
        self.scale = scale if scale >= 1 and cell_height(scale) <= height else 0
        plain = self.query_one(".big-text-plain", Static)
        plain.display = self.scale == 0
        if self.scale == 0:
            plain.update(text)
            for glyph in self.query_children(BigGlyph):
                glyph.display = False
            return
        # Glyphs are kept once made (hidden when the text is shorter): a countdown's length changes
        # often, and mounting and removing widgets each time would churn tasks and layout.
        glyphs = list(self.query_children(BigGlyph))
        wanted = len(text)
        if len(glyphs) < wanted:
            added = [BigGlyph() for _ in range(wanted - len(glyphs))]
            self.mount_all(added)
            glyphs += added
        for index, glyph in enumerate(glyphs):
            if index < wanted:
                char = text[index]
                glyph.show(char.upper() if self.scale else char, self.scale, gap=index < wanted - 1)
            glyph.display = index < wanted
