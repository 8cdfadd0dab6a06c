"""A one-line progress meter that repaints only when its filled half-cells change."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import var
from textual.widget import Widget

from ...core.glyphs import glyphs


def meter_content(fraction: float, width: int) -> Content:
    """Return a bar `width` cells wide, filled to `fraction` in half-cell steps."""
    halves = round(max(0.0, min(1.0, fraction)) * width * 2)
    full, half = divmod(halves, 2)
    shapes = glyphs()
    filled = shapes.meter_full * full + (shapes.meter_half if half else "")
    return Content.assemble((filled, "$accent"), (shapes.meter_empty * (width - len(filled)), "$panel"))


class Meter(Widget):
    """Shows `fraction` (0 to 1) as a bar; unlike ProgressBar it runs no timer of its own."""

    DEFAULT_CSS = """
    Meter {
        height: 1;
        width: 1fr;
    }
    """

    fraction: var[float] = var(0.0)
    """How full the bar is, 0 to 1."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown_halves = -1

    def watch_fraction(self, fraction: float) -> None:
        """Repaint only when the bar would look different."""
        halves = round(max(0.0, min(1.0, fraction)) * self.size.width * 2)
        if halves != self._shown_halves:
            self.refresh()

    def on_resize(self) -> None:
        """A new width means a new picture."""
        self._shown_halves = -1
        self.refresh()

    def render(self) -> Content:
        """Draw the bar at the current width."""
        width = self.size.width
        self._shown_halves = round(max(0.0, min(1.0, self.fraction)) * width * 2)
        return meter_content(self.fraction, width)
